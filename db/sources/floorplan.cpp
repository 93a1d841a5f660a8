// Index of this file:
// [SECTION] Kinds, properties and positions
// [SECTION] FeatureReader: one feature at a time
// [SECTION] ParseFloorplan, ReadFloorplan
#include "db/sources/floorplan.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "db/model/caps.h"
#include "db/base/files.h"
#include "db/model/geometry.h"
#include "db/sources/json_errors.h"
#include "db/base/text.h"

namespace db {

using nlohmann::json;

namespace {

// [SECTION] Kinds, properties and positions

// A feature is a Location of one of kLocationKindNames (db/model/catalog.h), a walkway, or a door.
std::string KindsForMessage() {
  std::string out;
  for (auto name : kLocationKindNames) out += std::string(name) + ", ";
  return out + "walkway, door";
}
const std::set<std::string> kProperties = {"id", "kind", "level", "label", "amenity", "hall", "sample",
                                           "from", "to", "accessible"};

std::string AsText(const json& v) {
  if (v.is_string()) return Trim(v.get<std::string>());
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) {
    std::ostringstream ss;
    ss << v.get<double>();
    return ss.str();
  }
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  return {};
}

// Reads [x, y]; false when it is not two numbers. Whether the position is on the plan is PositionProblem's.
bool ReadPosition(const json& p, Point& out) {
  if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) return false;
  out = {p[0].get<double>(), p[1].get<double>()};
  return true;
}

// The first of `pts` that is off the plan, as a message, or nullopt.
std::optional<std::string> PositionsProblem(const std::vector<Point>& pts) {
  for (const auto& p : pts)
    if (auto problem = PositionProblem(p)) return problem;
  return std::nullopt;
}

}  // namespace

namespace {

// [SECTION] FeatureReader: one feature at a time

// Reads the features of one floor plan, one at a time, in file order. Each Read* reports what is wrong with
// the feature and says whether it is kept; `Stop()` is set when a cap makes reading on pointless.
class FeatureReader {
 public:
  FeatureReader(const std::string& data, const std::string& file, const std::vector<std::string>& languages,
                Diagnostics& diags)
      : data_(data), file_(file), languages_(languages), diags_(diags), lines_(data) {}

  void Read(const json& f, int index, Floorplan& plan) {
    const json empty = json::object();
    const json& props = f.is_object() && f.contains("properties") && f["properties"].is_object() ? f["properties"] : empty;
    if (!Identify(f, props, index)) return;
    CheckProperties(props);
    const json* geom = f.is_object() && f.contains("geometry") && f["geometry"].is_object() ? &f["geometry"] : nullptr;
    std::string gtype = geom ? geom->value("type", "") : "";
    const json* coords = geom && geom->contains("coordinates") ? &(*geom)["coordinates"] : nullptr;
    auto sample = ParseFlag(props.contains("sample") ? AsText(props["sample"]) : "");
    if (!sample) diags_.Error(file_, line_, "sample", Feature() + ": sample must be 0 or 1");
    if (kind_ == "walkway") {
      Walkway w;
      WalkwayLine line;
      if (ReadWalkway(props, gtype, coords, w, line)) plan.walkways.push_back(std::move(w)), plan.walkway_lines.push_back(std::move(line));
      return;
    }
    if (kind_ == "door") {
      Opening o;
      if (ReadDoor(props, gtype, coords, o)) plan.openings.push_back(std::move(o));
      return;
    }
    Location loc = LocationProperties(props);
    loc.sample = sample.value_or(false);
    bool ok = gtype == "Point" ? ReadPoint(coords, loc) : gtype == "Polygon" ? ReadPolygon(coords, loc) : false;
    if (gtype != "Point" && gtype != "Polygon")
      diags_.Error(file_, line_, "geometry", Feature() + ": geometry must be a Polygon or a Point, not '" + gtype + "'");
    if (ok) plan.locations.push_back(std::move(loc));
  }

  bool Stop() const { return stop_; }

 private:
  std::string Feature() const { return "feature '" + id_ + "'"; }

  // The feature's id (property, else the feature's own) and kind, and the line it is on (found from its id,
  // features being in file order).
  bool Identify(const json& f, const json& props, int index) {
    id_ = props.contains("id") ? AsText(props["id"]) : "";
    if (id_.empty() && f.is_object() && f.contains("id")) id_ = AsText(f["id"]);
    line_ = 0;
    if (!id_.empty()) {
      size_t at = FindNear(data_, "\"" + id_ + "\"", search_from_);
      if (at != std::string::npos) {
        line_ = lines_.At(at);
        search_from_ = at + 1;
      }
    }
    if (id_.empty()) {
      diags_.Error(file_, line_, "feature " + std::to_string(index) + ".id", "every feature needs an \"id\" property");
      return false;
    }
    if (!IsValidId(id_)) {
      diags_.Error(file_, line_, "id", "'" + id_ + "' is not a valid id (letters, digits, - _ . ; at most 64)");
      return false;
    }
    kind_ = props.contains("kind") ? AsText(props["kind"]) : "";
    if (kind_ != "walkway" && kind_ != "door" && !LocationKindFromName(kind_, location_kind_)) {
      diags_.Error(file_, line_, "kind", Feature() + ": kind '" + kind_ + "' is not one of " + KindsForMessage());
      return false;
    }
    return true;
  }

