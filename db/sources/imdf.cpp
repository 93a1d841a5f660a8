// Index of this file:
// [SECTION] The archive: a folder or a zip of feature collections
// [SECTION] The projection: WGS84 degrees to local metres (PROJ)
// [SECTION] Categories: IMDF's words to the kiosk's kinds
// [SECTION] The reader: one feature type at a time
// [SECTION] FindImdf, ReadImdf
#include "db/sources/imdf.h"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "db/base/files.h"
#include "db/base/text.h"
#include "db/model/caps.h"
#include "db/model/geometry.h"
#include "db/sources/json_errors.h"
#include "db/sources/zip_archive.h"

namespace db {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// [SECTION] The archive -------------------------------------------------------------------------------------

// The files of one IMDF archive, read whole (each at most caps::kFloorplanFileBytes). An archive made by a
// tool may put its files in a folder inside the zip ("venue/unit.geojson"): the folder of manifest.json or
// unit.geojson is taken as the archive's root.
class Archive {
 public:
  bool Open(const fs::path& path, Diagnostics& diags) {
    std::error_code ec;
    name_ = path.filename().string();
    if (fs::is_directory(path, ec)) {
      dir_ = path;
      return true;
    }
    zip_ = std::make_unique<ZipArchive>();
    std::string error;
    if (!zip_->Open(path, error)) {
      diags.Error(name_, 0, "", "not a readable zip archive (" + error + "): make it again, or unpack it into a folder imdf/");
      return false;
    }
    bool found = false;  // the shallowest such folder wins, the zip's root ("") included
    for (const auto& n : zip_->Names()) {
      auto slash = n.rfind('/');
      std::string file = slash == std::string::npos ? n : n.substr(slash + 1);
      std::string folder = slash == std::string::npos ? "" : n.substr(0, slash + 1);
      if ((file == "unit.geojson" || file == "manifest.json") && (!found || folder.size() < prefix_.size()))
        prefix_ = folder, found = true;
    }
    return true;
  }

  // "imdf/unit.geojson" or "imdf.zip!unit.geojson": how messages name a file of the archive.
  std::string Display(const std::string& file) const { return zip_ ? name_ + "!" + file : name_ + "/" + file; }

  bool Has(const std::string& file) const {
    std::error_code ec;
    return zip_ ? zip_->Has(prefix_ + file) : fs::exists(dir_ / file, ec);
  }

  std::optional<std::string> Read(const std::string& file, Diagnostics& diags) const {
    if (zip_) {
      std::string data, error;
      if (zip_->Read(prefix_ + file, caps::kFloorplanFileBytes, name_, data, error)) return data;
      diags.Error(Display(file), 0, "", error);
      return std::nullopt;
    }
    auto data = ReadSourceFile(dir_ / file, caps::kFloorplanFileBytes);
    if (!data) {
      diags.Error(Display(file), 0, "", data.error().message);
      return std::nullopt;
    }
    return std::move(data.value());
  }

 private:
  std::string name_, prefix_;
  fs::path dir_;
  std::unique_ptr<ZipArchive> zip_;
};

// [SECTION] The projection ----------------------------------------------------------------------------------

// WGS84 (longitude, latitude in degrees) to metres east and north of `centre`: PROJ's azimuthal equidistant
// projection on the WGS84 ellipsoid (distances from the centre exact; across a venue of a few kilometres the
// scale error is far below a centimetre).
class Projection {
 public:
  Projection() = default;
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;
  ~Projection() {
    if (pj_) proj_destroy(pj_);
    if (ctx_) proj_context_destroy(ctx_);
  }

  bool Make(double lon, double lat, std::string& error) {
    ctx_ = proj_context_create();
    char def[160];
    std::snprintf(def, sizeof def, "+proj=aeqd +lat_0=%.10f +lon_0=%.10f +ellps=WGS84 +units=m", lat, lon);
    pj_ = proj_create(ctx_, def);
    if (!pj_) error = proj_context_errno_string(ctx_, proj_context_errno(ctx_));
    return pj_ != nullptr;
  }

  Point Forward(double lon, double lat) const {
    PJ_COORD c = proj_coord(proj_torad(lon), proj_torad(lat), 0, 0);
    PJ_COORD out = proj_trans(pj_, PJ_FWD, c);
    return {out.xy.x, out.xy.y};
  }

