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

// A feature is a Location of one of kLocationKindNames (db/model/catalog.h), or a walkway.
std::string KindsForMessage() {
  std::string out;
  for (auto name : kLocationKindNames) out += std::string(name) + ", ";
  return out + "walkway";
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

Floorplan ParseFloorplan(const std::string& data, const std::string& file, const std::vector<std::string>& languages,
                         Diagnostics& diags) {
  Floorplan plan;
  size_t total_vertices = 0;
  try {  // every nlohmann exception (syntax, a number too large, a value of the wrong type) is reported
    json doc = json::parse(data);
    if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" || !doc.contains("features") ||
        !doc["features"].is_array()) {
      diags.Error(file, 1, "type", "the floor plan must be a GeoJSON FeatureCollection with a \"features\" array");
      return plan;
    }
    std::set<std::string> warned_properties;
    size_t search_from = 0;  // features appear in file order: find each one's line from its id
    const LineIndex lines(data);
    int index = 0;
    for (const auto& f : doc["features"]) {
      ++index;
      std::string where = "feature " + std::to_string(index);
      const json empty = json::object();
      const json& props = f.is_object() && f.contains("properties") && f["properties"].is_object() ? f["properties"] : empty;
      std::string id = props.contains("id") ? AsText(props["id"]) : "";
      if (id.empty() && f.is_object() && f.contains("id")) id = AsText(f["id"]);
      int line = 0;
      if (!id.empty()) {
        size_t at = FindNear(data, "\"" + id + "\"", search_from);
        if (at != std::string::npos) {
          line = lines.At(at);
          search_from = at + 1;
        }
      }
      if (id.empty()) {
        diags.Error(file, line, where + ".id", "every feature needs an \"id\" property");
        continue;
      }
      if (!IsValidId(id)) {
        diags.Error(file, line, "id", "'" + id + "' is not a valid id (letters, digits, - _ . ; at most 64)");
        continue;
      }
      std::string kind = props.contains("kind") ? AsText(props["kind"]) : "";
      LocationKind location_kind = LocationKind::Booth;
      if (kind != "walkway" && !LocationKindFromName(kind, location_kind)) {
        diags.Error(file, line, "kind", "feature '" + id + "': kind '" + kind + "' is not one of " + KindsForMessage());
        continue;
      }
      for (auto it = props.begin(); it != props.end(); ++it) {
        const std::string& key = it.key();
        if (kProperties.count(key)) continue;
        if (key.rfind("name_", 0) == 0) {
          if (std::find(languages.begin(), languages.end(), key.substr(5)) != languages.end()) continue;
        }
        if (warned_properties.insert(key).second)
          diags.Warning(file, line, key, "unknown property (first seen on feature '" + id + "'); it is ignored");
      }
      for (auto it = props.begin(); it != props.end(); ++it)
        if (it->is_string() && !IsValidUtf8(it->get_ref<const std::string&>()))
          diags.Error(file, line, it.key(), "not valid UTF-8");

      const json* geom = f.is_object() && f.contains("geometry") && f["geometry"].is_object() ? &f["geometry"] : nullptr;
      std::string gtype = geom ? geom->value("type", "") : "";
      const json* coords = geom && geom->contains("coordinates") ? &(*geom)["coordinates"] : nullptr;
      auto sample = ParseFlag(props.contains("sample") ? AsText(props["sample"]) : "");
      if (!sample) diags.Error(file, line, "sample", "feature '" + id + "': sample must be 0 or 1");

      if (kind == "walkway") {
        Walkway w;
        w.id = id;
        w.origin = {file, line};
        w.from_id = props.contains("from") ? AsText(props["from"]) : "";
        w.to_id = props.contains("to") ? AsText(props["to"]) : "";
        w.accessible = !props.contains("accessible") || AsText(props["accessible"]) != "0";
        if (w.from_id.empty() || w.to_id.empty()) diags.Error(file, line, "from", "walkway '" + id + "' needs \"from\" and \"to\"");
        std::vector<Point> pts;
        if (gtype != "LineString" || !coords || !coords->is_array()) {
          diags.Error(file, line, "geometry", "walkway '" + id + "' must be a LineString");
          continue;
        }
        bool ok = true;
        for (const auto& p : *coords) {
          Point pt;
          if (!ReadPosition(p, pt)) ok = false;
          pts.push_back(pt);
        }
        if (!ok || pts.size() < 2) {
          diags.Error(file, line, "geometry", "walkway '" + id + "' needs at least two [x, y] positions");
          continue;
        }
        if (auto problem = PositionsProblem(pts)) {
          diags.Error(file, line, "geometry", "walkway '" + id + "': " + *problem);
          continue;
        }
        for (size_t i = 1; i < pts.size(); ++i) w.length_m += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
        plan.walkways.push_back(std::move(w));
        continue;
      }

      Location loc;
      loc.id = id;
      loc.kind = location_kind;
      loc.origin = {file, line};
      loc.sample = sample.value_or(false);
      loc.label = props.contains("label") ? AsText(props["label"]) : "";
      loc.amenity = props.contains("amenity") ? AsText(props["amenity"]) : "";
      loc.hall_id = props.contains("hall") ? AsText(props["hall"]) : "";
      if (props.contains("level")) {
        const json& lv = props["level"];
        bool in_range = lv.is_number_integer() && (lv.is_number_unsigned() ? lv.get<unsigned long long>() <= caps::kMaxLevel
                                                                             : lv.get<long long>() >= caps::kMinLevel &&
                                                                                   lv.get<long long>() <= caps::kMaxLevel);
        if (in_range) loc.level = lv.get<int>();
        else
          diags.Error(file, line, "level", "feature '" + id + "': level must be a whole number from " +
                                               std::to_string(caps::kMinLevel) + " to " + std::to_string(caps::kMaxLevel));
      }
      for (const auto& lang : languages) {
        std::string key = "name_" + lang;
        if (props.contains(key)) {
          std::string v = AsText(props[key]);
          if (!v.empty()) loc.name.by_lang[lang] = v;
        }
      }
      if (gtype == "Point") {
        if (!coords || !ReadPosition(*coords, loc.anchor)) {
          diags.Error(file, line, "geometry", "feature '" + id + "': a Point needs [x, y] in metres");
          continue;
        }
        if (auto problem = PositionProblem(loc.anchor)) {
          diags.Error(file, line, "geometry", "feature '" + id + "': " + *problem);
          continue;
        }
      } else if (gtype == "Polygon") {
        if (!coords || !coords->is_array() || coords->empty() || !(*coords)[0].is_array()) {
          diags.Error(file, line, "geometry", "feature '" + id + "': a Polygon needs an outer ring of [x, y] positions");
          continue;
        }
        if (coords->size() > 1) diags.Warning(file, line, "geometry", "feature '" + id + "': holes are ignored");
        const json& ring = (*coords)[0];
        if (ring.size() > caps::kPolygonVertices + 1) {  // checked before a vector of them is made
          diags.Error(file, line, "geometry", "feature '" + id + "': the outline has " + std::to_string(ring.size() - 1) +
                                                  " corners, more than the " + std::to_string(caps::kPolygonVertices) +
                                                  " allowed (simplify it)");
          continue;
        }
        total_vertices += ring.size();
        if (total_vertices > caps::kTotalVertices) {
          diags.Error(file, line, "geometry", "feature '" + id + "': the floor plan has more than " +
                                                  std::to_string(caps::kTotalVertices) + " corners in all (docs/SOURCES.md, caps)");
          return plan;
        }
        std::vector<Point> pts;
        bool ok = true;
        for (const auto& p : ring) {
          Point pt;
          if (!ReadPosition(p, pt)) ok = false;
          pts.push_back(pt);
        }
        if (!ok) {
          diags.Error(file, line, "geometry", "feature '" + id + "': every position must be [x, y] numbers");
          continue;
        }
        if (pts.size() < 4 || pts.front().x != pts.back().x || pts.front().y != pts.back().y) {
          diags.Error(file, line, "geometry", "feature '" + id + "': the ring must be closed (last position = first) and have at least 3 corners");
          continue;
        }
        pts.pop_back();
        if (auto problem = PolygonProblem(pts)) {
          diags.Error(file, line, "geometry", "feature '" + id + "': " + *problem);
          continue;
        }
        if (SignedArea(pts) < 0) std::reverse(pts.begin(), pts.end());  // store counter-clockwise
        loc.is_polygon = true;
        loc.anchor = Centroid(pts);
        loc.ring = std::move(pts);
      } else {
        diags.Error(file, line, "geometry", "feature '" + id + "': geometry must be a Polygon or a Point, not '" + gtype + "'");
        continue;
      }
      plan.locations.push_back(std::move(loc));
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
