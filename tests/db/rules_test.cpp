// The rules on what a snapshot may hold (issue 12): the text rule, the numbers' ranges, the caps, the polygon
// check's cost, and the bad sources that used to crash `build` (an empty language code, 1e400 in JSON, a
// symbolic link, a 100 MB cell), empty key and signature files, and `inspect --json` on text that is not
// UTF-8. Each bad input is refused with what and where.
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <fstream>
#include <cmath>
#include <nlohmann/json.hpp>

#include "db/model/caps.h"
#include "db/model/catalog.h"
#include "db/model/check.h"
#include "db/snapshot/checksum.h"
#include "db/sources/floorplan.h"
#include "db/model/geometry.h"
#include "db/tool/inspect.h"
#include "db/sources/schedule_import.h"
#include "db/field/signature.h"
#include "db/snapshot/sqlite.h"
#include "db/base/text.h"
#include "db/model/text_rules.h"
#include "db/snapshot/validate.h"
#include "support.h"

using test::AppendFile;
using test::HasError;
using test::ReadFile;
using test::WriteFile;
using test::Edit;
using test::GoodSnapshot;
// Runs SQL on a snapshot and recomputes its content checksum, so that only the forum's rules can refuse it.
using test::EditSnapshot;

namespace {

// A loaded snapshot's data, to change before it is checked.
db::CatalogData Loaded(const std::string& path) {
  auto c = db::LoadCatalog(path);
  REQUIRE(c);
  return *c.value();
}

db::Diagnostics Checked(const db::CatalogData& c) {
  db::Diagnostics d;
  db::CheckCatalog(*db::Catalog::Make(c), d);
  return d;
}

// A simple polygon of n corners (a circle of radius 100 m).
std::vector<db::Point> Circle(size_t n) {
  std::vector<db::Point> r;
  for (size_t i = 0; i < n; ++i) {
    double a = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
    r.push_back({100 * std::cos(a), 100 * std::sin(a)});
  }
  return r;
}

}  // namespace

// [SECTION] Text ------------------------------------------------------------------------------------------

TEST_CASE("text rule: NUL, control characters, line breaks in one-line fields, broken UTF-8 and length") {
  using db::TextKind;
  CHECK_FALSE(db::CheckText("Astana Hub — Астана Хаб", TextKind::Name));
  CHECK_FALSE(db::CheckText("line one\nline two\ttab", TextKind::LongText));
  auto nul = db::CheckText(std::string("AB\0C", 4), TextKind::Name);
  REQUIRE(nul);
  CHECK(nul->offset == 2);
  CHECK(nul->message.find("a NUL character at byte 2") != std::string::npos);
  auto bell = db::CheckText("x\x07y", TextKind::LongText);
  REQUIRE(bell);
  CHECK(bell->message.find("a control character (U+0007) at byte 1") != std::string::npos);
  auto cr = db::CheckText("a\rb", TextKind::LongText);
  REQUIRE(cr);
  CHECK(cr->message.find("U+000D") != std::string::npos);
  auto nl = db::CheckText("Main\nStage", TextKind::Name);
  REQUIRE(nl);
  CHECK(nl->message.find("a line break at byte 4: a name is one line") != std::string::npos);
  auto bad = db::CheckText("Bili\xFEim", TextKind::Name);
  REQUIRE(bad);
  CHECK(bad->offset == 4);
  CHECK(bad->message.find("not valid UTF-8 at byte 4 (byte 0xFE") != std::string::npos);
  auto longname = db::CheckText(std::string(db::caps::kNameBytes + 1, 'a'), TextKind::Name);
  REQUIRE(longname);
  CHECK(longname->message.find("1025 bytes, more than the 1024 allowed for a name") != std::string::npos);
  CHECK_FALSE(db::CheckText(std::string(db::caps::kNameBytes, 'a'), TextKind::Name));
  CHECK(db::KindOfField("description") == TextKind::LongText);
  CHECK(db::KindOfField("name") == TextKind::Name);
  CHECK(db::KindOfField("website") == TextKind::Link);
  CHECK(db::KindOfField("id") == TextKind::Code);
  CHECK(db::Printable(std::string("A\xFF\0B\\", 5)) == "A\\xFF\\x00B\\x5C");
}

