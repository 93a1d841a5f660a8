// A spreadsheet read from an RFC 4180 CSV file (libcsv), with the line each row starts on, so every message
// can say "organizations.csv:7".
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/model/catalog.h"
#include "db/base/diagnostics.h"

namespace db {

struct CsvRow {
  int line = 0;  // 1-based line the row starts on (a quoted field may continue over more lines)
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string file;  // name used in messages ("organizations.csv")
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  int header_line = 1;

  int Column(std::string_view name) const;  // -1 when absent
  bool Has(std::string_view name) const { return Column(name) >= 0; }
};

// Reads and parses `path`. UTF-8 with or without BOM, CRLF or LF, quoted fields with commas, quotes and line
// breaks. Cells are trimmed of surrounding spaces. Reports malformed CSV and invalid UTF-8 (naming line and
// column) to `diags`; returns nullopt when the file cannot be read or parsed at all.
std::optional<CsvTable> ReadCsv(const std::filesystem::path& path, const std::string& display_name,
                                Diagnostics& diags);
std::optional<CsvTable> ParseCsv(std::string_view data, const std::string& display_name, Diagnostics& diags);

// Reads the cells of one row by column name, and translated fields (`name_en`, `name_kk`, ...) as a Text.
class CsvRowReader {
 public:
  CsvRowReader(const CsvTable& table, const CsvRow& row) : t_(table), r_(row) {}
  std::string Get(std::string_view column) const;  // "" when the column is absent or the row is short
  Text GetText(std::string_view field, const std::vector<std::string>& languages) const;
  Origin origin() const { return {t_.file, r_.line}; }
  int line() const { return r_.line; }

 private:
  const CsvTable& t_;
  const CsvRow& r_;
};

// Checks the header: every `required` column present (error), every column known — in `columns` or
// `<translated>_<lang>` for an offered language (warning otherwise, and it is ignored).
void CheckColumns(const CsvTable& table, const std::vector<std::string>& required,
                  const std::vector<std::string>& columns, const std::vector<std::string>& translated,
                  const std::vector<std::string>& languages, Diagnostics& diags);

}  // namespace db
