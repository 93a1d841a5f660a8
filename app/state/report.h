// What is on the screen, as text: for the end-to-end tests that drive the real binary with real X input
// (forum-kiosk --report FILE) and for staff scripts that check a kiosk. One "key value" per line:
//   screen map            the screen (app::ScreenName)
//   exhibitor ID, agreement ID, session ID, focus ID   the open detail / the highlighted place ("" = none)
//   map_card ID           the place whose card is open on the map ("" = none)
//   lang kk               the language shown
//   overlay NAME          one line each: languages, chooser_room, chooser_track (the schedule's chooser
//                         sheet), pin_pad, staff, idle_warning, attract; setup when no
//                         snapshot could be opened (the "being set up" message for staff)
//   message TEXT          with overlay setup: each line of that message as drawn, the last one the reason
//                         (AppState::load_error; app/state/setup_message.h)
//   search_error TEXT     why the search index could not answer (only when it could not)
//   preview_build N, preview_shown N, preview_failed 0|1, preview_problem TEXT (one per problem, as
//                         kiosk-snapshot prints it)   forum-kiosk --sources only (app/state/preview.h)
//   search_group NAME     a group's full list of results is open ("show all N"; db::GroupName), else absent
//   query TEXT, keyboard N, day N, country ID, track ID, room ID, chooser_query TEXT,
//                         reach/large_text/high_contrast 0|1 (app::kA11yModeNames)
//   schedule_status TEXT  on the schedule's list: the line over it ("Nothing on in this room now, next at
//                         11:15"), "" when there is none
//   map_zoom Z, map_center X Y   the map's view (pixels per metre, plan metres)
//   map_level N                  the level the map shows (its ordinal)
//   target KEY X0 Y0 X1 Y1       every touch target drawn in the frame, in window pixels (AppState::targets)
// forum-kiosk adds what only the platform knows: `window X Y W H` (its place on the X screen), `rotation D`,
// `buttons N` (presses and releases received), `pointer over|none` (a lifted finger is forgotten) and
// `rest 0|1` (1: no frame pending).
#pragma once
#include <string>
#include <vector>

#include "app/state/app_state.h"

namespace app {

std::string DescribeScreen(const AppState& s, const std::vector<AppState::Target>& targets);

}  // namespace app
