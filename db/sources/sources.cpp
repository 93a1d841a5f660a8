#include "db/sources/sources.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <unordered_map>
#include <sstream>

#include "db/model/caps.h"
#include "db/sources/csv_table.h"
#include "db/base/files.h"
#include "db/sources/floorplan.h"
#include "db/sources/imdf.h"
#include "db/model/image_check.h"
#include "db/model/route_mesh.h"
#include "db/sources/schedule_import.h"
#include "db/sources/source_tables.h"
#include "db/sources/workbook.h"
#include "db/base/text.h"

namespace db {

namespace fs = std::filesystem;

namespace {

// [SECTION] Helpers --------------------------------------------------------------------------------------

// The folder's tables: its CSV files, or the sheets of its one workbook (db/sources/workbook.h), never both.
struct Tables {
  fs::path dir;
  std::string book;  // "forum.xlsx", or "" when the tables are CSV files
  std::vector<CsvTable> sheets;

  // Finds the workbook, if any, and reads its sheets. Excel's lock file (~$forum.xlsx) is not a workbook.
  void Find(Diagnostics& diags) {
    std::error_code ec;
    std::vector<fs::path> books;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      std::string name = e.path().filename().string(), ext = e.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if ((ext == ".xlsx" || ext == ".ods") && name.rfind("~$", 0) != 0 && e.is_regular_file(ec)) books.push_back(e.path());
    }
    std::sort(books.begin(), books.end());
    if (books.size() > 1) {
      diags.Error(books[1].filename().string(), 0, "", "a second workbook beside " + books[0].filename().string() +
                                                           ": keep the forum in one workbook (or in CSV files)");
      return;
    }
    if (books.empty()) return;
    book = books[0].filename().string();
    if (auto read = ReadWorkbook(books[0], book, diags)) sheets = std::move(*read);
  }

  // One table (`name`: the CSV file's name); nullopt (and an error when `required`) when it is missing or
  // unreadable.
  std::optional<CsvTable> Open(const std::string& name, bool required, Diagnostics& diags) const {
    fs::path p = dir / name;
    std::error_code ec;
    bool csv = fs::exists(p, ec);
    if (!book.empty()) {
      std::string sheet = name.substr(0, name.size() - 4);  // without ".csv"
      if (csv)
        diags.Error(name, 0, "", "both " + book + " and " + name + " are in the folder: keep the table in one of them "
                                 "(the workbook's sheet '" + sheet + "', or the CSV file)");
      for (const auto& t : sheets)
        if (t.file == book + "!" + sheet) return t;
      if (required) diags.Error(book, 0, "", "the workbook has no sheet '" + sheet + "' (see docs/SOURCES.md)");
      return std::nullopt;
    }
    if (!csv) {
      if (required) diags.Error(name, 0, "", "required file is missing (see docs/SOURCES.md)");
      return std::nullopt;
    }
    return ReadCsv(p, name, diags);
  }

  // Whether the folder holds table `name` (a CSV file, or its sheet in the workbook).
  bool Has(const std::string& name) const {
    std::error_code ec;
    if (book.empty()) return fs::exists(dir / name, ec);
    for (const auto& t : sheets)
      if (t.file == book + "!" + name.substr(0, name.size() - 4)) return true;
    return false;
  }
};

// Reads a 0/1 column; reports anything else.
bool Flag(const CsvRowReader& r, const char* column, Diagnostics& diags) {
  std::string v = r.Get(column);
  auto f = ParseFlag(v);
  if (!f) {
    diags.Error(r.origin().file, r.line(), column, "'" + v + "' is not 1 or 0");
    return false;
  }
  return *f;
}

// Reads an id column that must be filled.
std::string Id(const CsvRowReader& r, const char* column, Diagnostics& diags) {
  std::string v = r.Get(column);
  if (v.empty()) diags.Error(r.origin().file, r.line(), column, "is empty; every row needs one");
  else if (!IsValidId(v))
    diags.Error(r.origin().file, r.line(), column,
                "'" + v + "' is not a valid id (letters, digits, - _ . only; at most 64 characters)");
  return v;
}

// [SECTION] The readers, one per file ---------------------------------------------------------------------

// Ids for rows the schedule adds beside staff's: `base`, else `base-2`, `base-3`... whichever is not taken.
class UniqueIds {
 public:
  template <class Rows>
  explicit UniqueIds(const Rows& rows) {
    for (const auto& r : rows) used_.insert(r.id);
  }
  std::string operator()(const std::string& base) {
    std::string id = base;
    for (int n = 2; used_.count(id); ++n) id = base + "-" + std::to_string(n);
    used_.insert(id);
    return id;
  }

