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
  std::vector<std::string> steps;         // the route in words (app/map/route_words.h), as many as fit
  std::string take_along;                 // what its QR code holds, when it fits
  bool take_along_beside = true;          // its caption beside it (else above: a narrow card)
  ImFont* steps_font = nullptr;           // the size the steps fit in
  std::vector<std::string_view> nearest;  // "you are here": the kNearestNames the plan can route to
  ImVec2 size;            // as laid out by LayoutPlaceCard
  ImFont* title_font = nullptr;  // the title size that keeps its words whole
  size_t shown = 0;       // rows that fit the height it was given
};

// What a place is called to a visitor: its name; a booth's, its exhibitor's; unnamed, its kind and label
// ("Booth A3").
std::string PlaceTitle(const AppState& s, const db::Location& l);

// The card of the place `id` (a location id or "here"); false when there is no such place.
bool BuildPlaceCard(const AppState& s, const std::string& id, PlaceCard& card);
// Lays the card out `width` wide and at most `max_height` tall (rows that do not fit are left out).
void LayoutPlaceCard(AppState& s, PlaceCard& card, float width, float max_height);
// Draws the laid-out card with its top-left corner at `at`, and registers its touch targets ("card/close",
// "card/ID/session", "card/route", "card/step-free", "card/nearest-toilet" (and the other kNearestNames), and "card/sheet", which keeps taps on the card off the plan
// under it).
void DrawPlaceCard(AppState& s, const PlaceCard& card, ImVec2 at);

}  // namespace app
