// The schedule at a real conference's size (FOSDEM 2026, read from the real export with the staff tool's
// own source reader) and at the demo's: filters by day, room and track that combine, the chooser sheet with
// its search on the on-screen keyboard, the list opening at now, and "nothing on in this room now".
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <set>

#include "app/state/format.h"
#include "db/base/diagnostics.h"
#include "db/sources/sources.h"
#include "db/snapshot/search_fold.h"
#include "harness.h"
#include "tests/common/real_exports.h"

using app::ScheduleChooser;
using app::Screen;

namespace {

namespace fs = std::filesystem;

// 2026-01-31 11:00 in Brussels (+01:00): FOSDEM's first morning.
constexpr int64_t kFosdemMorning = 1769853600;

// FOSDEM 2026 as its organizers would import it (tests/common/real_exports.h), read once per process.
std::shared_ptr<const db::Catalog> Fosdem() {
  static std::shared_ptr<const db::Catalog> c = [] {
    const test::RealExport& e = test::RealExportNamed("fosdem-2026-schedule.xml");
    fs::path src = fs::temp_directory_path() / ("ui-fosdem-" + std::to_string(::getpid()));
    test::MakeExportSource(FORUM_FIXTURE, fs::path(FORUM_SOURCE_DIR) / ".." / "shared" / "testdata" / "schedules" / e.file, e, src);
    db::Diagnostics diags;
    auto out = db::ReadSources(src, diags);
    fs::remove_all(src);
    return out;
  }();
  return c;
}

// A harness showing FOSDEM 2026 on its first morning, in English, on the schedule.
struct FosdemSchedule {
  test::Harness h;
  FosdemSchedule(int w = 1920, int h_px = 1080) : h(w, h_px) {
    REQUIRE(Fosdem());
    h.Swap(Fosdem());
    h.s.now_utc = kFosdemMorning;
    h.s.lang = "en";
    h.Settle();
    REQUIRE(h.Tap("schedule/nav"));
    h.Settle();
  }
};

// The ids of the session rows on screen, top to bottom.
std::vector<std::string> Rows(const test::Harness& h) {
  std::vector<std::pair<float, std::string>> rows;
  const std::string suffix = "/session";
  for (const auto& t : h.targets())
    if (t.key.size() > suffix.size() && t.key.compare(t.key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string id = t.key.substr(0, t.key.size() - suffix.size());
      rows.push_back({t.y0, id.substr(id.rfind('/') + 1)});
    }
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.second);
  return out;
}

// The options of the open chooser on screen ("" is "All").
std::vector<std::string> Options(const test::Harness& h) {
  std::vector<std::string> out;
  const std::string suffix = "/option";
  for (const auto& t : h.targets())
    if (t.key.size() > suffix.size() && t.key.compare(t.key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string id = t.key.substr(0, t.key.size() - suffix.size());
      out.push_back(id.substr(id.rfind('/') + 1));
    }
  return out;
}

// Types what a visitor would type for `name` on the on-screen keyboard: its letters and digits, folded.
void TypeName(test::Harness& h, const std::string& name) {
  for (char c : db::FoldForSearch(name)) {
    if (c == ' ') continue;
    std::string key = std::string("kb/") + c + "/key";
    REQUIRE_MESSAGE(h.Tap(key), key);
  }
}

}  // namespace

TEST_CASE("schedule: filters by day, room and track combine (the demo's rooms and tracks as chips)") {
  test::Harness h;
  REQUIRE(h.Tap("schedule/nav"));
  const db::Catalog& c = *h.s.catalog;
  // Six rooms and six tracks fit in two lines of chips: chips, no chooser.
  CHECK_FALSE(h.Visible("room-filter"));
  CHECK_FALSE(h.Visible("track-filter"));
  // A room and a track that share a session on the second day.
  const db::Session* both = nullptr;
  for (const auto& x : c.sessions)
    if (x.day_index == 2 && !x.room_id.empty() && !x.track_id.empty()) both = &x;
  REQUIRE(both);
  REQUIRE(h.Tap("2/day"));
  REQUIRE(h.Tap(both->room_id + "/room"));
  CHECK(h.s.room_filter == both->room_id);
  REQUIRE(h.Tap(both->track_id + "/track"));
  CHECK(h.s.track_filter == both->track_id);
  std::vector<std::string> rows = Rows(h);
  CHECK(std::find(rows.begin(), rows.end(), both->id) != rows.end());
  size_t expected = 0;
  for (const auto& x : c.sessions) expected += x.day_index == 2 && x.room_id == both->room_id && x.track_id == both->track_id;
  CHECK(rows.size() == expected);
  for (const auto& id : rows) {
    const db::Session* x = c.FindSession(id);
    CHECK(x->day_index == 2);
    CHECK(x->room_id == both->room_id);
    CHECK(x->track_id == both->track_id);
  }
  // "All rooms" keeps the track.
  REQUIRE(h.Tap("all-rooms"));
  CHECK(h.s.room_filter.empty());
  CHECK(h.s.track_filter == both->track_id);
  for (const auto& id : Rows(h)) CHECK(c.FindSession(id)->track_id == both->track_id);
  // The next visitor starts without them.
  REQUIRE(h.Tap(both->room_id + "/room"));
  CHECK(app::Tick(h.s, h.clock + 61));
  CHECK(h.s.room_filter.empty());
  CHECK(h.s.track_filter.empty());
}

TEST_CASE("schedule at FOSDEM's size: one control per filter, at least 8 rows, opening at now") {
  FosdemSchedule f;
  test::Harness& h = f.h;
  const db::Catalog& c = *h.s.catalog;
  REQUIRE(c.tracks.size() > 60);
  // No chip per track or room: one control each.
  CHECK(h.Visible("room-filter"));
  CHECK(h.Visible("track-filter"));
  for (const auto& t : h.targets()) CHECK_MESSAGE(t.key.find("/track") == std::string::npos, t.key);
  std::vector<std::string> rows = Rows(h);
  CHECK(rows.size() >= 8);
  // The first row is on now (11:00), not the day's first session (09:30).
  REQUIRE(!rows.empty());
  const db::Session* first = c.FindSession(rows.front());
  CHECK(first->starts_utc <= kFosdemMorning);
  CHECK(first->ends_utc > kFosdemMorning);
  // What is over is above, dimmed, reachable by scrolling up: a drag down brings it.
  const auto* row = h.Find(rows.front() + "/session");
  ImVec2 from((row->x0 + row->x1) / 2, row->y0 + 10);
  h.Drag(from, ImVec2(from.x, from.y + 500));
  h.Settle();
  std::vector<std::string> after = Rows(h);
  REQUIRE(!after.empty());
  CHECK(c.FindSession(after.front())->ends_utc <= kFosdemMorning);
  // Only the rows in view are drawn: a day of hundreds of sessions gives a screenful of rows.
  CHECK(after.size() < 20);
}

TEST_CASE("schedule: the chooser lists the day's tracks, narrows as the visitor types, and chooses") {
  FosdemSchedule f;
  test::Harness& h = f.h;
  const db::Catalog& c = *h.s.catalog;
  REQUIRE(h.Tap("track-filter"));
  CHECK(h.s.chooser == ScheduleChooser::Track);
  std::vector<std::string> all = Options(h);
  REQUIRE(all.size() >= 8);
  CHECK(all.front() == "all");  // "All tracks" first
  // A track of the day and the first word of its name, which few other tracks' names have ("Rust" is on
  // the other day).
  const auto& day_tracks = h.s.schedule_view.tracks;
  const db::Track* rust = nullptr;
  std::string word;
  for (const auto& o : day_tracks) {
    if (o.words.empty() || o.words.front().size() < 4) continue;
    size_t with = std::count_if(day_tracks.begin(), day_tracks.end(), [&](const app::FilterOption& x) {
      return std::any_of(x.words.begin(), x.words.end(), [&](const std::string& w) { return w.rfind(o.words.front(), 0) == 0; });
    });
    if (with <= 3) {
      rust = c.FindTrack(o.id);
      word = o.words.front();
      break;
    }
  }
  REQUIRE(rust);
  CAPTURE(word);
  TypeName(h, word);
  CHECK(h.s.chooser_query == word);
  CHECK(h.s.search_query.empty());  // the search's query is not touched
  std::vector<std::string> narrowed = Options(h);
  CHECK(narrowed.size() < all.size());
  CHECK(std::find(narrowed.begin(), narrowed.end(), rust->id) != narrowed.end());
  for (const auto& id : narrowed)
    if (id != "all") CHECK(db::FoldForSearch(c.Tr(c.FindTrack(id)->name, "en")).find(word) != std::string::npos);
  // Folded as the search folds: capitals and accents find it too.
  h.s.Do({.kind = app::Action::Kind::ClearQuery});
  std::string shouted;  // the word in capitals, its first vowel with a diaeresis: "GÉOSPATIAL"
  for (char ch : word) shouted += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (size_t v = shouted.find_first_of("AEIOU"); v != std::string::npos)
    shouted.replace(v, 1, std::string(shouted[v] == 'A' ? "\xC3\x84" : shouted[v] == 'E' ? "\xC3\x8B" : shouted[v] == 'I' ? "\xC3\x8F" : shouted[v] == 'O' ? "\xC3\x96" : "\xC3\x9C"));
  CAPTURE(shouted);
  h.s.Do({.kind = app::Action::Kind::Type, .id = shouted});
  h.Settle();
  narrowed = Options(h);
  CHECK(std::find(narrowed.begin(), narrowed.end(), rust->id) != narrowed.end());
  // Tapping it chooses it and closes the sheet; the list holds only its sessions.
  REQUIRE(h.Tap(rust->id + "/option"));
  CHECK(h.s.track_filter == rust->id);
  CHECK(h.s.chooser == ScheduleChooser::None);
  CHECK(h.s.chooser_query.empty());
  for (const auto& id : Rows(h)) CHECK(c.FindSession(id)->track_id == rust->id);
  // Opened again, the choice is marked (a selected card) and "All" undoes it.
  REQUIRE(h.Tap("track-filter"));
  REQUIRE(h.Tap("all/option"));
  CHECK(h.s.track_filter.empty());
  // Back closes it with nothing chosen.
  REQUIRE(h.Tap("track-filter"));
  REQUIRE(h.Tap("chooser-close"));
  CHECK(h.s.chooser == ScheduleChooser::None);
  CHECK(h.s.track_filter.empty());
}

TEST_CASE("schedule: a room with nothing on now says when its next session starts") {
  FosdemSchedule f;
  test::Harness& h = f.h;
  const db::Catalog& c = *h.s.catalog;
  // A room of the first day with nothing on at 11:00 and a session later that day, and its next start.
  const db::Room* idle = nullptr;
  int64_t next = 0;
  for (const auto& r : c.rooms) {
    bool on = false;
    int64_t later = 0;
    for (const auto& x : c.sessions) {
      if (x.room_id != r.id || x.day_index != 1) continue;
      on |= x.starts_utc <= kFosdemMorning && kFosdemMorning < x.ends_utc;
      if (x.starts_utc > kFosdemMorning && (!later || x.starts_utc < later)) later = x.starts_utc;
    }
    if (!on && later) {
      idle = &r;
      next = later;
      break;
    }
  }
  REQUIRE(idle);
  // Chosen as a visitor would: the room control, its name typed, its row tapped.
  REQUIRE(h.Tap("room-filter"));
  CHECK(h.s.chooser == ScheduleChooser::Room);
  TypeName(h, c.Tr(idle->name, "en"));
  std::vector<std::string> options = Options(h);
  CHECK(options.size() <= 4);
  REQUIRE(h.Tap(idle->id + "/option"));
  CHECK(h.s.room_filter == idle->id);
  CHECK(h.s.schedule_view.status == "Nothing on in this room now, next at " + app::ClockTime(next, c.forum.utc_offset_min));
  std::vector<std::string> rows = Rows(h);
  REQUIRE(!rows.empty());
  CHECK(c.FindSession(rows.front())->starts_utc == next);  // the list opens at it
  for (const auto& id : rows) CHECK(c.FindSession(id)->room_id == idle->id);
  // In Russian too, with the time as the kiosk writes it.
  h.s.Do({.kind = app::Action::Kind::SetLanguage, .id = "ru"});
  h.Settle();
  CHECK(h.s.schedule_view.status.find(app::ClockTime(next, c.forum.utc_offset_min)) != std::string::npos);
  CHECK(h.s.schedule_view.status.find("зале") != std::string::npos);
  // On the other day, not "now": no such line.
  REQUIRE(h.Tap("2/day"));
  CHECK(h.s.schedule_view.status.empty());
  // A room with something on now: no such line either.
  for (const auto& x : c.sessions)
    if (x.day_index == 1 && x.starts_utc <= kFosdemMorning && kFosdemMorning < x.ends_utc) {
      h.s.Do({.kind = app::Action::Kind::SelectDay, .number = 1});
      h.s.Do({.kind = app::Action::Kind::FilterRoom, .id = x.room_id});
      break;
    }
  h.Settle();
  CHECK(h.s.schedule_view.status.empty());
}

TEST_CASE("schedule: the chooser fits a portrait screen and reach mode, keys and rows whole") {
  for (bool reach : {false, true})
    for (auto [w, h_px] : {std::pair{1080, 1920}, std::pair{1920, 1080}}) {
      CAPTURE(reach);
      CAPTURE(w);
      FosdemSchedule f(w, h_px);
      test::Harness& h = f.h;
      if (reach) {
        h.s.Do({.kind = app::Action::Kind::Toggle, .mode = app::A11yMode::Reach});
        h.Settle();
      }
      h.overflows.clear();
      REQUIRE(h.Tap("room-filter"));
      h.Settle();
      CHECK(h.overflows.empty());
      // "All rooms" and at least two rooms to tap, each a finger high; the keyboard's keys there too.
      CHECK(Options(h).size() >= 3);
      for (const auto& t : h.targets())
        if (t.key.find("/option") != std::string::npos || t.key.find("/key") != std::string::npos) {
          if (t.y1 - t.y0 < t.full_h - 0.5f) continue;  // a row the list scrolled partly away
          CHECK_MESSAGE(t.y1 - t.y0 >= h.s.metrics.touch, t.key);
        }
      for (const char* key : {"kb/a/key", "kb/5/key", "kb/backspace/key", "chooser-close"}) CHECK_MESSAGE(h.Visible(key), key);
      // In reach mode every control is in the lower half.
      if (reach)
        for (const auto& t : h.targets())
          if (t.key.find("/option") != std::string::npos || t.key.find("/key") != std::string::npos)
            CHECK_MESSAGE(t.y0 >= h_px / 2 - 1, t.key);
    }
}
