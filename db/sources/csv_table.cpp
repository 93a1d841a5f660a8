#include "db/sources/csv_table.h"

#include <csv.h>

#include <algorithm>
#include <cstdio>
#include <cctype>
#include <fstream>
#include <sstream>

#include "db/model/caps.h"
#include "db/base/files.h"
#include "db/base/text.h"

namespace db {

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

namespace {

// State shared with libcsv's callbacks while one file is parsed.
struct ParseState {
  const std::string& file;
  Diagnostics& diags;
  std::vector<CsvRow> rows;
  CsvRow current;
  int line = 0;            // line being fed
  bool in_record = false;  // a record has started and not ended
  bool too_many_rows = false;
};

// A cell longer than caps::kCsvCellBytes is refused here, as libcsv hands it over, and not kept: the rest of
// the file is still read (the file itself is at most caps::kCsvFileBytes, checked before reading).
void OnField(void* s, size_t len, void* data) {
  auto* st = static_cast<ParseState*>(data);
  if (s && len > caps::kCsvCellBytes) {
    size_t c = st->current.cells.size();
    bool header_known = !st->rows.empty() && c < st->rows.front().cells.size();
    std::string column = header_known ? Trim(st->rows.front().cells[c]) : "column " + std::to_string(c + 1);
    st->diags.Error(st->file, st->current.line, column,
                    "the cell holds " + std::to_string(len) + " bytes, more than the " +
                        std::to_string(caps::kCsvCellBytes) + " allowed in one cell (docs/SOURCES.md, caps)");
    st->current.cells.emplace_back();
    return;
  }
  st->current.cells.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}

void OnRecord(int, void* data) {
  auto* st = static_cast<ParseState*>(data);
  if (st->rows.size() > caps::kCsvRows) {  // the header and kCsvRows rows are kept
    st->too_many_rows = true;
    st->current = CsvRow{};
    return;
  }
  st->rows.push_back(std::move(st->current));
  st->current = CsvRow{};
  st->in_record = false;
}

}  // namespace

namespace {

// The records of the file, each with the line it starts on; nullopt (reported) when libcsv finds the file
// malformed or it has more rows than the cap.
std::optional<std::vector<CsvRow>> ReadRecords(std::string_view data, char separator, const std::string& display_name,
                                               Diagnostics& diags) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    diags.Error(display_name, 0, "", "out of memory");
    return std::nullopt;
  }
  csv_set_delim(&parser, static_cast<unsigned char>(separator));
  ParseState st{display_name, diags};
  // Feed line by line, so each record knows the line it started on.
  size_t pos = 0;
  bool failed = false;
  while (pos < data.size() && !failed && !st.too_many_rows) {
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl + 1;
    std::string_view piece = data.substr(pos, end - pos);
    ++st.line;
    if (!st.in_record && Trim(piece).size() > 0) {
      st.in_record = true;
      st.current.line = st.line;
    }
    if (csv_parse(&parser, piece.data(), piece.size(), OnField, OnRecord, &st) != piece.size()) {
      diags.Error(display_name, st.line, "", std::string("malformed CSV: ") + csv_strerror(csv_error(&parser)) +
                                                 " (a quote inside a field must be doubled, and a quoted field "
                                                 "must end with a quote)");
      failed = true;
    }
    pos = end;
  }
  if (!failed && csv_fini(&parser, OnField, OnRecord, &st) != 0) {
    diags.Error(display_name, st.current.line ? st.current.line : st.line, "",
                "malformed CSV: a quoted field is not closed before the end of the file");
    failed = true;
  }
  csv_free(&parser);
  if (st.too_many_rows) {
    diags.Error(display_name, st.line, "", "more than " + std::to_string(caps::kCsvRows) +
                                               " rows (docs/SOURCES.md, caps): split the data or remove rows");
    failed = true;
  }
  if (failed) return std::nullopt;
  return std::move(st.rows);
}

