// CSV as spreadsheets export it: BOM, CRLF, quoted commas, quotes and line breaks must pass; broken files
// must be reported with the line.
#include <doctest/doctest.h>

#include "db/sources/csv_table.h"
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

TEST_CASE("invalid UTF-8 is reported with line and column, and the rest of the file is still read") {
  Diagnostics d;
  auto t = ParseCsv("id,name_en\na,Good\nb,Bad \xC3\x28 text\nc,\xFF\n", "u.csv", d);
  REQUIRE(t);
  CHECK(test::HasError(d, "u.csv", 3, "name_en", "not valid UTF-8"));
  CHECK(test::HasError(d, "u.csv", 4, "name_en", "not valid UTF-8"));
  CHECK(d.error_count() == 2);
  CHECK(t->rows.size() == 3);
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
