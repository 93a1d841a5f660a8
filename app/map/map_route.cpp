#include "app/map/map_route.h"

#include <cmath>

#include "app/map/map_geometry.h"
#include "app/state/format.h"

namespace app {

void FindRoute(AppState& s) {
  MapRoute& r = s.map_route;
  r.route.reset();
  r.why = db::NoRoute::kNoMesh;
  r.found_step_free = r.step_free || s.reach;
  const db::Location* to = s.catalog ? s.catalog->FindLocation(r.to) : nullptr;
  db::Point here;
  int level = 0;
  if (!to || !HerePoint(s, here, &level)) return;
  r.route = s.catalog->Routes().Find(here, level, *to, r.found_step_free, &r.why);
}

bool Routable(const AppState& s, const db::Location& l) {
  db::Point here;
  return s.catalog && !s.catalog->Routes().empty() && db::IsDestination(l.kind) && l.kind != db::LocationKind::Kiosk &&
         HerePoint(s, here);
}

std::string RouteSummary(const AppState& s, const db::Route& r) {
  long metres = std::lround(r.length_m);
  long minutes = std::max(1L, std::lround(r.length_m / kWalkMetresPerSecond / 60));
  return Fill(s.Ui("map.route.summary"), {{"m", std::to_string(metres)}, {"min", std::to_string(minutes)}});
}

std::string RouteLevelChange(const AppState& s, const db::Route& r) {
  for (size_t i = 0; i + 1 < r.legs.size(); ++i) {
    if (!r.legs[i].then) continue;
    const char* key = *r.legs[i].then == db::LevelChangeKind::Lift        ? "map.route.lift"
                      : *r.legs[i].then == db::LevelChangeKind::Escalator ? "map.route.escalator"
                                                                          : "map.route.stairs";
    return Fill(s.Ui(key), {{"level", LevelName(s, r.legs[i + 1].level)}});  // the first change: the card has room for one
  }
  return "";
}

std::string NoRouteText(const AppState& s, db::NoRoute why) {
  return s.Ui(why == db::NoRoute::kNoStepFreeWay ? "map.route.no_step_free" : "map.route.none");
}

}  // namespace app
