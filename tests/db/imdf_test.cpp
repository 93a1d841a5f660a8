// A venue from IMDF (db/sources/imdf.h, docs/SOURCES.md "A venue from IMDF"): the test venue of
// tests/fixtures/imdf-venue read feature by feature, its projection checked against the metres
// make_fixture.py laid out (the archive holds the exact inverse of them in degrees), the archive as a folder
// and as a zip, what is not understood said once, and bad archives reported, never a crash. Then levels.csv
// and buildings.csv for a venue drawn in floorplan.geojson.
#include <doctest/doctest.h>

#include <algorithm>
#include <zip.h>

#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "db/model/catalog.h"
#include "db/model/geometry.h"
#include "db/model/router.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/validate.h"
#include "db/sources/imdf.h"
#include "db/sources/sources.h"
#include "db/tool/inspect.h"
#include "support.h"

namespace {

namespace fs = std::filesystem;
using db::LocationKind;
using db::Severity;
using nlohmann::json;
using test::HasError;

// Ids of the test venue (tests/fixtures/imdf-venue/README.txt).
constexpr const char* kHallA = "21c5d5f8-2fb2-55b0-aa1b-5e7a9ffc6e10";
constexpr const char* kCongress = "e39a31df-0f57-5b62-9cea-820bfa757969";
constexpr const char* kHallAGround = "098fc666-a039-5b52-9bbe-8410707272ce";
constexpr const char* kCongressGround = "213aa8d5-b98d-5608-b28e-312b2d5e604f";
constexpr const char* kCongressUpper = "a258f4b7-8b23-5dfc-aece-22b197b150e9";
constexpr const char* kRoomA1 = "4a7afd7c-c9e3-5492-8849-18fbb83ce4f3";
constexpr const char* kOffice = "c5c8dfd2-8405-5c3d-b513-84239c26b2ef";
constexpr const char* kSeminarA2 = "f25b5778-dc5b-58f5-b6e5-faafb96c3b68";
constexpr const char* kTechnical = "6f297d9e-a413-57df-8660-d905f0331465";
constexpr const char* kAuditorium = "dd5637c7-c9e8-59e9-9efb-f2cc16352ff0";
constexpr const char* kKiosk = "90531f68-aad1-5d7b-9586-b5b193f6823f";
constexpr const char* kAtm = "637d647f-b47a-598c-8475-c89c4e0cb1ed";
constexpr const char* kInfoDesk = "24c5e322-d912-5d34-9ee4-9dc7c415b418";
constexpr const char* kRevolvingHallA = "b2b59c1e-8b39-5d97-bf45-356289a0eebb";
constexpr const char* kRevolvingCongress = "0413e6ab-f757-5baa-a8b2-724640463bc9";
constexpr const char* kAstanaHubOccupant = "15f27a3b-124d-5487-b098-78f7045c7783";
constexpr const char* kBooth2Unit = "c9a726b4-6bd0-5449-a35d-8f94e1ad9553";

constexpr double kTolerance = 0.05;  // metres

fs::path VenueFixture() { return test::SourceDir() / "tests" / "fixtures" / "imdf-venue"; }

enum class Copy { Folder, Zip, Both };

// The minimal forum whose venue is the IMDF test venue: its floor plan, and exhibitors.csv and rooms.csv
// (which name that plan's booths and stage), taken out; the archive put in.
fs::path ImdfForum(const test::TempDir& dir, Copy copy = Copy::Folder) {
  fs::path src = test::CopyFixture(dir);
  for (const char* f : {"floorplan.geojson", "exhibitors.csv", "rooms.csv"}) fs::remove(src / f);
  if (copy != Copy::Zip) fs::copy(VenueFixture() / "imdf", src / "imdf", fs::copy_options::recursive);
  if (copy != Copy::Folder) fs::copy_file(VenueFixture() / "imdf.zip", src / "imdf.zip");
  return src;
}

json ReadJson(const fs::path& p) { return json::parse(test::ReadFile(p)); }
void WriteJson(const fs::path& p, const json& j) { test::WriteFile(p, j.dump(2)); }

// The feature of `collection` with id `id` (REQUIREs that it is there).
json& FeatureWithId(json& collection, const std::string& id) {
  for (auto& f : collection["features"])
    if (f.value("id", "") == id) return f;
  FAIL("no feature " << id);  // throws: the test stops here
  static json none;
  return none;
}

// How many diagnostics of `sev` match every given part (empty parts match anything), as test::Has matches.
int Count(const db::Diagnostics& d, Severity sev, const std::string& file, const std::string& field, const std::string& part) {
  int n = 0;
  for (const auto& x : d.items())
    n += x.severity == sev && (file.empty() || x.file.find(file) != std::string::npos) && (field.empty() || x.field == field) &&
         (part.empty() || x.message.find(part) != std::string::npos);
  return n;
}

struct ReadOutcome {
  db::Diagnostics diags;
  std::shared_ptr<const db::Catalog> catalog;
};
ReadOutcome ReadForum(const fs::path& src) {
  ReadOutcome r;
  r.catalog = db::ReadSources(src, r.diags);
  return r;
}

std::string Name(const db::Text& t, const char* lang) {
  const std::string* s = t.Find(lang);
  return s ? *s : std::string();
}

struct Box {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
};
Box Extents(const std::vector<db::Point>& ring) {
  Box b;
  for (const auto& p : ring) b.x0 = std::min(b.x0, p.x), b.x1 = std::max(b.x1, p.x), b.y0 = std::min(b.y0, p.y), b.y1 = std::max(b.y1, p.y);
  return b;
}
// Within kTolerance of `want` (metres).
#define CHECK_NEAR(got, want) CHECK_MESSAGE(std::abs((got) - (want)) <= kTolerance, #got " = " << (got) << ", want " << (want))

void CheckExtents(const db::Location& l, double x0, double x1, double y0, double y1) {
  INFO("location " << l.id);
  REQUIRE(l.is_polygon);
  Box b = Extents(l.ring);
  CHECK_NEAR(b.x0, x0);
  CHECK_NEAR(b.x1, x1);
  CHECK_NEAR(b.y0, y0);
  CHECK_NEAR(b.y1, y1);
}

}  // namespace

// [SECTION] The test venue, feature by feature