  // Unknown properties warn once each; texts must be UTF-8.
  void CheckProperties(const json& props) {
    for (auto it = props.begin(); it != props.end(); ++it) {
      const std::string& key = it.key();
      if (kProperties.count(key)) continue;
      if (key.rfind("name_", 0) == 0 && std::find(languages_.begin(), languages_.end(), key.substr(5)) != languages_.end())
        continue;
      if (warned_properties_.insert(key).second)
        diags_.Warning(file_, line_, key, "unknown property (first seen on " + Feature() + "); it is ignored");
    }
    for (auto it = props.begin(); it != props.end(); ++it)
      if (it->is_string() && !IsValidUtf8(it->get_ref<const std::string&>()))
        diags_.Error(file_, line_, it.key(), "not valid UTF-8");
  }

  bool ReadWalkway(const json& props, const std::string& gtype, const json* coords, Walkway& w, WalkwayLine& line) {
    w.id = id_;
    w.origin = {file_, line_};
    w.from_id = props.contains("from") ? AsText(props["from"]) : "";
    w.to_id = props.contains("to") ? AsText(props["to"]) : "";
    w.accessible = !props.contains("accessible") || AsText(props["accessible"]) != "0";
    if (w.from_id.empty() || w.to_id.empty()) diags_.Error(file_, line_, "from", "walkway '" + id_ + "' needs \"from\" and \"to\"");
    std::vector<Point> pts;
    if (!ReadLine(gtype, coords, pts)) return false;
    for (size_t i = 1; i < pts.size(); ++i) w.length_m += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    line = {ReadLevel(props), w.accessible, std::move(pts)};
    return true;
  }

  // A door or opening between two spaces (a room and the hall): a LineString across the doorway on its
  // level, its ends the door's sides; "accessible": 0 for one with a step or a revolving door.
  bool ReadDoor(const json& props, const std::string& gtype, const json* coords, Opening& o) {
    o.id = id_;
    o.category = "pedestrian";
    o.origin = {file_, line_};
    o.level = ReadLevel(props);
    o.accessible = !props.contains("accessible") || AsText(props["accessible"]) != "0";
    std::vector<Point> pts;
    if (!ReadLine(gtype, coords, pts)) return false;
    o.a = pts.front();
    o.b = pts.back();
    return true;
  }

  // A LineString's positions: at least two, each on the plan.
  bool ReadLine(const std::string& gtype, const json* coords, std::vector<Point>& pts) {
    if (gtype != "LineString" || !coords || !coords->is_array()) {
      diags_.Error(file_, line_, "geometry", kind_ + " '" + id_ + "' must be a LineString");
      return false;
    }
    bool ok = true;
    for (const auto& p : *coords) {
      Point pt;
      if (!ReadPosition(p, pt)) ok = false;
      pts.push_back(pt);
    }
    if (!ok || pts.size() < 2) {
      diags_.Error(file_, line_, "geometry", kind_ + " '" + id_ + "' needs at least two [x, y] positions");
      return false;
    }
    if (auto problem = PositionsProblem(pts)) {
      diags_.Error(file_, line_, "geometry", kind_ + " '" + id_ + "': " + *problem);
      return false;
    }
    return true;
  }

  // The feature's level: a whole number within the caps, 0 when not given.
  int ReadLevel(const json& props) {
    if (!props.contains("level")) return 0;
    const json& lv = props["level"];
    bool in_range = lv.is_number_integer() && (lv.is_number_unsigned() ? lv.get<unsigned long long>() <= caps::kMaxLevel
                                                                         : lv.get<long long>() >= caps::kMinLevel &&
                                                                               lv.get<long long>() <= caps::kMaxLevel);
    if (in_range) return lv.get<int>();
    diags_.Error(file_, line_, "level", Feature() + ": level must be a whole number from " +
                                            std::to_string(caps::kMinLevel) + " to " + std::to_string(caps::kMaxLevel));
    return 0;
  }

  Location LocationProperties(const json& props) {
    Location loc;
    loc.id = id_;
    loc.kind = location_kind_;
    loc.origin = {file_, line_};
    loc.label = props.contains("label") ? AsText(props["label"]) : "";
    loc.amenity = props.contains("amenity") ? AsText(props["amenity"]) : "";
    loc.hall_id = props.contains("hall") ? AsText(props["hall"]) : "";
    loc.level = ReadLevel(props);
    for (const auto& lang : languages_) {
      std::string key = "name_" + lang;
      if (props.contains(key))
        if (std::string v = AsText(props[key]); !v.empty()) loc.name.by_lang[lang] = v;
    }
    return loc;
  }

  bool ReadPoint(const json* coords, Location& loc) {
    if (!coords || !ReadPosition(*coords, loc.anchor)) {
      diags_.Error(file_, line_, "geometry", Feature() + ": a Point needs [x, y] in metres");
      return false;
    }
    if (auto problem = PositionProblem(loc.anchor)) {
      diags_.Error(file_, line_, "geometry", Feature() + ": " + *problem);
      return false;
    }
    return true;
  }

