// `kiosk-snapshot validate`: a snapshot the kiosk can show passes; anything damaged, foreign or tampered
// with fails with a reason.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <random>

#include <sys/resource.h>

#include <turbojpeg.h>

#include "db/model/catalog.h"
#include "db/snapshot/checksum.h"
#include "db/model/image_check.h"
#include "db/snapshot/search.h"
#include "db/snapshot/sqlite.h"
#include "db/snapshot/validate.h"
#include "db/snapshot/writer.h"
#include "images.h"
#include "support.h"

using test::ReadFile;
using test::WriteFile;
using test::Edit;
using test::GoodSnapshot;

namespace {


std::string Reasons(const db::Diagnostics& d) { return test::Dump(d); }

}  // namespace

TEST_CASE("a freshly built snapshot validates, and the kiosk's way in opens it") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  auto d = db::ValidateSnapshot(path);
  INFO(Reasons(d));
  CHECK_FALSE(d.has_errors());
  auto opened = db::OpenSnapshot(path);
  REQUIRE_MESSAGE(opened, opened.error().message);
  CHECK(opened.value()->FindOrganization("astana-hub"));
  CHECK_FALSE(db::CheckSearchQueries(*opened.value()).has_value());
  // Checked, the kiosk's catalog keeps only the postings (the snapshot's copy in memory is freed), and its
  // search still answers.
  CHECK_FALSE(opened.value()->search_index->Fts5Open());
  auto hits = db::Search(*opened.value(), "astana", "en");
  REQUIRE(bool(hits));
  const db::SearchResults::Group* exhibitors = hits.value().Find(db::SearchGroup::Exhibitors);
  REQUIRE(exhibitors);
  CHECK(exhibitors->hits.front().ref == "astana-hub");
}

TEST_CASE("a missing, empty or random file fails with a reason") {
  test::TempDir dir;
  CHECK(test::HasError(db::ValidateSnapshot(dir / "nope.snapshot"), "", 0, "", "no such file"));
  WriteFile(dir / "empty.snapshot", "");
  CHECK(test::HasError(db::ValidateSnapshot(dir / "empty.snapshot"), "", 0, "", "empty"));
  std::mt19937 rng(42);
  std::string noise(8192, '\0');
  for (auto& ch : noise) ch = static_cast<char>(rng());
  WriteFile(dir / "noise.snapshot", noise);
  CHECK(test::HasError(db::ValidateSnapshot(dir / "noise.snapshot"), "", 0, "", "not an SQLite database"));
}

TEST_CASE("a truncated snapshot fails") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  std::string bytes = ReadFile(path);
  for (size_t keep : {bytes.size() - 4096, bytes.size() / 2, size_t{100}, size_t{4096}}) {
    WriteFile(dir / "cut.snapshot", bytes.substr(0, keep));
    auto d = db::ValidateSnapshot(dir / "cut.snapshot");
    INFO("kept " << keep << " of " << bytes.size() << ": " << Reasons(d));
    CHECK(d.has_errors());
    CHECK(test::HasError(d, "", 0, "", "truncated"));
  }
}

TEST_CASE("one flipped byte in a table page fails, in the text of a row or in the page structure") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  std::string bytes = ReadFile(path);
  SUBCASE("inside a value: SQLite's checks cannot see it, the content checksum does") {
    size_t at = bytes.find("Astana Hub");
    REQUIRE(at != std::string::npos);
    bytes[at] = 'B';
    WriteFile(path, bytes);
    auto d = db::ValidateSnapshot(path);
    INFO(Reasons(d));
    CHECK(test::HasError(d, "", 0, "", "content checksum does not match"));
  }
  SUBCASE("in a b-tree page header") {
    bytes[4096 * 2] = static_cast<char>(bytes[4096 * 2] ^ 0x5A);
    WriteFile(path, bytes);
    auto d = db::ValidateSnapshot(path);
    INFO(Reasons(d));
    CHECK(d.has_errors());
  }
}

TEST_CASE("a value changed through SQL fails the checksum") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  {
    db::Database rw(path, db::Database::Mode::ReadWriteCreate);
    rw.Exec("UPDATE session SET starts_utc = starts_utc + 600, starts_at = '2022-09-28T10:10:00+06:00' WHERE id = '101'");
  }
  auto d = db::ValidateSnapshot(path);
  INFO(Reasons(d));
  CHECK(test::HasError(d, "", 0, "", "content checksum does not match"));
}

