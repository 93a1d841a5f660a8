#include "db/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace db {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

bool FsyncPath(const std::string& path, bool directory) {
  UniqueFd fd(::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC));
  return fd && ::fsync(fd.get()) == 0;
}

bool WriteFileAtomic(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return false;
  bool ok = ::write(fd.get(), content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
            ::fsync(fd.get()) == 0;
  fd.reset();  // closed before the rename
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  FsyncPath(dir.empty() ? "." : dir, true);
  return true;
}

Result<std::string> ReadSourceFile(const std::filesystem::path& path, size_t max_bytes) {
  // O_NOFOLLOW: a symbolic link fails to open (ELOOP) instead of being followed; O_NONBLOCK: opening a pipe
  // does not wait for a writer. fstat then looks at what was opened, so nothing can be swapped in between.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (!fd) {
    if (errno == ELOOP)
      return Error{"a symbolic link: sources must be ordinary files inside the source folder (copy the file in)"};
    return Error{std::string("cannot open the file: ") + std::strerror(errno)};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Error{std::string("cannot read the file: ") + std::strerror(errno)};
  if (!S_ISREG(st.st_mode)) return Error{"not an ordinary file"};
  auto size = static_cast<unsigned long long>(st.st_size);
  if (size > max_bytes) {
    // In the unit of the cap: "3072 KiB, more than the 2048 KiB allowed", "100 MiB, more than the 16 MiB".
    bool in_mib = max_bytes >= (8u << 20);
    auto unit = [&](unsigned long long b) {
      unsigned shift = in_mib ? 20 : 10;
      return std::to_string((b + (1ull << shift) - 1) >> shift) + (in_mib ? " MiB" : " KiB");
    };
    return Error{"the file is " + unit(size) + ", more than the " + unit(max_bytes) +
                 " allowed (docs/SOURCES.md, caps): it was not read"};
  }
  std::string data(static_cast<size_t>(size), '\0');
  size_t got = 0;
  while (got < data.size()) {
    ssize_t n = ::read(fd.get(), data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::string("cannot read the file: ") + std::strerror(errno)};
    if (n == 0) break;  // shrank while being read: take what is there
    got += static_cast<size_t>(n);
  }
  data.resize(got);
  return data;
}

std::vector<std::filesystem::path> FindSymlinks(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  std::error_code ec;
  // The iterator does not follow links to folders (no follow_directory_symlink), so the walk stays inside.
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec))
    if (it->is_symlink(ec)) out.push_back(it->path().lexically_relative(dir));  // lexically: never resolves the link
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace db
