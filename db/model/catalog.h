// The catalog: everything one forum snapshot holds, as plain C++ values.
//
// One set of types serves every direction: the staff tool reads the source folder into a Catalog, checks it
// (db/model/check.h) and writes it to a snapshot (db/snapshot/writer.h); the kiosk loads a snapshot back into a Catalog
// (db/snapshot/loader.h) and reads it, immutable, behind a shared_ptr<const Catalog> that is swapped as a whole.
// No SQLite or ImGui type appears here, and nothing from db/snapshot: the model uses only db/base.
//
// Index of this file:
// [SECTION] Texts and where rows came from (Origin, Text)
// [SECTION] The forum, its languages, countries and pictures
// [SECTION] Exhibitors and the floor plan (Organization, Exhibitor, LocationKind, Location, Walkway)
// [SECTION] Agreements and their sources
// [SECTION] The program (Room, Track, Person, Session)
// [SECTION] The catalog: CatalogData (what loaders fill) and Catalog (immutable, with its indexes)
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/base/result.h"

namespace db {

class Router;

// [SECTION] Texts and where rows came from (Origin, Text)

// Where a row came from, for messages staff can act on: "organizations.csv", line 7. Empty for rows loaded
// from a snapshot (messages then name the table and id).
struct Origin {
  std::string file;
  int line = 0;
  bool operator==(const Origin&) const = default;
};

// A translated text: language code -> text. A missing language means "not translated"; use Catalog::Tr to
// follow the fallback chain.
struct Text {
  std::map<std::string, std::string, std::less<>> by_lang;
  bool empty() const { return by_lang.empty(); }
  const std::string* Find(std::string_view lang) const {
    auto it = by_lang.find(lang);
    return it == by_lang.end() ? nullptr : &it->second;
  }
  bool operator==(const Text&) const = default;
};

// [SECTION] The forum, its languages, countries and pictures

struct Language {
  std::string code;          // "kk"
  std::string native_name;   // "Қазақша"
  std::string english_name;  // "Kazakh"
  std::string fallback;      // next language to try; empty ends the chain
  Origin origin;
  std::string plural_rule = "one_other";  // db/model/plural.h: "none", "east_slavic" ...
  bool operator==(const Language&) const = default;
};

struct Forum {
  std::string code;
  std::string start_date, end_date;  // YYYY-MM-DD
  std::string time_zone;             // IANA name
  int utc_offset_min = 0;            // minutes east of UTC during the forum
  std::string default_language;
  int idle_timeout_s = 60;
  std::string website;
  // The venue's web map, with {place} where a place's id goes ("https://map.example.org/?to={place}"); the
  // route's QR code links to it. Empty: no link.
  std::string map_url;
  Text title, venue, city;
  Origin origin;
  bool operator==(const Forum&) const = default;
};

struct Country {
  std::string code;  // ISO 3166-1 alpha-2
  uint32_t color = 0x808080;
  Text name;
  Origin origin;
  bool operator==(const Country&) const = default;
};

struct Image {
  std::string id;
  std::string mime;  // image/png: the build stores every picture re-encoded as PNG (db/model/image_check.h)
  int width = 0, height = 0;
  std::string sha256;  // hex
  std::vector<unsigned char> bytes;
  Origin origin;
  bool operator==(const Image&) const = default;
};

// [SECTION] Exhibitors and the floor plan (Organization, Exhibitor, LocationKind, Location, Walkway)

struct Organization {
  std::string id, kind, country_code, website, email, phone, logo_image_id;
  bool sample = false;
  Text name, short_name, description, city;
  Origin origin;
  bool operator==(const Organization&) const = default;
};

struct Exhibitor {
  std::string organization_id, booth_id, category;
  bool featured = false, sample = false;
  Origin origin;
  bool operator==(const Exhibitor&) const = default;
};

struct Point {
  double x = 0, y = 0;
  bool operator==(const Point&) const = default;
};

// What a place on the floor plan is. A snapshot stores it as its name (location.kind; schema.sql lists the
// same names in its CHECK), the floor plan's GeoJSON as `kind`.
// Corridor: walkable space (a walkway, lobby or ramp area); Stairs, Elevator, Escalator: the ways between
// levels; Service: space visitors cannot enter (storage, kitchens, plant rooms), drawn but never a target;
// Floor: a level's outline, drawn beneath everything else on it.
enum class LocationKind { Hall, Booth, Stage, Room, Amenity, Entrance, Exit, Kiosk, Corridor, Stairs, Elevator, Escalator, Service, Floor };
inline constexpr std::string_view kLocationKindNames[] = {"hall", "booth", "stage", "room", "amenity", "entrance", "exit",
                                                          "kiosk", "corridor", "stairs", "elevator", "escalator",
                                                          "service", "floor"};
static_assert(std::size(kLocationKindNames) == static_cast<size_t>(LocationKind::Floor) + 1,
              "one name per LocationKind, in the enum's order");
// Places a visitor looks for (search, "show on map", the map's tap targets); the others are the plan's
// background: halls and floors hold the rest, corridors are walked through, service space is closed.
inline bool IsDestination(LocationKind k) {
  return k != LocationKind::Hall && k != LocationKind::Corridor && k != LocationKind::Service && k != LocationKind::Floor;
}
inline std::string_view NameOf(LocationKind k) { return kLocationKindNames[static_cast<size_t>(k)]; }
// The kind called `name`; false (and `out` unchanged) for any other text.
inline bool LocationKindFromName(std::string_view name, LocationKind& out) {
  for (size_t i = 0; i < std::size(kLocationKindNames); ++i)
    if (name == kLocationKindNames[i]) {
      out = static_cast<LocationKind>(i);
      return true;
    }
  return false;
}

// A building of the venue (IMDF `building`; a one-building venue may leave buildings out).
struct Building {
  std::string id;
  bool sample = false;
  Text name;
  Origin origin;
  bool operator==(const Building&) const = default;
};

// A level of a building. `ordinal` orders levels vertically across the whole venue (0: the ground level,
// -1 below it; IMDF's meaning): the map shows one ordinal at a time, every building's level of it together.
struct Level {
  std::string id, building_id;  // building_id: "" when the venue has no buildings listed
  int ordinal = 0;
  std::string short_name;  // the switcher's label: "1", "M", "B1"
  bool sample = false;
  Text name;               // "First floor", per language
  Origin origin;
  bool operator==(const Level&) const = default;
};

// Where a door or an opening joins two spaces (IMDF `opening`): a segment on a level, for routes.
struct Opening {
  std::string id, category;  // category: IMDF's (pedestrian, emergencyexit, automobile, service, ...)
  int level = 0;             // the ordinal of its level
  Point a, b;
  bool accessible = true;    // step-free
  Origin origin;
  bool operator==(const Opening&) const = default;
};

// An inner ring of a place's outline (a courtyard, a light well, a column's footprint): not part of the place.
struct Hole {
  std::string id;           // "1", "2", ...: its order in the outline (the snapshot's key)
  std::vector<Point> ring;  // not closed, clockwise
  bool operator==(const Hole&) const = default;
};

struct Location {
  std::string id;
  LocationKind kind = LocationKind::Booth;
  int level = 0;  // the ordinal of its level (Level::ordinal)
  bool is_polygon = false;
  std::vector<Point> ring;  // polygon outer ring, not closed (last != first), counter-clockwise; empty for points
  std::vector<Hole> holes;  // the outline's inner rings, inside `ring`; filled, tapped and drawn as not the place
  Point anchor;             // label anchor: centroid of the polygon, or the point
  std::string label, amenity, hall_id;
  bool sample = false;
  Text name;
  Origin origin;
  bool operator==(const Location&) const = default;
};

struct Walkway {
  std::string id, from_id, to_id;
  double length_m = 0;
  bool accessible = true;
  Origin origin;
  bool operator==(const Walkway&) const = default;
};

// One tile of the routing mesh (db/model/route_mesh.h builds them from the plan, db/model/router.h walks
// them): Detour's data for a square of the plan, which says itself where it lies. No tiles: the plan gives no
// walkable space, and the kiosk offers no routes.
struct RouteTile {
  int id = 0;                       // 1, 2, ...: its order (the snapshot's key)
  std::vector<unsigned char> data;  // dtCreateNavMeshData's output
  bool operator==(const RouteTile&) const = default;
};

// [SECTION] Agreements and their sources

struct Source {
  std::string id, title, publisher, url, published_date, lang, note;
  Origin origin;
  bool operator==(const Source&) const = default;
};

struct AgreementParty {
  std::string organization_id;
  std::string role = "party";
  std::string source_id;
  Text signatory_name, signatory_title;  // empty: the source does not say who signed
  Origin origin;
  bool operator==(const AgreementParty&) const = default;
};

struct AgreementFact {
  std::string field, value, source_id, note;
  Origin origin;
  bool operator==(const AgreementFact&) const = default;
};

struct Agreement {
  std::string id, kind, signed_date;  // YYYY-MM-DD or YYYY-MM
  bool online = false;
  std::string source_id;
  bool sample = false;
  Text title, summary, place, scope;
  std::vector<AgreementParty> parties;
  std::vector<AgreementFact> facts;
  Origin origin;
  bool operator==(const Agreement&) const = default;
};

// [SECTION] The program (Room, Track, Person, Session)

struct Room {
  std::string id, location_id;  // location_id empty: not on the floor plan
  Text name;
  Origin origin;
  bool operator==(const Room&) const = default;
};

struct Track {
  std::string id, color;  // "#RRGGBB" or empty
  Text name;
  Origin origin;
  bool operator==(const Track&) const = default;
};

struct Person {
  std::string id, organization_id;
  bool sample = false;
  Text name, title, biography;
  Text biography_rich;  // the biography's rich form where an export wrote markup (db/model/rich_text.h's stored form)
  Origin origin;
  bool operator==(const Person&) const = default;
};

struct SessionPerson {
  std::string person_id;
  std::string role = "speaker";
  bool operator==(const SessionPerson&) const = default;
};

struct SessionOrganization {
  std::string organization_id;
  std::string role = "participant";
  Origin origin;
  bool operator==(const SessionOrganization&) const = default;
};

struct Session {
  std::string id, guid;
  int day_index = 1;
  std::string day_date;            // YYYY-MM-DD of the conference day
  std::string starts_at, ends_at;  // ISO 8601 with offset
  int64_t starts_utc = 0, ends_utc = 0;
  std::string room_id, track_id, kind, language;
  bool sample = false;
  Text title, subtitle, description;
  // The description's rich form (paragraphs, lists, bold...: db/model/rich_text.h's stored form), in the
  // languages an export gave it; its text is the description's. None for staff's plain descriptions.
  Text description_rich;
  std::vector<SessionPerson> people;
  std::vector<SessionOrganization> organizations;
  Origin origin;
  bool operator==(const Session&) const = default;
};

class SearchIndex;  // db/snapshot/search.h

// [SECTION] The catalog: CatalogData (what loaders fill) and Catalog (immutable, with its indexes)

struct SnapshotInfo {
  int schema_version = 0;
  int64_t content_version = 0;
  std::string content_checksum, built_at, generator;
  bool operator==(const SnapshotInfo&) const = default;
};

// The whole forum as plain values: what a loader fills (the builder of a Catalog). Vectors keep the order of
// the sources (sessions sorted by start). Every member is described once, by table and column, in
// db/model/tables.h; a member added here and to no description fails tests/db/roundtrip_test.cpp.
struct CatalogData {
  SnapshotInfo info;
  Forum forum;
  std::vector<Language> languages;  // picker order
  std::vector<Country> countries;
  std::vector<Image> images;
  std::vector<Organization> organizations;
  std::vector<Exhibitor> exhibitors;
  std::vector<Building> buildings;
  std::vector<Level> levels;  // by ordinal, then building; empty: one level, ordinal 0, unnamed
  std::vector<Location> locations;
  std::vector<Walkway> walkways;
  std::vector<Opening> openings;
  std::vector<RouteTile> route_tiles;  // built from the plan (BuildRouteMesh) when the snapshot is built
  std::vector<Source> sources;
  std::vector<Agreement> agreements;
  std::vector<Room> rooms;
  std::vector<Track> tracks;
  std::vector<Person> people;
  std::vector<Session> sessions;
  std::map<std::string, Text, std::less<>> ui_strings;  // key -> text
  // The snapshot's search index (db/snapshot/search.h); null for a catalog read from sources. Shared by
  // copies: a variant made from a loaded catalog searches the index of the snapshot it came from.
  std::shared_ptr<SearchIndex> search_index;
};

// The whole forum, immutable by construction: the only way to make one is Catalog::Make, which takes the
// filled data and builds the id indexes once, and it is only ever handed out as shared_ptr<const Catalog>.
// Not copyable: to make a variant (a test, a staff preview), copy its CatalogData (`CatalogData d = *c;`),
// change that and Make a new Catalog. Lookups by id go through the Find* functions; safe from any number of
// threads at once (nothing in a Catalog changes after Make; the search index has its own rules, search.h).
class Catalog : public CatalogData {
  struct Key {};  // only Make constructs (make_shared needs a public constructor)