// The catalog is loaded and its rules and search checked on a second thread while the database's checks
// run (CheckSnapshot): what that side finds must count only once the database's checks have passed, so that
// staff read the problem that checking in order finds, not a rule broken by a file that is damaged anyway.
TEST_CASE("a changed row that also breaks a rule is refused for the checksum, with no word about the rule") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  {
    db::Database rw(path, db::Database::Mode::ReadWriteCreate);
    rw.Exec("UPDATE location_i18n SET name = NULL WHERE location_id = 'stage-main'");
  }
  for (int round = 0; round < 5; ++round) {  // the two sides race: the answer must not depend on which ends first
    auto d = db::ValidateSnapshot(path);
    INFO(Reasons(d));
    CHECK(test::HasError(d, "", 0, "", "content checksum does not match"));
    CHECK(d.error_count() == 1);
    CHECK_FALSE(test::HasError(d, "", 0, "name", "'stage-main' has no name"));
  }
  auto opened = db::OpenSnapshot(path);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().message.find("content checksum does not match") != std::string::npos);
}

TEST_CASE("a valid SQLite database of another schema fails") {
  test::TempDir dir;
  {
    db::Database other(dir / "other.db", db::Database::Mode::ReadWriteCreate);
    other.Exec("CREATE TABLE organization (id TEXT, name TEXT); INSERT INTO organization VALUES ('a', 'b');");
  }
  auto d = db::ValidateSnapshot(dir / "other.db");
  INFO(Reasons(d));
  CHECK(test::HasError(d, "", 0, "", "not a Forum Kiosk snapshot"));
  auto loaded = db::LoadCatalog(dir / "other.db");
  CHECK_FALSE(loaded);
  CHECK(loaded.error().message.find("not a Forum Kiosk snapshot") != std::string::npos);
}

TEST_CASE("a snapshot of a newer schema version fails with a reason staff can act on") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  {
    db::Database rw(path, db::Database::Mode::ReadWriteCreate);
    rw.Exec("PRAGMA user_version = 99");
  }
  auto d = db::ValidateSnapshot(path);
  CHECK(test::HasError(d, "", 0, "", "schema version 99"));
}

TEST_CASE("a snapshot edited by hand, checksum and all, still fails the reference checks") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  // What a careless script could do: change a row, then recompute the checksum so it matches.
  test::EditSnapshot(path, "UPDATE exhibitor SET booth_id = 'booth-on-the-moon' WHERE organization_id = 'astana-hub';"
                           "UPDATE location_i18n SET name = NULL WHERE location_id = 'stage-main'");
  auto d = db::ValidateSnapshot(path);
  INFO(Reasons(d));
  CHECK_FALSE(test::HasError(d, "", 0, "", "checksum"));
  CHECK(test::HasError(d, "", 0, "booth", "booth 'booth-on-the-moon' of 'astana-hub' is not on the floor plan"));
  CHECK(test::HasError(d, "", 0, "name", "'stage-main' has no name"));
  // The kiosk opens snapshots only through the same checks (--snapshot and the built-in one included).
  auto opened = db::OpenSnapshot(path);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().message.find("refers to a missing row of location") != std::string::npos);  // the first
  CHECK(opened.error().message.find("(and 2 more problem(s))") != std::string::npos);
  CHECK(opened.error().message.find("kiosk-snapshot validate " + path) != std::string::npos);
}

TEST_CASE("a damaged search index is refused by validate and by the kiosk's way in, and its queries fail as values") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  {  // FTS5's averages record, which bm25 ranking reads: FTS5's own integrity-check does not look at it
    db::Database rw(path, db::Database::Mode::ReadWriteCreate);
    rw.Exec("UPDATE search_data SET block = X'00' WHERE id = 1");
  }
  auto d = db::ValidateSnapshot(path);
  INFO(Reasons(d));
  CHECK(test::HasError(d, "", 0, "", "the search index is damaged"));
  auto opened = db::OpenSnapshot(path);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().message.find("the search index is damaged") != std::string::npos);
  // The staff tool's raw view still opens it; a search on it is an error value, not an exception.
  auto raw = db::LoadCatalog(path);
  REQUIRE(raw);
  db::Result<db::SearchResults> hits = db::Error{"not run"};
  CHECK_NOTHROW(hits = db::Search(*raw.value(), "astana", "en"));
  REQUIRE_FALSE(hits);
  CHECK(hits.error().message.find("search failed") != std::string::npos);
  CHECK(db::CheckSearchQueries(*raw.value()).has_value());
}

