// `kiosk-snapshot build`: every rule with an example that must fail (and name file, line, field), and the
// promise that a failed build writes nothing.
#include <doctest/doctest.h>

#include <turbojpeg.h>

#include "db/model/catalog.h"
#include "db/base/image_codec.h"
#include "db/model/geometry.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/validate.h"
#include "images.h"
#include "support.h"

using test::AppendFile;
using test::HasError;
using test::ReadFile;
using test::WriteFile;
using test::Edit;
using test::GoodSnapshot;

namespace {


}  // namespace

TEST_CASE("the minimal fixture builds into a snapshot that validates") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  auto out = test::Build(src, dir, 7);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  CHECK_FALSE(out.diags.has_errors());
  CHECK(test::Has(out.diags, db::Severity::Warning, "schedule.xml", 0, "room", "'Hall B' is not on the floor plan"));
  CHECK_FALSE(db::ValidateSnapshot(dir / "out.snapshot").has_errors());
}

TEST_CASE("spreadsheets saved with a BOM, CRLF and a quoted multi-line field build as written") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  std::string csv = ReadFile(src / "organizations.csv");
  csv.replace(csv.find("\"International technopark of IT start-ups, Astana\""), 50,
              "\"International technopark, \"\"Astana Hub\"\"\nSecond line\"");
  std::string crlf = "\xEF\xBB\xBF";
  for (char ch : csv) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  WriteFile(src / "organizations.csv", crlf);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  CHECK(c.value()->Tr(c.value()->FindOrganization("astana-hub")->description, "en") ==
        "International technopark, \"Astana Hub\"\nSecond line");
  CHECK(c.value()->FindOrganization("bilisim-vadisi"));  // the row after the multi-line one
}

TEST_CASE("dangling references are errors naming file, line and field") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  AppendFile(src / "exhibitors.csv", "no-such-org,booth-zz,technopark,0,0\n");                     // line 4
  AppendFile(src / "agreement_parties.csv", "mou-1,ghost-org,party,src-1\n");                      // line 4
  AppendFile(src / "agreement_parties.csv", "no-such-mou,astana-hub,party,src-1\n");                // line 5
  AppendFile(src / "organizations.csv", "x-org,technopark,XX,,,,,0,X Org,,\n");                    // line 4
  Edit(src / "rooms.csv", "main-stage,Main Stage,stage-main", "main-stage,Main Stage,stage-nowhere");
  AppendFile(src / "agreement_facts.csv", "mou-1,signed_date,2022-09-28,src-unknown,\n");          // line 3
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "exhibitors.csv", 4, "organization", "'no-such-org' is not in organizations"));
  CHECK(HasError(out.diags, "exhibitors.csv", 4, "booth", "'booth-zz'"));
  CHECK(HasError(out.diags, "agreement_parties.csv", 4, "organization", "'ghost-org'"));
  CHECK(HasError(out.diags, "agreement_parties.csv", 5, "agreement", "'no-such-mou'"));
  CHECK(HasError(out.diags, "organizations.csv", 4, "country", "'XX'"));
  CHECK(HasError(out.diags, "rooms.csv", 2, "location", "'stage-nowhere'"));
  CHECK(HasError(out.diags, "agreement_facts.csv", 3, "source", "'src-unknown'"));
}

TEST_CASE("a session of the schedule in a room mapped to a missing place, and a booth that is not a booth") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "exhibitors.csv", "astana-hub,booth-a1", "astana-hub,stage-main");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "exhibitors.csv", 2, "booth", "is a stage, not a booth"));
}

TEST_CASE("duplicate ids are errors pointing at both lines") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  AppendFile(src / "organizations.csv", "astana-hub,technopark,KZ,,,,,0,Again,,\n");  // line 4
  AppendFile(src / "exhibitors.csv", "astana-hub,booth-a2,technopark,0,0\n");         // line 4: twice, and booth twice
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "organizations.csv", 4, "id", "duplicate id 'astana-hub' (first on line 2)"));
  CHECK(HasError(out.diags, "exhibitors.csv", 4, "organization", "duplicate id 'astana-hub'"));
  CHECK(HasError(out.diags, "exhibitors.csv", 4, "booth", "duplicate id 'booth-a2'"));
}

TEST_CASE("bad times in the schedule are errors with the event's line") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "schedule.xml", "<date>2022-09-28T10:00:00+06:00</date>", "<date>2022-09-28T10:00:00</date>");
  Edit(src / "schedule.xml", "<duration>00:45</duration>", "<duration>soon</duration>");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "schedule.xml", 7, "date", "UTC offset"));
  CHECK(HasError(out.diags, "schedule.xml", 18, "duration", "'soon' is not a duration"));
}