TEST_CASE("an IMDF venue builds: its buildings, levels, rooms, booths, amenities, kiosk and doors are on the map") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  CHECK_FALSE(out.diags.has_errors());
  auto loaded = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(loaded);
  const db::Catalog& c = *loaded.value();

  // Two buildings, named in the forum's languages (the archive's kk names are not a forum language).
  REQUIRE(c.buildings.size() == 2);
  const db::Building* hall_a = c.FindBuilding(kHallA);
  const db::Building* congress = c.FindBuilding(kCongress);
  REQUIRE(hall_a);
  REQUIRE(congress);
  CHECK(Name(hall_a->name, "en") == "Hall A");
  CHECK(Name(hall_a->name, "ru") == "Зал A");
  CHECK(Name(congress->name, "en") == "Congress Centre");
  CHECK(Name(congress->name, "ru") == "Конгресс-центр");
  CHECK_FALSE(hall_a->name.Find("kk"));

  // Three levels, bottom up: both ground floors are ordinal 0, each in its building.
  REQUIRE(c.levels.size() == 3);
  struct WantLevel {
    const char *id, *building;
    int ordinal;
    const char *short_name, *en, *ru;
  };
  const WantLevel levels[] = {
      {kHallAGround, kHallA, 0, "1", "Hall A, ground floor", "Зал A, первый этаж"},
      {kCongressGround, kCongress, 0, "1", "Congress Centre, ground floor", "Конгресс-центр, первый этаж"},
      {kCongressUpper, kCongress, 1, "2", "Congress Centre, upper floor", "Конгресс-центр, второй этаж"},
  };
  for (size_t i = 0; i < 3; ++i) {
    const auto& want = levels[i];
    const db::Level& l = c.levels[i];
    INFO("level " << want.id);
    CHECK(l.id == want.id);
    CHECK(l.building_id == want.building);
    CHECK(l.ordinal == want.ordinal);
    CHECK(l.short_name == want.short_name);
    CHECK(Name(l.name, "en") == want.en);
    CHECK(Name(l.name, "ru") == want.ru);
    // Its outline is the floor everything on it is drawn on.
    const db::Location* floor = c.FindLocation(std::string(want.id) + "-floor");
    REQUIRE(floor);
    CHECK(floor->kind == LocationKind::Floor);
    CHECK(floor->level == want.ordinal);
  }

  // Every unit, as the kiosk's kind of place (the three booth units are the occupants' booths, below).
  struct WantUnit {
    const char* id;
    LocationKind kind;
    const char* amenity;
    int level;
    const char *en, *ru;
  };
  using K = LocationKind;
  const WantUnit units[] = {
      {"fb5bfd18-5209-5117-9412-433452241d0d", K::Corridor, "", 0, "Main Corridor", "Главный коридор"},       // walkway
      {kRoomA1, K::Room, "", 0, "Room A1", "Комната A1"},                                                   // room
      {"e2b62956-0346-54d4-a4f7-9effeea1ab1b", K::Amenity, "toilet", 0, "Men's restroom", "Мужской туалет"},  // restroom.male
      {kOffice, K::Room, "", 0, "Organiser Office", "Офис организатора"},                                   // office
      {"56921977-8892-5964-b002-87f52716a6ae", K::Elevator, "", 0, "Elevator A", "Лифт A"},
      {"58629a3e-4aaa-5ddb-9e9d-2168ec265f1f", K::Stairs, "", 0, "Stairs A", "Лестница A"},
      {"ffd71e4a-d57c-5a22-b64d-50f7d17873e5", K::Service, "", 0, "", ""},                                  // storage, no name
      {kTechnical, K::Service, "", 0, "Technical rooms", "Технические помещения"},                           // nonpublic
      {"3c2c86e8-9aef-5ede-909a-ed9f7c1d594b", K::Room, "", 0, "Exhibition floor", "Выставочная площадь"},   // exhibitionhall: not IMDF
      {kSeminarA2, K::Room, "", 0, "Seminar Room A2", "Семинарская комната A2"},
      {"86e1fc22-dc3a-5796-98f2-12b3c2d7f0c4", K::Amenity, "cafe", 0, "Cafe", "Кафе"},                       // foodservice
      {"56e1be8b-2959-51ed-b3de-6998372c6bec", K::Corridor, "", 0, "Main Lobby", "Главное фойе"},            // lobby
      {"b704c17e-719b-5794-ba18-9444c683a0da", K::Escalator, "", 0, "Escalator", "Эскалатор"},
      {"6d4b3a59-a893-5c84-aef6-6a1cfa7c1965", K::Amenity, "toilet", 0, "Women's restroom", "Женский туалет"},
      {"6147c01a-aa4d-5935-9c54-099c4ade01d4", K::Elevator, "", 0, "Elevator C", "Лифт C"},
      {"8f6c666e-2fc5-508e-a9a5-5df9f1c5db4f", K::Stairs, "", 0, "Stairs C", "Лестница C"},
      {"04f56b34-efcb-5a14-b7d3-0e344332bc2a", K::Corridor, "", 1, "Upper Foyer", "Верхнее фойе"},
      {kAuditorium, K::Stage, "", 1, "Main Auditorium", "Большой зал"},                                      // auditorium
      {"f14159dd-aee1-53f6-8f63-a988667e6823", K::Room, "", 1, "Conference Room 1", "Конференц-зал 1"},
      {"a33aea07-1a76-5c34-8caa-93f505863519", K::Room, "", 1, "Conference Room 2", "Конференц-зал 2"},
      {"ff13eb5a-04c3-5f11-b770-5e482736426d", K::Room, "", 1, "Meeting Room 3", "Переговорная 3"},
      {"2b538b7d-9c89-5de3-a7cf-759ec67543cc", K::Escalator, "", 1, "Escalator", "Эскалатор"},
      {"c08f36ba-2e9f-5af8-85ac-d01dd7b4074a", K::Amenity, "toilet", 1, "Restroom", "Туалет"},
      {"53f78987-47d3-5de9-ae8f-7d2b056b9815", K::Elevator, "", 1, "Elevator C", "Лифт C"},
      {"12ee98b9-b5c5-518a-8273-c548000b7c7e", K::Stairs, "", 1, "Stairs C", "Лестница C"},
  };
  for (const auto& want : units) {
    INFO("unit " << want.id << " (" << want.en << ")");
    const db::Location* l = c.FindLocation(want.id);
    REQUIRE(l);
    CHECK(l->kind == want.kind);
    CHECK(l->amenity == want.amenity);
    CHECK(l->level == want.level);
    CHECK(l->is_polygon);
    CHECK(Name(l->name, "en") == want.en);
    CHECK(Name(l->name, "ru") == want.ru);
  }

  // The occupants take their anchors' units as booths, under their own ids and names.
  struct WantBooth {
    const char *occupant, *unit, *en, *ru;
    double x0;
  };
  const WantBooth booths[] = {
      {"16509b19-9ff2-586a-8165-69f04bfce220", "495b6a5e-7b3f-5d39-9699-fdf4cb8dea7a", "Technopark Alatau", "Технопарк Алатау", -39},
      {kAstanaHubOccupant, kBooth2Unit, "Astana Hub", "Астана Хаб", -33},
      {"ee29cf34-c279-5f5a-978b-a35ac3fe94b2", "4e5aa5c8-5081-5dc8-a359-43dd6b911395", "Tech Garden", "Тех Гарден", -27},
  };
  for (const auto& want : booths) {
    INFO("occupant " << want.en);
    const db::Location* b = c.FindLocation(want.occupant);
    REQUIRE(b);
    CHECK(b->kind == LocationKind::Booth);
    CHECK(b->level == 0);
    CHECK(Name(b->name, "en") == want.en);
    CHECK(Name(b->name, "ru") == want.ru);
    CheckExtents(*b, want.x0, want.x0 + 3, -5, -2);  // the unit's outline
    CHECK_FALSE(c.FindLocation(want.unit));           // the unit is the booth now, not a second place
  }

  // Amenities are points in their unit's level; the ATM is no kiosk amenity and is left out.
  struct WantAmenity {
    const char *id, *amenity;
    int level;
    const char* en;
  };
  const WantAmenity amenities[] = {
      {"48da7d78-f74f-5218-b132-ae7fed439438", "toilet", 0, "Restroom"},
      {kInfoDesk, "info", 0, "Information desk"},
      {"92c5c9ff-5138-5176-8643-9a0f85adff66", "first_aid", 0, "First aid"},
      {"73466f55-344e-58af-ac36-102e154d7326", "elevator", 0, ""},
  };
  for (const auto& want : amenities) {
    INFO("amenity " << want.id);
    const db::Location* a = c.FindLocation(want.id);
    REQUIRE(a);
    CHECK(a->kind == LocationKind::Amenity);
    CHECK(a->amenity == want.amenity);
    CHECK(a->level == want.level);
    CHECK_FALSE(a->is_polygon);
    CHECK(Name(a->name, "en") == want.en);
  }
  CHECK_FALSE(c.FindLocation(kAtm));

  const db::Location* kiosk = c.FindLocation(kKiosk);
  REQUIRE(kiosk);
  CHECK(kiosk->kind == LocationKind::Kiosk);
  CHECK(kiosk->level == 0);
  CHECK(Name(kiosk->name, "en") == "Kiosk 1");
  CHECK(Name(kiosk->name, "ru") == "Киоск 1");

  // Nothing else: 3 floors, 25 units, 3 booths, 4 amenities, 1 kiosk.
  CHECK(c.locations.size() == 36);

  // Doors: 14 + 7 on the ground floors, 9 upstairs; the two revolving doors are not step-free.
  REQUIRE(c.openings.size() == 30);
  int on_ground = 0, upstairs = 0;
  for (const auto& o : c.openings) {
    INFO("opening " << o.id);
    (o.level == 0 ? on_ground : upstairs)++;
    bool revolving = o.id == kRevolvingHallA || o.id == kRevolvingCongress;
    CHECK(o.accessible == !revolving);
    if (revolving) CHECK(o.category == "pedestrian.principal");
  }
  CHECK(on_ground == 21);
  CHECK(upstairs == 9);

  // What the archive has that the kiosk does not use is said once each.
  const auto& d = out.diags;
  CHECK(Count(d, Severity::Warning, "imdf/address.geojson", "", "not used: addresses") == 1);
  CHECK(Count(d, Severity::Warning, "imdf/footprint.geojson", "", "not used: building outlines") == 1);
  CHECK(Count(d, Severity::Warning, "imdf/amenity.geojson", "category", "1 amenity(s) of category 'atm'") == 1);
  CHECK(Count(d, Severity::Warning, "imdf/unit.geojson", "category", "1 unit(s) of category 'exhibitionhall'") == 1);
  CHECK(Count(d, Severity::Warning, "", "", "holes") == 0);  // the seminar room's hole is kept, not warned about
  CHECK(Count(d, Severity::Warning, "imdf/unit.geojson", "geometry", "1 unit(s) of several polygons") == 1);
  CHECK(Count(d, Severity::Warning, "exhibitors.csv", "", "no exhibitors.csv") == 1);
  // ... and nothing else of the archive: every property is IMDF's, nothing is left out.
  CHECK(Count(d, Severity::Warning, "", "", "a property IMDF's") == 0);
  CHECK(Count(d, Severity::Warning, "", "", "is left out") == 0);
  // The booths wait for exhibitors.csv to name them.
  CHECK(Count(d, Severity::Warning, "imdf/occupant.geojson", "id", "has no exhibitor: the map shows it empty") == 3);
  CHECK(Count(d, Severity::Warning, "imdf", "", "") == 8);

  // What `kiosk-snapshot inspect --json` reports.
  json inspect = json::parse(db::InspectJson(c));
  CHECK(inspect["levels"] == 3);
  CHECK(inspect["buildings"] == 2);
  CHECK(inspect["booths"] == 3);
  CHECK(inspect["openings"] == 30);
  CHECK(inspect["locations"] == 36);
}

