// The card of a place on the map: what a visitor who tapped a hall, a room, a stage, an amenity, an exit
// or "you are here" reads about it — its name, what kind of place it is and, for rooms and stages, what is
// on there now and next (each session opens with a tap). Built, measured and drawn by the map screen;
// closed by its close button or a tap on the plan outside it (Action::MapCard "").
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/state/app_state.h"
#include "app/map/map_geometry.h"

namespace app {

struct PlaceCard {
  std::string title, kind;
  struct Row {
    const db::Session* session;
    bool now;
  };
  std::vector<Row> rows;  // rooms and stages: now, then next
  std::string note;       // rooms and stages without sessions to come
  // The way there from "you are here" (app/map/map_route.h): offered when `routable`; when the map shows it
  // (`routed`), its summary, the change of level and the step-free switch, or why there is none.
  bool routable = false, routed = false, step_free = false, step_free_fixed = false;
  std::string route_summary, route_change, route_none;
  ImVec2 size;            // as laid out by LayoutPlaceCard
  ImFont* title_font = nullptr;  // the title size that keeps its words whole
  size_t shown = 0;       // rows that fit the height it was given
};

// The card of the place `id` (a location id or "here"); false when there is no such place.
bool BuildPlaceCard(const AppState& s, const std::string& id, PlaceCard& card);
// Lays the card out `width` wide and at most `max_height` tall (rows that do not fit are left out).
void LayoutPlaceCard(AppState& s, PlaceCard& card, float width, float max_height);
// Draws the laid-out card with its top-left corner at `at`, and registers its touch targets ("card/close",
// "card/ID/session", "card/route", "card/step-free", and "card/sheet", which keeps taps on the card off the plan
// under it).
void DrawPlaceCard(AppState& s, const PlaceCard& card, ImVec2 at);

}  // namespace app
