// CSV as spreadsheets export it: BOM, CRLF, quoted commas, quotes and line breaks must pass; broken files
// must be reported with the line; files as Excel and LibreOffice save them in staff's locales (encodings,
// separators, ="...", day-first dates) read as staff meant them.
#include <doctest/doctest.h>

#include <filesystem>
#include <tuple>

#include "db/base/diagnostics_json.h"
#include "db/base/text.h"
#include "db/snapshot/loader.h"
#include "db/sources/csv_table.h"
#include "db/tool/build.h"
#include "db/tool/inspect.h"
#include "support.h"

using db::Diagnostics;
using db::ParseCsv;

TEST_CASE("CSV with BOM, CRLF, quoted comma, doubled quote and quoted line break reads as written") {
  Diagnostics d;
  std::string data =
      "\xEF\xBB\xBFid,name_en,description_en\r\n"
      "a,\"Astana, Hub\",\"He said \"\"hi\"\"\"\r\n"
      "b,Two,\"line one\r\nline two\"\r\n"
      "c,Three,plain\r\n";
  auto t = ParseCsv(data, "x.csv", d);
  REQUIRE(t);
  CHECK_FALSE(d.has_errors());
  CHECK(t->header == std::vector<std::string>{"id", "name_en", "description_en"});  // BOM gone
  REQUIRE(t->rows.size() == 3);
  CHECK(t->rows[0].cells[1] == "Astana, Hub");
  CHECK(t->rows[0].cells[2] == "He said \"hi\"");
  CHECK(t->rows[1].cells[2] == "line one\nline two");  // CRLF inside a field becomes one line break
  // Line numbers count physical lines: row c starts on line 5 because row b spans lines 3-4.
  CHECK(t->rows[0].line == 2);
  CHECK(t->rows[1].line == 3);
  CHECK(t->rows[2].line == 5);
}

TEST_CASE("CSV with LF and no BOM, blank lines skipped, line numbers kept") {
  Diagnostics d;
  auto t = ParseCsv("id,name\n\na,A\n\nb,B", "x.csv", d);
  REQUIRE(t);
  REQUIRE(t->rows.size() == 2);
  CHECK(t->rows[0].line == 3);
  CHECK(t->rows[1].line == 5);
  CHECK(t->rows[1].cells[1] == "B");  // last line without a newline still counts
}

TEST_CASE("an unterminated quote is an error naming the file") {
  Diagnostics d;
  auto t = ParseCsv("id,name\na,\"never closed\nb,B\n", "broken.csv", d);
  CHECK_FALSE(t);
  CHECK(test::HasError(d, "broken.csv", 0, "", "quoted field is not closed"));
}

TEST_CASE("a stray quote inside an unquoted field is an error with its line") {
  Diagnostics d;
  auto t = ParseCsv("id,name\na,A\nb,say \"x\" here\n", "q.csv", d);
  CHECK_FALSE(t);
  CHECK(test::HasError(d, "q.csv", 3, "", "malformed CSV"));
}

TEST_CASE("broken UTF-8 in a UTF-8 file is one error for the file, naming the first place and the count") {
  Diagnostics d;
  // Mostly UTF-8 (Kazakh letters), two cells broken: a file edited in two programs.
  auto t = ParseCsv("id,name_kk\na,Қазақстан Республикасы\nb,Bad \xC3\x28 text\nc,\xFF\nd,Әкімдік\n", "u.csv", d);
  REQUIRE(t);
  CHECK(test::HasError(d, "u.csv", 3, "name_kk", "not valid UTF-8 (and 1 more cells)"));
  CHECK(test::HasError(d, "u.csv", 3, "name_kk", "save it again as \"CSV UTF-8\""));
  CHECK(d.error_count() == 1);
  CHECK(t->rows.size() == 4);
  CHECK(t->rows[3].cells[1] == "Әкімдік");
}

TEST_CASE("a row with more cells than the header is an error") {
  Diagnostics d;
  auto t = ParseCsv("id,name\na,A,extra\n", "w.csv", d);
  REQUIRE(t);
  CHECK(test::HasError(d, "w.csv", 2, "", "header names only 2"));
}

TEST_CASE("an empty file is an error") {
  Diagnostics d;
  CHECK_FALSE(ParseCsv("", "e.csv", d));
  CHECK(test::HasError(d, "e.csv", 0, "", "empty"));
}

// [SECTION] Spreadsheets as staff save them (issue 15) ------------------------------------------------------

