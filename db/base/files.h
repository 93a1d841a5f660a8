// Durable file writes shared by the snapshot writer, the installer, the usage export and the kiosk's
// --set-pin, and the careful reads of a source folder's files. (Reading a whole file is db::ReadWholeFile in
// db/base/text.h.)
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "db/base/result.h"

namespace db {

// A POSIX file descriptor, closed in the destructor: every open() in db/ and platform/ goes into one, so no
// early return can leak it. Move-only; -1 means none. close() errors are not reported (what a caller must
// know about a write is reported by fsync, which callers check before letting it go).
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) reset(std::exchange(o.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  void reset(int fd = -1);  // closes the one held, then holds `fd`

 private:
  int fd_ = -1;
};

// fsync of a file or (directory = true) a folder, so a rename in it survives power loss. False on failure.
bool FsyncPath(const std::string& path, bool directory);
// Replaces `path` with `content` atomically: a temporary beside it ("PATH.tmp"), fsync, rename, fsync of the
// folder. A reader sees the old or the new file, never a part. False (and no temporary left) on failure.
// [[nodiscard]]: a state file that silently failed to write (a full or read-only disk) is how a kiosk loses
// track of what it did; every caller decides what a failure means.
[[nodiscard]] bool WriteFileAtomic(const std::string& path, const std::string& content);

// Reads a file of a source folder whole, refusing without reading it: a symbolic link (never followed, so
// nothing outside the folder is embedded), anything but a regular file (a pipe would block), and a file larger
// than `max_bytes` (db/model/caps.h). The error says why in plain words, without the file name.
Result<std::string> ReadSourceFile(const std::filesystem::path& path, size_t max_bytes);

// Every symbolic link in `dir` and below (links to folders are not entered), relative to `dir`, in
// name order. Sources must be ordinary files inside their folder.
std::vector<std::filesystem::path> FindSymlinks(const std::filesystem::path& dir);

}  // namespace db
