#include "db/sources/workbook.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "db/model/caps.h"
#include "db/base/text.h"
#include "db/sources/zip_archive.h"

namespace db {

// [SECTION] The container -----------------------------------------------------------------------------------

namespace {

namespace fs = std::filesystem;

// A workbook's parts are XML of at most the size of one spreadsheet (caps::kCsvFileBytes) each.
class Container {
 public:
  bool Open(const fs::path& path, std::string& error) {
    if (zip_.Open(path, error)) return true;
    error = "not a readable workbook (" + error + "): save it again from the spreadsheet program";
    return false;
  }
  bool Has(const std::string& name) const { return zip_.Has(name); }
  // The part `name` as XML; false and `error` when it is missing, too big or not XML.
  bool Xml(const std::string& name, pugi::xml_document& doc, std::string& error) const {
    std::string data;
    if (!zip_.Read(name, caps::kCsvFileBytes, "the workbook", data, error)) return false;
    auto parsed = doc.load_buffer(data.data(), data.size());
    if (!parsed) {
      error = name + " in the workbook is not XML (" + parsed.description() + " at byte " + std::to_string(parsed.offset) + ")";
      return false;
    }
    return true;
  }

 private:
  ZipArchive zip_;
};

// [SECTION] Cells into tables -------------------------------------------------------------------------------

// One sheet's cells as they come, placed by row number and column index.
// At most kMaxCells non-empty cells are kept (a sheet of the caps' size has far fewer): an .ods can repeat a full
// row a million times in a few bytes.
constexpr size_t kMaxCells = 4u << 20;
struct Grid {
  std::string name;
  std::map<int, std::map<size_t, std::string>> rows;  // row number -> column -> text
  size_t cells = 0;
  bool full = false;  // cells were dropped at kMaxCells
  void Set(int row, size_t col, std::string text) {
    if (text.empty()) return;
    if (cells >= kMaxCells) {
      full = true;
      return;
    }
    auto& cell = rows[row][col];
    cells += cell.empty();
    cell = std::move(text);
  }
};

// The grid as a table: the first row with anything in it names the columns, later rows are rows (empty ones
// skipped, as blank lines of a CSV file are).
CsvTable ToTable(const Grid& g, const std::string& book, Diagnostics& diags) {
  CsvTable t;
  t.file = book + "!" + g.name;
  t.encoding = "workbook";
  if (g.full)
    diags.Error(t.file, 0, "", "more than " + std::to_string(kMaxCells) + " filled cells: the sheet is far larger than "
                               "any forum's table (docs/SOURCES.md, caps)");
  bool header = true;
  for (const auto& [row, cells] : g.rows) {
    size_t width = cells.rbegin()->first + 1;
    std::vector<std::string> line(width);
    for (const auto& [col, text] : cells) line[col] = text;
    if (header) {
      t.header = std::move(line);
      t.header_line = row;
      header = false;
    } else if (t.rows.size() < caps::kCsvRows) {
      t.rows.push_back({row, std::move(line)});
    } else {
      diags.Error(t.file, row, "", "more than " + std::to_string(caps::kCsvRows) + " rows (docs/SOURCES.md, caps)");
      break;
    }
  }
  return t;
}

// A number as staff typed it: 42 not 42.0, 0.5 as 0.5.
std::string NumberText(double v) {
  char buf[64];
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// A date serial (days since 1899-12-30, Excel's and LibreOffice's epoch; 25569 is 1970-01-01) as YYYY-MM-DD,
// and with a time of day as YYYY-MM-DDTHH:MM, through the one instant formatter (db/base/text.h).
std::string SerialDate(double serial) {
  if (!std::isfinite(serial) || std::fabs(serial) > 3e6) return NumberText(serial);  // no calendar date
  long long days = static_cast<long long>(std::floor(serial));
  long long minutes = std::llround((serial - static_cast<double>(days)) * 24 * 60);
  std::string iso = FormatInstant((days - 25569) * 86400 + minutes * 60, 0);  // "YYYY-MM-DDTHH:MM:SS+00:00"
  return minutes % (24 * 60) ? iso.substr(0, 16) : iso.substr(0, 10);
}

// [SECTION] .xlsx (Office Open XML) ---------------------------------------------------------------------

// The text of a shared or inline string: its runs, without phonetic guides.
std::string RunText(const pugi::xml_node& si) {
  std::string out;
  for (auto t : si.select_nodes(".//*[local-name()='t'][not(ancestor::*[local-name()='rPh'])]")) out += t.node().text().get();
  return out;
}

// Whether a number format shows a date: the built-in date formats, or a custom code with a day or a year in it
// (outside quoted text and [colour] or [$-locale] sections).
bool IsDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  bool quoted = false, bracket = false;
  for (char ch : code) {
    if (ch == '"') quoted = !quoted;
    else if (!quoted && ch == '[') bracket = true;
    else if (ch == ']') bracket = false;
    else if (!quoted && !bracket && (ch == 'd' || ch == 'y' || ch == 'D' || ch == 'Y')) return true;
  }
  return false;
}

// The column index and row number of a reference like "C7"; false when it is not one.
bool ParseRef(const std::string& ref, size_t& col, int& row) {
  size_t i = 0;
  col = 0;
  while (i < ref.size() && std::isupper(static_cast<unsigned char>(ref[i]))) col = col * 26 + static_cast<size_t>(ref[i++] - 'A' + 1);
  if (!i || i == ref.size() || i > 3) return false;
  --col;
  long n = std::strtol(ref.c_str() + i, nullptr, 10);
  row = n > 0 && n <= 1048576 ? static_cast<int>(n) : 0;  // the most rows a spreadsheet has
  return row > 0;
}

class XlsxReader {
 public:
  XlsxReader(const Container& zip, const std::string& book, Diagnostics& diags) : zip_(zip), book_(book), diags_(diags) {}