  // The outer ring, closed, simple, stored counter-clockwise with its centroid as the anchor, and its holes
  // (the further rings), each simple, inside it, stored clockwise. The caps are checked before a vector of
  // positions is made.
  bool ReadPolygon(const json* coords, Location& loc) {
    if (!coords || !coords->is_array() || coords->empty() || !(*coords)[0].is_array()) {
      diags_.Error(file_, line_, "geometry", Feature() + ": a Polygon needs an outer ring of [x, y] positions");
      return false;
    }
    std::vector<Point> pts;
    if (!ReadRing((*coords)[0], "", pts)) return false;
    if (SignedArea(pts) < 0) std::reverse(pts.begin(), pts.end());
    std::vector<Hole> holes;
    for (size_t k = 1; k < coords->size(); ++k) {
      Hole h{std::to_string(k), {}};
      if (!(*coords)[k].is_array() || !ReadRing((*coords)[k], "hole " + h.id + ": ", h.ring)) return false;
      if (SignedArea(h.ring) > 0) std::reverse(h.ring.begin(), h.ring.end());
      holes.push_back(std::move(h));
    }
    if (auto problem = HolesProblem(pts, holes)) {
      diags_.Error(file_, line_, "geometry", Feature() + ": " + *problem);
      return false;
    }
    loc.is_polygon = true;
    loc.anchor = Centroid(pts);
    loc.ring = std::move(pts);
    loc.holes = std::move(holes);
    return true;
  }

  // One ring of a Polygon: closed, at least 3 corners, a usable polygon (PolygonProblem); `what` names a hole
  // in the messages. The closing corner is dropped.
  bool ReadRing(const json& ring, const std::string& what, std::vector<Point>& pts) {
    if (ring.size() > caps::kPolygonVertices + 1) {
      diags_.Error(file_, line_, "geometry", Feature() + ": the outline has " + std::to_string(ring.size() - 1) +
                                                 " corners, more than the " + std::to_string(caps::kPolygonVertices) +
                                                 " allowed (simplify it)");
      return false;
    }
    total_vertices_ += ring.size();
    if (total_vertices_ > caps::kTotalVertices) {
      diags_.Error(file_, line_, "geometry", Feature() + ": the floor plan has more than " +
                                                 std::to_string(caps::kTotalVertices) + " corners in all (docs/SOURCES.md, caps)");
      stop_ = true;
      return false;
    }
    for (const auto& p : ring) {
      Point pt;
      if (!ReadPosition(p, pt)) {
        diags_.Error(file_, line_, "geometry", Feature() + ": " + what + "every position must be [x, y] numbers");
        return false;
      }
      pts.push_back(pt);
    }
    if (pts.size() < 4 || pts.front().x != pts.back().x || pts.front().y != pts.back().y) {
      diags_.Error(file_, line_, "geometry", Feature() + ": " + what + "the ring must be closed (last position = first) and have at least 3 corners");
      return false;
    }
    pts.pop_back();
    if (auto problem = PolygonProblem(pts)) {
      diags_.Error(file_, line_, "geometry", Feature() + ": " + what + *problem);
      return false;
    }
    return true;
  }

  const std::string& data_;
  const std::string& file_;
  const std::vector<std::string>& languages_;
  Diagnostics& diags_;
  const LineIndex lines_;
  size_t search_from_ = 0;
  size_t total_vertices_ = 0;
  std::set<std::string> warned_properties_;
  bool stop_ = false;
  // The feature being read.
  std::string id_, kind_;  // kind_: as written ("walkway", "door" or a location kind's name)
  LocationKind location_kind_ = LocationKind::Booth;
  int line_ = 0;
};

}  // namespace

// [SECTION] ParseFloorplan, ReadFloorplan

Floorplan ParseFloorplan(const std::string& data, const std::string& file, const std::vector<std::string>& languages,
                         Diagnostics& diags) {
  Floorplan plan;
  try {  // every nlohmann exception (syntax, a number too large, a value of the wrong type) is reported
    json doc = json::parse(data);
    if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" || !doc.contains("features") ||
        !doc["features"].is_array()) {
      diags.Error(file, 1, "type", "the floor plan must be a GeoJSON FeatureCollection with a \"features\" array");
      return plan;
    }
    FeatureReader reader(data, file, languages, diags);
    int index = 0;
    for (const auto& f : doc["features"]) {
      reader.Read(f, ++index, plan);
      if (reader.Stop()) break;
    }
  } catch (const json::exception& e) {
    ReportJsonError(e, data, file, diags);
  }
  return plan;
}

Floorplan ReadFloorplan(const std::filesystem::path& path, const std::string& display_name,
                        const std::vector<std::string>& languages, Diagnostics& diags) {
  auto data = ReadSourceFile(path, caps::kFloorplanFileBytes);
  if (!data) {
    diags.Error(display_name, 0, "", data.error().message);
    return {};
  }
  return ParseFloorplan(data.value(), display_name, languages, diags);
}

}  // namespace db