// [SECTION] The projection

TEST_CASE("an IMDF venue's degrees become the metres it was laid out in, to 5 cm across the venue") {
  test::TempDir dir;
  auto r = ReadForum(ImdfForum(dir));
  INFO(test::Dump(r.diags));
  REQUIRE_FALSE(r.diags.has_errors());
  const db::Catalog& c = *r.catalog;
  auto at = [&](const char* id) -> const db::Location& {
    const db::Location* l = c.FindLocation(id);
    REQUIRE_MESSAGE(l, id);
    return *l;
  };

  // Rooms as README.txt lays them out: outlines counter-clockwise, without the closing corner.
  const db::Location& room_a1 = at(kRoomA1);
  CheckExtents(room_a1, -60, -50, 2, 10);
  CHECK(room_a1.ring.size() == 4);
  CHECK(db::SignedArea(room_a1.ring) == doctest::Approx(80).epsilon(0.005));
  CHECK_NEAR(room_a1.anchor.x, -55);
  CHECK_NEAR(room_a1.anchor.y, 6);
  const db::Location& auditorium = at(kAuditorium);
  CheckExtents(auditorium, 20, 50, 3, 15);
  CHECK(db::SignedArea(auditorium.ring) == doctest::Approx(360).epsilon(0.005));
  // The L-shaped office keeps its six corners; the seminar room is drawn without its shaft; of the two
  // squares of the technical rooms the first (equal in size) is drawn.
  const db::Location& office = at(kOffice);
  CheckExtents(office, -48, -36, 2, 14);
  CHECK(office.ring.size() == 6);
  CHECK(db::SignedArea(office.ring) == doctest::Approx(108).epsilon(0.005));
  CheckExtents(at(kSeminarA2), -40, -20, -20, -10);
  CHECK(db::SignedArea(at(kSeminarA2).ring) == doctest::Approx(200).epsilon(0.005));
  // Its hole (a 4 x 4 m light well), kept, clockwise, where the venue has it.
  REQUIRE(at(kSeminarA2).holes.size() == 1);
  const auto& hole = at(kSeminarA2).holes[0].ring;
  CHECK(db::SignedArea(hole) == doctest::Approx(-16).epsilon(0.005));
  double hx0 = 1e9, hx1 = -1e9, hy0 = 1e9, hy1 = -1e9;
  for (const auto& p : hole) hx0 = std::min(hx0, p.x), hx1 = std::max(hx1, p.x), hy0 = std::min(hy0, p.y), hy1 = std::max(hy1, p.y);
  CHECK(hx0 == doctest::Approx(-32).epsilon(0.0015));
  CHECK(hx1 == doctest::Approx(-28).epsilon(0.0015));
  CHECK(hy0 == doctest::Approx(-17).epsilon(0.003));
  CHECK(hy1 == doctest::Approx(-13).epsilon(0.004));
  CheckExtents(at(kTechnical), -70, -66, -11, -7);
  // The levels' outlines, the two buildings 20 m apart.
  CheckExtents(at((std::string(kHallAGround) + "-floor").c_str()), -70, -10, -20, 20);
  CheckExtents(at((std::string(kCongressUpper) + "-floor").c_str()), 10, 60, -15, 15);

  // Points: the kiosk at its display point, the information desk where the amenity is.
  const db::Location& kiosk = at(kKiosk);
  CHECK_NEAR(kiosk.anchor.x, -65);
  CHECK_NEAR(kiosk.anchor.y, 0);
  CHECK_NEAR(at(kInfoDesk).anchor.x, 20);
  CHECK_NEAR(at(kInfoDesk).anchor.y, -10);

  // A distance across the venue: the kiosk to the auditorium's far corner (50, 15), 115.97 m.
  const db::Point* corner = nullptr;
  for (const auto& p : auditorium.ring)
    if (!corner || std::hypot(p.x - 50, p.y - 15) < std::hypot(corner->x - 50, corner->y - 15)) corner = &p;
  REQUIRE(corner);
  CHECK_NEAR(std::hypot(corner->x - kiosk.anchor.x, corner->y - kiosk.anchor.y), std::hypot(115.0, 15.0));
  // And from one end of the venue to the other: Hall A's west wall to the Congress Centre's east wall, 130 m.
  CHECK_NEAR(Extents(at((std::string(kCongressGround) + "-floor").c_str()).ring).x1 -
                 Extents(at((std::string(kHallAGround) + "-floor").c_str()).ring).x0,
             130.0);

  // Doors: the revolving door of Hall A is the 2 m segment (-70, -1)-(-70, 1).
  const db::Opening* door = nullptr;
  for (const auto& o : c.openings)
    if (o.id == kRevolvingHallA) door = &o;
  REQUIRE(door);
  CHECK_NEAR(std::min(door->a.y, door->b.y), -1);
  CHECK_NEAR(std::max(door->a.y, door->b.y), 1);
  CHECK_NEAR(door->a.x, -70);
  CHECK_NEAR(door->b.x, -70);
  CHECK_NEAR(std::hypot(door->a.x - door->b.x, door->a.y - door->b.y), 2.0);
}