TEST_CASE("bad dates, flags, colours and offsets in spreadsheets") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "agreements.csv", "2022-09-28", "2022-09-31");
  Edit(src / "countries.csv", "#3A7BD5", "blue");
  Edit(src / "exhibitors.csv", "technopark,1,0", "technopark,yes please,0");
  Edit(src / "forum.csv", "+06:00", "UTC+6");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "agreements.csv", 2, "signed_date", "'2022-09-31' is not a date"));
  CHECK(HasError(out.diags, "countries.csv", 2, "color", "'blue'"));
  CHECK(HasError(out.diags, "exhibitors.csv", 2, "featured", "'yes please'"));
  CHECK(HasError(out.diags, "forum.csv", 2, "utc_offset", "'UTC+6'"));
}

TEST_CASE("a self-intersecting polygon and an unclosed ring are errors with the feature's line") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  // booth-a1 becomes a bow tie.
  Edit(src / "floorplan.geojson", "[[[2,2],[8,2],[8,6],[2,6],[2,2]]]", "[[[2,2],[8,6],[8,2],[2,6],[2,2]]]");
  Edit(src / "floorplan.geojson", "[[[10,2],[16,2],[16,6],[10,6],[10,2]]]", "[[[10,2],[16,2],[16,6],[10,6]]]");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "floorplan.geojson", 6, "geometry", "'booth-a1': the outline crosses itself"));
  CHECK(HasError(out.diags, "floorplan.geojson", 8, "geometry", "'booth-a2': the ring must be closed"));
}

TEST_CASE("invalid UTF-8 anywhere is an error naming where") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "organizations.csv", "Bilişim Vadisi", "Bili\xFEim Vadisi");
  Edit(src / "schedule.xml", "Panel of technopark heads", "Panel \xC3\x28 heads");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "organizations.csv", 3, "name_en", "not valid UTF-8"));
  CHECK(HasError(out.diags, "schedule.xml", 0, "", "UTF-8"));
}

TEST_CASE("a missing translation with no fallback is an error, one with a fallback is fine") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  // ru falls back to en, so an org with only name_en is fine; one with only name_ru leaves en empty.
  AppendFile(src / "organizations.csv", "ru-only,company,KZ,,,,,0,,Только по-русски,\n");  // line 4
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "organizations.csv", 4, "name", "reachable for en"));
  CHECK_FALSE(HasError(out.diags, "organizations.csv", 3, "name", ""));
}

TEST_CASE("images: a logo is decoded and stored, oversized and bomb images are refused before decoding") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::fs::create_directories(src / "logos");
  WriteFile(src / "logos" / "hub.png", test::SolidPng(64, 32, 200, 200, 200));
  WriteFile(src / "logos" / "wide.png", test::SolidPng(3000, 10, 200, 200, 200));
  WriteFile(src / "logos" / "bomb.png", test::PngBomb(16000, 16000));
  WriteFile(src / "logos" / "huge.png", "\x89PNG\r\n\x1a\n" + std::string(3 * 1024 * 1024, 'x'));
  WriteFile(src / "logos" / "text.png", "this is not a picture");
  Edit(src / "organizations.csv", "https://astanahub.example,,,,0", "https://astanahub.example,,,hub.png,0");
  const std::string good_rows = ReadFile(src / "organizations.csv");
  AppendFile(src / "organizations.csv",
             "w,company,KZ,,,,wide.png,0,W,,\n"      // line 4
             "b,company,KZ,,,,bomb.png,0,B,,\n"      // line 5
             "h,company,KZ,,,,huge.png,0,H,,\n"      // line 6
             "t,company,KZ,,,,text.png,0,T,,\n"      // line 7
             "m,company,KZ,,,,missing.png,0,M,,\n");  // line 8
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "organizations.csv", 4, "logo", "3000 x 10 pixels"));
  CHECK(HasError(out.diags, "organizations.csv", 5, "logo", "16000 x 16000 pixels"));
  CHECK(HasError(out.diags, "organizations.csv", 6, "logo", "KiB allowed"));
  CHECK(HasError(out.diags, "organizations.csv", 7, "logo", "not a PNG or JPEG"));
  CHECK(HasError(out.diags, "organizations.csv", 8, "logo", "does not exist"));
  CHECK_FALSE(HasError(out.diags, "organizations.csv", 2, "logo", ""));

  // Without the bad rows the logo lands in the snapshot, checked.
  WriteFile(src / "organizations.csv", good_rows);
  auto ok = test::Build(src, dir);
  INFO(test::Dump(ok.diags));
  REQUIRE(ok.written);
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  REQUIRE(c.value()->images.size() == 1);
  CHECK(c.value()->images[0].width == 64);
  CHECK(c.value()->images[0].height == 32);
  CHECK(c.value()->images[0].mime == "image/png");
  CHECK(c.value()->FindOrganization("astana-hub")->logo_image_id == "hub.png");
}

