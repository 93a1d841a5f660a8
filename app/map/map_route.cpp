#include "app/map/map_route.h"

#include <cmath>

#include "app/map/map_geometry.h"
#include "app/map/route_words.h"
#include "app/state/format.h"

namespace app {

void FindRoute(AppState& s) {
  MapRoute& r = s.map_route;
  r.route.reset();
  r.steps.clear();
  r.why = db::NoRoute::kNoMesh;
  r.found_step_free = r.step_free || s.reach;
  const db::Location* to = s.catalog ? s.catalog->FindLocation(r.to) : nullptr;
  db::Point here;
  int level = 0;
  if (!to || !HerePoint(s, here, &level)) return;
  r.route = s.catalog->Routes().Find(here, level, *to, r.found_step_free, &r.why);
  if (r.route) r.steps = db::Directions(*s.catalog, *r.route, *to);
}

bool Routable(const AppState& s, const db::Location& l) {
  db::Point here;
  return s.catalog && !s.catalog->Routes().empty() && db::IsDestination(l.kind) && l.kind != db::LocationKind::Kiosk &&
         HerePoint(s, here);
}

bool IsNearest(const AppState& s, std::string_view name, const db::Location& l) {
  using K = db::LocationKind;
  if (name == "toilet") return l.kind == K::Amenity && (l.amenity == "toilet" || l.amenity == "accessible_toilet");
  if (name == "accessible_toilet") return l.kind == K::Amenity && l.amenity == "accessible_toilet";
  if (name != "exit") return false;
  if (l.kind == K::Exit) return true;
  if (l.kind != K::Entrance) return false;
  for (const auto& o : s.catalog->locations)
    if (o.kind == K::Exit) return false;  // the plan marks its exits: entrances are not
  return true;
}

bool HasNearest(const AppState& s, std::string_view name) {
  if (!s.catalog) return false;
  for (const auto& l : s.catalog->locations)
    if (IsNearest(s, name, l) && Routable(s, l)) return true;
  return false;
}

std::string NearestPlace(const AppState& s, std::string_view name) {
  db::Point here;
  int level = 0;
  if (!s.catalog || !HerePoint(s, here, &level)) return "";
  bool step_free = s.map_route.step_free || s.reach || NearestStepFree(name);
  const db::Location *walk = nullptr, *straight = nullptr;
  double walk_m = 0, straight_m = 0;
  for (const auto& l : s.catalog->locations) {
    if (!IsNearest(s, name, l) || !Routable(s, l)) continue;
    if (auto r = s.catalog->Routes().Find(here, level, l, step_free)) {
      double m = r->length_m + kLevelChangeMetres * static_cast<double>(r->legs.size() - 1);
      if (!walk || m < walk_m) walk = &l, walk_m = m;
    }
    // Another level counts as farther than anything on this one.
    double d = std::hypot(l.anchor.x - here.x, l.anchor.y - here.y) + (l.level == level ? 0 : 1e9);
    if (!straight || d < straight_m) straight = &l, straight_m = d;
  }
  return walk ? walk->id : straight ? straight->id : "";
}

std::string RouteSummary(const AppState& s, const db::Route& r) {
  long metres = std::lround(r.length_m);
  long minutes = std::max(1L, std::lround(r.length_m / kWalkMetresPerSecond / 60));
  return Fill(s.Ui("map.route.summary"), {{"m", std::to_string(metres)}, {"min", std::to_string(minutes)}});
}

std::string RouteLevelChange(const AppState& s, const db::Route& r) {
  for (size_t i = 0; i + 1 < r.legs.size(); ++i)  // the first change: the card has room for one
    if (r.legs[i].then) return LevelChangeText(s, *r.legs[i].then, r.legs[i + 1].level);
  return "";
}

std::string NoRouteText(const AppState& s, db::NoRoute why) {
  return s.Ui(why == db::NoRoute::kNoStepFreeWay ? "map.route.no_step_free" : "map.route.none");
}

}  // namespace app