 private:
  std::set<std::string> used_;
};

struct Reader {
  fs::path dir;
  Diagnostics& diags;
  Tables tables;
  CatalogData c;
  std::vector<std::string> langs;   // offered language codes
  std::string schedule_language = "en";
  std::vector<WalkwayLine> walkway_lines = {};  // floorplan.geojson's walkways, preferred by the routing mesh

  // `file` as db/sources/source_tables.h describes it: opened (an error when it is required and missing),
  // its date columns read day first, its header checked; nullopt when it is not there.
  std::optional<CsvTable> Table(const char* file) {
    const SourceTable& d = SourceTableNamed(file);
    auto t = tables.Open(d.file, d.required, diags);
    if (!t) return t;
    if (auto dates = d.Dates(); !dates.empty()) ReadDayFirstDates(*t, dates, diags);
    CheckColumns(*t, d.Names(SourceColumn::Required), d.Names(SourceColumn::Optional),
                 d.Names(SourceColumn::Translated), langs, diags);
    return t;
  }

  void Languages() {
    auto t = Table("languages.csv");
    if (!t) return;
    for (const auto& row : t->rows) {
      CsvRowReader r(*t, row);
      Language l{Id(r, "code", diags), r.Get("native_name"), r.Get("english_name"), r.Get("fallback"), r.origin()};
      if (std::string rule = r.Get("plural"); !rule.empty()) l.plural_rule = rule;
      c.languages.push_back(l);
      if (!l.code.empty()) langs.push_back(l.code);
    }
  }

  void Forum() {
    auto t = Table("forum.csv");
    if (!t) return;
    if (t->rows.size() != 1) {
      diags.Error(t->file, t->rows.empty() ? t->header_line : t->rows[1].line, "",
                  "forum.csv must have exactly one row below the header, it has " + std::to_string(t->rows.size()));
      if (t->rows.empty()) return;
    }
    CsvRowReader r(*t, t->rows.front());
    auto& f = c.forum;
    f.origin = r.origin();
    f.code = Id(r, "id", diags);
    f.start_date = r.Get("start_date");
    f.end_date = r.Get("end_date");
    f.time_zone = r.Get("time_zone");
    f.default_language = r.Get("default_language");
    f.website = r.Get("website");
    f.map_url = r.Get("map_url");
    f.title = r.GetText("title", langs);
    f.venue = r.GetText("venue", langs);
    f.city = r.GetText("city", langs);
    if (auto off = ParseUtcOffset(r.Get("utc_offset"))) f.utc_offset_min = *off;
    else diags.Error(t->file, r.line(), "utc_offset", "'" + r.Get("utc_offset") + "' is not an offset like +06:00");
    std::string idle = r.Get("idle_timeout_s");
    if (!idle.empty()) {
      char* end = nullptr;
      long v = std::strtol(idle.c_str(), &end, 10);
      if (*end || v < 10 || v > 3600) diags.Error(t->file, r.line(), "idle_timeout_s", "'" + idle + "' is not a number of seconds between 10 and 3600");
      else f.idle_timeout_s = static_cast<int>(v);
    }
    std::string sl = r.Get("schedule_language");
    if (!sl.empty()) schedule_language = sl;
    if (std::find(langs.begin(), langs.end(), schedule_language) == langs.end())
      diags.Error(t->file, r.line(), "schedule_language", "'" + schedule_language + "' is not in languages.csv");
  }