TEST_CASE("images: a JPEG logo is stored re-encoded as PNG with the same pixels, a truncated or CMYK one is refused") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::fs::create_directories(src / "logos");
  std::vector<unsigned char> px;
  for (int y = 0; y < 24; ++y)
    for (int x = 0; x < 40; ++x) px.insert(px.end(), {static_cast<unsigned char>(x * 6), 120, static_cast<unsigned char>(y * 10)});
  const std::string jpeg = test::Jpeg(40, 24, px, TJPF_RGB, TJFLAG_PROGRESSIVE) + "trailing bytes";
  WriteFile(src / "logos" / "hub.jpg", jpeg);
  const std::string png = test::SolidPng(30, 30, 0, 128, 255);
  WriteFile(src / "logos" / "cut.png", png.substr(0, png.size() / 2));
  WriteFile(src / "logos" / "print.jpg", test::Jpeg(8, 8, std::vector<unsigned char>(8 * 8 * 4, 30), TJPF_CMYK));
  Edit(src / "organizations.csv", "https://astanahub.example,,,,0", "https://astanahub.example,,,hub.jpg,0");
  const std::string good_rows = ReadFile(src / "organizations.csv");
  AppendFile(src / "organizations.csv",
             "c,company,KZ,,,,cut.png,0,C,,\n"       // line 4
             "p,company,KZ,,,,print.jpg,0,P,,\n");   // line 5
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "organizations.csv", 4, "logo", "logos/cut.png: the PNG is broken"));
  CHECK(HasError(out.diags, "organizations.csv", 5, "logo", "CMYK"));
  CHECK_FALSE(HasError(out.diags, "organizations.csv", 2, "logo", ""));

  WriteFile(src / "organizations.csv", good_rows);
  auto ok = test::Build(src, dir);
  INFO(test::Dump(ok.diags));
  REQUIRE(ok.written);
  CHECK_FALSE(db::ValidateSnapshot(dir / "out.snapshot").has_errors());
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  const db::Image* img = c.value()->FindImage("hub.jpg");
  REQUIRE(img);
  CHECK(img->mime == "image/png");
  CHECK(img->width == 40);
  CHECK(img->height == 24);
  CHECK(std::string(img->bytes.begin(), img->bytes.end()).rfind("\x89PNG", 0) == 0);
  auto stored = db::DecodeImage(img->bytes, {}, db::ImageFormats::kPngOnly);
  auto original = db::DecodeImage(test::Bytes(jpeg));
  REQUIRE(stored);
  REQUIRE(original);
  CHECK(stored.value().rgba == original.value().rgba);  // what the kiosk draws is what staff's file shows
}

TEST_CASE("all errors come in one run, and a failed build leaves an existing snapshot untouched") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  auto first = test::Build(src, dir, 1);
  REQUIRE(first.written);
  std::string before = ReadFile(dir / "out.snapshot");

  AppendFile(src / "exhibitors.csv", "nobody,booth-a1,technopark,0,0\n");
  Edit(src / "countries.csv", "#D55E3A", "orange");
  Edit(src / "floorplan.geojson", "\"kind\": \"stage\"", "\"kind\": \"podium\"");
  auto second = test::Build(src, dir, 2);
  INFO(test::Dump(second.diags));
  CHECK_FALSE(second.written);
  CHECK(second.diags.error_count() >= 3);
  CHECK(HasError(second.diags, "exhibitors.csv", 4, "organization", ""));
  CHECK(HasError(second.diags, "countries.csv", 3, "color", ""));
  CHECK(HasError(second.diags, "floorplan.geojson", 0, "kind", "'podium'"));
  CHECK(ReadFile(dir / "out.snapshot") == before);
  for (const auto& e : test::fs::directory_iterator(dir.path()))
    CHECK_MESSAGE(e.path().filename().string().find("partial") == std::string::npos, "leftover " << e.path());
}