  std::optional<std::vector<CsvTable>> Read() {
    pugi::xml_document wb, rels;
    std::string error;
    if (!zip_.Xml("xl/workbook.xml", wb, error) || !zip_.Xml("xl/_rels/workbook.xml.rels", rels, error)) return Fail(error);
    std::map<std::string, std::string> targets;  // relationship id -> part
    for (auto r : rels.select_nodes("//*[local-name()='Relationship']")) {
      std::string target = r.node().attribute("Target").as_string();
      targets[r.node().attribute("Id").as_string()] = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
    }
    if (!Strings(error) || !Styles(error)) return Fail(error);
    std::vector<CsvTable> out;
    for (auto s : wb.select_nodes("//*[local-name()='sheet']")) {
      std::string name = s.node().attribute("name").as_string();
      std::string part = targets[s.node().attribute("r:id").as_string()];
      pugi::xml_document sheet;
      if (!zip_.Xml(part, sheet, error)) return Fail("sheet " + name + ": " + error);
      out.push_back(ToTable(Sheet(name, sheet), book_, diags_));
    }
    return out;
  }

 private:
  std::nullopt_t Fail(const std::string& error) {
    diags_.Error(book_, 0, "", error);
    return std::nullopt;
  }

  bool Strings(std::string& error) {
    if (!zip_.Has("xl/sharedStrings.xml")) return true;
    pugi::xml_document doc;
    if (!zip_.Xml("xl/sharedStrings.xml", doc, error)) return false;
    for (auto si : doc.document_element().children())
      if (std::string(si.name()).find("si") != std::string::npos) shared_.push_back(RunText(si));
    return true;
  }

  bool Styles(std::string& error) {
    if (!zip_.Has("xl/styles.xml")) return true;
    pugi::xml_document doc;
    if (!zip_.Xml("xl/styles.xml", doc, error)) return false;
    std::map<int, std::string> codes;
    for (auto f : doc.select_nodes("//*[local-name()='numFmt']"))
      codes[f.node().attribute("numFmtId").as_int()] = f.node().attribute("formatCode").as_string();
    for (auto xf : doc.select_nodes("//*[local-name()='cellXfs']/*[local-name()='xf']")) {
      int id = xf.node().attribute("numFmtId").as_int();
      date_style_.push_back(IsDateFormat(id, codes[id]));
    }
    return true;
  }