TEST_CASE("validate refuses a NUL in a name with table, id, field, language and offset (checksum recomputed)") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  // The issue's reproducer, on a snapshot whose checksum is then made to match.
  EditSnapshot(path, "UPDATE organization_i18n SET name = CAST(X'41004200430044' AS TEXT) "
                     "WHERE organization_id = 'astana-hub' AND lang = 'en'");
  auto d = db::ValidateSnapshot(path);
  INFO(test::Dump(d));
  CHECK_FALSE(HasError(d, "", 0, "", "checksum"));
  CHECK(HasError(d, "organization", 0, "name_en", "organization 'astana-hub', name in 'en': a NUL character at byte 1"));
}

TEST_CASE("every string of a catalog is under the rule, visible or not") {
  test::TempDir dir;
  db::CatalogData c = Loaded(GoodSnapshot(dir));
  c.organizations[0].description.by_lang["en"] = "ok\nfine\x01";
  c.sessions[0].guid = "g\x1b";
  c.people[0].biography.by_lang["en"] = "\xC3\x28";
  c.ui_strings.begin()->second.by_lang["en"] = std::string(db::caps::kUiTextBytes + 1, 'x');
  c.locations[0].name.by_lang["en"] = "Main\nhall";
  auto d = Checked(c);
  INFO(test::Dump(d));
  CHECK(HasError(d, "organization", 0, "description_en", "a control character (U+0001) at byte 7"));
  CHECK(HasError(d, "session", 0, "guid", "a control character (U+001B) at byte 1"));
  CHECK(HasError(d, "person", 0, "biography_en", "not valid UTF-8 at byte 0"));
  CHECK(HasError(d, "ui_string", 0, "text_en", "more than the 4096 allowed for a interface text"));
  CHECK(HasError(d, "location", 0, "name_en", "a line break at byte 4"));
}

TEST_CASE("build: a control character in a cell names file, line and column, a description may break lines") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "organizations.csv", "Bilişim Vadisi,,", "Bili\x02sim Vadisi,,\"two\nlines\"");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "organizations.csv", 3, "name_en", "a control character (U+0002) at byte 4"));
  CHECK_FALSE(HasError(out.diags, "organizations.csv", 3, "description_en", ""));
}

// [SECTION] Sizes of sources ------------------------------------------------------------------------------

TEST_CASE("build: a 100 MB cell is refused before the file is read, a 70 KB cell as it is read") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  std::string header = ReadFile(src / "organizations.csv").substr(0, ReadFile(src / "organizations.csv").find('\n') + 1);
  {
    std::ofstream out(src / "organizations.csv", std::ios::binary | std::ios::trunc);
    out << header << "big,company,KZ,,,,,0,Big,,\"";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) out << chunk;
    out << "\"\n";
  }
  auto t0 = std::chrono::steady_clock::now();
  auto out = test::Build(src, dir);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "organizations.csv", 0, "", "the file is 101 MiB, more than the 16 MiB allowed"));
  CHECK(seconds < 5);  // not read, not parsed: the file's size is enough (was 850 MB of memory and a 211 MB snapshot)

  WriteFile(src / "organizations.csv", header + "big,company,KZ,,,,,0,Big,,\"" + std::string(70000, 'x') + "\"\n" +
                                           "long,company,KZ,,,,,0," + std::string(2000, 'n') + ",,\n");
  auto cell = test::Build(src, dir);
  INFO(test::Dump(cell.diags));
  CHECK(HasError(cell.diags, "organizations.csv", 2, "description_en", "the cell holds 70000 bytes, more than the 65536 allowed"));
  CHECK(HasError(cell.diags, "organizations.csv", 3, "name_en", "2000 bytes, more than the 1024 allowed for a name"));
}

// [SECTION] Numbers ---------------------------------------------------------------------------------------

