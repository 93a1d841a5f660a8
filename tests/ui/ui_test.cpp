// The real screens, driven as a visitor would: taps and drags through the headless harness.
#include <doctest/doctest.h>

#include "app/state/report.h"
#include "harness.h"

using app::Screen;

TEST_CASE("screens and accessibility modes go by one name each: the command line's, the report's, the targets'") {
  for (int i = 0; i < app::kScreenCount; ++i) {
    Screen screen = static_cast<Screen>(i), back = Screen::Home;
    CHECK(app::ScreenFromName(app::ScreenName(screen), back));
    CHECK(back == screen);
  }
  Screen out;
  CHECK_FALSE(app::ScreenFromName("attract", out));  // a view main knows, not a screen
  CHECK_FALSE(app::ScreenFromName("", out));
  test::Harness h;
  for (int i = 0; i < app::kA11yModeCount; ++i) {
    auto mode = static_cast<app::A11yMode>(i);
    CHECK_FALSE(h.s.Mode(mode));
    h.s.Do({.kind = app::Action::Kind::Toggle, .mode = mode});
    app::ApplyActions(h.s);
    CHECK(h.s.Mode(mode));
    std::string report = app::DescribeScreen(h.s, {});
    CHECK_MESSAGE(report.find(std::string(app::A11yModeName(mode)) + " 1\n") != std::string::npos, report);
  }
  CHECK((h.s.reach && h.s.large_text && h.s.high_contrast));
}

TEST_CASE("the navigation bar reaches every screen, and home tiles open theirs") {
  test::Harness h;
  CHECK(h.s.screen == Screen::Home);
  for (auto [key, screen] : {std::pair{"map/nav", Screen::Map}, {"exhibitors/nav", Screen::Exhibitors},
                             {"agreements/nav", Screen::Agreements}, {"schedule/nav", Screen::Schedule},
                             {"home/nav", Screen::Home}}) {
    REQUIRE_MESSAGE(h.Tap(key), key);
    CHECK(h.s.screen == screen);
  }
  REQUIRE(h.Tap("agreements/tile"));
  CHECK(h.s.screen == Screen::Agreements);
}

namespace {

// Every target of the frame that is smaller than 12 mm either way, measured whole (a row a list scrolled
// half away still counts at its full size), as "key W x H".
std::vector<std::string> SmallTargets(const test::Harness& h, const std::string& view) {
  std::vector<std::string> small;
  float min = 12.0f * h.s.metrics.px_per_mm - 0.5f;
  for (const auto& t : h.targets()) {
    float w = t.full_w > 0 ? t.full_w : t.x1 - t.x0, ht = t.full_h > 0 ? t.full_h : t.y1 - t.y0;
    if (w < min || ht < min)
      small.push_back(view + ": " + t.key + " " + std::to_string(int(w)) + " x " + std::to_string(int(ht)) + " px");
  }
  return small;
}

}  // namespace

TEST_CASE("every touch target on every screen and sheet is at least 12 mm in both directions, landscape and portrait") {
  for (auto [w, ht] : {std::pair{1920, 1080}, {1080, 1920}}) {
    test::Harness h(w, ht);
    h.s.verify_pin = [](const std::string& pin) { return pin == "2468"; };
    std::vector<std::string> small;
    size_t measured = 0;
    auto audit = [&](const std::string& view) {
      h.Frame();
      measured += h.targets().size();
      for (auto& s : SmallTargets(h, view + " " + std::to_string(w) + "x" + std::to_string(ht))) small.push_back(s);
    };
    using K = app::Action::Kind;
    auto go = [&](app::Action a, const std::string& view) {
      h.s.Do(a);
      h.Settle();
      audit(view);
    };
    for (auto screen : {Screen::Home, Screen::Map, Screen::Exhibitors, Screen::Agreements, Screen::Schedule, Screen::Search})
      go({.kind = K::Go, .screen = screen}, app::ScreenName(screen));
    go({.kind = K::Type, .id = "a"}, "search results");
    go({.kind = K::SetKeyboard, .number = 1}, "Cyrillic keyboard");
    go({.kind = K::OpenExhibitor, .id = "astana-hub"}, "profile");
    go({.kind = K::OpenAgreement, .id = "technoparks-2022"}, "agreement");
    go({.kind = K::OpenSession, .id = h.s.catalog->sessions.front().id}, "session");
    go({.kind = K::ShowOnMap, .id = "booth-a1"}, "map from a profile");
    h.s.language_picker = true;
    h.Settle();
    audit("language sheet");
    h.s.language_picker = false;
    go({.kind = K::OpenPinPad}, "PIN pad");
    for (const char* d : {"2", "4", "6", "8"}) h.s.Do({.kind = K::StaffDigit, .id = d});
    go({.kind = K::StaffSubmit}, "staff panel");
    go({.kind = K::StaffClose}, "home after staff");
    h.s.attract = true;
    h.Settle();
    audit("attract loop");
    h.s.attract = false;
    h.s.last_input_s = h.clock - 45;  // the idle warning
    app::Tick(h.s, h.clock);
    h.Settle();
    audit("idle warning");
    CHECK(measured > 200);  // the audit saw the screens' targets, not an empty frame
    CHECK_MESSAGE(small.empty(), small.size() << " targets under 12 mm, e.g. " << (small.empty() ? "" : small.front()));
    for (size_t i = 0; i < std::min<size_t>(small.size(), 20); ++i) MESSAGE(small[i]);
  }
}