 public:
  // Later duplicate ids do not replace earlier rows in the indexes (CheckCatalog reports them).
  static std::shared_ptr<const Catalog> Make(CatalogData data);
  Catalog(Key, CatalogData data);
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  const Language* FindLanguage(std::string_view code) const;
  const Country* FindCountry(std::string_view code) const;
  const Image* FindImage(std::string_view id) const;
  const Organization* FindOrganization(std::string_view id) const;
  const Exhibitor* FindExhibitor(std::string_view organization_id) const;
  const Exhibitor* FindExhibitorAtBooth(std::string_view booth_id) const;
  const Location* FindLocation(std::string_view id) const;
  const Building* FindBuilding(std::string_view id) const;
  const Level* FindLevel(std::string_view id) const;
  // The first level of `ordinal` (its short name and name stand for that ordinal on the switcher); null
  // when no level of it is listed.
  const Level* LevelAt(int ordinal) const;
  // The ordinals the map can show, bottom up: those of `levels`, and any a place is on (computed by Make).
  const std::vector<int>& LevelOrdinals() const { return ordinals_; }
  // The triangles that fill location `i` (an index into `locations`) when it is a polygon: three points each,
  // counter-clockwise (db/model/geometry.h Triangulate), worked out once by Make, off the UI thread.
  const std::vector<Point>& Triangles(size_t i) const { return triangles_[i]; }
  // Routes on the plan (db/model/router.h), made from route_tiles by Make: an empty router when there are
  // none or they cannot be read (CheckSnapshot reports which).
  const Router& Routes() const { return *router_; }
  const Source* FindSource(std::string_view id) const;
  const Agreement* FindAgreement(std::string_view id) const;
  const Room* FindRoom(std::string_view id) const;
  const Track* FindTrack(std::string_view id) const;
  const Person* FindPerson(std::string_view id) const;
  const Session* FindSession(std::string_view id) const;