TEST_CASE("build: coordinates of 1e305 and 1e400 in the floor plan are errors with the feature's line") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "floorplan.geojson", "[[[2,2],[8,2],[8,6],[2,6],[2,2]]]", "[[[2,2],[1e305,2],[8,6],[2,6],[2,2]]]");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "floorplan.geojson", 6, "geometry", "'booth-a1': position (1e+305, 2) is more than 1000000 m"));

  Edit(src / "floorplan.geojson", "1e305", "1e400");
  auto huge = test::Build(src, dir);
  INFO(test::Dump(huge.diags));
  CHECK_FALSE(huge.written);
  CHECK(HasError(huge.diags, "floorplan.geojson", 7, "", "the number 1e400 is too large"));  // the line of the number
}

TEST_CASE("1e400 in a schedule JSON, and JSON of the wrong types, are errors, not exceptions") {
  db::Diagnostics d;
  std::string json = "{\"schedule\": {\"conference\": {\"title\": \"x\",\n \"days\": [{\"index\": 1e400}]}}}";
  auto s = db::ParseScheduleJson(json, "schedule.json", {}, d);
  INFO(test::Dump(d));
  CHECK(HasError(d, "schedule.json", 2, "", "the number 1e400 is too large"));
  db::Diagnostics d2;
  db::ParseFloorplan("{\"type\": 7, \"features\": []}", "floorplan.geojson", {"en"}, d2);
  INFO(test::Dump(d2));
  CHECK(HasError(d2, "floorplan.geojson", 0, "", "unexpected JSON content"));
  db::Diagnostics d3;
  db::ParseFloorplan("{\"type\": \"FeatureCollection\", \"features\": [1e999]}", "floorplan.geojson", {"en"}, d3);
  CHECK(HasError(d3, "floorplan.geojson", 1, "", "the number 1e999 is too large"));
}

TEST_CASE("validate refuses coordinates of 1e305, a centroid of 1e308 and other out-of-range numbers") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  std::string copy = dir / "copy.snapshot";
  test::fs::copy_file(path, copy);
  EditSnapshot(path, "UPDATE location_vertex SET x = 1e305 WHERE location_id = 'booth-a1' AND seq = 1");
  auto d = db::ValidateSnapshot(path);
  INFO(test::Dump(d));
  CHECK(HasError(d, "location", 0, "geometry", "'booth-a1': position (1e+305, 2) is more than 1000000 m from the plan's origin"));

  EditSnapshot(copy, "UPDATE location SET cx = 1e308 WHERE id = 'booth-a2';"
                     "UPDATE location SET cy = 7 WHERE id = 'stage-main';"
                     "UPDATE location SET level = 5000 WHERE id = 'hall-main';"
                     "UPDATE walkway SET length_m = 1e300;"
                     "UPDATE forum SET idle_timeout_s = 2;"
                     "UPDATE session SET day_index = 100000;"
                     "UPDATE country SET color = '#1000000'");
  auto e = db::ValidateSnapshot(copy);
  INFO(test::Dump(e));
  CHECK(HasError(e, "location", 0, "anchor", "'booth-a2': the label anchor: position (1e+308, 4) is more than 1000000 m"));
  CHECK(HasError(e, "location", 0, "anchor", "'stage-main': the label anchor (29, 7) is not the centroid of the outline (29, 24)"));
  CHECK(HasError(e, "location", 0, "level", "'hall-main' is on level 5000, but no levels are listed (add them to levels.csv)"));
  CHECK(HasError(e, "walkway", 0, "length_m", "a length of 1e+300 m is not between 0 and 1e+07 m"));
  CHECK(HasError(e, "forum", 0, "idle_timeout_s", "2 is not a number of seconds between 10 and 3600"));
  CHECK(HasError(e, "session", 0, "day_index", "day number 100000 is not between 0 and 366"));
  CHECK(HasError(e, "country", 0, "color", "the colour is not #RRGGBB"));
}

// [SECTION] Polygons --------------------------------------------------------------------------------------