// [SECTION] The archive: imdf/ or imdf.zip, and what it replaces

namespace {

// The venue part of a catalog, with the files named as the folder names them ("imdf.zip!unit.geojson" as
// "imdf/unit.geojson"), to compare a zip's reading with the folder's.
struct Venue {
  std::vector<db::Building> buildings;
  std::vector<db::Level> levels;
  std::vector<db::Location> locations;
  std::vector<db::Opening> openings;
};
Venue VenueOf(const db::Catalog& c) {
  Venue v{c.buildings, c.levels, c.locations, c.openings};
  auto fix = [](db::Origin& o) {
    for (const char* zip : {"imdf.zip!", "imdf.zip!venue/"})
      if (o.file.rfind(zip, 0) == 0) o.file = "imdf/" + o.file.substr(std::string(zip).size());
  };
  for (auto& x : v.buildings) fix(x.origin);
  for (auto& x : v.levels) fix(x.origin);
  for (auto& x : v.locations) fix(x.origin);
  for (auto& x : v.openings) fix(x.origin);
  return v;
}

// Writes a zip of `files` (name in the archive -> path of its content) at `zip_path`.
void MakeZip(const fs::path& zip_path, const std::vector<std::pair<std::string, fs::path>>& files) {
  int err = 0;
  zip_t* z = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z);
  std::vector<std::unique_ptr<std::string>> data;  // libzip reads them at zip_close
  for (const auto& [name, from] : files) {
    data.push_back(std::make_unique<std::string>(test::ReadFile(from)));
    zip_source_t* s = zip_source_buffer(z, data.back()->data(), data.back()->size(), 0);
    REQUIRE(s);
    REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
}

// The files of the test venue's folder, as (name, path).
std::vector<std::pair<std::string, fs::path>> VenueFiles(const std::string& prefix = "") {
  std::vector<std::pair<std::string, fs::path>> out;
  for (const auto& e : fs::directory_iterator(VenueFixture() / "imdf")) out.emplace_back(prefix + e.path().filename().string(), e.path());
  return out;
}

void CheckSameVenue(const Venue& a, const Venue& b) {
  CHECK(a.buildings == b.buildings);
  CHECK(a.levels == b.levels);
  REQUIRE(a.locations.size() == b.locations.size());
  for (size_t i = 0; i < a.locations.size(); ++i) {
    INFO("location " << a.locations[i].id);
    CHECK(a.locations[i] == b.locations[i]);
  }
  CHECK(a.openings == b.openings);
}

}  // namespace

TEST_CASE("an IMDF venue as imdf.zip is the same venue as the imdf/ folder") {
  test::TempDir folder_dir, zip_dir;
  auto folder = ReadForum(ImdfForum(folder_dir, Copy::Folder));
  auto zip = ReadForum(ImdfForum(zip_dir, Copy::Zip));
  INFO(test::Dump(folder.diags) << "---\n" << test::Dump(zip.diags));
  REQUIRE_FALSE(folder.diags.has_errors());
  REQUIRE_FALSE(zip.diags.has_errors());
  CHECK(zip.catalog->locations.size() == 36);
  CHECK(test::Has(zip.diags, Severity::Warning, "imdf.zip!unit.geojson", 0, "geometry", "of several polygons"));
  CheckSameVenue(VenueOf(*folder.catalog), VenueOf(*zip.catalog));
  // As many warnings, each naming the file in the zip.
  CHECK(Count(zip.diags, Severity::Warning, "imdf.zip!", "", "") == Count(folder.diags, Severity::Warning, "imdf/", "", ""));
}

