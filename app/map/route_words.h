// A route's directions (db/model/route_steps.h) in the visitor's words, from UI strings staff can translate
// (map.steps.*, and map.route.lift/stairs/escalator for a change of level), shown on the place's card and
// carried off in its QR code.
#pragma once
#include <string>
#include <vector>

#include "app/state/app_state.h"
#include "db/model/route_steps.h"

namespace app {

// "12 m" as a visitor counts: metres under 20, fives above (no one walks "47 m").
long RoundedMetres(double metres);

// One line a step: "Go 12 m, then turn left", "Pass Main Stage on your left", "Take the lift to Conference
// level", "Astana Hub is on your right".
std::vector<std::string> RouteWords(const AppState& s, const std::vector<db::RouteStep>& steps);

// What the route's QR code holds, as plain text in the visitor's language: where to, the distance and time,
// from where, the numbered steps, the forum; then the venue's web map on the place (forum.csv map_url) when
// the snapshot gives one.
std::string RouteText(const AppState& s, const db::Route& r, const std::vector<db::RouteStep>& steps, const db::Location& to);

// "Take the lift to Conference level".
std::string LevelChangeText(const AppState& s, db::LevelChangeKind how, int level);

}  // namespace app
