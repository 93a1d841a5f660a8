// Durable file writes shared by the snapshot writer, the installer, the usage export and the kiosk's
// --set-pin. (Reading a whole file is db::ReadWholeFile in db/text.h.)
#pragma once
#include <string>

namespace db {

// fsync of a file or (directory = true) a folder, so a rename in it survives power loss. False on failure.
bool FsyncPath(const std::string& path, bool directory);
// Replaces `path` with `content` atomically: a temporary beside it ("PATH.tmp"), fsync, rename, fsync of the
// folder. A reader sees the old or the new file, never a part. False (and no temporary left) on failure.
bool WriteFileAtomic(const std::string& path, const std::string& content);

}  // namespace db