TEST_CASE("an imdf.zip whose files are in a folder inside it (as an export tool writes it) reads the same") {
  test::TempDir folder_dir, zip_dir;
  auto folder = ReadForum(ImdfForum(folder_dir, Copy::Folder));
  fs::path src = ImdfForum(zip_dir, Copy::Folder);
  fs::remove_all(src / "imdf");
  MakeZip(src / "imdf.zip", VenueFiles("venue/"));
  auto zip = ReadForum(src);
  INFO(test::Dump(zip.diags));
  REQUIRE_FALSE(zip.diags.has_errors());
  CheckSameVenue(VenueOf(*folder.catalog), VenueOf(*zip.catalog));
}

TEST_CASE("an imdf.zip with an old copy of a file in a folder beside its own files reads its own files") {
  // A zip made of a folder that held a backup: "old/unit.geojson" must not make "old/" the archive's root.
  test::TempDir folder_dir, zip_dir;
  auto folder = ReadForum(ImdfForum(folder_dir, Copy::Folder));
  fs::path src = ImdfForum(zip_dir, Copy::Folder);
  fs::remove_all(src / "imdf");
  auto files = VenueFiles();
  for (auto old : {"unit.geojson", "manifest.json"}) files.emplace_back(std::string("old/") + old, VenueFixture() / "imdf" / old);
  MakeZip(src / "imdf.zip", files);
  auto zip = ReadForum(src);
  INFO(test::Dump(zip.diags));
  REQUIRE_FALSE(zip.diags.has_errors());
  CheckSameVenue(VenueOf(*folder.catalog), VenueOf(*zip.catalog));
}

TEST_CASE("imdf/ and imdf.zip both in the source folder is an error naming both") {
  test::TempDir dir;
  auto out = test::Build(ImdfForum(dir, Copy::Both), dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "imdf.zip", 0, "", "both imdf/ and imdf.zip are present"));
}

TEST_CASE("an IMDF archive with floorplan.geojson still there is an error: the archive replaces the floor plan") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  fs::copy_file(test::FixtureDir() / "floorplan.geojson", src / "floorplan.geojson");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "floorplan.geojson", 0, "", "both imdf and floorplan.geojson are present"));
}

TEST_CASE("an IMDF archive with levels.csv or buildings.csv is an error: the archive gives the levels and buildings") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  test::WriteFile(src / "levels.csv", "id,ordinal,short_name,name_en\nground,0,1,Ground floor\n");
  test::WriteFile(src / "buildings.csv", "id,name_en\nmain,Main building\n");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "levels.csv", 0, "", "the IMDF archive gives the buildings and levels: remove levels.csv"));
  CHECK(HasError(out.diags, "buildings.csv", 0, "", "remove buildings.csv"));
}

TEST_CASE("exhibitors.csv puts an exhibitor in an IMDF occupant's booth by the occupant's id") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  test::WriteFile(src / "exhibitors.csv", std::string("organization,booth,category,featured,sample\n") +
                                              "astana-hub," + kAstanaHubOccupant + ",technopark,1,0\n" +
                                              "bilisim-vadisi," + kBooth2Unit + ",technopark,0,0\n");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  // The unit of the occupant's anchor is no booth of its own: naming it is an error.
  CHECK(HasError(out.diags, "exhibitors.csv", 3, "booth", kBooth2Unit));
  CHECK_FALSE(HasError(out.diags, "exhibitors.csv", 2, "", ""));

  test::Edit(src / "exhibitors.csv", std::string("bilisim-vadisi,") + kBooth2Unit, "bilisim-vadisi,ee29cf34-c279-5f5a-978b-a35ac3fe94b2");
  auto fixed = test::Build(src, dir);
  INFO(test::Dump(fixed.diags));
  REQUIRE(fixed.written);
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  const db::Exhibitor* hub = c.value()->FindExhibitorAtBooth(kAstanaHubOccupant);
  REQUIRE(hub);
  CHECK(hub->organization_id == "astana-hub");
  CHECK(c.value()->FindLocation(kAstanaHubOccupant)->kind == LocationKind::Booth);
}

// [SECTION] What is not understood: said once per feature type and property

TEST_CASE("a property IMDF does not have, on every unit, is one warning naming unit and the property") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  json units = ReadJson(src / "imdf" / "unit.geojson");
  for (auto& f : units["features"]) f["properties"]["x_colour"] = "#3A7BD5";
  WriteJson(src / "imdf" / "unit.geojson", units);
  json openings = ReadJson(src / "imdf" / "opening.geojson");
  for (auto& f : openings["features"]) f["properties"]["x_colour"] = "#3A7BD5";
  WriteJson(src / "imdf" / "opening.geojson", openings);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  // 28 units and 30 openings carry it: one warning for each feature type.
  CHECK(Count(out.diags, Severity::Warning, "", "x_colour", "") == 2);
  CHECK(Count(out.diags, Severity::Warning, "imdf/unit.geojson", "x_colour", "a property IMDF's unit does not have") == 1);
  CHECK(Count(out.diags, Severity::Warning, "imdf/opening.geojson", "x_colour", "a property IMDF's opening does not have") == 1);
}

TEST_CASE("an IMDF unit category the kiosk does not know, on several units, is one warning with the count") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  json units = ReadJson(src / "imdf" / "unit.geojson");
  int changed = 0;
  for (auto& f : units["features"])
    if (f["properties"]["category"] == "conferenceroom") f["properties"]["category"] = "boardroom", ++changed;
  REQUIRE(changed == 3);
  WriteJson(src / "imdf" / "unit.geojson", units);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  CHECK(Count(out.diags, Severity::Warning, "imdf/unit.geojson", "category", "'boardroom'") == 1);
  CHECK(Count(out.diags, Severity::Warning, "imdf/unit.geojson", "category", "3 unit(s) of category 'boardroom'") == 1);
  // They are still on the map, as rooms.
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  CHECK(c.value()->FindLocation("f14159dd-aee1-53f6-8f63-a988667e6823")->kind == LocationKind::Room);
}

// [SECTION] Bad archives

TEST_CASE("an IMDF archive without level.geojson is an error naming the file") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  fs::remove(src / "imdf" / "level.geojson");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "imdf/level.geojson", 0, "", "an IMDF archive needs level.geojson"));
}

