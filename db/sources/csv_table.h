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
  std::string encoding = "UTF-8";  // as found (db/sources/text_decode.h)
  char separator = ',';            // as found: ',', ';' or '\t'

  int Column(std::string_view name) const;  // -1 when absent
  bool Has(std::string_view name) const { return Column(name) >= 0; }
};

// Reads and parses `path` as spreadsheet programs save it: UTF-8 with or without BOM, UTF-16 with a BOM, or a
// legacy code page (db/sources/text_decode.h); comma, semicolon or tab as the separator (from the header line);
// CRLF or LF; quoted fields with separators, quotes and line breaks; Excel's ="..." as its text; a trailing
// empty column ignored. Cells are trimmed of surrounding spaces. A note says what was found when it is not
// UTF-8 with commas; '?' standing for letters a code page lacks gets one warning per column. Reports malformed
// CSV and invalid UTF-8 (one error per file, naming the first line and column) to `diags`; returns nullopt
// when the file cannot be read or parsed at all.
std::optional<CsvTable> ReadCsv(const std::filesystem::path& path, const std::string& display_name,
                                Diagnostics& diags);
std::optional<CsvTable> ParseCsv(std::string_view data, const std::string& display_name, Diagnostics& diags);
// ParseCsv for text known to be UTF-8 (no BOM, no detection of its character set), and what it says of it in
// `encoding` (ParseCsv passes what it decoded from). The kiosk's built-in strings (app/state/ui_strings.cpp).
std::optional<CsvTable> ParseUtf8Csv(std::string text, const std::string& display_name, Diagnostics& diags,
                                     const std::string& encoding = "UTF-8");

// What ParseCsv does after the records are read, for tables read from elsewhere (a workbook's sheets): a trailing
// empty column dropped, the header's names UTF-8 and unique, cells UTF-8 with line breaks normalized and spaces
// trimmed, no row longer than the header.
void CheckTable(CsvTable& table, Diagnostics& diags);

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

// Dates as a spreadsheet in a Kazakh, Russian or Turkish locale writes them, 28.09.2022 or 28/09/2022 (day
// first), rewritten in the cells of `columns` as 2022-09-28, with one warning per column that shows how they
// were read. Anything else is left as it is for the checks to report.
void ReadDayFirstDates(CsvTable& table, const std::vector<std::string>& columns, Diagnostics& diags);

}  // namespace db