  void Countries() {
    auto t = Table("countries.csv");
    if (!t) return;
    for (const auto& row : t->rows) {
      CsvRowReader r(*t, row);
      Country x;
      x.code = r.Get("code");
      x.origin = r.origin();
      if (auto col = ParseColor(r.Get("color"))) x.color = *col;
      else diags.Error(t->file, r.line(), "color", "'" + r.Get("color") + "' is not a colour like #3A7BD5");
      x.name = r.GetText("name", langs);
      c.countries.push_back(std::move(x));
    }
  }

  // Reads logos/<file> once per file and returns its image id ("" when it failed, reported).
  std::string Logo(const std::string& name, const CsvRowReader& r) {
    for (const auto& img : c.images)
      if (img.id == name) return img.id;
    fs::path p = dir / "logos" / name;
    std::error_code ec;
    if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name == ".." ) {
      diags.Error(r.origin().file, r.line(), "logo", "'" + name + "': give only a file name inside logos/");
      return {};
    }
    auto status = fs::symlink_status(p, ec);
    if (!fs::exists(status)) {
      diags.Error(r.origin().file, r.line(), "logo", "logos/" + name + " does not exist");
      return {};
    }
    ImageLimits limits;
    // Refused before reading it into memory: a symbolic link (never followed), not a file, too large.
    auto data = ReadSourceFile(p, limits.max_bytes);
    if (!data) {
      diags.Error(r.origin().file, r.line(), "logo", "logos/" + name + ": " + data.error().message);
      return {};
    }
    std::vector<unsigned char> bytes(data.value().begin(), data.value().end());
    data.value().clear();
    // Stored re-encoded as PNG (db/model/image_check.h): the kiosk never decodes staff's original file.
    auto canonical = CanonicalizeImage(bytes, limits);
    if (!canonical) {
      diags.Error(r.origin().file, r.line(), "logo", "logos/" + name + ": " + canonical.error().message);
      return {};
    }
    Image img;
    img.id = name;
    img.mime = canonical.value().info.mime;
    img.width = canonical.value().info.width;
    img.height = canonical.value().info.height;
    img.sha256 = canonical.value().info.sha256;
    img.bytes = std::move(canonical.value().bytes);
    img.origin = r.origin();
    c.images.push_back(std::move(img));
    return name;
  }

  void Organizations() {
    auto t = Table("organizations.csv");
    if (!t) return;
    for (const auto& row : t->rows) {
      CsvRowReader r(*t, row);
      Organization x;
      x.id = Id(r, "id", diags);
      x.kind = r.Get("kind");
      x.country_code = r.Get("country");
      x.website = r.Get("website");
      x.email = r.Get("email");
      x.phone = r.Get("phone");
      x.sample = Flag(r, "sample", diags);
      x.name = r.GetText("name", langs);
      x.short_name = r.GetText("short_name", langs);
      x.description = r.GetText("description", langs);
      x.city = r.GetText("city", langs);
      x.origin = r.origin();
      if (std::string logo = r.Get("logo"); !logo.empty()) x.logo_image_id = Logo(logo, r);
      c.organizations.push_back(std::move(x));
    }
  }

  // A forum may have no exhibitors yet (a venue's plan tried first, a conference without an exhibition): a
  // warning, so that a file left out by mistake is still noticed.
  void Exhibitors() {
    if (!tables.Has("exhibitors.csv")) {
      diags.Warning("exhibitors.csv", 0, "", "no exhibitors.csv: the forum has no exhibitors, and the Exhibitors screen is empty");
      return;
    }
    auto t = Table("exhibitors.csv");
    if (!t) return;
    for (const auto& row : t->rows) {
      CsvRowReader r(*t, row);
      c.exhibitors.push_back({Id(r, "organization", diags), r.Get("booth"), r.Get("category"),
                              Flag(r, "featured", diags), Flag(r, "sample", diags), r.origin()});
    }
  }

