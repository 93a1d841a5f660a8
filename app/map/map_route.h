// The route the map shows (AppState::map_route): found from "you are here" when a visitor asks for it, and
// what the map and the place's card say of it (distance, minutes, the change of level).
#pragma once
#include <string>

#include "app/state/app_state.h"

namespace app {

// Walking speed for the minutes a route takes: 1.0 m/s, slower than the 1.3 m/s of open streets, for a
// crowded hall (stated on the card's line in docs/ROUTES.md).
inline constexpr double kWalkMetresPerSecond = 1.0;

// Finds s.map_route's route to s.map_route.to from "you are here" (its point and level), step-free when asked
// or in reach mode. No route (no "you are here", no mesh, no way) leaves s.map_route.route empty and says why.
void FindRoute(AppState& s);

// Whether a place can be routed to: a destination on a plan that has routes, other than the kiosk itself.
bool Routable(const AppState& s, const db::Location& l);

// "84 m · 2 min"; the change of level, "Take the lift to Conference level"; why there is none.
std::string RouteSummary(const AppState& s, const db::Route& r);
std::string RouteLevelChange(const AppState& s, const db::Route& r);
std::string NoRouteText(const AppState& s, db::NoRoute why);

}  // namespace app
