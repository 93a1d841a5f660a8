// Workbooks as staff keep the forum (issue 15, part 2): the demo saved by LibreOffice as .xlsx and .ods builds
// the same snapshot as its CSV files; a mistake in a sheet is named as the spreadsheet shows the cell.
#include <doctest/doctest.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "db/snapshot/sqlite.h"
#include "db/sources/workbook.h"
#include "db/tool/build.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

fs::path Spreadsheets() { return test::SharedDir() / "testdata" / "spreadsheets"; }

// The demo's sources without its CSV files, plus `book` (the floor plan, the program and the logos stay).
// The workbooks were saved by LibreOffice from the demo of one level, before it had levels.csv: the plan's
// upper level is left out with it.
fs::path DemoWith(const test::TempDir& dir, const std::string& name, const fs::path& book) {
  fs::path src = dir.path() / name;
  fs::copy(test::SourceDir() / "assets" / "demo", src, fs::copy_options::recursive);
  for (const auto& e : fs::directory_iterator(src))
    if (e.path().extension() == ".csv") fs::remove(e.path());
  auto plan = nlohmann::json::parse(test::ReadFile(src / "floorplan.geojson"));
  auto& features = plan["features"];
  features.erase(std::remove_if(features.begin(), features.end(), [](const nlohmann::json& f) { return f["properties"].value("level", 0) != 0; }),
                 features.end());
  test::WriteFile(src / "floorplan.geojson", plan.dump());
  if (!book.empty()) fs::copy_file(book, src / ("forum" + book.extension().string()));
  return src;
}

// Replaces `from` with `to` in the part `part` of the zip at `path`, as a spreadsheet program saving an edit.
void EditPart(const fs::path& path, const char* part, const std::string& from, const std::string& to) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), 0, &err);
  REQUIRE(z);
  zip_stat_t st;
  REQUIRE(zip_stat(z, part, 0, &st) == 0);
  std::string data(st.size, '\0');
  zip_file_t* f = zip_fopen(z, part, 0);
  REQUIRE(zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  auto at = data.find(from);
  REQUIRE(at != std::string::npos);
  data.replace(at, from.size(), to);
  auto* copy = new std::string(data);  // libzip reads it at zip_close, so it lives until then
  zip_source_t* s = zip_source_buffer(z, copy->data(), copy->size(), 0);
  REQUIRE(zip_file_add(z, part, s, ZIP_FL_OVERWRITE) >= 0);
  REQUIRE(zip_close(z) == 0);
  delete copy;
}

}  // namespace

TEST_CASE("column letters as a spreadsheet shows them") {
  CHECK(db::ColumnLetters(0) == "A");
  CHECK(db::ColumnLetters(25) == "Z");
  CHECK(db::ColumnLetters(26) == "AA");
  CHECK(db::ColumnLetters(701) == "ZZ");
  CHECK(db::ColumnLetters(702) == "AAA");
}

TEST_CASE("the demo as LibreOffice saves it, .xlsx and .ods, builds the same snapshot as its CSV files") {
  test::TempDir dir;
  fs::path csv = DemoWith(dir, "csv", "");
  for (const auto& e : fs::directory_iterator(Spreadsheets() / "demo-csv")) fs::copy_file(e.path(), csv / e.path().filename());
  auto from_csv = db::BuildSnapshot(csv.string(), dir / "csv.snapshot", 1);
  REQUIRE_MESSAGE(from_csv.written, test::Dump(from_csv.diags));
  std::string want = test::ContentOf(dir / "csv.snapshot");
  for (const char* book : {"forum-demo.libreoffice.xlsx", "forum-demo.libreoffice.ods"}) {
    CAPTURE(book);
    fs::path src = DemoWith(dir, book, Spreadsheets() / book);
    auto out = db::BuildSnapshot(src.string(), dir / (std::string(book) + ".snapshot"), 1);
    REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
    CHECK_MESSAGE(out.diags.items().empty(), test::Dump(out.diags));
    CHECK(test::ContentOf(dir / (std::string(book) + ".snapshot")) == want);
  }
}

TEST_CASE("a mistake in a sheet is named by sheet, cell and column, and nothing is written") {
  test::TempDir dir;
  fs::path src = DemoWith(dir, "src", Spreadsheets() / "forum-demo.libreoffice.ods");
  EditPart(src / "forum.ods", "content.xml", "<text:p>booth-a1</text:p>", "<text:p>booth-zz</text:p>");
  auto out = db::BuildSnapshot(src.string(), dir / "out.snapshot", 1);
  CHECK_FALSE(out.written);
  CHECK_FALSE(fs::exists(dir / "out.snapshot"));
  CHECK_MESSAGE(test::HasError(out.diags, "forum.ods", 0, "exhibitors!B2 (booth)", "booth-zz"), test::Dump(out.diags));
}

TEST_CASE("a workbook beside the CSV files, two workbooks or a damaged one: one clear error each") {
  test::TempDir dir;
  fs::path src = DemoWith(dir, "both", Spreadsheets() / "forum-demo.libreoffice.xlsx");
  fs::copy_file(Spreadsheets() / "demo-csv" / "exhibitors.csv", src / "exhibitors.csv");
  // Excel's lock file while the workbook is open is not a second workbook.
  test::WriteFile(src / "~$forum.xlsx", "lock");
  auto out = db::BuildSnapshot(src.string(), dir / "out.snapshot", 1);
  CHECK(test::HasError(out.diags, "exhibitors.csv", 0, "", "both forum.xlsx and exhibitors.csv are in the folder"));
  CHECK(out.diags.error_count() == 1);

  fs::path two = DemoWith(dir, "two", Spreadsheets() / "forum-demo.libreoffice.xlsx");
  fs::copy_file(Spreadsheets() / "forum-demo.libreoffice.ods", two / "old.ods");
  out = db::BuildSnapshot(two.string(), dir / "out.snapshot", 1);
  CHECK(test::HasError(out.diags, "old.ods", 0, "", "a second workbook beside forum.xlsx"));

  fs::path broken = DemoWith(dir, "broken", "");
  std::string bytes = test::ReadFile(Spreadsheets() / "forum-demo.libreoffice.xlsx");
  test::WriteFile(broken / "forum.xlsx", bytes.substr(0, bytes.size() / 2));
  out = db::BuildSnapshot(broken.string(), dir / "out.snapshot", 1);
  CHECK_FALSE(out.written);
  CHECK(test::HasError(out.diags, "forum.xlsx", 0, "", "not a readable workbook"));
}
