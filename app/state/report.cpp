#include "app/state/report.h"

#include "app/map/route_words.h"

#include <cstdio>

#include "app/map/map_geometry.h"
#include "app/state/setup_message.h"

namespace app {

std::string DescribeScreen(const AppState& s, const std::vector<AppState::Target>& targets) {
  std::string out;
  auto line = [&](const char* key, const std::string& value) { out += std::string(key) + " " + value + "\n"; };
  auto flag = [&](const char* key, bool on) { line(key, on ? "1" : "0"); };
  line("screen", ScreenName(s.screen));
  line("exhibitor", s.exhibitor_id);
  line("agreement", s.agreement_id);
  line("session", s.session_id);
  line("focus", s.map_focus);
  line("map_card", s.map_card);
  line("lang", s.lang);
  if (!s.catalog && s.loading) {  // the snapshot is being opened: the loading view's lines
    line("overlay", "loading");
    for (const char* text : {kLoadingTitle, kLoadingTitleRu}) line("message", text);
  } else if (!s.catalog) {  // no snapshot could be shown: the staff message, each line as drawn
    line("overlay", "setup");
    for (const char* text : {kSetupTitle, kSetupTitleRu, kSetupForStaff}) line("message", text);
    line("message", s.load_error);
  }
  if (!s.search_error.empty()) line("search_error", s.search_error);
  if (s.preview) {  // forum-kiosk --sources: the last build, the one shown, and each problem as the tool prints it
    line("preview_build", std::to_string(s.preview->build));
    line("preview_shown", std::to_string(s.preview->shown_build));
    flag("preview_failed", s.preview->failed);
    for (const auto& d : s.preview->problems) line("preview_problem", db::Format(d));
  }
  if (s.language_picker) line("overlay", "languages");
  if (s.staff.pin_pad) line("overlay", "pin_pad");
  if (s.staff.open) line("overlay", "staff");
  if (s.chooser != ScheduleChooser::None) line("overlay", std::string("chooser_") + kScheduleChooserNames[int(s.chooser)]);
  if (s.idle_warning) line("overlay", "idle_warning");
  if (s.attract) line("overlay", "attract");
  line("query", s.search_query);
  if (s.search_group >= 0) line("search_group", db::GroupName(static_cast<db::SearchGroup>(s.search_group)));
  line("keyboard", std::to_string(s.keyboard));
  line("day", std::to_string(s.day_index));
  line("country", s.country_filter);
  line("track", s.track_filter);
  line("room", s.room_filter);
  line("chooser_query", s.chooser_query);
  if (s.screen == Screen::Schedule && s.session_id.empty()) line("schedule_status", s.schedule_view.status);
  for (int i = 0; i < kA11yModeCount; ++i) flag(kA11yModeNames[i], s.Mode(static_cast<A11yMode>(i)));
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.4f", s.map.zoom);
  line("map_zoom", buf);
  std::snprintf(buf, sizeof buf, "%.3f %.3f", s.map.cx, s.map.cy);
  line("map_center", buf);
  if (s.catalog) line("map_level", std::to_string(ShownLevel(s)));  // the level the map shows (db::Level::ordinal)
  // The route shown: its place, metres, legs as "level:points" ("booth-a1 42.1 0:3"), or why there is none.
  if (!s.map_route.to.empty()) {
    std::string r = s.map_route.to;
    if (s.map_route.route) {
      std::snprintf(buf, sizeof buf, " %.1f", s.map_route.route->length_m);
      r += buf;
      for (const auto& leg : s.map_route.route->legs) r += " " + std::to_string(leg.level) + ":" + std::to_string(leg.points.size());
    } else {
      r += " none " + std::to_string(static_cast<int>(s.map_route.why));
    }
    line("route", r + (s.map_route.found_step_free ? " step-free" : ""));
    // Its directions in the visitor's words, one line a step ("Go 12 m, then turn left").
    if (s.map_route.route)
      for (const std::string& w : RouteWords(s, s.map_route.steps)) line("route_step", w);
  }
  for (const auto& t : targets) {
    std::snprintf(buf, sizeof buf, " %.1f %.1f %.1f %.1f", t.x0, t.y0, t.x1, t.y1);
    line("target", t.key + buf);
  }
  return out;
}

}  // namespace app
