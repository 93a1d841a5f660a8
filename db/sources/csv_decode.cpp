// ParseCsv and ReadCsv: the spreadsheet's bytes decoded (db/sources/text_decode.h, ICU's charset detection),
// then parsed as UTF-8 (csv_table.cpp). Apart from csv_table.cpp so that a program that reads only its own UTF-8
// text (the kiosk's built-in strings) does not link ICU's i18n library.
#include <cctype>

#include "db/base/files.h"
#include "db/base/text.h"
#include "db/model/caps.h"
#include "db/sources/csv_table.h"
#include "db/sources/text_decode.h"

namespace db {

namespace {

// In a file decoded from a legacy code page, a '?' between two letters, or two '?' in a row, is a letter the code
// page could not hold (Excel and LibreOffice write '?' for each; a real question mark ends a word): one warning
// per column, with the first place, so staff know what was lost.
void ReportLostLetters(const CsvTable& table, Diagnostics& diags) {
  auto is_letter = [](unsigned char b) { return b >= 0x80 || std::isalpha(b); };
  for (size_t c = 0; c < table.header.size(); ++c) {
    int cells = 0, first_line = 0;
    std::string example;
    for (const auto& row : table.rows) {
      if (c >= row.cells.size()) continue;
      const std::string& v = row.cells[c];
      bool lost = false;
      for (size_t i = 1; i + 1 < v.size() && !lost; ++i)
        lost = v[i] == '?' && (v[i + 1] == '?' || (is_letter(static_cast<unsigned char>(v[i - 1])) &&
                                                   is_letter(static_cast<unsigned char>(v[i + 1]))));
      lost = lost || v.rfind("??", 0) == 0;
      if (!lost) continue;
      if (!cells++) first_line = row.line, example = v.size() <= 60 ? v : v.substr(0, PrevCodepoint(v, 61));
    }
    if (cells)
      diags.Warning(table.file, first_line, table.header[c],
                    std::to_string(cells) + (cells == 1 ? " cell has" : " cells have") + " '?' where a letter was (\"" +
                        example + "\"): the file's character set has no such letter, so the program that saved it "
                        "wrote '?'; save it as \"CSV UTF-8\" or as a workbook to keep every letter");
  }
}

}  // namespace

std::optional<CsvTable> ParseCsv(std::string_view data, const std::string& display_name, Diagnostics& diags) {
  auto decoded = DecodeSpreadsheetText(data);
  if (!decoded) {
    diags.Error(display_name, 0, "", decoded.error().message);
    return std::nullopt;
  }
  auto table = ParseUtf8Csv(std::move(decoded.value().utf8), display_name, diags, decoded.value().encoding);
  if (table && decoded.value().legacy) ReportLostLetters(*table, diags);
  return table;
}

std::optional<CsvTable> ReadCsv(const std::filesystem::path& path, const std::string& display_name,
                                Diagnostics& diags) {
  auto data = ReadSourceFile(path, caps::kCsvFileBytes);
  if (!data) {
    diags.Error(display_name, 0, "", data.error().message);
    return std::nullopt;
  }
  return ParseCsv(data.value(), display_name, diags);
}

}  // namespace db
