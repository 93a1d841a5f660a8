// The real screens, driven as a visitor would: taps and drags through the headless harness.
#include <doctest/doctest.h>

#include "harness.h"

using app::Screen;

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

TEST_CASE("every touch target is at least 9 mm tall") {
  test::Harness h;
  for (const char* nav : {"home/nav", "map/nav", "exhibitors/nav", "agreements/nav", "schedule/nav"}) {
    REQUIRE(h.Tap(nav));
    // (The map's own canvas and booths are excluded: booths are sized by the floor plan.)
    h.Frame();
    for (const char* key : {"/nav", "/card", "/tile", "/country", "/track", "/day", "zoom-in", "zoom-out", "/session"}) {
      const auto* t = h.Find(key);
      if (!t || t->y1 - t->y0 < 1) continue;
      float full = t->y1 - t->y0;
      CHECK_MESSAGE(full >= h.s.metrics.touch - 0.5f, key << " on " << nav << " is " << full << " px tall");
    }
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
  const std::string first = h.s.catalog->sessions.front().id;
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

TEST_CASE("the language picker switches the language; the idle reset returns home in the default language") {
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
