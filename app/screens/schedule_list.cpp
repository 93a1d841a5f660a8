// The schedule's list (the screen without an open session; schedule_screen.cpp draws a session's page):
// day chips; the room and track filters, as chips when they fit in two lines, else one control each that
// opens the chooser sheet (app/sheets/chooser_sheet.cpp); and the day's sessions through the filters,
// opening at what is on now on the conference day, past ones dimmed above it. Only the rows in view are
// drawn: the list and its rows' heights are computed when their inputs change (app/state/schedule.h).
#include <algorithm>
#include <cmath>

#include "app/screens/screens.h"
#include "app/state/format.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

using K = Action::Kind;

// More lines of chips than this and a filter becomes one control opening the chooser.
constexpr int kMaxChipLines = 2;
// Frames the list tries to reach its opening place (the scroll range is known only after a frame).
constexpr int kJumpFrames = 5;

void DayChips(AppState& s, float width, int day) {
  ChipRow chips(s, width);
  for (const auto& [index, date] : s.catalog->ProgramDays()) {
    PushId(s, std::to_string(index));
    if (chips.Chip("day", FormatDay(s, date), index == day)) s.Do({.kind = K::SelectDay, .number = index});
    PopId(s);
  }
}

// One filter of the list: its options, what is chosen, and the names and actions it uses.
struct Filter {
  ScheduleChooser which;
  const std::vector<FilterOption>& options;
  const std::string& chosen;
  const char* all_key;   // "All rooms"
  const char* name_key;  // "Room"
  const char* all_id;    // the "all" chip's id
  const char* chip_id;   // each option's chip id, under the option's id
  K kind;
};

bool FitsInChips(const AppState& s, const Filter& f, float width) {
  std::vector<std::string> labels{s.Ui(f.all_key)};
  bool swatches = false;
  for (const auto& o : f.options) {
    labels.push_back(o.label);
    swatches |= o.color != 0;
  }
  return ChipRow::Lines(s, width, labels, swatches) <= kMaxChipLines;
}

void Chips(AppState& s, const Filter& f, float width) {
  ChipRow chips(s, width);
  if (chips.Chip(f.all_id, s.Ui(f.all_key), f.chosen.empty())) s.Do({.kind = f.kind});
  for (const auto& o : f.options) {
    PushId(s, o.id);
    if (chips.Chip(f.chip_id, o.label, f.chosen == o.id, o.color)) s.Do({.kind = f.kind, .id = o.id});
    PopId(s);
  }
}

std::string SelectLabel(const AppState& s, const Filter& f) {
  if (f.chosen.empty()) return s.Ui(f.all_key);
  auto o = std::find_if(f.options.begin(), f.options.end(), [&](const FilterOption& x) { return x.id == f.chosen; });
  return s.Ui(f.name_key) + ": " + (o != f.options.end() ? o->label : f.chosen);
}

// "All rooms ▾" or "Room: K.1.105 ▾": opens the chooser.
void SelectControl(AppState& s, const Filter& f) {
  std::string id = kScheduleChooserNames[static_cast<int>(f.which)] + std::string("-filter");
  if (Select(s, id.c_str(), SelectLabel(s, f), !f.chosen.empty())) s.Do({.kind = K::OpenChooser, .number = static_cast<int>(f.which)});
}

// The days, then the room and track filters: chips where they fit in two lines, else the controls that
// open the chooser, on the days' line when there is room for them there.
void Filters(AppState& s, float width) {
  const ScheduleView& v = s.schedule_view;
  const Metrics& m = s.metrics;
  const Filter filters[] = {
      {ScheduleChooser::Room, v.rooms, s.room_filter, "schedule.all_rooms", "schedule.room", "all-rooms", "room", K::FilterRoom},
      {ScheduleChooser::Track, v.tracks, s.track_filter, "schedule.all_tracks", "schedule.track", "all", "track", K::FilterTrack},
  };
  bool chips[2];
  float selects_w = 0;
  for (int i = 0; i < 2; ++i) {
    chips[i] = FitsInChips(s, filters[i], width);
    if (!chips[i]) selects_w += SelectWidth(s, SelectLabel(s, filters[i]), true) + m.gap * 0.5f;
  }
  std::vector<std::string> days;
  float days_w = 0;
  for (const auto& d : s.catalog->ProgramDays()) {
    days.push_back(FormatDay(s, d.second));
    days_w += ChipRow::Width(s, days.back(), true, false) + m.gap * 0.5f;
  }
  DayChips(s, width, v.day);
  bool same_line = !days.empty() && ChipRow::Lines(s, width, days, false) == 1 && days_w + m.gap + selects_w <= width;
  bool after_select = false;  // the last control drawn opens the chooser: the next one goes beside it
  for (int i = 0; i < 2; ++i) {
    if (chips[i]) {
      Chips(s, filters[i], width);
      same_line = false;
      after_select = false;
      continue;
    }
    if (after_select) ImGui::SameLine(0, m.gap * 0.5f);
    else if (same_line) ImGui::SameLine(0, m.gap * 1.5f);
    SelectControl(s, filters[i]);
    after_select = true;
  }
}