// Column names must be UTF-8 and appear once.
void CheckHeader(const CsvTable& table, Diagnostics& diags) {
  for (size_t c = 0; c < table.header.size(); ++c)
    if (!IsValidUtf8(table.header[c]))
      diags.Error(table.file, table.header_line, "", "column " + std::to_string(c + 1) +
                                                         ": the name is not valid UTF-8 (save the file as UTF-8)");
  for (size_t c = 0; c < table.header.size(); ++c)
    for (size_t d = c + 1; d < table.header.size(); ++d)
      if (!table.header[c].empty() && table.header[c] == table.header[d])
        diags.Error(table.file, table.header_line, table.header[c], "the column appears twice");
}

// Cells are UTF-8 (an invalid one is blanked, and the file gets one error saying where the first is and how
// many there are: a file that mixes encodings is fixed by saving it again, not cell by cell), with line breaks
// normalized and spaces trimmed; a row may not have more non-empty cells than the header names.
void CheckRows(CsvTable& table, Diagnostics& diags) {
  int broken = 0;
  std::string first_broken;
  int first_line = 0;
  for (auto& row : table.rows) {
    for (size_t c = 0; c < row.cells.size(); ++c) {
      std::string column = c < table.header.size() ? table.header[c] : "column " + std::to_string(c + 1);
      if (!IsValidUtf8(row.cells[c])) {
        if (!broken++) first_broken = column, first_line = row.line;
        row.cells[c].clear();
      }
      std::string& cell = row.cells[c];
      NormalizeLineBreaks(cell);
      cell = Trim(cell);
    }
    if (row.cells.size() > table.header.size()) {
      bool extra_nonempty = std::any_of(row.cells.begin() + static_cast<long>(table.header.size()),
                                        row.cells.end(), [](const std::string& s) { return !s.empty(); });
      if (extra_nonempty)
        diags.Error(table.file, row.line, "", "the row has " + std::to_string(row.cells.size()) +
                                                  " cells, the header names only " +
                                                  std::to_string(table.header.size()) + " columns");
    }
  }
  if (broken)
    diags.Error(table.file, first_line, first_broken,
                "not valid UTF-8" + (broken > 1 ? " (and " + std::to_string(broken - 1) + " more cells)" : std::string()) +
                    ": the file mixes character sets; save it again as \"CSV UTF-8\" (Excel) or \"Text CSV\" with "
                    "Unicode (UTF-8) (LibreOffice)");
}

// Excel's way of keeping leading zeros, ="007172000000", as the text it stands for: a field that starts with =" is
// read as the quoted field that follows the '='. Walks the text with the quote state of RFC 4180 (inside quotes,
// a doubled quote toggles twice), so an =" inside a quoted field is left alone.
void UnwrapExcelText(std::string& text, char separator) {
  std::string out;
  out.reserve(text.size());
  bool quoted = false, field_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (!quoted && field_start && ch == '=' && i + 1 < text.size() && text[i + 1] == '"') {
      field_start = false;
      continue;  // drop the '='; the quote opens the field
    }
    if (ch == '"') quoted = !quoted;
    field_start = !quoted && (ch == separator || ch == '\n' || ch == '\r');
    out += ch;
  }
  text.swap(out);
}

// The separator of the file, from its first record: whichever of comma, semicolon and tab occurs most often
// outside quotes (Excel in a Russian or Turkish locale writes ';', "Unicode text" tabs); comma when none does.
char DetectSeparator(std::string_view text) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"') quoted = !quoted;
    if (quoted) continue;
    if (ch == '\n') break;
    comma += ch == ',';
    semicolon += ch == ';';
    tab += ch == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

std::string SeparatorName(char sep) { return sep == '\t' ? "tab" : std::string("'") + sep + "'"; }

}  // namespace

std::optional<CsvTable> ParseUtf8Csv(std::string text, const std::string& display_name, Diagnostics& diags,
                                     const std::string& encoding) {
  char separator = DetectSeparator(text);
  UnwrapExcelText(text, separator);
  auto rows = ReadRecords(text, separator, display_name, diags);
  if (!rows) return std::nullopt;
  if (rows->empty()) {
    diags.Error(display_name, 0, "", "the file is empty: the first row must name the columns");
    return std::nullopt;
  }
  CsvTable table;
  table.file = display_name;
  table.encoding = encoding;
  table.separator = separator;
  table.header_line = rows->front().line;
  for (auto& h : rows->front().cells) table.header.push_back(Trim(h));
  table.rows.assign(std::make_move_iterator(rows->begin() + 1), std::make_move_iterator(rows->end()));
  if (table.encoding != "UTF-8" || separator != ',')
    diags.Note(display_name, 0, "", "read as " + table.encoding + ", " + SeparatorName(separator) + "-separated");
  CheckTable(table, diags);
  return table;
}