  void Agreements() {
    if (auto t = Table("sources.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        c.sources.push_back({Id(r, "id", diags), r.Get("title"), r.Get("publisher"), r.Get("url"),
                             r.Get("published_date"), r.Get("language"), r.Get("note"), r.origin()});
      }
    }
    if (auto t = Table("agreements.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        Agreement a;
        a.id = Id(r, "id", diags);
        a.kind = r.Get("kind");
        a.signed_date = r.Get("signed_date");
        a.online = Flag(r, "online", diags);
        a.source_id = r.Get("source");
        a.sample = Flag(r, "sample", diags);
        a.title = r.GetText("title", langs);
        a.summary = r.GetText("summary", langs);
        a.place = r.GetText("place", langs);
        a.scope = r.GetText("scope", langs);
        a.origin = r.origin();
        c.agreements.push_back(std::move(a));
      }
    }
    auto attach = [&](const CsvRowReader& r, const char* what) -> Agreement* {
      std::string id = r.Get("agreement");
      for (auto& a : c.agreements)
        if (a.id == id) return &a;
      diags.Error(r.origin().file, r.line(), "agreement", "'" + id + "' is not in agreements.csv (" + what + ")");
      return nullptr;
    };
    if (auto t = Table("agreement_parties.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        AgreementParty p;
        p.organization_id = r.Get("organization");
        if (std::string role = r.Get("role"); !role.empty()) p.role = role;
        p.source_id = r.Get("source");
        p.signatory_name = r.GetText("signatory_name", langs);
        p.signatory_title = r.GetText("signatory_title", langs);
        p.origin = r.origin();
        if (auto* a = attach(r, "party")) a->parties.push_back(std::move(p));
      }
    }
    if (auto t = Table("agreement_facts.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        AgreementFact f{r.Get("field"), r.Get("value"), r.Get("source"), r.Get("note"), r.origin()};
        if (auto* a = attach(r, "fact")) a->facts.push_back(std::move(f));
      }
    }
  }

  // The venue: floorplan.geojson with buildings.csv and levels.csv, or an IMDF archive (imdf/ or imdf.zip,
  // db/sources/imdf.h) that gives all of them.
  void FloorPlan() {
    fs::path p = dir / "floorplan.geojson";
    std::error_code ec;
    auto imdf = FindImdf(dir);
    if (imdf) {
      if (imdf->filename() == "imdf" && fs::exists(dir / "imdf.zip", ec))
        diags.Error("imdf.zip", 0, "", "both imdf/ and imdf.zip are present: keep only one copy of the venue");
      if (fs::exists(p, ec))
        diags.Error("floorplan.geojson", 0, "", "both " + imdf->filename().string() + " and floorplan.geojson are present: "
                                                "the IMDF archive replaces the floor plan, keep only one");
      for (const char* file : {"buildings.csv", "levels.csv"})
        if (tables.Has(file))
          diags.Error(file, 0, "", "the IMDF archive gives the buildings and levels: remove " + std::string(file));
      auto plan = ReadImdf(*imdf, langs, diags);
      c.buildings = std::move(plan.buildings);
      c.levels = std::move(plan.levels);
      c.locations = std::move(plan.locations);
      c.openings = std::move(plan.openings);
      SortLevels();
      return;
    }
    Levels();
    if (!fs::exists(p, ec)) {
      diags.Error("floorplan.geojson", 0, "", "required file is missing: add floorplan.geojson, or an IMDF archive as "
                                              "imdf/ or imdf.zip (see docs/SOURCES.md)");
      return;
    }
    auto plan = ReadFloorplan(p, "floorplan.geojson", langs, diags);
    c.locations = std::move(plan.locations);
    c.walkways = std::move(plan.walkways);
    c.openings = std::move(plan.openings);
    walkway_lines = std::move(plan.walkway_lines);
  }

  void Levels() {
    if (auto t = Table("buildings.csv"))
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        Building b{Id(r, "id", diags), Flag(r, "sample", diags), r.GetText("name", langs), r.origin()};
        c.buildings.push_back(std::move(b));
      }
    if (auto t = Table("levels.csv"))
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        Level l;
        l.id = Id(r, "id", diags);
        l.building_id = r.Get("building");
        std::string ordinal = r.Get("ordinal");
        char* end = nullptr;
        long v = std::strtol(ordinal.c_str(), &end, 10);
        if (ordinal.empty() || *end || v < caps::kMinLevel || v > caps::kMaxLevel)
          diags.Error(t->file, r.line(), "ordinal", "'" + ordinal + "' is not a whole number from " + std::to_string(caps::kMinLevel) +
                                                        " to " + std::to_string(caps::kMaxLevel) + " (0: the ground level, -1 below it)");
        else l.ordinal = int(v);
        l.short_name = r.Get("short_name");
        l.sample = Flag(r, "sample", diags);
        l.name = r.GetText("name", langs);
        l.origin = r.origin();
        c.levels.push_back(std::move(l));
      }
    SortLevels();
  }

  // Bottom up, then by building: the switcher's order.
  void SortLevels() {
    std::stable_sort(c.levels.begin(), c.levels.end(), [](const Level& a, const Level& b) {
      return a.ordinal != b.ordinal ? a.ordinal < b.ordinal : a.building_id < b.building_id;
    });
  }

  // Finds the floor-plan place a schedule room name refers to: by name in any language.
  const Location* PlaceNamed(const std::string& name) {
    for (const auto& l : c.locations) {
      if (l.kind != LocationKind::Room && l.kind != LocationKind::Stage && l.kind != LocationKind::Hall) continue;
      for (const auto& [lang, n] : l.name.by_lang)
        if (n == name) return &l;
    }
    return nullptr;
  }

  // The schedule export: schedule.xml or schedule.json, never both. False (reported) when there is none.
  bool ReadSchedule(ImportedSchedule& s, std::string& name) {
    fs::path xml = dir / "schedule.xml", json = dir / "schedule.json";
    std::error_code ec;
    bool has_xml = fs::exists(xml, ec), has_json = fs::exists(json, ec);
    if (has_xml && has_json) diags.Error("schedule.json", 0, "", "both schedule.xml and schedule.json are present: keep only one");
    if (!has_xml && !has_json) {
      diags.Error("schedule.xml", 0, "", "the program is missing: add schedule.xml (frab) or schedule.json (frab, pretalx)");
      return false;
    }
    name = has_xml ? "schedule.xml" : "schedule.json";
    s = ImportSchedule(has_xml ? xml : json, name, {schedule_language, c.forum.time_zone}, diags);
    return true;
  }

  // Rooms: rooms.csv first (staff's names and map links), then what the schedule names. Returns the
  // room id of each schedule room name.
  std::map<std::string, std::string> Rooms(const ImportedSchedule& s, const std::string& name) {
    std::map<std::string, std::string> room_by_name;  // schedule name -> room id
    if (auto t = Table("rooms.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        Room room{Id(r, "id", diags), r.Get("location"), r.GetText("name", langs), r.origin()};
        std::string sn = r.Get("schedule_name");
        if (!sn.empty()) {
          room_by_name[sn] = room.id;
          if (!room.name.Find(schedule_language)) room.name.by_lang[schedule_language] = sn;
        }
        c.rooms.push_back(std::move(room));
      }
    }
    UniqueIds unique_id(c.rooms);
    for (const auto& rn : s.rooms) {
      if (room_by_name.count(rn)) continue;
      Room room;
      if (const Location* l = PlaceNamed(rn)) {
        room.id = unique_id(l->id);
        room.location_id = l->id;
        room.name = l->name;
      } else {
        room.id = unique_id("room-" + Slug(rn));
        room.name.by_lang[schedule_language] = rn;
        int line = 0;  // the first event in that room
        for (const auto& e : s.events)
          if (e.room_name == rn) {
            line = e.session.origin.line;
            break;
          }
        diags.Warning(name, line, "room", "room '" + rn + "' is not on the floor plan (add it to rooms.csv with a "
                                       "location); the kiosk shows it without a map link");
      }
      room.origin = {name, 0};
      room_by_name[rn] = room.id;
      c.rooms.push_back(std::move(room));
    }
    return room_by_name;
  }

  // Tracks, the same way: tracks.csv first, then what the schedule names. Returns the track id of each name.
  std::map<std::string, std::string> Tracks(const ImportedSchedule& s, const std::string& name) {
    std::map<std::string, std::string> track_by_name;
    if (auto t = Table("tracks.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        Track tr{Id(r, "id", diags), r.Get("color"), r.GetText("name", langs), r.origin()};
        if (!tr.color.empty() && !ParseColor(tr.color))
          diags.Error(t->file, r.line(), "color", "'" + tr.color + "' is not a colour like #3A7BD5");
        std::string sn = r.Get("schedule_name");
        if (!sn.empty()) {
          track_by_name[sn] = tr.id;
          if (!tr.name.Find(schedule_language)) tr.name.by_lang[schedule_language] = sn;
        }
        c.tracks.push_back(std::move(tr));
      }
    }
    UniqueIds unique_id(c.tracks);
    for (const auto& tn : s.tracks) {
      if (track_by_name.count(tn)) continue;
      Track tr;
      tr.id = unique_id("track-" + Slug(tn));
      tr.name.by_lang[schedule_language] = tn;
      tr.origin = {name, 0};
      track_by_name[tn] = tr.id;
      c.tracks.push_back(std::move(tr));
    }
    return track_by_name;
  }

  // People of the schedule, completed by people.csv.
  void People(const ImportedSchedule& s, const std::string& name) {
    for (const auto& p : s.people) {
      Person x;
      x.id = p.id;
      x.name.by_lang[schedule_language] = p.name;
      if (!p.biography.empty()) x.biography.by_lang[schedule_language] = p.biography;
      if (!p.biography_rich.empty()) x.biography_rich.by_lang[schedule_language] = p.biography_rich;
      x.origin = {name, 0};
      c.people.push_back(std::move(x));
    }
    if (auto t = Table("people.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        std::string id = r.Get("id");
        auto it = std::find_if(c.people.begin(), c.people.end(), [&](const Person& p) { return p.id == id; });
        Person* p = it != c.people.end() && it->origin.file == name ? &*it : nullptr;
        if (!p) {
          c.people.push_back({});
          p = &c.people.back();
          p->id = Id(r, "id", diags);
        }
        p->organization_id = r.Get("organization");
        p->sample = Flag(r, "sample", diags);
        for (const char* field : {"name", "title", "biography"}) {
          Text more = r.GetText(field, langs);
          Text& dst = std::string(field) == "name" ? p->name : std::string(field) == "title" ? p->title : p->biography;
          for (auto& [lang, v] : more.by_lang) {
            dst.by_lang[lang] = v;
            if (&dst == &p->biography) p->biography_rich.by_lang.erase(lang);  // staff's text is plain
          }
        }
        p->origin = r.origin();
      }
    }
  }

  void Program() {
    ImportedSchedule s;
    std::string name;
    if (!ReadSchedule(s, name)) return;
    auto room_by_name = Rooms(s, name);
    auto track_by_name = Tracks(s, name);
    People(s, name);
    for (auto& e : s.events) {
      Session& ss = e.session;
      if (!e.room_name.empty()) ss.room_id = room_by_name[e.room_name];
      if (!e.track_name.empty()) ss.track_id = track_by_name[e.track_name];
      c.sessions.push_back(std::move(ss));
    }
    SessionRows(name);
  }

  // sessions.csv and session_organizations.csv add to the schedule's sessions; then the program in time order.
  void SessionRows(const std::string& name) {
    std::unordered_map<std::string, size_t> session_ix;  // the first of a duplicated id, as Catalog's index
    for (size_t i = 0; i < c.sessions.size(); ++i) session_ix.emplace(c.sessions[i].id, i);

    // sessions.csv and session_organizations.csv refer to schedule events. A row for an event the schedule
    // no longer has is a warning: re-importing a changed program must not block an urgent update.
    auto session_for = [&](const CsvRowReader& r) -> Session* {
      std::string id = r.Get("session");
      if (auto it = session_ix.find(id); it != session_ix.end()) return &c.sessions[it->second];
      diags.Warning(r.origin().file, r.line(), "session", "session '" + id + "' is not in " + name + "; the row is skipped");
      return nullptr;
    };
    if (auto t = Table("sessions.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        bool sample = Flag(r, "sample", diags);
        Session* s = session_for(r);
        if (!s) continue;
        s->sample = sample;
        for (auto& [lang, v] : r.GetText("title", langs).by_lang) s->title.by_lang[lang] = v;
        for (auto& [lang, v] : r.GetText("subtitle", langs).by_lang) s->subtitle.by_lang[lang] = v;
        for (auto& [lang, v] : r.GetText("description", langs).by_lang) {
          s->description.by_lang[lang] = v;
          s->description_rich.by_lang.erase(lang);  // staff's text is plain: a paragraph each
        }
      }
    }
    if (auto t = Table("session_organizations.csv")) {
      for (const auto& row : t->rows) {
        CsvRowReader r(*t, row);
        Session* s = session_for(r);
        if (!s) continue;
        SessionOrganization so;
        so.organization_id = r.Get("organization");
        if (std::string role = r.Get("role"); !role.empty()) so.role = role;
        so.origin = r.origin();
        s->organizations.push_back(std::move(so));
      }
    }
    std::stable_sort(c.sessions.begin(), c.sessions.end(), [](const Session& a, const Session& b) {
      return a.starts_utc != b.starts_utc ? a.starts_utc < b.starts_utc : a.id < b.id;
    });
  }

  void Strings() {
    auto t = Table("strings.csv");
    if (!t) return;
    for (const auto& row : t->rows) {
      CsvRowReader r(*t, row);
      std::string key = r.Get("key");
      if (key.empty()) {
        diags.Error(t->file, r.line(), "key", "is empty");
        continue;
      }
      if (c.ui_strings.count(key)) {
        diags.Error(t->file, r.line(), "key", "'" + key + "' appears twice");
        continue;
      }
      c.ui_strings[key] = r.GetText("text", langs);
    }
  }
};

}  // namespace