TEST_CASE("a search row renumbered by hand is refused, and its far rowid costs the kiosk no memory") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  // FTS5 moves the row and its postings together, so its integrity-check passes; the writer numbers rows
  // 1 to N, and arrays by rowid would grow to the rowid (2^28 - 1: gigabytes) if they trusted it.
  test::EditSnapshot(path, "UPDATE search SET rowid = 268435455 WHERE rowid = 3");
  struct rusage before {};
  getrusage(RUSAGE_SELF, &before);
  auto d = db::ValidateSnapshot(path);
  INFO(Reasons(d));
  CHECK(test::HasError(d, "", 0, "", "the search index is damaged"));
  CHECK(test::HasError(d, "", 0, "", "not numbered 1 to"));
  auto raw = db::LoadCatalog(path);
  REQUIRE(bool(raw));
  auto hits = db::Search(*raw.value(), "a", "en");
  REQUIRE_FALSE(bool(hits));
  CHECK(hits.error().message.find("not numbered 1 to") != std::string::npos);
  struct rusage after {};
  getrusage(RUSAGE_SELF, &after);
  CHECK(after.ru_maxrss - before.ru_maxrss < 200 * 1024);  // KB; the demo's index is a few MB
}

TEST_CASE("WriteSnapshot refuses a catalog with a broken reference and leaves no file") {
  test::TempDir dir;
  auto c = db::LoadCatalog(GoodSnapshot(dir));
  REQUIRE(c);
  db::CatalogData broken = *c.value();
  broken.exhibitors[0].booth_id = "booth-on-the-moon";
  auto w = db::WriteSnapshot(*db::Catalog::Make(std::move(broken)), dir / "broken.snapshot", 6);
  CHECK_FALSE(w);
  CHECK_FALSE(test::fs::exists(dir / "broken.snapshot"));
}

TEST_CASE("round trip: sources -> snapshot -> catalog -> snapshot gives the same rows in every table") {
  test::TempDir dir;
  std::string a = GoodSnapshot(dir);
  auto c = db::LoadCatalog(a);
  REQUIRE(c);
  const db::Catalog& cat = *c.value();
  // Spot checks on what the kiosk reads.
  CHECK(cat.forum.utc_offset_min == 360);
  CHECK(cat.Tr(cat.forum.title, "ru") == "Тестовый форум");
  CHECK(cat.Tr(cat.FindOrganization("bilisim-vadisi")->name, "ru") == "Bilişim Vadisi");  // ru -> en
  CHECK(cat.FindExhibitorAtBooth("booth-a1")->organization_id == "astana-hub");
  const db::Agreement* mou = cat.FindAgreement("mou-1");
  REQUIRE(mou);
  REQUIRE(mou->parties.size() == 2);
  CHECK(mou->parties[1].organization_id == "bilisim-vadisi");
  const db::Session* s = cat.FindSession("101");
  REQUIRE(s);
  CHECK(s->starts_at == "2022-09-28T10:00:00+06:00");
  CHECK(s->sample);
  CHECK(cat.Tr(s->title, "ru") == "Подписание меморандума");
  CHECK(cat.Tr(cat.FindPerson("9001")->name, "ru") == "Магжан Мадиев");
  CHECK(cat.FindRoom(s->room_id)->location_id == "stage-main");
  CHECK(cat.FindLocation("booth-a1")->ring.size() == 4);
  CHECK(cat.FindLocation("booth-a1")->anchor.x == doctest::Approx(5.0));
  CHECK(cat.walkways.at(0).length_m == doctest::Approx(std::hypot(9.0, 20.0)));

  auto b = db::WriteSnapshot(cat, dir / "again.snapshot", 5);
  REQUIRE(b);
  db::Database db(a);
  db.Exec("ATTACH DATABASE '" + (dir / "again.snapshot") + "' AS again");
  auto tables = db.Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'meta'");
  int compared = 0;
  while (tables.Step()) {
    std::string t = tables.Text(0);
    int64_t diff = db.QueryInt("SELECT count(*) FROM (SELECT * FROM main." + t + " EXCEPT SELECT * FROM again." + t + ")") +
                   db.QueryInt("SELECT count(*) FROM (SELECT * FROM again." + t + " EXCEPT SELECT * FROM main." + t + ")");
    CHECK_MESSAGE(diff == 0, "table " << t << " differs after the round trip");
    ++compared;
  }
  CHECK(compared >= 20);
}