void CheckTable(CsvTable& table, Diagnostics& diags) {
  while (!table.header.empty() && table.header.back().empty()) table.header.pop_back();  // a trailing separator
  CheckHeader(table, diags);
  CheckRows(table, diags);
}

std::string CsvRowReader::Get(std::string_view column) const {
  int c = t_.Column(column);
  if (c < 0 || static_cast<size_t>(c) >= r_.cells.size()) return {};
  return r_.cells[static_cast<size_t>(c)];
}

Text CsvRowReader::GetText(std::string_view field, const std::vector<std::string>& languages) const {
  Text t;
  for (const auto& lang : languages) {
    std::string v = Get(std::string(field) + "_" + lang);
    if (!v.empty()) t.by_lang[lang] = std::move(v);
  }
  return t;
}

void CheckColumns(const CsvTable& table, const std::vector<std::string>& required,
                  const std::vector<std::string>& columns, const std::vector<std::string>& translated,
                  const std::vector<std::string>& languages, Diagnostics& diags) {
  for (const auto& r : required)
    if (!table.Has(r)) diags.Error(table.file, table.header_line, r, "required column is missing");
  for (const auto& h : table.header) {
    if (h.empty()) continue;
    if (std::find(required.begin(), required.end(), h) != required.end()) continue;
    if (std::find(columns.begin(), columns.end(), h) != columns.end()) continue;
    bool known = false;
    for (const auto& f : translated) {
      if (h.size() > f.size() + 1 && h.compare(0, f.size(), f) == 0 && h[f.size()] == '_') {
        std::string lang = h.substr(f.size() + 1);
        if (std::find(languages.begin(), languages.end(), lang) != languages.end()) known = true;
        else {
          diags.Warning(table.file, table.header_line, h,
                        "language '" + lang + "' is not in languages.csv; the column is ignored");
          known = true;  // reported once, as a language problem
        }
      }
    }
    if (!known) diags.Warning(table.file, table.header_line, h, "unknown column; it is ignored");
  }
}

namespace {

// "28.09.2022" or "28/09/2022" (1 or 2 digits for day and month) as "2022-09-28"; "" when it is not one, or not
// a real calendar date.
std::string DayFirst(const std::string& v) {
  int day = 0, month = 0, year = 0;
  char sep1 = 0, sep2 = 0, extra = 0;
  if (std::sscanf(v.c_str(), "%2d%c%2d%c%4d%c", &day, &sep1, &month, &sep2, &year, &extra) != 5) return "";
  if (sep1 != sep2 || (sep1 != '.' && sep1 != '/') || v.size() < 8 || v.size() > 10 || year < 1000) return "";
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  return IsDate(iso) ? iso : "";
}

}  // namespace

void ReadDayFirstDates(CsvTable& table, const std::vector<std::string>& columns, Diagnostics& diags) {
  for (const auto& column : columns) {
    int c = table.Column(column);
    if (c < 0) continue;
    int count = 0, first_line = 0;
    std::string example;
    for (auto& row : table.rows) {
      if (static_cast<size_t>(c) >= row.cells.size()) continue;
      std::string& cell = row.cells[static_cast<size_t>(c)];
      std::string iso = DayFirst(cell);
      if (iso.empty()) continue;
      if (!count++) first_line = row.line, example = cell + " as " + iso;
      cell = iso;
    }
    if (count)
      diags.Warning(table.file, first_line, column,
                    std::to_string(count) + (count == 1 ? " date was" : " dates were") + " written day first and read so (" +
                        example + "); write dates as YYYY-MM-DD, or keep them date cells in a workbook, to be sure");
  }
}

}  // namespace db