  Grid Sheet(const std::string& name, const pugi::xml_document& doc) {
    Grid g{name, {}};
    int next_row = 1;
    for (auto r : doc.select_nodes("//*[local-name()='sheetData']/*[local-name()='row']")) {
      int row = r.node().attribute("r").as_int(next_row);
      if (row < 1 || row > 1048576) row = next_row;  // a spreadsheet has at most 1,048,576 rows
      next_row = row + 1;
      size_t next_col = 0;
      for (auto c : r.node().children()) {
        if (std::string(c.name()).find('c') == std::string::npos) continue;
        size_t col = next_col;
        int ref_row = row;
        if (auto ref = c.attribute("r"); ref && !ParseRef(ref.as_string(), col, ref_row)) col = next_col;
        next_col = col + 1;
        g.Set(row, col, Cell(c, name, row, col));
      }
    }
    return g;
  }

  std::string Cell(const pugi::xml_node& c, const std::string& sheet, int row, size_t col) {
    std::string type = c.attribute("t").as_string("n");
    pugi::xml_node v = c.find_child([](const pugi::xml_node& n) { return std::string(n.name()).find('v') != std::string::npos && std::string(n.name()).size() <= 3; });
    std::string value = v.text().get();
    if (type == "s") {
      size_t i = static_cast<size_t>(std::atoll(value.c_str()));
      return i < shared_.size() ? shared_[i] : "";
    }
    if (type == "inlineStr") return RunText(c);
    if (type == "str") return value;
    if (type == "b") return value == "1" || value == "true" ? "1" : "0";
    if (type == "e") {
      diags_.Error(book_, 0, sheet + "!" + ColumnLetters(col) + std::to_string(row),
                   "the cell shows the error " + value + ": fix the formula or type the value");
      return "";
    }
    if (value.empty()) return "";
    double number = std::strtod(value.c_str(), nullptr);
    size_t style = static_cast<size_t>(c.attribute("s").as_uint(0));
    if (style < date_style_.size() && date_style_[style]) return SerialDate(number);
    return NumberText(number);
  }

