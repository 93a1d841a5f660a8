// The schedule of a real conference on the real kiosk: FOSDEM 2026 (its real export, built by the real
// kiosk-snapshot), full screen on 1920x1080 under Xvfb, on its first morning (--now), touched through the
// X server. Screenshots in build/screenshots/journeys/schedule-fosdem-*.png.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "db/snapshot/loader.h"
#include "db/snapshot/search_fold.h"
#include "live_kiosk.h"

using e2e::LiveKiosk;
using e2e::Report;
using e2e::XServer;

namespace {

constexpr const char* kNow = "2026-01-31T11:00";
constexpr int64_t kNowUtc = 1769853600;  // the same, 10:00 UTC (Brussels is +01:00)

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The ids of the targets ending in `/suffix`, top to bottom ("schedule/…/7650/session" -> "7650").
std::vector<std::string> Ids(const Report& r, const std::string& suffix) {
  std::vector<std::pair<float, std::string>> found;
  for (const auto& t : r.targets)
    if (EndsWith(t.key, "/" + suffix)) {
      std::string id = t.key.substr(0, t.key.size() - suffix.size() - 1);
      found.push_back({t.y0, id.substr(id.rfind('/') + 1)});
    }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(f.second);
  return out;
}

Report TapOn(LiveKiosk& k, const std::string& key) {
  auto r = k.Tap(key);
  REQUIRE_MESSAGE(r.has_value(), "no target '" << key << "' on screen: " << k.Now().Summary());
  return *r;
}

}  // namespace

TEST_CASE("real taps on FOSDEM 2026's schedule: opens at now, 8+ rows, the room chooser searched on the keyboard") {
  std::string snap = e2e::RealExportSnapshot("fosdem-2026-schedule.xml", "fosdem-2026-schedule");
  REQUIRE(!snap.empty());
  auto loaded = db::LoadCatalog(snap);
  REQUIRE(loaded);
  const db::Catalog& c = *loaded.value();
  XServer x(1920, 1080);
  REQUIRE(x.ok());
  LiveKiosk k(x, {"--snapshot", snap, "--lang", "en", "--now", kNow}, "schedule-fosdem");
  REQUIRE_MESSAGE(k.Settle(), k.Log());
  Report r = TapOn(k, "schedule/nav");
  CHECK(r.Get("screen") == "schedule");
  // A screenful of sessions, not one row under 11 rows of chips: one control per filter.
  std::vector<std::string> rows = Ids(r, "session");
  CHECK(rows.size() >= 8);
  CHECK(r.Find("room-filter"));
  CHECK(r.Find("track-filter"));
  CHECK(Ids(r, "track").empty());
  // It opens at now: the first row is on at 11:00 (not the 09:30 opening).
  REQUIRE(!rows.empty());
  const db::Session* first = c.FindSession(rows.front());
  REQUIRE(first);
  CHECK(first->starts_utc <= kNowUtc);
  CHECK(first->ends_utc > kNowUtc);
  k.Shot("schedule-fosdem-now");

  // A room with nothing on at 11:00 and a session later that morning, whose name has letters to type.
  const db::Room* room = nullptr;
  int64_t next = 0;
  for (const auto& rm : c.rooms) {
    bool on = false;
    int64_t later = 0;
    for (const auto& s : c.sessions) {
      if (s.room_id != rm.id || s.day_index != 1) continue;
      on |= s.starts_utc <= kNowUtc && kNowUtc < s.ends_utc;
      if (s.starts_utc > kNowUtc && (!later || s.starts_utc < later)) later = s.starts_utc;
    }
    if (!on && later) {
      room = &rm;
      next = later;
      break;
    }
  }
  REQUIRE(room);
  const std::string name = c.Tr(room->name, "en");
  CAPTURE(name);

  // The room control opens the chooser: "All rooms" first, then the day's rooms.
  r = TapOn(k, "room-filter");
  CHECK(r.Overlay("chooser_room"));
  std::vector<std::string> all = Ids(r, "option");
  CHECK(all.size() >= 8);
  k.Shot("schedule-fosdem-chooser");
  // Typing its name on the on-screen keyboard narrows the list to it (and the few that share the letters).
  std::string typed;
  for (char ch : db::FoldForSearch(name)) {
    if (ch == ' ') continue;
    typed += ch;
    r = TapOn(k, std::string("kb/") + ch + "/key");
  }
  CHECK(r.Get("chooser_query") == typed);
  std::vector<std::string> narrowed = Ids(r, "option");
  CHECK(narrowed.size() < all.size());
  CHECK(narrowed.size() <= 4);
  CHECK(std::find(narrowed.begin(), narrowed.end(), room->id) != narrowed.end());
  k.Shot("schedule-fosdem-chooser-typed");
  // Tapping it filters the list to that room, and says when its next session starts.
  r = TapOn(k, room->id + "/option");
  CHECK(r.Get("room") == room->id);
  CHECK_FALSE(r.Overlay("chooser_room"));
  char hhmm[6];
  int64_t local = next + c.forum.utc_offset_min * 60;
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", int(local / 3600 % 24), int(local / 60 % 60));
  CHECK(r.Get("schedule_status") == std::string("Nothing on in this room now, next at ") + hhmm);
  rows = Ids(r, "session");
  REQUIRE(!rows.empty());
  for (const auto& id : rows) CHECK(c.FindSession(id)->room_id == room->id);
  CHECK(c.FindSession(rows.front())->starts_utc == next);  // at its next session; the past ones above
  k.Shot("schedule-fosdem-room");
}
