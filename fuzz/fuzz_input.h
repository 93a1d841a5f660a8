// What every fuzz target shares: the input as a string, and a private temporary file for the entry points
// that read a path (the snapshot loader, the configuration). Targets are libFuzzer's: one call per input,
// no state kept between calls except what a target sets up once. A finding is anything that stops the
// process: a sanitizer report, an abort, an exception escaping the function under test (every public entry
// point fuzzed here promises to report problems as values, not to throw). docs/FUZZING.md.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace fuzz {

inline std::string AsString(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A file in $TMPDIR (default /tmp) that lives as long as the process, rewritten for every input. Owned here:
// removed when the process ends normally (libFuzzer's own exit after a finding may leave it behind; it is
// named fuzz-<target>-XXXXXX so it is easy to recognise).
class TempFile {
 public:
  explicit TempFile(const std::string& target, const std::string& suffix = "") {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/fuzz-" + target + "-XXXXXX" + suffix;
    int fd = mkstemps(path_.data(), static_cast<int>(suffix.size()));
    if (fd < 0) std::perror("fuzz: mkstemps"), std::abort();
    close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  // Replaces the file's contents with `data`; aborts when the disk refuses (that is no finding of the target,
  // but a fuzzer that silently tested an empty file would be worse).
  const std::string& Write(const uint8_t* data, size_t size) {
    FILE* f = std::fopen(path_.c_str(), "wb");
    if (!f || (size && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0)
      std::perror("fuzz: writing the temporary file"), std::abort();
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace fuzz