  const Container& zip_;
  const std::string& book_;
  Diagnostics& diags_;
  std::vector<std::string> shared_;
  std::vector<bool> date_style_;  // per cell style (xf index): shows a date
};

// [SECTION] .ods (OpenDocument) -----------------------------------------------------------------------------

// The text of an ODS cell: its paragraphs one per line, with <text:s text:c="N"/> as N spaces, tabs and line
// breaks as themselves, spans and links as their text.
void OdsText(const pugi::xml_node& n, std::string& out) {
  for (auto k : n.children()) {
    std::string name = k.name();
    if (k.type() == pugi::node_pcdata) out += k.value();
    else if (name == "text:s") out.append(static_cast<size_t>(std::max(1, k.attribute("text:c").as_int(1))), ' ');
    else if (name == "text:tab") out += '\t';
    else if (name == "text:line-break") out += '\n';
    else if (name != "office:annotation") OdsText(k, out);
  }
}

std::string OdsCell(const pugi::xml_node& c) {
  std::string type = c.attribute("office:value-type").as_string();
  if (type == "float" || type == "percentage" || type == "currency") return NumberText(c.attribute("office:value").as_double());
  if (type == "date") {
    std::string d = c.attribute("office:date-value").as_string();
    if (d.size() > 10 && d.substr(10) == "T00:00:00") d.resize(10);
    else if (d.size() >= 16) d.resize(16);
    return d;
  }
  if (type == "boolean") return std::string(c.attribute("office:boolean-value").as_string()) == "true" ? "1" : "0";
  std::string out;
  bool first = true;
  for (auto p : c.children("text:p")) {
    if (!first) out += '\n';
    first = false;
    OdsText(p, out);
  }
  return out;
}

// Repeated rows and cells (LibreOffice writes the empty rest of a sheet as one row repeated a million times)
// are expanded only while they hold something.
Grid OdsSheet(const pugi::xml_node& table) {
  Grid g{table.attribute("table:name").as_string(), {}};
  int row = 1;
  for (auto r : table.select_nodes(".//table:table-row")) {
    int repeat = std::clamp(r.node().attribute("table:number-rows-repeated").as_int(1), 1, 1048576);
    size_t col = 0;
    std::vector<std::pair<size_t, std::string>> cells;
    for (auto c : r.node().children()) {
      std::string name = c.name();
      if (name != "table:table-cell" && name != "table:covered-table-cell") continue;
      size_t span = static_cast<size_t>(std::clamp(c.attribute("table:number-columns-repeated").as_int(1), 1, 16384));
      std::string text = OdsCell(c);
      if (!text.empty())
        for (size_t k = 0; k < span && col + k < 16384; ++k) cells.emplace_back(col + k, text);
      col += span;
    }
    if (!cells.empty())
      for (int k = 0; k < repeat && row + k <= static_cast<int>(caps::kCsvRows) + 1; ++k)
        for (const auto& [cc, text] : cells) g.Set(row + k, cc, text);
    row += repeat;
    if (row > 1048576) break;  // past the last row a spreadsheet has
  }
  return g;
}

std::optional<std::vector<CsvTable>> ReadOds(const Container& zip, const std::string& book, Diagnostics& diags) {
  pugi::xml_document doc;
  std::string error;
  if (!zip.Xml("content.xml", doc, error)) {
    diags.Error(book, 0, "", error);
    return std::nullopt;
  }
  std::vector<CsvTable> out;
  for (auto t : doc.select_nodes("//table:table")) out.push_back(ToTable(OdsSheet(t.node()), book, diags));
  return out;
}

}  // namespace

// [SECTION] Public ------------------------------------------------------------------------------------------

std::string ColumnLetters(size_t index) {
  std::string out;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

std::optional<std::vector<CsvTable>> ReadWorkbook(const std::filesystem::path& path, const std::string& display_name,
                                                  Diagnostics& diags) {
  Container zip;
  std::string error;
  if (!zip.Open(path, error)) {
    diags.Error(display_name, 0, "", error);
    return std::nullopt;
  }
  std::optional<std::vector<CsvTable>> sheets;
  if (zip.Has("xl/workbook.xml")) sheets = XlsxReader(zip, display_name, diags).Read();
  else if (zip.Has("content.xml")) sheets = ReadOds(zip, display_name, diags);
  else diags.Error(display_name, 0, "", "neither an .xlsx nor an .ods workbook (no xl/workbook.xml, no content.xml)");
  if (sheets)
    for (auto& t : *sheets) CheckTable(t, diags);
  return sheets;
}

void NameCellsAsSpreadsheet(const std::vector<CsvTable>& sheets, Diagnostics& diags) {
  Diagnostics out;
  for (Diagnostic d : diags.items()) {
    for (const auto& t : sheets) {
      if (d.file != t.file) continue;
      size_t bang = t.file.find('!');
      std::string book = t.file.substr(0, bang), sheet = t.file.substr(bang + 1);
      int col = t.Column(d.field);
      if (col >= 0 && d.line > 0) d.field = sheet + "!" + ColumnLetters(static_cast<size_t>(col)) + std::to_string(d.line) + " (" + d.field + ")";
      else if (d.line > 0) d.field = sheet + "!" + std::to_string(d.line) + (d.field.empty() ? "" : " (" + d.field + ")");
      else d.field = sheet + (d.field.empty() ? "" : " (" + d.field + ")");
      d.file = book;
      d.line = 0;  // the place is in the field; a line of a zip file means nothing
      break;
    }
    out.Add(std::move(d));
  }
  diags = std::move(out);
}

}  // namespace db