namespace {

namespace fs = std::filesystem;

fs::path Spreadsheets() { return test::SharedDir() / "testdata" / "spreadsheets"; }

std::optional<db::CsvTable> ReadTestdata(const fs::path& p, Diagnostics& d) {
  REQUIRE_MESSAGE(fs::exists(p), "missing real export " << p << " (../shared beside the repository)");
  return db::ReadCsv(p, p.filename().string(), d);
}

std::u32string Codepoints(const std::string& s) {
  std::u32string out;
  size_t i = 0;
  char32_t cp;
  while (db::NextCodepoint(s, i, cp)) out += cp;
  return out;
}

// `got` is `want` with some letters saved as '?' (and nothing else changed).
bool SameButLost(const std::string& want, const std::string& got) {
  std::u32string w = Codepoints(want), g = Codepoints(got);
  if (w.size() != g.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (w[i] != g[i] && g[i] != U'?') return false;
  return true;
}

// UTF-16 the way "Unicode text" writes it (surrogate pairs beyond the BMP).
std::string Utf16(const std::string& utf8, bool little_endian, bool bom) {
  std::string out;
  auto unit = [&](char16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  };
  if (bom) unit(0xFEFF);
  for (char32_t cp : Codepoints(utf8)) {
    if (cp < 0x10000) {
      unit(static_cast<char16_t>(cp));
    } else {
      unit(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      unit(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    }
  }
  return out;
}

// A table written back as LibreOffice's "Text CSV" does with every field quoted: `sep` between fields, CRLF.
std::string WriteCsv(const db::CsvTable& t, char sep) {
  auto field = [](const std::string& v) {
    std::string q = "\"";
    for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? std::string(1, sep) : "") + field(cells[i]);
    return out + "\r\n";
  };
  std::string out = line(t.header);
  for (const auto& r : t.rows) out += line(r.cells);
  return out;
}

bool HasNote(const Diagnostics& d, const std::string& file, const std::string& part) {
  return test::Has(d, db::Severity::Note, file, 0, "", part);
}

}  // namespace

TEST_CASE("Excel's Windows-1251 and Windows-1254 semicolon files are read with every letter they can hold") {
  Diagnostics ref_d;
  auto ref = ReadTestdata(Spreadsheets() / "demo-csv" / "organizations.csv", ref_d);
  REQUIRE(ref);
  // Which columns lose letters: 1251 has no Turkish or Kazakh-only letters, 1254 no Cyrillic.
  for (auto [file, page, losing] : {std::tuple{"organizations.windows-1251.semicolon.csv", "Windows-1251", "name_tr"},
                                    std::tuple{"organizations.windows-1254.semicolon.csv", "Windows-1254", "name_ru"}}) {
    CAPTURE(file);
    Diagnostics d;
    auto t = ReadTestdata(Spreadsheets() / file, d);
    REQUIRE(t);
    CHECK_MESSAGE(!d.has_errors(), test::Dump(d));
    CHECK(HasNote(d, file, std::string("read as ") + page + ", ';'-separated"));
    CHECK(t->header == ref->header);
    REQUIRE(t->rows.size() == ref->rows.size());
    size_t exact = 0;
    for (size_t r = 0; r < t->rows.size(); ++r)
      for (size_t c = 0; c < ref->header.size(); ++c) {
        CAPTURE(t->rows[r].line);
        CAPTURE(ref->header[c]);
        const std::string& want = ref->rows[r].cells[c];
        const std::string& got = t->rows[r].cells[c];
        CHECK(SameButLost(want, got));
        exact += want == got;
      }
    CHECK(exact > t->rows.size() * ref->header.size() / 2);  // most cells survive whole
    // The lost letters: one warning for each column that lost some, none for a column that lost none.
    int warnings = 0;
    for (const auto& x : d.items())
      if (x.severity == db::Severity::Warning && x.field == losing) ++warnings;
    CHECK(warnings == 1);
    CHECK(test::Has(d, db::Severity::Warning, file, 0, losing, "where a letter was"));
    CHECK(test::Has(d, db::Severity::Warning, file, 0, losing, "save it as \"CSV UTF-8\" or as a workbook"));
    CHECK_FALSE(test::Has(d, db::Severity::Warning, file, 0, "website", ""));
    CHECK_FALSE(test::Has(d, db::Severity::Warning, file, 0, "id", ""));
  }
}

TEST_CASE("\"Unicode text\" (UTF-16LE with a BOM, tabs) reads exactly as the CSV it was saved from") {
  Diagnostics d, ref_d;
  auto t = ReadTestdata(Spreadsheets() / "exhibitors.utf-16le.tab.txt", d);
  auto ref = ReadTestdata(Spreadsheets() / "demo-csv" / "exhibitors.csv", ref_d);
  REQUIRE(t);
  REQUIRE(ref);
  CHECK_MESSAGE(d.items().size() == 1, test::Dump(d));
  CHECK(HasNote(d, "exhibitors.utf-16le.tab.txt", "read as UTF-16LE, tab-separated"));
  CHECK(t->header == ref->header);
  REQUIRE(t->rows.size() == ref->rows.size());
  for (size_t r = 0; r < t->rows.size(); ++r) CHECK(t->rows[r].cells == ref->rows[r].cells);
}

TEST_CASE("UTF-16 big-endian with a BOM and little-endian without one read as text") {
  std::string csv = "id,name_kk\r\nastana-hub,Астана Хаб\r\n";
  for (auto [bytes, name] : {std::pair{Utf16(csv, false, true), "UTF-16BE"}, std::pair{Utf16(csv, true, false), "UTF-16LE"}}) {
    CAPTURE(name);
    Diagnostics d;
    auto t = ParseCsv(bytes, "x.csv", d);
    REQUIRE(t);
    CHECK_FALSE(d.has_errors());
    CHECK(HasNote(d, "x.csv", std::string("read as ") + name + ", ','-separated"));
    REQUIRE(t->rows.size() == 1);
    CHECK(t->rows[0].cells[1] == "Астана Хаб");
  }
}

TEST_CASE("semicolons, Excel's =\"...\" and a trailing separator read as staff meant them") {
  Diagnostics d;
  auto t = ParseCsv("\xEF\xBB\xBFid;phone;name_en;\r\n"
                    "a;=\"007172000000\";\"Hub; Astana\";\r\n"
                    "b;\"=\"\"0042\"\"\";\"He wrote =\"\"x\"\" here\";\r\n",
                    "s.csv", d);
  REQUIRE(t);
  CHECK_MESSAGE(!d.has_errors(), test::Dump(d));
  CHECK(HasNote(d, "s.csv", "read as UTF-8, ';'-separated"));
  CHECK(t->header == std::vector<std::string>{"id", "phone", "name_en"});  // the trailing empty column is gone
  REQUIRE(t->rows.size() == 2);
  CHECK(t->rows[0].cells[1] == "007172000000");
  CHECK(t->rows[0].cells[2] == "Hub; Astana");
  CHECK(t->rows[1].cells[1] == "=\"0042\"");  // quoted by the program: what the cell showed, kept
  CHECK(t->rows[1].cells[2] == "He wrote =\"x\" here");
  CHECK(d.warning_count() == 0);
}

TEST_CASE("a workbook or an old .xls saved under a .csv name is one error that says what it is") {
  for (auto [bytes, what] : {std::pair{std::string("PK\x03\x04\x14\x00\x06\x00", 8), "workbook (.xlsx or .ods)"},
                             std::pair{std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "old Excel workbook (.xls)"}}) {
    Diagnostics d;
    CHECK_FALSE(ParseCsv(bytes, "exhibitors.csv", d));
    CHECK(d.error_count() == 1);
    CHECK(test::HasError(d, "exhibitors.csv", 0, "", what));
  }
}

TEST_CASE("bytes that are no text in the file's languages are one error for the file, with the fix") {
  Diagnostics d;
  // Random high bytes under a header naming English only: no code page gives English letters.
  CHECK_FALSE(ParseCsv("id,name_en\na,\x8F\x90\x9D\xAD\x81\n", "x.csv", d));
  CHECK(d.error_count() == 1);
  CHECK(test::HasError(d, "x.csv", 0, "", "could not be recognised: save it again as \"CSV UTF-8\""));
}

TEST_CASE("dates written day first are read as such, with one warning per column that shows how") {
  Diagnostics d;
  auto t = ParseCsv("id,signed_date,published_date\na,28.09.2022,2022-09-28\nb,1/10/2022,\nc,31.02.2022,\nd,2022-09,\n",
                    "agreements.csv", d);
  REQUIRE(t);
  db::ReadDayFirstDates(*t, {"signed_date", "published_date"}, d);
  CHECK(t->rows[0].cells[1] == "2022-09-28");
  CHECK(t->rows[1].cells[1] == "2022-10-01");
  CHECK(t->rows[2].cells[1] == "31.02.2022");  // no such day: left for the checks to report
  CHECK(t->rows[3].cells[1] == "2022-09");
  CHECK(d.warning_count() == 1);
  CHECK(test::Has(d, db::Severity::Warning, "agreements.csv", 2, "signed_date", "2 dates were written day first and read so (28.09.2022 as 2022-09-28)"));
}

TEST_CASE("the demo re-saved with semicolons, as UTF-16LE with tabs and with dates as 28.09.2022 builds the same snapshot") {
  test::TempDir dir;
  fs::path orig = dir.path() / "orig", resaved = dir.path() / "resaved";
  fs::copy(test::SourceDir() / "assets" / "demo", orig, fs::copy_options::recursive);
  fs::copy(orig, resaved, fs::copy_options::recursive);
  auto reread = [&](const char* name) {
    Diagnostics d;
    auto t = db::ReadCsv(orig / name, name, d);
    REQUIRE(t);
    return *t;
  };
  test::WriteFile(resaved / "organizations.csv", WriteCsv(reread("organizations.csv"), ';'));
  test::WriteFile(resaved / "exhibitors.csv", Utf16(WriteCsv(reread("exhibitors.csv"), '\t'), true, true));
  db::CsvTable agreements = reread("agreements.csv");
  int col = agreements.Column("signed_date"), rewritten = 0;
  REQUIRE(col >= 0);
  for (auto& r : agreements.rows) {
    std::string& v = r.cells[static_cast<size_t>(col)];
    if (v.size() == 10) v = v.substr(8, 2) + "." + v.substr(5, 2) + "." + v.substr(0, 4), ++rewritten;
  }
  CHECK(rewritten > 0);
  test::WriteFile(resaved / "agreements.csv", WriteCsv(agreements, ','));

  auto a = db::BuildSnapshot(orig.string(), dir / "orig.snapshot", 1);
  auto b = db::BuildSnapshot(resaved.string(), dir / "resaved.snapshot", 1);
  REQUIRE_MESSAGE(a.written, test::Dump(a.diags));
  REQUIRE_MESSAGE(b.written, test::Dump(b.diags));
  CHECK(HasNote(b.diags, "organizations.csv", "read as UTF-8, ';'-separated"));
  CHECK(HasNote(b.diags, "exhibitors.csv", "read as UTF-16LE, tab-separated"));
  CHECK(test::Has(b.diags, db::Severity::Warning, "agreements.csv", 0, "signed_date", "written day first"));
  auto ca = db::LoadCatalog(dir / "orig.snapshot"), cb = db::LoadCatalog(dir / "resaved.snapshot");
  REQUIRE(ca);
  REQUIRE(cb);
  auto changes = db::Diff(*ca.value(), *cb.value());
  CHECK_MESSAGE(changes.empty(), db::FormatDiff(changes));
}

TEST_CASE("a failed build ends with the errors counted per file, in the order staff meet them") {
  Diagnostics d;
  d.Error("exhibitors.csv", 3, "booth", "x");
  d.Warning("rooms.csv", 2, "", "w");
  d.Error("agreements.csv", 7, "", "y");
  d.Error("exhibitors.csv", 9, "", "z");
  d.Error("exhibitors.csv", 11, "", "z");
  d.Note("organizations.csv", 0, "", "read as Windows-1251, ';'-separated");
  CHECK(db::ErrorSummary(d) == "3 errors in exhibitors.csv, 1 in agreements.csv");
  Diagnostics one;
  one.Error("", 0, "", "damaged");
  CHECK(db::ErrorSummary(one) == "1 error in the snapshot");
  CHECK(db::ErrorSummary(Diagnostics{}).empty());
  CHECK(d.warning_count() == 1);  // a note is not a warning
  CHECK(db::Format(d.items().back()) == "organizations.csv: note: read as Windows-1251, ';'-separated");
}

// The live preview runs `kiosk-snapshot build --json` and lists what it printed: every problem arrives as it
// was found, a report of another shape is refused (and the preview says the tool failed), never half read.
TEST_CASE("a build's report as JSON reads back the same problems, and anything else is refused") {
  Diagnostics d;
  d.Error("exhibitors.csv", 3, "booth", "no booth \"Z9\" in booths.csv");
  d.Warning("rooms.csv", 0, "", "ünïcödé, Қазақстан");
  d.Note("", 0, "", std::string("a byte that is not UTF-8: \xFF"));
  std::string error;
  auto back = db::ParseBuildReport(db::BuildReportJson(d, false), error);
  REQUIRE_MESSAGE(back, error);
  CHECK_FALSE(back->written);
  REQUIRE(back->diags.items().size() == 3);
  for (size_t i = 0; i < 2; ++i) CHECK(db::Format(back->diags.items()[i]) == db::Format(d.items()[i]));
  CHECK(back->diags.items()[2].severity == db::Severity::Note);
  CHECK(back->diags.items()[2].message.find("not UTF-8") != std::string::npos);  // replaced, not thrown on
  auto written = db::ParseBuildReport(db::BuildReportJson(Diagnostics{}, true), error);
  REQUIRE(written);
  CHECK(written->written);
  CHECK(written->diags.items().empty());
  for (const char* bad : {"", "wrote forum.snapshot", "[]", "{\"written\": true}", "{\"written\": 1, \"diagnostics\": []}",
                          "{\"written\": false, \"diagnostics\": [{\"message\": \"m\"}]}",
                          "{\"written\": false, \"diagnostics\": [{\"severity\": \"error\", \"message\": \"m\", \"line\": \"3\"}]}",
                          "{\"written\": false, \"diagnostics\": [7]}", "{\"written\": true, \"diagnostics\": [] "}) {
    error.clear();
    CHECK_MESSAGE(!db::ParseBuildReport(bad, error), bad);
    CHECK_MESSAGE(!error.empty(), bad);
  }
}