TEST_CASE("missing required files and columns are errors") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::fs::remove(src / "countries.csv");
  Edit(src / "organizations.csv", "id,kind,", "ident,kind,");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(HasError(out.diags, "countries.csv", 0, "", "required file is missing"));
  CHECK(HasError(out.diags, "organizations.csv", 1, "id", "required column is missing"));
  CHECK(test::Has(out.diags, db::Severity::Warning, "organizations.csv", 1, "ident", "unknown column"));
}

TEST_CASE("sessions.csv rows for events the schedule no longer has are warnings, not errors") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  AppendFile(src / "sessions.csv", "999,1,Удалённая сессия\n");  // line 3
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK(out.written);
  CHECK(test::Has(out.diags, db::Severity::Warning, "sessions.csv", 3, "session", "'999' is not in schedule.xml"));
}

TEST_CASE("a place named in one language only (a venue's plan) builds with one warning, and visitors of the others see that name") {
  test::TempDir dir;
  std::filesystem::path src = test::CopyFixture(dir);
  test::Edit(src / "floorplan.geojson", "\"name_en\": \"Main Stage\"", "\"name_ru\": \"\\u0413\\u043b\\u0430\\u0432\\u043d\\u0430\\u044f\"");
  auto out = test::Build(src, dir);
  REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
  CHECK_MESSAGE(test::Has(out.diags, db::Severity::Warning, "", 0, "name", "1 place name(s) are not in every language (the first, 'stage-main', none reachable for en)"),
                test::Dump(out.diags));
  auto loaded = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(loaded);
  const db::Location* stage = loaded.value()->FindLocation("stage-main");
  REQUIRE(stage);
  CHECK(loaded.value()->Tr(stage->name, "en") == "\xD0\x93\xD0\xBB\xD0\xB0\xD0\xB2\xD0\xBD\xD0\xB0\xD1\x8F");  // as written
}

TEST_CASE("a floor-plan polygon with a hole keeps it through the snapshot, a hole outside its outline or crossing it is an error") {
  const std::string outline = "[[20,20],[38,20],[38,28],[20,28],[20,20]]";
  for (auto [hole, error] : {std::pair<std::string, std::string>{"[[21,21],[21,24],[24,24],[24,21],[21,21]]", ""},
                             {"[[40,21],[40,24],[44,24],[44,21],[40,21]]", "a hole is not inside the outline"},
                             {"[[36,21],[36,24],[40,24],[40,21],[36,21]]", "crosses"},
                             {"[[21,21],[24,21],[21,21]]", "hole 1: the ring must be closed"}}) {
    CAPTURE(hole);
    test::TempDir dir;
    std::filesystem::path src = test::CopyFixture(dir);
    test::Edit(src / "floorplan.geojson", "[[" + outline.substr(1, outline.size() - 2) + "]]", "[" + outline + ", " + hole + "]");
    auto out = test::Build(src, dir);
    if (!error.empty()) {
      CHECK_MESSAGE(test::HasError(out.diags, "floorplan.geojson", 10, "geometry", error), test::Dump(out.diags));
      CHECK_FALSE(out.written);
      continue;
    }
    REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
    auto loaded = db::LoadCatalog(dir / "out.snapshot");
    REQUIRE(loaded);
    const db::Location* stage = loaded.value()->FindLocation("stage-main");
    REQUIRE(stage);
    REQUIRE(stage->holes.size() == 1);
    CHECK(stage->holes[0].ring.size() == 4);
    CHECK(db::SignedArea(stage->holes[0].ring) == doctest::Approx(-9));  // clockwise
    // Its triangles fill the stage less the hole.
    const auto& t = loaded.value()->Triangles(size_t(stage - loaded.value()->locations.data()));
    double area = 0;
    for (size_t i = 0; i + 2 < t.size(); i += 3) area += db::SignedArea({t[i], t[i + 1], t[i + 2]});
    CHECK(area == doctest::Approx(18 * 8 - 9));
    CHECK(db::ValidateSnapshot(dir / "out.snapshot").error_count() == 0);
  }
}

TEST_CASE("forum.csv map_url: the venue's web map is kept in the snapshot, and one that is no web address with {place} is an error") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  Edit(src / "forum.csv", "idle_timeout_s,website,", "idle_timeout_s,website,map_url,");
  Edit(src / "forum.csv", ",60,,", ",60,,https://map.example.org/?to={place},");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  CHECK(c.value()->forum.map_url == "https://map.example.org/?to={place}");

  Edit(src / "forum.csv", "https://map.example.org/?to={place}", "map.example.org");
  auto bad = test::Build(src, dir);
  CHECK_FALSE(bad.written);
  CHECK(HasError(bad.diags, "forum.csv", 2, "map_url", "'map.example.org' is not a web address with {place}"));
}