// With a room chosen, on the conference day, when nothing is on in it: when the next session starts.
std::string RoomIdleText(const AppState& s) {
  const ScheduleView& v = s.schedule_view;
  if (s.room_filter.empty()) return {};
  const auto& days = s.catalog->ProgramDays();
  std::string today = LocalDate(s.now_utc, s.catalog->forum.utc_offset_min);
  if (std::none_of(days.begin(), days.end(), [&](const auto& d) { return d.first == v.day && d.second == today; })) return {};
  if (std::find(v.marks.begin(), v.marks.end(), SessionTime::Now) != v.marks.end()) return {};
  auto next = std::find_if(v.marks.begin(), v.marks.end(), [](SessionTime t) { return t != SessionTime::Past; });
  if (next == v.marks.end()) return s.Ui("schedule.room_done");
  return WithTime(s, "schedule.room_idle", v.sessions[next - v.marks.begin()]->starts_utc);
}

void RoomIdleLine(AppState& s, float width) {
  s.schedule_view.status = RoomIdleText(s);
  if (s.schedule_view.status.empty()) return;
  ImGui::Dummy(ImVec2(1, s.metrics.gap * 0.2f));
  Text(s.fonts.title, colors::kAccent, s.schedule_view.status, width);
}

// The rows' tops for this width and type size (and the marks they were made with).
void LayOutRows(AppState& s, float width) {
  ScheduleView& v = s.schedule_view;
  float font_size = s.fonts.strong->FontSize;
  if (v.laid_out && v.width == width && v.font_size == font_size) return;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;  // after every row, as after every item
  v.top.assign(1, 0.f);
  for (size_t i = 0; i < v.sessions.size(); ++i) {
    bool badge = v.marks[i] == SessionTime::Now || v.marks[i] == SessionTime::Next;
    v.top.push_back(v.top.back() + SessionRowHeight(s, *v.sessions[i], width, badge) + spacing);
  }
  v.width = width;
  v.font_size = font_size;
  v.laid_out = true;
}

// Opens the list at now (the anchor at the top) until the scroll is there: the first frame of a list
// knows no scroll range yet.
void JumpToNow(AppState& s) {
  ScheduleView& v = s.schedule_view;
  if (!v.jump) return;
  int anchor = ScheduleAnchor(s);
  float target = anchor < 0 ? 0 : v.top[anchor];
  if (std::fabs(ImGui::GetScrollY() - target) < 1 || v.jump_frames >= kJumpFrames) {
    v.jump = false;
    v.jump_frames = 0;
    return;
  }
  ImGui::SetScrollY(target);
  ++v.jump_frames;
  s.animating = true;
}

void Rows(AppState& s, float width) {
  const ScheduleView& v = s.schedule_view;
  const float start = ImGui::GetCursorPosY();
  if (v.sessions.empty()) Text(s.fonts.body, colors::kMuted, s.Ui("schedule.empty"), width);
  // Only the rows in view (and one beyond each edge) are drawn; the others are the space they take.
  float view_top = ImGui::GetScrollY() - start, view_bottom = view_top + ImGui::GetWindowHeight();
  size_t first = std::upper_bound(v.top.begin(), v.top.end(), view_top) - v.top.begin();
  first = first > 1 ? first - 2 : 0;
  for (size_t i = first; i < v.sessions.size() && v.top[i] < view_bottom; ++i) {
    ImGui::SetCursorPosY(start + v.top[i]);
    SessionTime t = v.marks[i];
    const char* badge = t == SessionTime::Now ? s.Ui("schedule.now").c_str() : t == SessionTime::Next ? s.Ui("schedule.next").c_str() : nullptr;
    SessionRow(s, *v.sessions[i], width, badge, t == SessionTime::Now ? colors::kNow : colors::kNext, t == SessionTime::Past);
  }
  if (!v.sessions.empty()) ImGui::SetCursorPosY(start + v.top.back());
}

}  // namespace

void DrawScheduleList(AppState& s, ImVec2 size) {
  UpdateScheduleView(s);
  UpdateScheduleMarks(s);
  if (s.scroll_to_top) s.schedule_view.jump = true;  // the screen opened: at now again
  float width = BeginListPage(s, s.Ui("nav.schedule"), size);
  Filters(s, width);
  RoomIdleLine(s, width);
  BeginListBody(s, "session-list", size);
  LayOutRows(s, width);
  JumpToNow(s);
  Rows(s, width);
  EndListBody(s);
}

}  // namespace app
