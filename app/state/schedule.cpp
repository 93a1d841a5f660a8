#include "app/state/schedule.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "app/state/app_state.h"
#include "app/state/format.h"
#include "db/base/text.h"
#include "db/snapshot/search_fold.h"

namespace app {

namespace {

// "Next": what starts at the next start time and up to half an hour after it (as NowAndNext says it).
constexpr int64_t kNextWindowS = 30 * 60;

bool PassesFilters(const AppState& s, const db::Session& x) {
  return (s.room_filter.empty() || x.room_id == s.room_filter) && (s.track_filter.empty() || x.track_id == s.track_filter);
}

FilterOption Option(const std::string& id, const std::string& name, uint32_t color) {
  FilterOption o{id, name.empty() ? id : name, {}, color};
  o.words = db::SearchWords(o.label);
  return o;
}

}  // namespace

int ScheduleDay(const AppState& s) {
  if (s.day_index) return s.day_index;  // AdoptCatalog clears a day the catalog does not have
  const auto& days = s.catalog->ProgramDays();
  std::string today = LocalDate(s.now_utc, s.catalog->forum.utc_offset_min);
  for (const auto& d : days)
    if (d.second == today) return d.first;
  return days.empty() ? 0 : days.front().first;
}

bool UpdateScheduleView(AppState& s) {
  const db::Catalog& c = *s.catalog;
  const int day = ScheduleDay(s);
  const ScheduleView& old = s.schedule_view;
  if (old.catalog == &c && old.lang == s.lang && old.day == day && old.room == s.room_filter && old.track == s.track_filter)
    return false;
  ScheduleView v;
  v.catalog = &c;
  v.lang = s.lang;
  v.day = day;
  v.room = s.room_filter;
  v.track = s.track_filter;
  std::unordered_set<std::string_view> rooms, tracks;  // those with a session on the day
  for (const auto& x : c.sessions) {
    if (x.day_index != day) continue;
    rooms.insert(x.room_id);
    tracks.insert(x.track_id);
    if (PassesFilters(s, x)) v.sessions.push_back(&x);
  }
  // The chosen one stays in the list (marked) on a day it has nothing, so the chooser shows what is chosen.
  for (const auto& r : c.rooms)
    if (rooms.count(r.id) || r.id == s.room_filter) v.rooms.push_back(Option(r.id, s.Tr(r.name), 0));
  for (const auto& t : c.tracks)
    if (tracks.count(t.id) || t.id == s.track_filter) v.tracks.push_back(Option(t.id, s.Tr(t.name), db::ParseColor(t.color).value_or(0)));
  // Another list (not the same one in another language) opens at now.
  v.jump = old.jump || old.catalog != &c || old.day != day || old.room != s.room_filter || old.track != s.track_filter;
  s.schedule_view = std::move(v);
  return true;
}

bool UpdateScheduleMarks(AppState& s) {
  ScheduleView& v = s.schedule_view;
  const int64_t now = s.now_utc;
  if (v.marks.size() == v.sessions.size() && v.valid_from <= now && now < v.valid_until) return false;
  // The first start after now among the filtered sessions of every day: "next" is on the day it falls on.
  int64_t first_next = std::numeric_limits<int64_t>::max();
  v.valid_from = std::numeric_limits<int64_t>::min();
  v.valid_until = std::numeric_limits<int64_t>::max();
  for (const auto& x : s.catalog->sessions) {
    if (!PassesFilters(s, x)) continue;
    for (int64_t t : {x.starts_utc, x.ends_utc}) {
      if (t <= now) v.valid_from = std::max(v.valid_from, t);
      else v.valid_until = std::min(v.valid_until, t);
    }
    if (x.starts_utc > now) first_next = std::min(first_next, x.starts_utc);
  }
  // Past sessions above the others (each part by start): the list opens at the first that is not over, and
  // what is over is all above it, reachable by scrolling up.
  std::stable_sort(v.sessions.begin(), v.sessions.end(), [now](const db::Session* a, const db::Session* b) {
    bool a_past = a->ends_utc <= now, b_past = b->ends_utc <= now;
    return a_past != b_past ? a_past : a->starts_utc < b->starts_utc;
  });
  v.marks.clear();
  for (const db::Session* x : v.sessions) {
    if (x->ends_utc <= now) v.marks.push_back(SessionTime::Past);
    else if (x->starts_utc <= now) v.marks.push_back(SessionTime::Now);
    else if (x->starts_utc - first_next <= kNextWindowS) v.marks.push_back(SessionTime::Next);
    else v.marks.push_back(SessionTime::Later);
  }
  v.laid_out = false;  // a badge more or less changes a row's height
  return true;
}

int ScheduleAnchor(const AppState& s) {
  const ScheduleView& v = s.schedule_view;
  const auto& days = s.catalog->ProgramDays();
  std::string today = LocalDate(s.now_utc, s.catalog->forum.utc_offset_min);
  bool is_today = std::any_of(days.begin(), days.end(), [&](const auto& d) { return d.first == v.day && d.second == today; });
  if (!is_today) return -1;
  for (size_t i = 0; i < v.marks.size(); ++i)
    if (v.marks[i] != SessionTime::Past) return static_cast<int>(i);
  return -1;
}

bool OptionMatches(const FilterOption& o, const std::vector<std::string>& typed) {
  if (typed.empty()) return true;
  bool every_word = std::all_of(typed.begin(), typed.end(), [&](const std::string& t) {
    return std::any_of(o.words.begin(), o.words.end(), [&](const std::string& w) { return w.compare(0, t.size(), t) == 0; });
  });
  if (every_word) return true;
  std::string joined;
  for (const auto& t : typed) joined += t;
  for (size_t i = 0; i < o.words.size(); ++i) {
    std::string rest;
    for (size_t j = i; j < o.words.size() && rest.size() < joined.size(); ++j) rest += o.words[j];
    if (rest.compare(0, joined.size(), joined) == 0) return true;
  }
  return false;
}

}  // namespace app
