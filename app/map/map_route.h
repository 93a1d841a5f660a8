// The route the map shows (AppState::map_route): found from "you are here" when a visitor asks for it, and
// what the map and the place's card say of it (distance, minutes, the change of level).
#pragma once
#include <string>
#include <string_view>

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

// "Nearest": what a visitor can ask the way to from "you are here" without knowing which one: the action's id
// (Action::RouteNearest) and the UI strings' key (map.nearest.<name>). A toilet is any toilet, the accessible
// one included; an accessible toilet is reached step-free; an exit is a place of kind exit, or an entrance
// on a plan that marks no exits.
inline constexpr std::string_view kNearestNames[] = {"toilet", "accessible_toilet", "exit"};
bool IsNearest(const AppState& s, std::string_view name, const db::Location& l);
// Whether the plan has such a place that can be routed to (the "you are here" card offers it then).
bool HasNearest(const AppState& s, std::string_view name);
// The id of the place of that kind the visitor reaches first from "you are here": the shortest walk, a change
// of level counted as kLevelChangeMetres more; the nearest on "you are here"'s level in a straight line when
// no walk reaches any (its card then says why there is no route); "" when there is none.
inline constexpr double kLevelChangeMetres = 15;
std::string NearestPlace(const AppState& s, std::string_view name);
// Whether `name`'s route is always step-free (the accessible toilet).
inline bool NearestStepFree(std::string_view name) { return name == "accessible_toilet"; }

// "84 m · 2 min"; the change of level, "Take the lift to Conference level"; why there is none.
std::string RouteSummary(const AppState& s, const db::Route& r);
std::string RouteLevelChange(const AppState& s, const db::Route& r);
std::string NoRouteText(const AppState& s, db::NoRoute why);

}  // namespace app