TEST_CASE("an IMDF unit on a level that is not in level.geojson is a warning naming it, the others are read") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  json units = ReadJson(src / "imdf" / "unit.geojson");
  FeatureWithId(units, kRoomA1)["properties"]["level_id"] = "00000000-0000-4000-8000-000000000000";
  WriteJson(src / "imdf" / "unit.geojson", units);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  CHECK(test::Has(out.diags, Severity::Warning, "imdf/unit.geojson", 0, "level_id",
                  std::string("unit '") + kRoomA1 + "' is left out: its level_id '00000000-0000-4000-8000-000000000000' is not a level"));
  CHECK(Count(out.diags, Severity::Warning, "", "", "is left out") == 1);
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  CHECK_FALSE(c.value()->FindLocation(kRoomA1));
  CHECK(c.value()->FindLocation(kAuditorium));
  CHECK(c.value()->locations.size() == 35);
}

TEST_CASE("IMDF positions that are not WGS84 degrees (local metres) are an error saying so") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  json units = ReadJson(src / "imdf" / "unit.geojson");
  FeatureWithId(units, kRoomA1)["geometry"]["coordinates"] = json::parse("[[[500, 900], [510, 900], [510, 908], [500, 908], [500, 900]]]");
  WriteJson(src / "imdf" / "unit.geojson", units);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "imdf/unit.geojson", 0, "geometry", std::string("unit '") + kRoomA1 + "': [500,900] is not [longitude, latitude]"));
  CHECK(HasError(out.diags, "imdf/unit.geojson", 0, "geometry", "IMDF positions are WGS84"));
  CHECK(Count(out.diags, Severity::Error, "", "", "") == 1);  // once for the file, not once per corner
}

namespace {

// Rewrites every position of the archive in `imdf` as local metres, as a plan drawn in a CAD program holds them:
// metres east and north of the venue's south-west corner, (lon - 71.43) * 70000 + 80, (lat - 51.09) * 111000 + 30.
// Such numbers (0 to 150, 0 to 60 for the test venue) are also valid degrees.
void RewriteInLocalMetres(const fs::path& imdf) {
  for (const auto& e : fs::directory_iterator(imdf)) {
    if (e.path().extension() != ".geojson") continue;
    json doc = ReadJson(e.path());
    std::function<void(json&)> walk = [&](json& j) {
      if (j.is_array() && j.size() == 2 && j[0].is_number() && j[1].is_number()) {
        j = json::array({(j[0].get<double>() - 71.43) * 70000 + 80, (j[1].get<double>() - 51.09) * 111000 + 30});
        return;
      }
      if (j.is_array())
        for (auto& x : j) walk(x);
    };
    for (auto& f : doc["features"]) {
      if (f["geometry"].is_object()) walk(f["geometry"]["coordinates"]);
      if (f["properties"].contains("display_point") && f["properties"]["display_point"].is_object())
        walk(f["properties"]["display_point"]["coordinates"]);
    }
    WriteJson(e.path(), doc);
  }
}

}  // namespace

TEST_CASE("an IMDF archive drawn in local metres small enough to pass for degrees is an error saying WGS84, once per file") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  RewriteInLocalMetres(src / "imdf");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(Count(out.diags, Severity::Error, "imdf/unit.geojson", "geometry", "IMDF positions are WGS84") == 1);
  CHECK(Count(out.diags, Severity::Error, "imdf/level.geojson", "geometry", "IMDF positions are WGS84") == 1);
  // Not a warning for each of the 28 units, 3 levels and 30 openings it leaves out.
  CHECK(Count(out.diags, Severity::Warning, "", "geometry", "is left out") == 0);
  CHECK(out.diags.error_count() <= 9);  // at most one per file
}

TEST_CASE("an IMDF archive of levels and units alone in local metres is not built into an empty map") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  for (const char* f : {"opening", "amenity", "anchor", "occupant", "kiosk", "footprint", "address"})
    fs::remove(src / "imdf" / (std::string(f) + ".geojson"));
  RewriteInLocalMetres(src / "imdf");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "imdf/unit.geojson", 0, "geometry", "IMDF positions are WGS84"));
}

TEST_CASE("a broken IMDF file is an error naming the file and line") {
  test::TempDir dir;
  auto src = ImdfForum(dir);
  std::string units = test::ReadFile(src / "imdf" / "unit.geojson");
  test::WriteFile(src / "imdf" / "unit.geojson", units.substr(0, units.size() / 2));
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "imdf/unit.geojson", 0, "", ""));
  bool with_line = false;
  for (const auto& x : out.diags.items()) with_line |= x.severity == Severity::Error && x.file == "imdf/unit.geojson" && x.line > 0;
  CHECK(with_line);
  // A collection that is not one.
  test::WriteFile(src / "imdf" / "unit.geojson", R"({"type": "Feature", "features": {}})");
  auto again = test::Build(src, dir);
  INFO(test::Dump(again.diags));
  CHECK(HasError(again.diags, "imdf/unit.geojson", 0, "type", "must be a GeoJSON FeatureCollection"));
}

TEST_CASE("an imdf.zip that is not a zip is an error saying how to fix it") {
  test::TempDir dir;
  auto src = ImdfForum(dir, Copy::Zip);
  test::WriteFile(src / "imdf.zip", "PK\x03\x04 this is not a zip archive");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "imdf.zip", 0, "", "not a readable zip archive"));
}