  // The countries at least one exhibitor comes from, in the order of `countries` (computed by Make:
  // the filter chips, the home counts, the search index and `inspect` all use it).
  std::vector<const Country*> ExhibitingCountries() const;
  // The days of the program, (day index, YYYY-MM-DD), in order (computed by Make).
  const std::vector<std::pair<int, std::string>>& ProgramDays() const { return days_; }

  // The language chain for `lang`: lang, its fallback, that one's fallback ... (no repeats, stops at a loop).
  std::vector<std::string> Chain(std::string_view lang) const;
  // The text in `lang`, else along the chain, else the default language's chain, else any translation,
  // else "". Never a key name. `from` (optional) is set to the code of the language the text is in (a
  // view into `text` or the catalog; empty when the text is ""), e.g. to pick that language's plural forms.
  const std::string& Tr(const Text& text, std::string_view lang, std::string_view* from = nullptr) const;
  // A UI string by key, resolved like Tr. Unknown key: "" (CheckCatalog reports missing keys).
  const std::string& Ui(std::string_view key, std::string_view lang, std::string_view* from = nullptr) const;

 private:
  void BuildIndexes();  // once, by the constructor
  using Index = std::unordered_map<std::string, size_t>;
  // lang -> its chain, then the default language's chain: what Tr walks, computed once (Tr runs every frame).
  std::unordered_map<std::string, std::vector<std::string>> lookup_order_;
  std::vector<size_t> exhibiting_ix_;  // indexes into `countries`
  std::vector<std::pair<int, std::string>> days_;
  std::vector<int> ordinals_;
  std::vector<std::vector<Point>> triangles_;  // per location
  std::shared_ptr<const Router> router_;        // never null
  Index building_ix_, level_ix_, language_ix_, country_ix_, image_ix_, organization_ix_, exhibitor_ix_, booth_ix_, location_ix_,
      source_ix_, agreement_ix_, room_ix_, track_ix_, person_ix_, session_ix_;
};

// Every text a visitor may see, with where it is: table ("organization"), row id, field ("name"), and
// language ("kk"; "" for untranslated fields such as a phone number or a language's own name). One walk
// serves the font's glyph ranges, the glyph check of `kiosk-snapshot validate`, the search index and the text
// rule of CheckCatalog (db/model/text_rules.h), which names the row's source file and line from `origin`.
struct TextRef {
  std::string_view table, id, field, lang;
  const std::string& text;
  const Origin& origin;  // the row's; empty for rows loaded from a snapshot and for UI strings
};
void ForEachText(const Catalog& c, const std::function<void(const TextRef&)>& fn);

}  // namespace db