TEST_CASE("polygon check: messages, the vertex cap, and no quadratic time") {
  std::vector<db::Point> bow = {{2, 2}, {8, 6}, {8, 2}, {2, 6}};
  auto p = db::PolygonProblem(bow);
  REQUIRE(p);
  CHECK(p->find("the outline crosses itself at (5, 4)") != std::string::npos);
  std::vector<db::Point> touch = {{0, 0}, {10, 0}, {10, 10}, {5, 0}, {0, 10}};  // a corner on the bottom edge
  auto t = db::PolygonProblem(touch);
  REQUIRE(t);
  CHECK(t->find("touches itself at (5, 0)") != std::string::npos);
  CHECK(db::PolygonProblem({{0, 0}, {1, 1}, {2, 2}})->find("no area") != std::string::npos);
  CHECK(db::PolygonProblem({{0, 0}, {1, 0}, {1, 0}, {0, 1}})->find("corner (1, 0) is repeated") != std::string::npos);
  CHECK(db::PolygonProblem({{0, 0}, {NAN, 0}, {0, 1}})->find("not a finite number") != std::string::npos);

  auto at_cap = Circle(db::caps::kPolygonVertices);
  auto t0 = std::chrono::steady_clock::now();
  CHECK_FALSE(db::PolygonProblem(at_cap));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(seconds < 0.5);  // the pairwise check took 1.3 s at 10,000 corners
  auto over = db::PolygonProblem(Circle(db::caps::kPolygonVertices + 1));
  REQUIRE(over);
  CHECK(over->find("the outline has 10001 corners, more than the 10000 allowed") != std::string::npos);
}

TEST_CASE("build: a polygon over the vertex cap is refused before its corners are read") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  std::string ring = "[";
  for (size_t i = 0; i <= db::caps::kPolygonVertices + 1; ++i) {
    double a = 2 * M_PI * static_cast<double>(i % (db::caps::kPolygonVertices + 1)) / (db::caps::kPolygonVertices + 1);
    ring += (i ? "," : "") + std::string("[") + std::to_string(20 + 10 * std::cos(a)) + "," + std::to_string(15 + 10 * std::sin(a)) + "]";
  }
  Edit(src / "floorplan.geojson", "[[[0,0],[40,0],[40,30],[0,30],[0,0]]]", "[" + ring + "]]");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags).substr(0, 2000));
  CHECK(HasError(out.diags, "floorplan.geojson", 4, "geometry", "'hall-main': the outline has 10001 corners, more than the 10000 allowed"));
}

// [SECTION] Bad sources that crashed build ------------------------------------------------------------------

TEST_CASE("build: a languages.csv row with an empty code is an error, not a crash") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  AppendFile(src / "languages.csv", ",Nameless,Nameless,\n");  // line 4
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "languages.csv", 4, "code", "is empty"));
  CHECK(HasError(out.diags, "languages.csv", 4, "code", "'' is not a language code"));
}

TEST_CASE("build: a symbolic link anywhere in the source folder is refused and never followed") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  WriteFile(dir / "secret.txt", "outside the source folder");
  test::fs::create_directories(src / "logos");
  test::fs::create_symlink(dir / "secret.txt", src / "logos" / "hub.png");
  test::fs::create_symlink(dir.path(), src / "logos" / "up");
  Edit(src / "organizations.csv", "https://astanahub.example,,,,0", "https://astanahub.example,,,hub.png,0");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "logos/hub.png", 0, "", "a symbolic link: sources must be ordinary files inside the source folder"));
  CHECK(HasError(out.diags, "logos/up", 0, "", "a symbolic link"));
  CHECK(HasError(out.diags, "organizations.csv", 2, "logo", "logos/hub.png: a symbolic link"));

  // A spreadsheet that is a link is refused as it is read, too.
  test::fs::rename(src / "sources.csv", dir / "sources.csv");
  test::fs::create_symlink(dir / "sources.csv", src / "sources.csv");
  auto csv = test::Build(src, dir);
  CHECK(HasError(csv.diags, "sources.csv", 0, "", "a symbolic link"));
}

// [SECTION] Keys and signatures ---------------------------------------------------------------------------