TEST_CASE("no IMDF archive, however damaged, crashes the build") {
  // Every feature type's first feature (or the whole file) broken one way at a time: each is an error or a
  // warning, never an exception or a crash.
  struct Damage {
    const char* type;  // feature type; its file is TYPE.geojson
    const char* what;
    std::function<void(json& doc)> edit;
  };
  auto first = [](json& doc) -> json& { return doc["features"][0]; };
  auto props = [first](json& doc) -> json& { return first(doc)["properties"]; };
  const std::vector<Damage> damages = {
      {"level", "ordinal a word", [&](json& d) { props(d)["ordinal"] = "one"; }},
      {"level", "ordinal a fraction", [&](json& d) { props(d)["ordinal"] = 1.5; }},
      {"level", "ordinal huge", [&](json& d) { props(d)["ordinal"] = 1e12; }},
      {"level", "ordinal missing", [&](json& d) { props(d).erase("ordinal"); }},
      {"level", "two levels of one ordinal in one building", [&](json& d) { d["features"][2]["properties"]["ordinal"] = 0; }},
      {"level", "building_ids a string", [&](json& d) { props(d)["building_ids"] = "x"; }},
      {"level", "building_ids numbers", [&](json& d) { props(d)["building_ids"] = json::array({5, 6}); }},
      {"level", "building_ids unknown", [&](json& d) { props(d)["building_ids"] = json::array({"00000000-0000-4000-8000-000000000001"}); }},
      {"level", "no geometry", [&](json& d) { first(d)["geometry"] = nullptr; }},
      {"level", "no level has geometry", [&](json& d) { for (auto& f : d["features"]) f["geometry"] = nullptr; }},
      {"level", "coordinates a string", [&](json& d) { first(d)["geometry"]["coordinates"] = "x"; }},
      {"level", "coordinates empty", [&](json& d) { first(d)["geometry"]["coordinates"] = json::array(); }},
      {"level", "ring empty", [&](json& d) { first(d)["geometry"]["coordinates"] = json::parse("[[]]"); }},
      {"level", "one number", [&](json& d) { first(d)["geometry"]["coordinates"] = json::parse("[[[71.43]]]"); }},
      {"level", "a point for a ring", [&](json& d) { first(d)["geometry"]["coordinates"] = json::parse("[[71.43, 51.09]]"); }},
      {"level", "all corners one", [&](json& d) { first(d)["geometry"]["coordinates"] = json::parse("[[[71.43,51.09],[71.43,51.09],[71.43,51.09],[71.43,51.09]]]"); }},
      {"level", "a bow tie", [&](json& d) { first(d)["geometry"]["coordinates"] = json::parse("[[[71.429,51.089],[71.430,51.090],[71.430,51.089],[71.429,51.090],[71.429,51.089]]]"); }},
      {"level", "names a number", [&](json& d) { props(d)["name"] = 5; }},
      {"level", "short name a number", [&](json& d) { props(d)["short_name"] = json::object({{"en", 5}}); }},
      {"level", "names in no forum language", [&](json& d) { props(d)["name"] = json::object({{"de", "Erdgeschoss"}}); }},
      {"unit", "properties an array", [&](json& d) { first(d)["properties"] = json::array(); }},
      {"unit", "no properties", [&](json& d) { first(d).erase("properties"); }},
      {"unit", "id a number", [&](json& d) { first(d)["id"] = 5; }},
      {"unit", "id not a UUID", [&](json& d) { first(d)["id"] = "room-a1"; }},
      {"unit", "no id", [&](json& d) { first(d).erase("id"); }},
      {"unit", "two units of one id", [&](json& d) { d["features"][1]["id"] = first(d)["id"]; }},
      {"unit", "level_id a number", [&](json& d) { props(d)["level_id"] = 7; }},
      {"unit", "category a number", [&](json& d) { props(d)["category"] = 7; }},
      {"unit", "a Point", [&](json& d) { first(d)["geometry"] = json::parse(R"({"type": "Point", "coordinates": [71.43, 51.09]})"); }},
      {"unit", "a MultiPolygon of nothing", [&](json& d) { first(d)["geometry"] = json::parse(R"({"type": "MultiPolygon", "coordinates": [[]]})"); }},
      {"unit", "a MultiPolygon nested too deep", [&](json& d) { first(d)["geometry"] = json::parse(R"({"type": "MultiPolygon", "coordinates": [[[[[71.43, 51.09]]]]]})"); }},
      {"unit", "geometry type a number", [&](json& d) { first(d)["geometry"]["type"] = 5; }},
      {"opening", "geometry type a number", [&](json& d) { first(d)["geometry"]["type"] = 5; }},
      {"amenity", "geometry type a number", [&](json& d) { first(d)["geometry"]["type"] = 5; }},
      {"kiosk", "display point type a number", [&](json& d) { props(d)["display_point"]["type"] = 7; }},
      {"unit", "collection type a number", [&](json& d) { d["type"] = 5; }},
      {"unit", "a feature that is a number", [&](json& d) { d["features"].push_back(5); }},
      {"unit", "a feature that is null", [&](json& d) { d["features"].push_back(nullptr); }},
      {"venue", "display point of one number", [&](json& d) { props(d)["display_point"] = json::parse(R"({"type": "Point", "coordinates": [1]})"); }},
      {"venue", "display point a string", [&](json& d) { props(d)["display_point"] = "here"; }},
      {"venue", "display point at a pole", [&](json& d) { props(d)["display_point"] = json::parse(R"({"type": "Point", "coordinates": [0, 90]})"); }},
      {"venue", "features not an array", [&](json& d) { d["features"] = json::object(); }},
      {"opening", "one position", [&](json& d) { first(d)["geometry"]["coordinates"] = json::parse("[[71.43, 51.09]]"); }},
      {"opening", "door a string", [&](json& d) { props(d)["door"] = "revolving"; }},
      {"opening", "door type a number", [&](json& d) { props(d)["door"] = json::object({{"type", 5}}); }},
      {"opening", "no level", [&](json& d) { props(d).erase("level_id"); }},
      {"amenity", "unit_ids numbers", [&](json& d) { props(d)["unit_ids"] = json::array({5}); }},
      {"amenity", "unit_ids a string", [&](json& d) { props(d)["unit_ids"] = "x"; }},
      {"amenity", "no geometry", [&](json& d) { first(d)["geometry"] = nullptr; }},
      {"anchor", "unit_id a number", [&](json& d) { props(d)["unit_id"] = 5; }},
      {"occupant", "anchor_id an array", [&](json& d) { props(d)["anchor_id"] = json::array(); }},
      {"occupant", "two occupants of one anchor", [&](json& d) { d["features"][1]["properties"]["anchor_id"] = props(d)["anchor_id"]; }},
      {"kiosk", "nowhere", [&](json& d) { props(d)["display_point"] = nullptr, first(d)["geometry"] = nullptr; }},
      {"kiosk", "no level", [&](json& d) { props(d).erase("level_id"); }},
      {"building", "names an array", [&](json& d) { props(d)["name"] = json::array(); }},
  };
  const char* whole_files[] = {"", "null", "[]", "{}", "5", "\"FeatureCollection\"", "{\"type\": \"FeatureCollection\", \"features\": [1, [], null]}",
                               "{\"type\": \"FeatureCollection\", \"features\": []}", "\xEF\xBB\xBF{\"type\": \"FeatureCollection\"", "\xFF\xFE\x00"};

  test::TempDir dir;
  auto src = ImdfForum(dir);
  auto build = [&](const std::string& what) {
    INFO(what);
    db::BuildOutcome out;
    CHECK_NOTHROW(out = test::Build(src, dir));
    INFO(test::Dump(out.diags));
    // Refused, or a snapshot the kiosk accepts.
    if (out.written) CHECK_FALSE(db::ValidateSnapshot(dir / "out.snapshot").has_errors());
  };
  for (const auto& damage : damages) {
    fs::path file = src / "imdf" / (std::string(damage.type) + ".geojson");
    std::string good = test::ReadFile(file);
    json doc = json::parse(good);
    damage.edit(doc);
    WriteJson(file, doc);
    build(std::string(damage.type) + ": " + damage.what);
    test::WriteFile(file, good);
  }
  for (const char* type : {"venue", "building", "level", "unit", "opening", "amenity", "anchor", "occupant", "kiosk"}) {
    fs::path file = src / "imdf" / (std::string(type) + ".geojson");
    std::string good = test::ReadFile(file);
    for (const char* whole : whole_files) {
      test::WriteFile(file, whole);
      build(std::string(type) + ".geojson is '" + whole + "'");
    }
    for (size_t cut : {size_t(1), good.size() / 3, good.size() - 2}) {
      test::WriteFile(file, good.substr(0, cut));
      build(std::string(type) + ".geojson cut at " + std::to_string(cut));
    }
    test::WriteFile(file, good);
  }
}