 private:
  PJ_CONTEXT* ctx_ = nullptr;
  PJ* pj_ = nullptr;
};

// [SECTION] Categories --------------------------------------------------------------------------------------

// What a unit of an IMDF category is on the kiosk's map. `named_only`: a room-like unit without a name is not
// a destination and is drawn as plain space (kind service) instead.
struct UnitKind {
  LocationKind kind;
  const char* amenity = "";
  bool named_only = false;
};

std::optional<UnitKind> UnitCategory(const std::string& category) {
  using K = LocationKind;
  static const std::map<std::string, UnitKind> kinds = {
      {"room", {K::Room, "", true}}, {"classroom", {K::Room, "", true}}, {"conferenceroom", {K::Room, "", true}},
      {"office", {K::Room, "", true}}, {"laboratory", {K::Room, "", true}}, {"library", {K::Room, "", true}},
      {"lounge", {K::Room, "", true}}, {"mailroom", {K::Room, "", true}}, {"movietheater", {K::Room, "", true}},
      {"retail", {K::Room, "", true}}, {"fitnessroom", {K::Room, "", true}}, {"mothersroom", {K::Room, "", true}},
      {"phoneroom", {K::Room, "", true}}, {"privatelounge", {K::Room, "", true}}, {"recreation", {K::Room, "", true}},
      {"unspecified", {K::Room, "", true}}, {"auditorium", {K::Stage, "", true}}, {"theater", {K::Stage, "", true}},
      {"walkway", {K::Corridor}}, {"lobby", {K::Corridor}}, {"ramp", {K::Corridor}}, {"unenclosedarea", {K::Corridor}},
      {"steps", {K::Stairs}}, {"stairs", {K::Stairs}}, {"elevator", {K::Elevator}}, {"escalator", {K::Escalator}},
      {"movingwalkway", {K::Corridor}},
      {"restroom", {K::Amenity, "toilet"}}, {"restroom.family", {K::Amenity, "toilet"}},
      {"restroom.female", {K::Amenity, "toilet"}}, {"restroom.male", {K::Amenity, "toilet"}},
      {"restroom.transgender", {K::Amenity, "toilet"}}, {"restroom.unisex", {K::Amenity, "toilet"}},
      {"restroom.female.wheelchair", {K::Amenity, "accessible_toilet"}},
      {"restroom.male.wheelchair", {K::Amenity, "accessible_toilet"}},
      {"restroom.transgender.wheelchair", {K::Amenity, "accessible_toilet"}},
      {"restroom.unisex.wheelchair", {K::Amenity, "accessible_toilet"}},
      {"restroom.wheelchair", {K::Amenity, "accessible_toilet"}},
      {"foodservice", {K::Amenity, "cafe"}}, {"firstaid", {K::Amenity, "first_aid"}},
      {"nonpublic", {K::Service}}, {"storage", {K::Service}}, {"structure", {K::Service}},
      {"kitchen", {K::Service}}, {"opentobelow", {K::Service}}, {"parking", {K::Service}},
      {"mechanical", {K::Service}}, {"shower", {K::Service}}, {"vegetation", {K::Service}},
      {"water", {K::Service}}, {"road", {K::Service}}, {"railway", {K::Service}}, {"platform", {K::Corridor}},
      {"brick", {K::Service}}, {"concrete", {K::Service}}, {"drywall", {K::Service}}, {"glass", {K::Service}},
      {"wood", {K::Service}}, {"column", {K::Service}}, {"fieldofplay.soccer", {K::Service}},
      {"smokingarea", {K::Corridor}}, {"terrace", {K::Corridor}},
  };
  auto it = kinds.find(category);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

// The kiosk's amenity (db/model/check.cpp's list) for an IMDF amenity category, or "".
std::string AmenityCategory(const std::string& c) {
  if (c.rfind("restroom", 0) == 0) return c.find("wheelchair") != std::string::npos ? "accessible_toilet" : "toilet";
  static const std::map<std::string, std::string> names = {
      {"information", "info"}, {"guestservices", "info"}, {"firstaid", "first_aid"}, {"elevator", "elevator"},
      {"prayerroom", "prayer_room"}, {"meditation", "prayer_room"}, {"powerchargingstation", "charging"},
      {"foodservice", "cafe"}, {"coffee", "cafe"}, {"restaurant", "cafe"}, {"coatcheck", "cloakroom"},
      {"cloakroom", "cloakroom"}};
  auto it = names.find(c);
  return it == names.end() ? "" : it->second;
}

// Each feature type's properties in IMDF 1.0; any other is warned about once.
const std::map<std::string, std::set<std::string>>& KnownProperties() {
  static const std::map<std::string, std::set<std::string>> known = {
      {"venue", {"category", "restriction", "name", "alt_name", "hours", "phone", "website", "display_point", "address_id"}},
      {"building", {"name", "alt_name", "category", "restriction", "display_point", "address_id"}},
      {"level", {"category", "restriction", "outdoor", "ordinal", "name", "short_name", "display_point", "address_id", "building_ids"}},
      {"unit", {"category", "restriction", "accessibility", "name", "alt_name", "level_id", "display_point"}},
      {"opening", {"category", "accessibility", "access_control", "door", "name", "alt_name", "display_point", "level_id"}},
      {"amenity", {"category", "accessibility", "name", "alt_name", "hours", "phone", "website", "unit_ids", "address_id", "correlation_id"}},
      {"anchor", {"address_id", "unit_id"}},
      {"occupant", {"name", "category", "anchor_id", "hours", "phone", "website", "validity", "correlation_id"}},
      {"kiosk", {"name", "alt_name", "anchor_id", "level_id", "display_point"}},
  };
  return known;
}

// The files IMDF has that the kiosk reads nothing from, and why (the one warning each gets when present).
const std::map<std::string, const char*>& UnusedFiles() {
  static const std::map<std::string, const char*> unused = {
      {"footprint.geojson", "building outlines: the levels' outlines are drawn instead"},
      {"fixture.geojson", "furniture and fixtures are not drawn"},
      {"section.geojson", "sections are not drawn"},
      {"detail.geojson", "detail lines are not drawn"},
      {"geofence.geojson", "geofences are not used"},
      {"relationship.geojson", "relationships between features are not used yet"},
      {"address.geojson", "addresses are not shown"},
  };
  return unused;
}

// [SECTION] The reader --------------------------------------------------------------------------------------

struct Feature {
  std::string id;
  const json* props = nullptr;
  const json* geometry = nullptr;  // null for geometry: null
  int line = 0;
};

class Reader {
 public:
  Reader(const Archive& archive, const std::vector<std::string>& languages, Diagnostics& diags)
      : archive_(archive), languages_(languages), diags_(diags) {}

  ImdfPlan Read() {
    for (const char* file : {"level.geojson", "unit.geojson"})
      if (!archive_.Has(file)) {
        diags_.Error(archive_.Display(file), 0, "", std::string("an IMDF archive needs ") + file + " (see docs/SOURCES.md, \"A venue from IMDF\")");
        return std::move(plan_);
      }
    if (!Load("venue") || !Load("level") || !Load("unit")) return std::move(plan_);
    for (const char* type : {"building", "opening", "amenity", "anchor", "occupant", "kiosk"}) Load(type);
    for (const auto& [file, why] : UnusedFiles())
      if (archive_.Has(file)) diags_.Warning(archive_.Display(file), 0, "", std::string("not used: ") + why);
    if (!Centre()) return std::move(plan_);
    Buildings();
    Levels();
    Units();
    Occupants();
    Amenities();
    Openings();
    Kiosks();
    Summaries();
    return std::move(plan_);
  }

 private:
  // One feature type's collection, parsed and kept (`docs_`), its features listed with their lines.
  bool Load(const std::string& type) {
    std::string file = type + ".geojson";
    if (!archive_.Has(file)) {
      if (type == "venue") diags_.Warning(archive_.Display(file), 0, "", "no venue.geojson: the map is centred on the levels");
      return type != "level" && type != "unit";
    }
    auto data = archive_.Read(file, diags_);
    if (!data) return false;
    std::string shown = archive_.Display(file);
    try {
      json& doc = docs_[type] = json::parse(*data);
      if (!doc.is_object() || TypeOf(&doc) != "FeatureCollection" || !doc.contains("features") || !doc["features"].is_array()) {
        diags_.Error(shown, 1, "type", "an IMDF file must be a GeoJSON FeatureCollection with a \"features\" array");
        return false;
      }
      LineIndex lines(*data);
      size_t from = 0;
      auto& list = features_[type];
      for (const auto& f : doc["features"]) {
        Feature out;
        if (!f.is_object()) continue;
        if (f.contains("id")) out.id = f["id"].is_string() ? f["id"].get<std::string>() : f["id"].dump();
        size_t at = out.id.empty() ? std::string::npos : FindNear(*data, "\"" + out.id + "\"", from);
        if (at != std::string::npos) {
          out.line = lines.At(at);
          from = at + 1;
        }
        if (!IsValidId(out.id)) {
          diags_.Error(shown, out.line, "id", "a " + type + " has the id '" + out.id + "': IMDF ids are UUIDs");
          continue;
        }
        static const json kEmpty = json::object();
        out.props = f.contains("properties") && f["properties"].is_object() ? &f["properties"] : &kEmpty;
        out.geometry = f.contains("geometry") && f["geometry"].is_object() ? &f["geometry"] : nullptr;
        for (auto it = out.props->begin(); it != out.props->end(); ++it)
          if (!KnownProperties().at(type).count(it.key()) && warned_.insert(type + "." + it.key()).second)
            diags_.Warning(shown, out.line, it.key(), "a property IMDF's " + type + " does not have (first on " + type + " '" + out.id + "'); it is ignored");
        list.push_back(out);
      }
      return true;
    } catch (const json::exception& e) {
      ReportJsonError(e, *data, shown, diags_);
      return false;
    }
  }

  std::string Shown(const std::string& type) const { return archive_.Display(type + ".geojson"); }

  // The GeoJSON "type" of an object (a geometry, a collection), or "" when it has none that is a string.
  static std::string TypeOf(const json* j) {
    return j && j->is_object() && j->contains("type") && (*j)["type"].is_string() ? (*j)["type"].get<std::string>() : std::string();
  }

  static std::string Str(const json& props, const char* key) {
    return props.contains(key) && props[key].is_string() ? Trim(props[key].get<std::string>()) : std::string();
  }

  // An IMDF LABELS object ({"en": "Hall A", "ru-RU": ...}) as the kiosk's Text: a label serves the offered
  // language it names, exactly or by its primary subtag; labels in no offered language serve the first.
  Text Labels(const json& props, const char* key, const std::string& type) {
    Text t;
    if (!props.contains(key) || !props[key].is_object()) return t;
    const json& labels = props[key];
    for (const auto& lang : languages_)
      for (auto it = labels.begin(); it != labels.end(); ++it) {
        std::string tag = it.key(), primary = tag.substr(0, tag.find('-'));
        if (!it->is_string() || Trim(it->get<std::string>()).empty()) continue;
        std::transform(primary.begin(), primary.end(), primary.begin(), [](unsigned char c) { return std::tolower(c); });
        if (primary == lang && !t.by_lang.count(lang)) t.by_lang[lang] = Trim(it->get<std::string>());
      }
    if (t.by_lang.empty() && !languages_.empty())
      for (auto it = labels.begin(); it != labels.end(); ++it)
        if (it->is_string() && !Trim(it->get<std::string>()).empty()) {
          t.by_lang[languages_.front()] = Trim(it->get<std::string>());
          if (warned_.insert("labels." + it.key()).second)
            diags_.Warning(Shown(type), 0, key, "names in '" + it.key() + "', a language the forum does not offer, are shown as they are");
          break;
        }
    return t;
  }

  // A position [lon, lat] in degrees; false (reported once per file) when it is not one.
  bool Degrees(const json& p, double& lon, double& lat, const std::string& type, const Feature& f) {
    if (p.is_array() && p.size() >= 2 && p[0].is_number() && p[1].is_number()) {
      lon = p[0].get<double>(), lat = p[1].get<double>();
      if (std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 180 && std::abs(lat) <= 90) return true;
    }
    ++bad_positions_;
    if (warned_.insert("degrees." + type).second)
      diags_.Error(Shown(type), f.line, "geometry", type + " '" + f.id + "': " + p.dump().substr(0, 60) +
                                                     " is not [longitude, latitude] in degrees (IMDF positions are WGS84)");
    return false;
  }

  // No venue reaches farther from its centre than this (the largest IMDF venues, airports, are some 10 km
  // across). A plan drawn in local metres and exported as if they were degrees has its positions thousands of
  // kilometres apart, and small metres (0 to 180) pass Degrees: this is what tells them apart.
  static constexpr double kVenueReach = 100e3;  // metres

  // A position in degrees as metres around the centre; false (an error, once per file) when it is beyond the
  // venue's reach.
  bool Project(double lon, double lat, const std::string& type, const Feature& f, Point& out) {
    out = projection_.Forward(lon, lat);
    double d = std::hypot(out.x, out.y);
    if (std::isfinite(d) && d <= kVenueReach) return true;
    ++bad_positions_;
    if (warned_.insert("reach." + type).second) {
      char where[160];
      std::snprintf(where, sizeof where, "[%.9g, %.9g] is %.0f km from the venue's centre", lon, lat, d / 1000);
      diags_.Error(Shown(type), f.line, "geometry", type + " '" + f.id + "': " + where + ": not a position of the venue (IMDF positions are "
                                                     "WGS84 longitude and latitude in degrees; a plan in local metres goes in floorplan.geojson)");
    }
    return false;
  }

  // The centre of the projection: the venue's display point, else the middle of every level's outline.
  bool Centre() {
    double lon = 0, lat = 0;
    bool found = false;
    for (const auto& f : features_["venue"]) {
      if (f.props->contains("display_point") && (*f.props)["display_point"].is_object() &&
          (*f.props)["display_point"].contains("coordinates"))
        found = Degrees((*f.props)["display_point"]["coordinates"], lon, lat, "venue", f);
      if (found) break;
    }
    if (!found) {
      double min_lon = 1e9, max_lon = -1e9, min_lat = 1e9, max_lat = -1e9;
      for (const auto& f : features_["level"])
        for (const auto& poly : Rings(f, "level"))
          for (const auto& [x, y] : poly.outer) {
            min_lon = std::min(min_lon, x), max_lon = std::max(max_lon, x);
            min_lat = std::min(min_lat, y), max_lat = std::max(max_lat, y);
          }
      if (min_lon > max_lon) {
        diags_.Error(Shown("level"), 0, "geometry", "no level has an outline: the venue cannot be placed");
        return false;
      }
      lon = (min_lon + max_lon) / 2, lat = (min_lat + max_lat) / 2;
      multi_.clear();  // counted again when the outlines are read
    }
    std::string error;
    if (!projection_.Make(lon, lat, error)) {
      diags_.Error(Shown("venue"), 0, "display_point", "the projection around the venue cannot be made (PROJ: " + error + ")");
      return false;
    }
    return true;
  }

  // A polygon in degrees: its outer ring and its holes.
  using DegreeRing = std::vector<std::pair<double, double>>;
  struct DegreePolygon {
    DegreeRing outer;
    std::vector<DegreeRing> holes;
  };

  // The polygon of a Polygon, or each polygon of a MultiPolygon, in degrees (a ring with a position that is no
  // longitude and latitude is left out: Degrees reported it).
  std::vector<DegreePolygon> Rings(const Feature& f, const std::string& type) {
    std::vector<DegreePolygon> out;
    if (!f.geometry) return out;
    std::string gtype = TypeOf(f.geometry);
    if (!f.geometry->contains("coordinates")) return out;
    const json& c = (*f.geometry)["coordinates"];
    auto ring = [&](const json& r, DegreeRing& pts) {
      if (!r.is_array()) return false;
      for (const auto& p : r) {
        double lon, lat;
        if (!Degrees(p, lon, lat, type, f)) return false;
        pts.emplace_back(lon, lat);
      }
      return true;
    };
    auto polygon = [&](const json& rings) {
      DegreePolygon poly;
      if (!ring(rings[0], poly.outer)) return;
      for (size_t k = 1; k < rings.size(); ++k)
        if (DegreeRing hole; ring(rings[k], hole)) poly.holes.push_back(std::move(hole));
      out.push_back(std::move(poly));
    };
    if (gtype == "Polygon" && c.is_array() && !c.empty()) {
      polygon(c);
    } else if (gtype == "MultiPolygon" && c.is_array()) {
      for (const auto& poly : c)
        if (poly.is_array() && !poly.empty()) polygon(poly);
      multi_[type] += c.size() > 1;
    }
    return out;
  }

  // A ring in metres, without repeated corners or the closing one; false when a position cannot be placed.
  bool ProjectRing(const DegreeRing& ring, const std::string& type, const Feature& f, std::vector<Point>& pts) {
    for (const auto& [lon, lat] : ring) {
      Point p;
      if (!Project(lon, lat, type, f, p)) return false;
      if (pts.empty() || std::hypot(p.x - pts.back().x, p.y - pts.back().y) > 1e-4) pts.push_back(p);
    }
    while (pts.size() > 1 && std::hypot(pts.front().x - pts.back().x, pts.front().y - pts.back().y) <= 1e-4) pts.pop_back();
    return true;
  }

  // The largest outer ring of a feature in metres, counter-clockwise, without the closing corner or repeated
  // corners; false (a warning naming the feature, unless a position of it was an error) when it has none that is
  // a usable polygon.
  bool Outline(const Feature& f, const std::string& type, Location& loc) {
    std::vector<Point> best;
    const DegreePolygon* best_poly = nullptr;
    double best_area = 0;
    std::string problem = "it has no Polygon";
    int bad_before = bad_positions_;
    const std::vector<DegreePolygon> polys = Rings(f, type);
    for (const auto& poly : polys) {
      std::vector<Point> pts;
      if (!ProjectRing(poly.outer, type, f, pts)) continue;
      if (SignedArea(pts) < 0) std::reverse(pts.begin(), pts.end());
      if (auto why = PolygonProblem(pts)) {
        problem = *why;
        continue;
      }
      if (double a = SignedArea(pts); a > best_area) best_area = a, best = std::move(pts), best_poly = &poly;
    }
    if (best.empty()) {
      if (bad_positions_ == bad_before) diags_.Warning(Shown(type), f.line, "geometry", type + " '" + f.id + "' is left out: " + problem);
      return false;
    }
    // Its holes, clockwise; ones that do not make a valid polygon with it (crossing it, outside it) are
    // left out together, counted for the summary.
    std::vector<Hole> holes;
    for (const auto& ring : best_poly->holes) {
      Hole h{std::to_string(holes.size() + 1), {}};
      if (!ProjectRing(ring, type, f, h.ring)) continue;
      if (SignedArea(h.ring) > 0) std::reverse(h.ring.begin(), h.ring.end());
      holes.push_back(std::move(h));
    }
    if (HolesProblem(best, holes)) bad_holes_[type]++, holes.clear();
    loc.is_polygon = true;
    loc.anchor = Centroid(best);
    loc.ring = std::move(best);
    loc.holes = std::move(holes);
    return true;
  }

  // A Point feature's (or a display point's) position in metres.
  bool PointOf(const json* geometry, const std::string& type, const Feature& f, Point& out) {
    double lon, lat;
    if (TypeOf(geometry) != "Point" || !geometry->contains("coordinates") ||
        !Degrees((*geometry)["coordinates"], lon, lat, type, f))
      return false;
    return Project(lon, lat, type, f, out);
  }

  // The ordinal of the level `level_id` names; false (a warning naming the feature) when it names none.
  bool LevelOf(const Feature& f, const std::string& type, int& ordinal) {
    std::string id = Str(*f.props, "level_id");
    auto it = ordinal_.find(id);
    if (it != ordinal_.end()) {
      ordinal = it->second;
      return true;
    }
    diags_.Warning(Shown(type), f.line, "level_id", type + " '" + f.id + "' is left out: its level_id '" + id + "' is not a level of level.geojson");
    return false;
  }

  void Buildings() {
    for (const auto& f : features_["building"]) {
      Building b;
      b.id = f.id;
      b.name = Labels(*f.props, "name", "building");
      b.origin = {Shown("building"), f.line};
      plan_.buildings.push_back(std::move(b));
    }
  }

  void Levels() {
    for (const auto& f : features_["level"]) {
      Level l;
      l.id = f.id;
      l.origin = {Shown("level"), f.line};
      const json& ord = f.props->contains("ordinal") ? (*f.props)["ordinal"] : json();
      if (!ord.is_number_integer() || ord.get<long long>() < caps::kMinLevel || ord.get<long long>() > caps::kMaxLevel) {
        diags_.Error(l.origin.file, f.line, "ordinal", "level '" + f.id + "' needs an ordinal: a whole number from " +
                                                           std::to_string(caps::kMinLevel) + " to " + std::to_string(caps::kMaxLevel));
        continue;
      }
      l.ordinal = ord.get<int>();
      if (f.props->contains("building_ids") && (*f.props)["building_ids"].is_array()) {
        const json& ids = (*f.props)["building_ids"];
        if (!ids.empty() && ids[0].is_string()) l.building_id = ids[0].get<std::string>();
        if (ids.size() > 1 && warned_.insert("level.buildings").second)
          diags_.Warning(l.origin.file, f.line, "building_ids", "level '" + f.id + "' is in several buildings: it is listed under the first");
      }
      if (!l.building_id.empty() && !std::any_of(plan_.buildings.begin(), plan_.buildings.end(), [&](const Building& b) { return b.id == l.building_id; })) {
        diags_.Warning(l.origin.file, f.line, "building_ids", "level '" + f.id + "': building '" + l.building_id + "' is not in building.geojson");
        l.building_id.clear();
      }
      l.name = Labels(*f.props, "name", "level");
      Text short_name = Labels(*f.props, "short_name", "level");
      l.short_name = short_name.by_lang.empty() ? std::to_string(l.ordinal) : short_name.by_lang.begin()->second;
      for (const auto& lang : languages_)
        if (auto s = short_name.by_lang.find(lang); s != short_name.by_lang.end()) {
          l.short_name = s->second;
          break;
        }
      ordinal_[l.id] = l.ordinal;
      // Its outline: the floor everything on it is drawn on.
      Location floor;
      floor.id = f.id + "-floor";
      floor.kind = LocationKind::Floor;
      floor.level = l.ordinal;
      floor.name = l.name;
      floor.origin = l.origin;
      if (Outline(f, "level", floor)) plan_.locations.push_back(std::move(floor));
      plan_.levels.push_back(std::move(l));
    }
  }

  void Units() {
    for (const auto& f : features_["unit"]) {
      Location loc;
      loc.id = f.id;
      loc.origin = {Shown("unit"), f.line};
      loc.name = Labels(*f.props, "name", "unit");
      std::string category = Str(*f.props, "category");
      auto kind = UnitCategory(category);
      if (!kind) {
        ++unknown_categories_["unit." + category];
        kind = UnitKind{LocationKind::Room, "", true};
      }
      loc.kind = kind->kind;
      loc.amenity = kind->amenity;
      if (kind->named_only && loc.name.by_lang.empty()) {
        loc.kind = LocationKind::Service;
        ++unnamed_;
      }
      if (!LevelOf(f, "unit", loc.level) || !Outline(f, "unit", loc)) continue;
      unit_ix_[loc.id] = plan_.locations.size();
      plan_.locations.push_back(std::move(loc));
    }
  }

  // An occupant (a shop, an exhibitor) takes the place of the unit its anchor is in, as a booth.
  void Occupants() {
    std::map<std::string, std::string> anchor_unit;
    for (const auto& f : features_["anchor"]) anchor_unit[f.id] = Str(*f.props, "unit_id");
    std::set<size_t> taken;
    for (const auto& f : features_["occupant"]) {
      std::string anchor = Str(*f.props, "anchor_id");
      auto a = anchor_unit.find(anchor);
      auto u = a == anchor_unit.end() ? unit_ix_.end() : unit_ix_.find(a->second);
      if (u == unit_ix_.end()) {
        diags_.Warning(Shown("occupant"), f.line, "anchor_id", "occupant '" + f.id + "' is left out: its anchor '" + anchor +
                                                                   "' is not in a unit of unit.geojson");
        continue;
      }
      if (!taken.insert(u->second).second) {
        diags_.Warning(Shown("occupant"), f.line, "anchor_id", "occupant '" + f.id + "' is left out: another occupant has its unit already");
        continue;
      }
      Location& booth = plan_.locations[u->second];
      booth.id = f.id;
      booth.kind = LocationKind::Booth;
      booth.amenity.clear();
      if (Text name = Labels(*f.props, "name", "occupant"); !name.by_lang.empty()) booth.name = name;
      booth.origin = {Shown("occupant"), f.line};
    }
  }

  void Amenities() {
    for (const auto& f : features_["amenity"]) {
      std::string category = Str(*f.props, "category"), amenity = AmenityCategory(category);
      if (amenity.empty()) {
        ++unknown_categories_["amenity." + category];
        continue;
      }
      Location loc;
      loc.id = f.id;
      loc.kind = LocationKind::Amenity;
      loc.amenity = amenity;
      loc.origin = {Shown("amenity"), f.line};
      loc.name = Labels(*f.props, "name", "amenity");
      std::string unit;
      if (f.props->contains("unit_ids") && (*f.props)["unit_ids"].is_array() && !(*f.props)["unit_ids"].empty() &&
          (*f.props)["unit_ids"][0].is_string())
        unit = (*f.props)["unit_ids"][0].get<std::string>();
      // The unit may have become an occupant's booth: its level is the same.
      auto u = unit_ix_.find(unit);
      if (u == unit_ix_.end()) {
        diags_.Warning(Shown("amenity"), f.line, "unit_ids", "amenity '" + f.id + "' is left out: it names no unit of unit.geojson, so its level is unknown");
        continue;
      }
      loc.level = plan_.locations[u->second].level;
      int bad_before = bad_positions_;
      if (!PointOf(f.geometry, "amenity", f, loc.anchor)) {
        if (bad_positions_ == bad_before) diags_.Warning(Shown("amenity"), f.line, "geometry", "amenity '" + f.id + "' is left out: it has no Point");
        continue;
      }
      plan_.locations.push_back(std::move(loc));
    }
  }

  void Openings() {
    for (const auto& f : features_["opening"]) {
      Opening o;
      o.id = f.id;
      o.category = Str(*f.props, "category");
      o.origin = {Shown("opening"), f.line};
      if (!LevelOf(f, "opening", o.level)) continue;
      std::vector<Point> pts;
      int bad_before = bad_positions_;
      if (TypeOf(f.geometry) == "LineString" && f.geometry->contains("coordinates") &&
          (*f.geometry)["coordinates"].is_array())
        for (const auto& p : (*f.geometry)["coordinates"]) {
          double lon, lat;
          Point at;
          if (Degrees(p, lon, lat, "opening", f) && Project(lon, lat, "opening", f, at)) pts.push_back(at);
        }
      if (bad_positions_ != bad_before) continue;  // an error already
      if (pts.size() < 2) {
        diags_.Warning(o.origin.file, f.line, "geometry", "opening '" + f.id + "' is left out: it needs a LineString of two positions");
        continue;
      }
      o.a = pts.front(), o.b = pts.back();
      // A revolving door or one staff must open is not step-free for a wheelchair.
      if (f.props->contains("door") && (*f.props)["door"].is_object()) o.accessible = Str((*f.props)["door"], "type") != "revolving";
      plan_.openings.push_back(std::move(o));
    }
  }

  // A kiosk of the venue's plan: a point where its outline is (the kiosk's "you are here" is its config's).
  void Kiosks() {
    for (const auto& f : features_["kiosk"]) {
      Location loc;
      loc.id = f.id;
      loc.kind = LocationKind::Kiosk;
      loc.origin = {Shown("kiosk"), f.line};
      loc.name = Labels(*f.props, "name", "kiosk");
      if (!LevelOf(f, "kiosk", loc.level)) continue;
      Location outline;
      bool placed = f.props->contains("display_point") && PointOf(&(*f.props)["display_point"], "kiosk", f, loc.anchor);
      if (!placed && Outline(f, "kiosk", outline)) loc.anchor = outline.anchor, placed = true;
      if (placed) plan_.locations.push_back(std::move(loc));
    }
  }

  // One warning per kind of thing left out or changed, with counts.
  void Summaries() {
    for (const auto& [what, n] : unknown_categories_) {
      auto dot = what.find('.');
      std::string type = what.substr(0, dot), category = what.substr(dot + 1);
      diags_.Warning(Shown(type), 0, "category", std::to_string(n) + " " + type + "(s) of category '" + category + "': " +
                                                     (type == "unit" ? "not an IMDF unit category the kiosk knows; drawn as rooms"
                                                                     : "no kiosk amenity is that; left out"));
    }
    if (unnamed_) diags_.Warning(Shown("unit"), 0, "name", std::to_string(unnamed_) + " room(s) without a name: drawn as plain space, not a destination (name them to list them)");
    for (const auto& [type, n] : bad_holes_)
      if (n) diags_.Warning(Shown(type), 0, "geometry", std::to_string(n) + " " + type + "(s) with holes that cross or lie outside the outline: drawn without them");
    for (const auto& [type, n] : multi_)
      if (n) diags_.Warning(Shown(type), 0, "geometry", std::to_string(n) + " " + type + "(s) of several polygons: the largest is drawn");
  }

  const Archive& archive_;
  const std::vector<std::string>& languages_;
  Diagnostics& diags_;
  ImdfPlan plan_;
  Projection projection_;
  std::map<std::string, json> docs_;                   // feature type -> its parsed collection
  std::map<std::string, std::vector<Feature>> features_;  // feature type -> its features (into docs_)
  std::map<std::string, int> ordinal_;                 // level id -> ordinal
  std::map<std::string, size_t> unit_ix_;              // unit id -> index in plan_.locations
  std::map<std::string, int> unknown_categories_, bad_holes_, multi_;
  std::set<std::string> warned_;
  int unnamed_ = 0;
  int bad_positions_ = 0;  // positions that were errors (Degrees, Project): the features are not warned about again
};

}  // namespace

// [SECTION] FindImdf, ReadImdf ------------------------------------------------------------------------------

std::optional<fs::path> FindImdf(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir / "imdf", ec)) return dir / "imdf";
  if (fs::is_regular_file(dir / "imdf.zip", ec)) return dir / "imdf.zip";
  return std::nullopt;
}

ImdfPlan ReadImdf(const fs::path& path, const std::vector<std::string>& languages, Diagnostics& diags) {
  Archive archive;
  if (!archive.Open(path, diags)) return {};
  return Reader(archive, languages, diags).Read();
}

}  // namespace db
