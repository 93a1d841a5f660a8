#include "db/sources/zip_archive.h"

#include <zip.h>

namespace db {

namespace {
struct CloseFile {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
}  // namespace

void ZipArchive::Close::operator()(zip_t* z) const { zip_discard(z); }  // read-only: nothing to write back

ZipArchive::ZipArchive() = default;
ZipArchive::~ZipArchive() = default;

bool ZipArchive::Open(const std::filesystem::path& path, std::string& error) {
  int code = 0;
  zip_.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!zip_) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    error = zip_error_strerror(&e);
    zip_error_fini(&e);
  }
  return zip_ != nullptr;
}

bool ZipArchive::Has(const std::string& name) const { return zip_ && zip_name_locate(zip_.get(), name.c_str(), 0) >= 0; }

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> out;
  if (!zip_) return out;
  zip_int64_t n = zip_get_num_entries(zip_.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i)
    if (const char* name = zip_get_name(zip_.get(), static_cast<zip_uint64_t>(i), 0)) out.emplace_back(name);
  return out;
}

bool ZipArchive::Read(const std::string& name, size_t max_bytes, const std::string& what, std::string& data,
                      std::string& error) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (!zip_ || zip_stat(zip_.get(), name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    error = what + " has no " + name;
    return false;
  }
  if (st.size > max_bytes) {
    error = name + " inflates to " + std::to_string(st.size) + " bytes, more than the " + std::to_string(max_bytes) +
            " allowed (docs/SOURCES.md, caps)";
    return false;
  }
  std::unique_ptr<zip_file_t, CloseFile> f(zip_fopen(zip_.get(), name.c_str(), 0));
  data.assign(static_cast<size_t>(st.size), '\0');
  if (!f || zip_fread(f.get(), data.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
    error = "cannot read " + name + " in " + what + " (damaged?)";
    return false;
  }
  return true;
}

}  // namespace db