// [SECTION] Levels from levels.csv: a venue drawn in floorplan.geojson

TEST_CASE("a floor plan on two levels builds with levels.csv listing their ordinals") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::Edit(src / "floorplan.geojson", R"("id": "stage-main", "kind": "stage")", R"("id": "stage-main", "kind": "stage", "level": 1)");
  test::WriteFile(src / "buildings.csv", "id,sample,name_en,name_ru\nmain,0,Main building,Главное здание\n");
  test::WriteFile(src / "levels.csv", "id,building,ordinal,short_name,sample,name_en,name_ru\n"
                                      "ground,main,0,1,0,Ground floor,Первый этаж\n"
                                      "first,main,1,2,0,First floor,Второй этаж\n");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  CHECK_FALSE(out.diags.has_errors());
  auto loaded = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(loaded);
  const db::Catalog& c = *loaded.value();
  REQUIRE(c.levels.size() == 2);
  CHECK(c.levels[0].id == "ground");
  CHECK(c.levels[1].id == "first");
  CHECK(c.levels[1].ordinal == 1);
  CHECK(c.levels[1].short_name == "2");
  CHECK(c.levels[1].building_id == "main");
  CHECK(Name(c.levels[1].name, "ru") == "Второй этаж");
  REQUIRE(c.FindBuilding("main"));
  CHECK(Name(c.FindBuilding("main")->name, "en") == "Main building");
  CHECK(c.FindLocation("stage-main")->level == 1);
  CHECK(c.FindLocation("booth-a1")->level == 0);
  CHECK(json::parse(db::InspectJson(c))["levels"] == 2);
}

TEST_CASE("a floor-plan feature on a level levels.csv does not list is an error naming the feature") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::Edit(src / "floorplan.geojson", R"("id": "stage-main", "kind": "stage")", R"("id": "stage-main", "kind": "stage", "level": 2)");
  test::WriteFile(src / "levels.csv", "id,ordinal,short_name,name_en\nground,0,1,Ground floor\nfirst,1,2,First floor\n");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "floorplan.geojson", 0, "level", "'stage-main' is on level 2, which is not a level's ordinal"));
}

TEST_CASE("a floor-plan feature above the ground level with no levels.csv is an error saying to add levels.csv") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::Edit(src / "floorplan.geojson", R"("id": "stage-main", "kind": "stage")", R"("id": "stage-main", "kind": "stage", "level": 1)");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "floorplan.geojson", 0, "level", "'stage-main' is on level 1, but no levels are listed (add them to levels.csv)"));
}

TEST_CASE("levels.csv with an ordinal that is no whole number, or a building buildings.csv lacks, is an error with the row") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  test::WriteFile(src / "levels.csv", "id,building,ordinal,short_name,name_en\nground,,0,1,Ground floor\nmezz,,0.5,M,Mezzanine\nfirst,annex,1,2,First floor\n");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  CHECK_FALSE(out.written);
  CHECK(HasError(out.diags, "levels.csv", 3, "ordinal", "'0.5' is not a whole number"));
  CHECK(HasError(out.diags, "levels.csv", 4, "building", "building 'annex' is not in buildings"));
}

TEST_CASE("IMDF: routes on the test venue go upstairs by escalator, stairs or lift, step-free by the lift only, and into a room through its door") {
  test::TempDir dir;
  auto r = ReadForum(ImdfForum(dir));
  const db::Catalog& c = *r.catalog;
  REQUIRE_FALSE(c.route_tiles.empty());
  const db::Location* room = c.FindLocation("f14159dd-aee1-53f6-8f63-a988667e6823");  // Conference Room 1, upstairs
  REQUIRE(room);
  const db::Point lobby{35, -6};  // the Congress Centre's Main Lobby, ground floor
  db::NoRoute why{};
  auto walk = c.Routes().Find(lobby, 0, *room, false, &why);
  REQUIRE_MESSAGE(walk, "reason " << static_cast<int>(why));
  REQUIRE(walk->legs.size() == 2);
  CHECK(walk->legs[0].level == 0);
  CHECK(walk->legs[1].level == 1);
  CHECK(walk->legs[0].then.has_value());
  auto step_free = c.Routes().Find(lobby, 0, *room, true, &why);
  REQUIRE_MESSAGE(step_free, "reason " << static_cast<int>(why));
  REQUIRE(step_free->legs.size() == 2);
  REQUIRE(step_free->legs[0].then);
  CHECK(*step_free->legs[0].then == db::LevelChangeKind::Lift);
  // The lift is Elevator C, at x 50..54, y 3..7: the first leg ends there.
  const db::Point at = step_free->legs[0].points.back();
  CHECK(at.x > 49);
  CHECK(at.x < 55);
  CHECK(at.y > 2);
  CHECK(at.y < 8);
  // Room A1 of Hall A (a door at x -56..-55 on its south wall, y 2) from the Main Corridor: in through the door.
  const db::Location* a1 = c.FindLocation(kRoomA1);
  REQUIRE(a1);
  auto in = c.Routes().Find({-40, 0}, 0, *a1, false, &why);
  REQUIRE_MESSAGE(in, "reason " << static_cast<int>(why));
  CHECK(in->end.y > 3);  // inside the room
  bool through_door = false;
  const auto& pts = in->legs.back().points;
  for (size_t i = 1; i < pts.size(); ++i)
    if ((pts[i - 1].y - 2) * (pts[i].y - 2) <= 0 && pts[i].y != pts[i - 1].y) {
      double x = pts[i - 1].x + (pts[i].x - pts[i - 1].x) * (2 - pts[i - 1].y) / (pts[i].y - pts[i - 1].y);
      through_door |= x > -56.6 && x < -54.4;
    }
  CHECK(through_door);
}