TEST_CASE("empty and one-byte key and signature files are refused with a reason") {
  for (std::string text : {std::string(), std::string("\n"), std::string("R"), std::string("untrusted comment: x\n")}) {
    INFO("key file '" << text << "'");
    auto pub = db::ParsePublicKey(text);
    REQUIRE_FALSE(pub);
    CHECK(pub.error().message.find("key") != std::string::npos);
    auto sec = db::ParseSecretKey(text);
    REQUIRE_FALSE(sec);
    CHECK(sec.error().message.find("key") != std::string::npos);
  }
  CHECK(db::ParsePublicKey("").error().message.find("the file is empty") != std::string::npos);
  std::array<unsigned char, 64> hash{};
  db::PublicKey pk;
  db::SecretKey sk;
  db::GenerateKeyPair(pk, sk);
  CHECK(db::VerifySignature("", hash, "", {pk}).error().message == "the signature file is empty");
  CHECK(db::VerifySignature("x", hash, "", {pk}).error().message.find("not in minisign format") != std::string::npos);
  CHECK(db::VerifySignature("untrusted comment: a\n\ntrusted comment: b\n\n", hash, "", {pk}).error().message ==
        "the signature line is damaged");
}

// [SECTION] inspect ---------------------------------------------------------------------------------------

TEST_CASE("inspect --json on text that is not UTF-8 reports it escaped, with where, and does not throw") {
  test::TempDir dir;
  std::string path = GoodSnapshot(dir);
  EditSnapshot(path, "UPDATE organization_i18n SET name = CAST(X'41FF42' AS TEXT) "
                     "WHERE organization_id = 'astana-hub' AND lang = 'en';"
                     "UPDATE forum SET code = CAST(X'666F72756DC0' AS TEXT)");
  auto c = db::Catalog::Make(Loaded(path));
  std::string out;
  REQUIRE_NOTHROW(out = db::InspectJson(*c));
  auto j = nlohmann::json::parse(out);
  CHECK(j["forum"] == "forum\\xC0");
  bool found = false;
  for (const auto& p : j["text_problems"])
    if (p["table"] == "organization" && p["id"] == "astana-hub" && p["field"] == "name" && p["lang"] == "en") {
      found = true;
      CHECK(p["offset"] == 1);
      CHECK(p["text"] == "A\\xFFB");
      CHECK(p["problem"].get<std::string>().find("not valid UTF-8 at byte 1") != std::string::npos);
    }
  CHECK(found);
}

TEST_CASE("a concave outline (an L, a U, a comb of 40 teeth) is filled by triangles covering exactly its area, none outside it") {
  std::vector<std::vector<db::Point>> shapes = {
      {{0, 0}, {10, 0}, {10, 4}, {4, 4}, {4, 10}, {0, 10}},                        // L
      {{0, 0}, {12, 0}, {12, 10}, {8, 10}, {8, 3}, {4, 3}, {4, 10}, {0, 10}},     // U
  };
  std::vector<db::Point> comb = {{0, 0}, {80, 0}};
  for (int i = 39; i >= 0; --i) comb.insert(comb.end(), {{2.0 * i + 2, 10}, {2.0 * i + 1, 10}, {2.0 * i + 1, 1}, {2.0 * i, 1}});
  shapes.push_back(comb);  // teeth [2i+1, 2i+2] up to y 10, notches between them down to y 1
  for (const auto& ring : shapes) {
    REQUIRE_FALSE(db::PolygonProblem(ring));
    std::vector<db::Point> t = db::Triangulate(ring);
    REQUIRE(t.size() % 3 == 0);
    REQUIRE(!t.empty());
    double area = 0;
    for (size_t i = 0; i < t.size(); i += 3) {
      double a = db::SignedArea({t[i], t[i + 1], t[i + 2]});
      CHECK(a > 0);  // counter-clockwise, as the map draws them
      area += a;
      // Each triangle's centre is inside the outline: none fills a notch.
      db::Point c{(t[i].x + t[i + 1].x + t[i + 2].x) / 3, (t[i].y + t[i + 1].y + t[i + 2].y) / 3};
      bool in = false;
      for (size_t k = 0, j = ring.size() - 1; k < ring.size(); j = k++)
        if ((ring[k].y > c.y) != (ring[j].y > c.y) && c.x < (ring[j].x - ring[k].x) * (c.y - ring[k].y) / (ring[j].y - ring[k].y) + ring[k].x) in = !in;
      CHECK_MESSAGE(in, "a triangle centred at (" << c.x << ", " << c.y << ") is outside the outline");
    }
    CHECK(area == doctest::Approx(db::SignedArea(ring)));
  }
}
