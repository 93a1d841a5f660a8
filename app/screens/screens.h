// The screens, one file each. Every screen draws into the content area the root window gives it and
// records Actions; none keeps state of its own (it lives in AppState). What holds for screens, widgets and
// the map alike (the UI tests check the first two):
// - colours are names of app/theme.h (colors::k...), translucent through colors::Alpha, never a literal;
// - sizes come from Metrics (app/state/app_state.h): its members, mm() for physical sizes, px() for an
//   offset designed in pixels on the reference screen; never a bare pixel count;
// - Actions are made with designated initializers naming what their kind uses:
//   s.Do({.kind = Action::Kind::OpenExhibitor, .id = o.id}).
#pragma once
#include <imgui.h>

#include <functional>

#include "app/state/app_state.h"

namespace app {

void DrawHomeScreen(AppState& s, ImVec2 size);
void DrawMapScreen(AppState& s, ImVec2 size);
void DrawExhibitorsScreen(AppState& s, ImVec2 size);
void DrawAgreementsScreen(AppState& s, ImVec2 size);
void DrawScheduleScreen(AppState& s, ImVec2 size);
void DrawScheduleList(AppState& s, ImVec2 size);  // the schedule without an open session (schedule_list.cpp)
void DrawSearchScreen(AppState& s, ImVec2 size);
void DrawAttractScreen(AppState& s, ImVec2 size);
void DrawStaffScreen(AppState& s, ImVec2 size);
void DrawPinPad(AppState& s, ImVec2 size);
void DrawNavBar(AppState& s, ImVec2 size);
float NavBarHeight(const AppState& s, float width);  // one or two rows of buttons, as the labels need
void DrawErrorScreen(AppState& s, ImVec2 size);
void DrawLoadingScreen(AppState& s, ImVec2 size);

// Shared pieces of several screens.
// A session row: time, title, room and track, with a badge ("Now") when given; a past one dimmed. Tapping
// opens it. SessionRowHeight is its height (with or without a badge) and the cursor moves by that and the
// style's item spacing.
void SessionRow(AppState& s, const db::Session& x, float width, const char* badge, ImU32 badge_color, bool past = false);
float SessionRowHeight(const AppState& s, const db::Session& x, float width, bool badge);
// The sessions on now and next by the clock (up to `max` each); only those `keep` accepts, when given (the
// sessions of one room).
void NowAndNext(const AppState& s, std::vector<const db::Session*>& now, std::vector<const db::Session*>& next, size_t max,
                const std::function<bool(const db::Session&)>& keep = nullptr);
// The frame of every detail view (profile, agreement, session): a scrolling page with a Back button on top.
// Returns the usable width. Pair with EndDetail.
float BeginDetail(AppState& s, const char* id, ImVec2 size);
void EndDetail(AppState& s);
// The body of a detail page, between BeginDetail and EndDetail. Landscape pages wide enough for a reading
// column and a side column put `head` and `main` on the left and `side` (the QR code, the parties, the
// sessions) beside them, so the page uses the width of the screen; portrait pages (or narrow ones) are one
// column: head, then main and side in the order the screen asks for. Each part is called with its width.
void DetailColumns(AppState& s, ImVec2 size, float width, const std::function<void(float)>& head,
                   const std::function<void(float)>& main, const std::function<void(float)>& side, bool side_first = false);
// The frame of every list screen: a title and filter chips on top (drawn between BeginListPage and
// BeginListBody), then a scrolling list below them down to the navigation bar, closed by EndListBody.
// BeginListPage returns the usable width.
float BeginListPage(AppState& s, const std::string& title, ImVec2 size);
void BeginListBody(AppState& s, const char* id, ImVec2 size);
void EndListBody(AppState& s);
// A track's colour as 0xRRGGBB, 0 when it has none.
uint32_t TrackColor(const db::Track& t);

}  // namespace app