TEST_CASE("a stored picture that does not decode cleanly, is over the caps or not as recorded fails, naming the image") {
  // The minimal fixture with a logo, then the image row replaced by hand, checksum and all, as a script or
  // an attacker could; the kiosk must never be handed such a picture.
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::fs::create_directories(src / "logos");
  WriteFile(src / "logos" / "hub.png", test::SolidPng(32, 16, 250, 0, 250));
  std::string orgs = ReadFile(src / "organizations.csv");
  auto at = orgs.find("https://astanahub.example,,,,0");
  REQUIRE(at != std::string::npos);
  orgs.replace(at, 30, "https://astanahub.example,,,hub.png,0");
  WriteFile(src / "organizations.csv", orgs);
  auto out = test::Build(src, dir, 5);
  REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
  const std::string good = ReadFile(dir / "out.snapshot");
  const std::string path = dir / "out.snapshot";
  std::string png = test::SolidPng(32, 16, 250, 0, 250);

  struct Case {
    const char* what;
    std::string bytes;
    int width, height;
    const char* reason;
  };
  const Case cases[] = {
      {"a truncated PNG", png.substr(0, png.size() - 20), 32, 16, "the PNG is broken"},
      {"a 12000 x 12000 bomb", test::PngBomb(12000, 12000), 12000, 12000, "12000 x 12000 pixels"},
      {"a JPEG (not our canonical form)", test::Jpeg(32, 16, std::vector<unsigned char>(32 * 16 * 3, 9), TJPF_RGB), 32, 16,
       "re-encoded as PNG"},
      {"a good PNG recorded with another size", png, 64, 16, "do not match the recorded"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    WriteFile(path, good);
    {
      db::Database rw(path, db::Database::Mode::ReadWriteCreate);
      auto st = rw.Prepare("UPDATE image SET bytes = ?, size = ?, width = ?, height = ?, sha256 = ? WHERE id = 'hub.png'");
      // The recorded digest of the new bytes where they decode, so only the picture itself is wrong.
      auto info = db::CheckImage(test::Bytes(c.bytes));
      std::string sha = info ? info.value().sha256 : std::string(64, '0');
      st.BindBlob(1, c.bytes.data(), c.bytes.size()).Bind(2, static_cast<int64_t>(c.bytes.size())).Bind(3, int64_t{c.width})
          .Bind(4, int64_t{c.height}).Bind(5, sha);
      st.Step();
      rw.Exec("UPDATE meta SET value = '" + db::ContentChecksum(rw) + "' WHERE key = 'content_checksum'");
    }
    auto d = db::ValidateSnapshot(path);
    INFO(Reasons(d));
    CHECK_FALSE(test::HasError(d, "", 0, "", "content checksum"));
    CHECK(test::HasError(d, "", 0, "", "image 'hub.png'"));
    CHECK(test::HasError(d, "", 0, "", c.reason));
  }
}

// Every installed snapshot carries the checksum its builder computed; a kiosk whose checksum changed would
// refuse them all after an upgrade. Pinned: the value the checksum had when snapshots were first built
// (every kind of value, a text in Cyrillic, an empty picture and one larger than the hasher's buffer).
TEST_CASE("the content checksum of a known database is the one snapshots were built with") {
  db::Database d(":memory:", db::Database::Mode::ReadWriteCreate);
  d.Exec("PRAGMA application_id = 1179603275; PRAGMA user_version = 7;"
         "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); CREATE TABLE thing (a, b, c);"
         "INSERT INTO meta VALUES ('content_checksum', 'not hashed'), ('content_version', '3');"
         "INSERT INTO thing VALUES (NULL, 42, 1.5), ('тест', x'', x'00ff'), (zeroblob(70000), -1, 'z');");
  CHECK(db::ContentChecksum(d) == "ca07b224dd0cd0ca3cfea466e358197261ee4875dcdeddd2f1bcf0ee4389e877");
}
