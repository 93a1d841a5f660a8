// A zip archive opened read-only (libzip): the workbooks' container (db/sources/workbook.h) and IMDF archives
// (db/sources/imdf.h). Every member is checked against a size cap from the zip directory before anything is
// inflated, so a small file that inflates to gigabytes is refused unread.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

typedef struct zip zip_t;

namespace db {

class ZipArchive {
 public:
  ZipArchive();
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // False and `error` (libzip's words) when `path` is not a readable zip archive.
  bool Open(const std::filesystem::path& path, std::string& error);
  bool Has(const std::string& name) const;
  // Every member's name, in the archive's order.
  std::vector<std::string> Names() const;
  // Member `name` into `data`; false and `error` ("missing", "inflates to N bytes, more than the M allowed",
  // "cannot be read") otherwise. `what` names the archive in messages: "the workbook".
  bool Read(const std::string& name, size_t max_bytes, const std::string& what, std::string& data, std::string& error) const;

 private:
  struct Close {
    void operator()(zip_t* z) const;
  };
  std::unique_ptr<zip_t, Close> zip_;
};

}  // namespace db
