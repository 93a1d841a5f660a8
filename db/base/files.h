// Durable file writes shared by the snapshot writer, the installer, the usage export and the kiosk's
// --set-pin, and the careful reads of a source folder's files. (Reading a whole file is db::ReadWholeFile in
// db/base/text.h.)
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "db/base/result.h"

namespace db {

// fsync of a file or (directory = true) a folder, so a rename in it survives power loss. False on failure.
bool FsyncPath(const std::string& path, bool directory);
// Replaces `path` with `content` atomically: a temporary beside it ("PATH.tmp"), fsync, rename, fsync of the
// folder. A reader sees the old or the new file, never a part. False (and no temporary left) on failure.
bool WriteFileAtomic(const std::string& path, const std::string& content);

// Reads a file of a source folder whole, refusing without reading it: a symbolic link (never followed, so
// nothing outside the folder is embedded), anything but a regular file (a pipe would block), and a file larger
// than `max_bytes` (db/model/caps.h). The error says why in plain words, without the file name.
Result<std::string> ReadSourceFile(const std::filesystem::path& path, size_t max_bytes);

// Every symbolic link in `dir` and below (links to folders are not entered), relative to `dir`, in
// name order. Sources must be ordinary files inside their folder.
std::vector<std::filesystem::path> FindSymlinks(const std::filesystem::path& dir);

}  // namespace db
