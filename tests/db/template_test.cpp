// `kiosk-snapshot new` (issue 15, part 3): a template for any languages that builds as it is, with every
// table and every column for those languages, its example rows flagged sample, the same as a workbook and as
// CSV files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "db/model/catalog.h"
#include "db/snapshot/validate.h"
#include "db/snapshot/sqlite.h"
#include "db/sources/csv_table.h"
#include "db/sources/source_tables.h"
#include "db/sources/workbook.h"
#include "db/tool/build.h"
#include "db/tool/template.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

// The template's tables as the build reads them: the workbook's sheets, or the CSV files.
std::vector<db::CsvTable> TablesOf(const fs::path& dir, db::TemplateFormat format) {
  db::Diagnostics d;
  std::vector<db::CsvTable> out;
  if (format == db::TemplateFormat::Workbook) {
    auto sheets = db::ReadWorkbook(dir / "forum.xlsx", "forum.xlsx", d);
    REQUIRE_MESSAGE(sheets, test::Dump(d));
    out = *sheets;
  } else {
    for (const auto& t : db::SourceTables()) {
      auto csv = db::ReadCsv(dir / t.file, t.file, d);
      REQUIRE_MESSAGE(csv, t.file);
      out.push_back(*csv);
    }
  }
  CHECK_MESSAGE(d.items().empty(), test::Dump(d));
  return out;
}

}  // namespace

TEST_CASE("kiosk-snapshot new: every table, every column for the languages, example rows that build as they are") {
  for (auto format : {db::TemplateFormat::Workbook, db::TemplateFormat::Csv})
    for (std::vector<std::string> langs : {std::vector<std::string>{"kk", "ru", "en"}, {"tr", "en"}, {"uz"}, {"zh", "ja", "ar"}}) {
      CAPTURE(langs.front());
      CAPTURE(int(format));
      test::TempDir dir;
      auto written = db::WriteTemplate(dir.path() / "forum", langs, format);
      REQUIRE_MESSAGE(written, written.error().message);
      std::vector<db::CsvTable> tables = TablesOf(dir.path() / "forum", format);
      REQUIRE(tables.size() == db::SourceTables().size());
      for (size_t i = 0; i < tables.size(); ++i) {
        const db::SourceTable& want = db::SourceTables()[i];
        const db::CsvTable& got = tables[i];
        CAPTURE(want.file);
        for (const auto& c : want.columns)
          if (c.kind == db::SourceColumn::Translated)
            for (const auto& l : langs) CHECK_MESSAGE(got.Has(std::string(c.name) + "_" + l), c.name << "_" << l);
          else
            CHECK_MESSAGE(got.Has(c.name), c.name);
        REQUIRE(!got.rows.empty());
        if (got.Has("sample"))
          for (const auto& row : got.rows) CHECK(db::CsvRowReader(got, row).Get("sample") == "1");
      }
      auto out = test::Build(dir.path() / "forum", dir);
      REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
      CHECK_MESSAGE(out.diags.error_count() == 0, test::Dump(out.diags));
      auto c = db::OpenSnapshot((dir.path() / "out.snapshot").string());
      REQUIRE_MESSAGE(c, c.error().message);
      const db::Catalog& cat = *c.value();
      CHECK(cat.languages.size() == langs.size());
      CHECK(cat.forum.default_language == langs.front());
      CHECK(cat.exhibitors.size() == 1);
      CHECK(cat.sessions.size() == 1);
      CHECK(cat.agreements.size() == 1);
    }
}

TEST_CASE("kiosk-snapshot new: the workbook and the CSV files build the same snapshot, CLDR gives names and plurals") {
  test::TempDir dir;
  std::vector<std::string> langs{"kk", "ru", "en", "pl"};
  REQUIRE(db::WriteTemplate(dir.path() / "book", langs, db::TemplateFormat::Workbook));
  REQUIRE(db::WriteTemplate(dir.path() / "csv", langs, db::TemplateFormat::Csv));
  REQUIRE(db::BuildSnapshot((dir.path() / "book").string(), dir.path() / "book.snapshot", 1).written);
  REQUIRE(db::BuildSnapshot((dir.path() / "csv").string(), dir.path() / "csv.snapshot", 1).written);
  CHECK(test::ContentOf((dir.path() / "book.snapshot").string()) == test::ContentOf((dir.path() / "csv.snapshot").string()));
  auto c = db::OpenSnapshot((dir.path() / "csv.snapshot").string());
  REQUIRE(c);
  const auto& l = c.value()->languages;
  REQUIRE(l.size() == 4);
  CHECK(l[0].native_name == "Қазақ тілі");
  CHECK(l[0].fallback == "ru");
  CHECK(l[1].plural_rule == "east_slavic");
  CHECK(l[3].plural_rule == "polish");
  CHECK(l[3].fallback == "");
  // How each language writes a month inside a date, from CLDR: the Russian genitive.
  CHECK(c.value()->ui_strings.at("month.9").by_lang.at("ru") == "сентября");
  CHECK(c.value()->ui_strings.at("weekday.1").by_lang.at("kk") == "Дүйсенбі");
}

TEST_CASE("kiosk-snapshot new refuses a folder with files in it, and language codes it does not know") {
  test::TempDir dir;
  fs::create_directories(dir.path() / "busy");
  { std::ofstream(dir.path() / "busy" / "forum.csv") << "id\n"; }
  auto busy = db::WriteTemplate(dir.path() / "busy", {"en"}, db::TemplateFormat::Csv);
  REQUIRE_FALSE(busy);
  CHECK(busy.error().message.find("not empty") != std::string::npos);
  CHECK(test::ReadFile(dir.path() / "busy" / "forum.csv") == "id\n");
  for (std::vector<std::string> bad : {std::vector<std::string>{"xx"}, {"EN"}, {"en", "en"}, {}}) {
    auto r = db::WriteTemplate(dir.path() / "new", bad, db::TemplateFormat::Csv);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("--languages") == 0);
    CHECK_FALSE(fs::exists(dir.path() / "new"));
  }
}