TEST_CASE("tapping a booth on the map opens its exhibitor's profile") {
  test::Harness h;
  REQUIRE(h.Tap("map/nav"));
  REQUIRE(h.Tap("booth/booth-a1"));
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == "astana-hub");
  // The profile's "show on map" leads back to the booth, highlighted.
  REQUIRE(h.Tap("show-on-map"));
  CHECK(h.s.screen == Screen::Map);
  CHECK(h.s.map_focus == "booth-a1");
}

TEST_CASE("an agreement's party opens that party's profile") {
  test::Harness h;
  REQUIRE(h.Tap("agreements/nav"));
  REQUIRE(h.Tap("technoparks-2022/card"));
  CHECK(h.s.agreement_id == "technoparks-2022");
  REQUIRE(h.Tap("sabah-lab/party"));
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == "sabah-lab");
  REQUIRE(h.Tap("back"));
  CHECK(h.s.exhibitor_id.empty());
}

TEST_CASE("a session opens its detail and its room on the map") {
  test::Harness h;
  REQUIRE(h.Tap("schedule/nav"));
  // The first row on screen (the list opens at what is on now).
  std::string first;
  for (const auto& t : h.targets())
    if (first.empty() && t.key.size() > 8 && t.key.compare(t.key.size() - 8, 8, "/session") == 0)
      first = t.key.substr(0, t.key.size() - 8);
  REQUIRE(!first.empty());
  first = first.substr(first.rfind('/') + 1);
  REQUIRE(h.Tap(first + "/session"));
  CHECK(h.s.session_id == first);
  REQUIRE(h.Tap("show-on-map"));
  CHECK(h.s.screen == Screen::Map);
  const db::Room* room = h.s.catalog->FindRoom(h.s.catalog->FindSession(first)->room_id);
  CHECK(h.s.map_focus == room->location_id);
}

TEST_CASE("the country filter keeps only that country's exhibitors") {
  test::Harness h;
  REQUIRE(h.Tap("exhibitors/nav"));
  CHECK(h.Visible("sabah-lab/card"));
  REQUIRE(h.Tap("KZ/country"));
  CHECK(h.s.country_filter == "KZ");
  CHECK(h.Visible("astana-hub/card"));
  CHECK_FALSE(h.Visible("sabah-lab/card"));
  REQUIRE(h.Tap("all"));
  CHECK(h.Visible("sabah-lab/card"));
}

TEST_CASE("the track filter and day tabs of the schedule") {
  test::Harness h;
  REQUIRE(h.Tap("schedule/nav"));
  const db::Catalog& c = *h.s.catalog;
  const db::Track& track = c.tracks.front();
  REQUIRE(h.Tap(track.id + "/track"));
  CHECK(h.s.track_filter == track.id);
  for (const auto& x : c.sessions)
    if (x.track_id != track.id) CHECK_FALSE(h.Visible(x.id + "/session"));
  REQUIRE(h.Tap("2/day"));
  CHECK(h.s.day_index == 2);
}

TEST_CASE("the language picker switches the language, the idle reset returns home in the default language") {
  test::Harness h;
  REQUIRE(h.Tap("language"));
  CHECK(h.s.language_picker);
  REQUIRE(h.Tap("ru/lang"));
  CHECK(h.s.lang == "ru");
  CHECK_FALSE(h.s.language_picker);
  REQUIRE(h.Tap("exhibitors/nav"));
  REQUIRE(h.Tap("KZ/country"));
  REQUIRE(h.Tap("astana-hub/card"));
  CHECK(h.s.exhibitor_id == "astana-hub");
  CHECK_FALSE(app::Tick(h.s, h.clock + 30));  // half a minute later: still the visitor's
  CHECK(h.s.exhibitor_id == "astana-hub");
  CHECK(app::Tick(h.s, h.clock + 61));        // a minute without a touch
  CHECK(h.s.screen == Screen::Home);
  CHECK(h.s.lang == h.s.catalog->forum.default_language);
  CHECK(h.s.exhibitor_id.empty());
  CHECK(h.s.country_filter.empty());
}

TEST_CASE("dragging a list scrolls it and does not count as a tap") {
  test::Harness h(1080, 1920);
  h.s.now_utc -= 86400;  // the day before the forum: the schedule opens at its first session
  REQUIRE(h.Tap("schedule/nav"));
  const std::string id = h.s.catalog->sessions[6].id;
  const auto* row = h.Find(id + "/session");
  REQUIRE(row);
  float y_before = row->y0;
  ImVec2 from((row->x0 + row->x1) / 2, (row->y0 + row->y1) / 2);
  h.Drag(from, ImVec2(from.x, from.y - 400));
  CHECK(h.s.session_id.empty());  // no session opened
  const auto* moved = h.Find(id + "/session");
  REQUIRE(moved);
  CHECK(moved->y0 < y_before - 300);  // the list followed the finger
}

TEST_CASE("a page opened again starts at its top, also after the idle reset") {
  test::Harness h(1080, 1920);
  h.s.now_utc -= 86400;  // the day before the forum: the schedule opens at its top (on a forum day: at now)
  REQUIRE(h.Tap("schedule/nav"));
  const std::string id = h.s.catalog->sessions[6].id;
  const float top = h.Find(id + "/session")->y0;
  const auto* row = h.Find(id + "/session");
  ImVec2 from((row->x0 + row->x1) / 2, (row->y0 + row->y1) / 2);
  h.Drag(from, ImVec2(from.x, from.y - 400));
  REQUIRE(h.Find(id + "/session")->y0 < top - 300);
  CHECK(app::Tick(h.s, h.clock + 61));
  h.Settle();
  REQUIRE(h.Tap("attract"));  // the attract loop: a touch starts the next visit
  REQUIRE(h.Tap("schedule/nav"));
  CHECK(h.Find(id + "/session")->y0 == doctest::Approx(top));
}