std::shared_ptr<const Catalog> ReadSources(const fs::path& dir, Diagnostics& diags, std::vector<CsvTable>* sheets) {
  Reader r{dir, diags, {dir, "", {}}, {}, {}, "en"};
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.Error(dir.string(), 0, "", "not a folder");
    return Catalog::Make({});
  }
  // Sources are ordinary files inside the folder: a symbolic link could make the snapshot embed any file of
  // the machine it is built on (the readers refuse to follow one too: ReadSourceFile).
  for (const auto& link : FindSymlinks(dir))
    diags.Error(link.string(), 0, "", "a symbolic link: sources must be ordinary files inside the source folder "
                                      "(replace the link with a copy of the file)");
  r.tables.Find(diags);
  r.Languages();
  r.Forum();
  r.Countries();
  r.Organizations();
  r.Exhibitors();
  r.Agreements();
  r.FloorPlan();
  r.Program();
  r.Strings();
  // The routing mesh, from the plan just read (db/model/route_mesh.h): stored with the snapshot.
  if (auto tiles = BuildRouteMesh(r.c, r.walkway_lines)) r.c.route_tiles = std::move(tiles.value());
  else diags.Error("floor plan", 0, "", tiles.error().message);
  if (sheets)
    for (auto& t : r.tables.sheets) sheets->push_back({t.file, std::move(t.header), {}, t.header_line});
  return Catalog::Make(std::move(r.c));
}

}  // namespace db
