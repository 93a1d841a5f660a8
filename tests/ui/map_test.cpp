// The map as a visitor meets it: every place answers a tap, labels keep clear of shapes, marks, each other
// and the controls, "show on map" keeps "you are here" in view, and the plan uses the screen.
#include <doctest/doctest.h>

#include <sstream>
#include <stdexcept>

#include "app/map/map_geometry.h"
#include "app/map/map_card.h"
#include "app/map/route_words.h"
#include "app/theme.h"
#include "app/ui.h"
#include "harness.h"
#include "platform/fonts.h"

using app::Action;
using app::Screen;
using Target = app::AppState::Target;

namespace {

bool Overlap(const Target& a, const Target& b) { return a.x0 < b.x1 - 0.5f && b.x0 < a.x1 - 0.5f && a.y0 < b.y1 - 0.5f && b.y0 < a.y1 - 0.5f; }
bool Within(const Target& inner, const Target& outer) {
  return inner.x0 >= outer.x0 - 0.5f && inner.y0 >= outer.y0 - 0.5f && inner.x1 <= outer.x1 + 0.5f && inner.y1 <= outer.y1 + 0.5f;
}
bool Starts(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// The map's layout hook for one frame.
struct MapLayout {
  std::vector<Target> all;
  const Target* Get(const std::string& key) const {
    for (const auto& t : all)
      if (t.key == key) return &t;
    return nullptr;
  }
};
MapLayout Measure(test::Harness& h) {
  MapLayout l;
  h.s.map_layout = &l.all;
  h.Frame();
  h.s.map_layout = nullptr;
  return l;
}

// The fonts of the larger-text mode, as the kiosk builds them when it is switched on.
void TypeScale(test::Harness& h, float scale) {
  platform::FontSet fonts;
  std::string error;
  if (!fonts.Build(app::TextForGlyphs(h.s.catalog.get()), scale, app::TypeScale(), h.s.fonts, error)) throw std::runtime_error(error);
  unsigned char* px;
  int tw, th;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
}

// Every label inside the canvas, off the controls, off every other label, mark and (non-hall) shape.
std::string LabelProblems(const test::Harness& h, const MapLayout& l) {
  std::ostringstream out;
  const Target* canvas = l.Get("canvas");
  if (!canvas) return "no canvas recorded\n";
  for (const auto& a : l.all) {
    if (!Starts(a.key, "label/")) continue;
    std::string id = a.key.substr(6);
    if (!Within(a, *canvas)) out << a.key << " is cut at the edge of the map\n";
    for (const auto& b : l.all) {
      if (&a == &b) continue;
      bool own = b.key == "shape/" + id || b.key == "mark/" + id || (id == "here" && b.key == "here");
      if (own) continue;
      bool hall = Starts(b.key, "shape/") && h.s.catalog->FindLocation(b.key.substr(6)) &&
                  h.s.catalog->FindLocation(b.key.substr(6))->kind == db::LocationKind::Hall;
      bool solid = Starts(b.key, "label/") || Starts(b.key, "chrome/") || Starts(b.key, "mark/") || b.key == "here" ||
                   (Starts(b.key, "shape/") && !hall);
      if (solid && Overlap(a, b)) out << a.key << " lies over " << b.key << "\n";
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("map: every hall, room, stage and amenity opens its card, a booth still opens its exhibitor") {
  test::Harness h;
  REQUIRE(h.Tap("map/nav"));
  int places = 0;
  // Level by level (the demo has two): the switcher shows each, and every place of it answers.
  for (int level : h.s.catalog->LevelOrdinals())
  for (const auto& l : h.s.catalog->locations) {
    if (l.kind == db::LocationKind::Booth || l.kind == db::LocationKind::Kiosk) continue;
    if (!db::IsDestination(l.kind) && l.kind != db::LocationKind::Hall) continue;  // floors, corridors: no targets
    if (l.level != level) continue;
    if (app::ShownLevel(h.s) != level) {
      REQUIRE_MESSAGE(h.Tap("level/" + std::to_string(level)), "no switcher button for level " << level);
      REQUIRE(app::ShownLevel(h.s) == level);
    }
    std::string key = (l.is_polygon ? "place/" : "poi/") + l.id;
    const auto* t = h.Find(key);
    REQUIRE_MESSAGE(t, key << " is not a touch target");
    // Points are small: their target is not, in both directions.
    CHECK_MESSAGE(t->x1 - t->x0 >= 12 * h.s.metrics.px_per_mm - 0.5f, key << " is " << t->x1 - t->x0 << " px wide");
    CHECK_MESSAGE(t->y1 - t->y0 >= 12 * h.s.metrics.px_per_mm - 0.5f, key << " is " << t->y1 - t->y0 << " px tall");
    REQUIRE(h.Tap(key));
    CHECK_MESSAGE(h.s.map_card == l.id, "tapped " << key << ", card: '" << h.s.map_card << "'");
    CHECK(h.s.screen == Screen::Map);
    REQUIRE_MESSAGE(h.Tap("card/close"), "the card of " << l.id << " has no close button");
    CHECK(h.s.map_card.empty());
    ++places;
  }
  CHECK(places >= 23);  // the demo: a hall, 6 rooms, a stage, 4 entrances and exits, 6 amenities; stairs and lift on
                        // each level, 4 rooms and toilets upstairs
  // "You are here" answers too, on its level.
  REQUIRE(h.Tap("level/0"));
  REQUIRE(h.Tap("poi/here"));
  CHECK(h.s.map_card == "here");
  // A tap outside the card, on nothing, closes it; a booth opens its exhibitor.
  const auto* canvas = h.Find("plan");
  REQUIRE(canvas);
  h.TapAt(ImVec2(canvas->x1 - 5, canvas->y1 - 5));
  CHECK(h.s.map_card.empty());
  REQUIRE(h.Tap("place/stage-main"));
  REQUIRE(h.Tap("booth/booth-a1"));
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == "astana-hub");
  CHECK(h.s.map_card.empty());
}

TEST_CASE("map: a room's card says what is on there now and next, and a session opens from it") {
  test::Harness h;  // 2022-09-28 11:00
  const db::Catalog& c = *h.s.catalog;
  REQUIRE(h.Tap("map/nav"));
  int rooms_with_sessions = 0;
  for (const auto& room : c.rooms) {
    if (room.location_id.empty()) continue;
    REQUIRE(h.Tap("place/" + room.location_id));
    REQUIRE(h.s.map_card == room.location_id);
    // What the card should list: on now in that room, else the first to start there.
    const db::Session* expected = nullptr;
    for (const auto& x : c.sessions)
      if (x.room_id == room.id && x.ends_utc > h.s.now_utc) { expected = &x; break; }
    if (!expected) continue;
    ++rooms_with_sessions;
    CHECK_MESSAGE(h.Visible("card/" + expected->id + "/session"), room.id << ": no row for " << expected->id);
    CHECK(h.Tap("card/close"));
  }
  CHECK(rooms_with_sessions >= 3);
  REQUIRE(h.Tap("place/stage-main"));
  const auto* row = [&]() -> const Target* {
    for (const auto& t : h.targets())
      if (Starts(t.key, "card/") && t.key.size() > 8 && t.key.compare(t.key.size() - 8, 8, "/session") == 0) return &t;
    return nullptr;
  }();
  REQUIRE(row);
  std::string sid = row->key.substr(5, row->key.size() - 5 - 8);
  h.TapAt(ImVec2((row->x0 + row->x1) / 2, (row->y0 + row->y1) / 2));
  CHECK(h.s.screen == Screen::Schedule);
  CHECK(h.s.session_id == sid);
  CHECK(h.s.map_card.empty());
}

TEST_CASE("map: the card closes when the visitor leaves the map or the visit is reset") {
  test::Harness h;
  REQUIRE(h.Tap("map/nav"));
  REQUIRE(h.Tap("poi/amenity-toilet-accessible"));
  CHECK(h.s.map_card == "amenity-toilet-accessible");
  REQUIRE(h.Tap("zoom-in"));  // looking closer keeps it
  CHECK(h.s.map_card == "amenity-toilet-accessible");
  REQUIRE(h.Tap("home/nav"));
  CHECK(h.s.map_card.empty());
  REQUIRE(h.Tap("map/nav"));
  REQUIRE(h.Tap("place/room-conf-a"));
  h.s.Do({.kind = Action::Kind::ResetVisit});
  h.Settle();
  CHECK(h.s.map_card.empty());
}

TEST_CASE("map: labels lie over no other shape, mark, label or control and are never cut, in every layout") {
  test::Harness h;
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}, {1280, 720}}) {
    h.Resize(w, hgt);
    for (const char* lang : {"en", "kk", "ru"}) {
      for (int mode = 0; mode < 3; ++mode) {  // plain, reach, larger text
        h.s.lang = lang;
        h.s.reach = mode == 1;
        TypeScale(h, mode == 2 ? 1.3f : 1.0f);
        for (bool card : {false, true}) {
          h.s.Do({.kind = Action::Kind::Go, .screen = Screen::Map});
          h.Settle();
          if (card) {  // a room's card; on a small screen with larger text, whichever room is in view
            const app::AppState::Target* room = h.Find("place/room-conf-b");
            for (const auto& t : h.targets())
              if (!room && t.key.rfind("place/room", 0) == 0) room = &t;
            REQUIRE_MESSAGE(room, w << "x" << hgt << " " << std::string(lang) << " mode " << mode << ": no room in view");
            h.Tap(room->key);
          }
          MapLayout l = Measure(h);
          std::string where = std::to_string(w) + "x" + std::to_string(hgt) + " " + lang + (mode == 1 ? " reach" : mode == 2 ? " large" : "") +
                              (card ? " with a card" : "");
          std::string problems = LabelProblems(h, l);
          CHECK_MESSAGE(problems.empty(), where << ":\n" << problems);
          // Every booth keeps a label (at least its number), in reach mode and with larger text too (not in
          // reach mode on a 720p screen: a map 260 px tall, booths there need zooming in).
          for (const auto& loc : h.s.catalog->locations)
            if (loc.kind == db::LocationKind::Booth && !card && !(w == 1280 && mode == 1)) CHECK_MESSAGE(l.Get("label/" + loc.id), where << ": " << loc.id << " has no label");
          // "You are here" is named (on the small 720p screen in reach mode there may be no room).
          if (!card && w != 1280) CHECK_MESSAGE(l.Get("label/here"), where << ": no 'you are here' label");
        }
      }
    }
  }
  TypeScale(h, 1.0f);
}

TEST_CASE("map: with larger text, the symbols stay the size of their marks") {
  test::Harness h;
  REQUIRE(h.Tap("map/nav"));
  const Target* normal = nullptr;
  MapLayout a = Measure(h);
  normal = a.Get("mark/amenity-toilet");
  REQUIRE(normal);
  TypeScale(h, 1.3f);
  h.s.large_text = true;
  MapLayout b = Measure(h);
  const Target* large = b.Get("mark/amenity-toilet");
  REQUIRE(large);
  CHECK(large->x1 - large->x0 == doctest::Approx(normal->x1 - normal->x0));
  TypeScale(h, 1.0f);
}

TEST_CASE("map: the plan fills the space above the navigation bar, portrait and landscape") {
  for (auto [w, hgt] : {std::pair{1080, 1920}, {1920, 1080}}) {
    test::Harness h(w, hgt);
    REQUIRE(h.Tap("map/nav"));
    MapLayout l = Measure(h);
    const Target* canvas = l.Get("canvas");
    const Target* hall = l.Get("shape/hall-main");
    REQUIRE(canvas);
    REQUIRE(hall);
    float share_h = (hall->y1 - hall->y0) / (canvas->y1 - canvas->y0), share_w = (hall->x1 - hall->x0) / (canvas->x1 - canvas->x0);
    CHECK_MESSAGE(std::max(share_h, share_w) >= 0.85f, w << "x" << hgt << ": the plan takes " << share_w * 100 << "% of the width and "
                                                           << share_h * 100 << "% of the height");
    CHECK_MESSAGE(share_h >= 0.7f, w << "x" << hgt << ": the plan takes " << share_h * 100 << "% of the height");
    CHECK(Within(*hall, *canvas));
  }
}

TEST_CASE("map: show on map frames the place together with you-are-here, and zooming out brings it back") {
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    test::Harness h(w, hgt);
    // The kiosk stands where the demo's floor plan puts its kiosk point.
    const db::Location* kiosk = nullptr;
    for (const auto& l : h.s.catalog->locations)
      if (l.kind == db::LocationKind::Kiosk) kiosk = &l;
    REQUIRE(kiosk);
    h.s.has_position = true;
    h.s.here_x = float(kiosk->anchor.x), h.s.here_y = float(kiosk->anchor.y);
    for (const char* id : {"room-conf-a", "room-conf-b", "booth-c4", "booth-a1", "stage-main", "amenity-toilet", "exit-east"}) {
      h.s.Do({.kind = Action::Kind::ShowOnMap, .id = id});
      h.Settle();
      MapLayout l = Measure(h);
      const Target* canvas = l.Get("canvas");
      const Target* here = l.Get("here");
      const Target* place = l.Get(std::string("shape/") + id) ? l.Get(std::string("shape/") + id) : l.Get(std::string("mark/") + id);
      REQUIRE(canvas);
      REQUIRE(place);
      REQUIRE_MESSAGE(here, id << ": no you-are-here");
      std::string where = std::to_string(w) + "x" + std::to_string(hgt) + " " + id;
      CHECK_MESSAGE(Within(*here, *canvas), where << ": you-are-here off screen");
      CHECK_MESSAGE(Within(*place, *canvas), where << ": the place is off screen");
      CHECK_MESSAGE(l.Get("label/here"), where << ": you-are-here without its label");
      for (const auto& t : l.all)
        if (Starts(t.key, "chrome/")) {
          CHECK_MESSAGE(!Overlap(*here, t), where << ": you-are-here under " << t.key);
          CHECK_MESSAGE(!Overlap(*place, t), where << ": the place under " << t.key);
        }
      CHECK(h.s.map.zoom >= h.s.map.fit * 0.999f);  // never smaller than the whole plan
      CHECK(h.s.map_focus == id);
    }
    // Far from everything the visitor looks at (panned away, zoomed in all the way), zoom out brings
    // you-are-here back, and at the end the whole plan.
    h.s.map.cx = 78, h.s.map.cy = 48, h.s.map.zoom = h.s.map.fit * 8;
    h.Settle();
    CHECK_FALSE(Within(*Measure(h).Get("here"), *Measure(h).Get("canvas")));
    int taps = 0;
    while (taps < 10 && h.s.map.zoom > h.s.map.fit * 1.0001f) {
      REQUIRE(h.Tap("zoom-out"));
      ++taps;
    }
    CHECK(taps <= 7);
    MapLayout l = Measure(h);
    CHECK(Within(*l.Get("here"), *l.Get("canvas")));
    CHECK(Within(*l.Get("shape/hall-main"), *l.Get("canvas")));
    REQUIRE(h.Tap("zoom-out"));  // no further than the whole plan
    CHECK(h.s.map.zoom == doctest::Approx(h.s.map.fit));
  }
}

TEST_CASE("map: a place too far from you-are-here to show both readably is shown alone, and zoom out finds you-are-here") {
  test::Harness h;
  h.s.has_position = true;
  h.s.here_x = 900, h.s.here_y = -600;  // a kiosk placed far outside this hall
  h.s.Do({.kind = Action::Kind::ShowOnMap, .id = "booth-c4"});
  h.Settle();
  MapLayout l = Measure(h);
  const Target* booth = l.Get("shape/booth-c4");
  REQUIRE(booth);
  CHECK(Within(*booth, *l.Get("canvas")));
  CHECK(std::min(booth->x1 - booth->x0, booth->y1 - booth->y0) >= 12 * h.s.metrics.px_per_mm - 0.5f);  // big enough to tap
  CHECK_FALSE(Within(*l.Get("here"), *l.Get("canvas")));
  for (int i = 0; i < 12 && h.s.map.zoom > h.s.map.fit * 1.0001f; ++i) REQUIRE(h.Tap("zoom-out"));
  l = Measure(h);
  CHECK(Within(*l.Get("here"), *l.Get("canvas")));
}

TEST_CASE("map: a drag pans the turned portrait plan with the finger") {
  test::Harness h(1080, 1920);
  REQUIRE(h.Tap("map/nav"));
  MapLayout a = Measure(h);
  const Target* before = a.Get("shape/stage-main");
  REQUIRE(before);
  Target was = *before;
  h.Drag(ImVec2(540, 900), ImVec2(440, 1100));
  MapLayout b = Measure(h);
  const Target* after = b.Get("shape/stage-main");
  REQUIRE(after);
  CHECK(after->x0 - was.x0 == doctest::Approx(-100).epsilon(0.1));
  CHECK(after->y0 - was.y0 == doctest::Approx(200).epsilon(0.1));
  CHECK(h.s.screen == Screen::Map);
  CHECK(h.s.map_card.empty());  // a drag is not a tap
}

TEST_CASE("map: every place's card fits its words in each of the seven languages, landscape and portrait") {
  test::Harness h;
  std::string problems;
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    h.Resize(w, hgt);
    for (const char* lang : {"kk", "ru", "en", "tr", "az", "uz", "ky"}) {
      h.s.lang = lang;
      h.s.Do({.kind = Action::Kind::Go, .screen = Screen::Map});
      h.Settle();
      for (const auto& l : h.s.catalog->locations) {
        if (l.kind == db::LocationKind::Booth || l.kind == db::LocationKind::Kiosk) continue;
        h.overflows.clear();
        h.s.Do({.kind = Action::Kind::MapCard, .id = l.id});
        h.Settle();
        for (const auto& o : h.overflows) problems += std::string(lang) + " " + l.id + ": " + o + "\n";
        const auto* sheet = h.Find("card/sheet");
        const auto* plan = h.Find("plan");
        if (!sheet || !plan || sheet->x0 < plan->x0 || sheet->x1 > plan->x1 || sheet->y0 < plan->y0 || sheet->y1 > plan->y1)
          problems += std::string(lang) + " " + l.id + ": the card is not inside the map\n";
      }
    }
  }
  CHECK_MESSAGE(problems.empty(), problems);
}

TEST_CASE("map: every touch target of the map is at least 12 mm both ways, in every layout and mode") {
  test::Harness h;
  float min = 12 * h.s.metrics.px_per_mm - 0.5f;
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    h.Resize(w, hgt);
    for (bool reach : {false, true})
      for (const char* card : {"", "room-conf-b", "amenity-cafe"}) {
        h.s.reach = reach;
        h.s.Do({.kind = Action::Kind::Go, .screen = Screen::Map});
        h.Settle();
        if (*card) h.s.Do({.kind = Action::Kind::MapCard, .id = card}), h.Settle();
        const auto* plan = h.Find("plan");
        REQUIRE(plan);
        for (const auto& t : h.targets()) {
          bool map = Starts(t.key, "booth/") || Starts(t.key, "place/") || Starts(t.key, "poi/") || Starts(t.key, "card/") ||
                     t.key == "zoom-in" || t.key == "zoom-out" || t.key == "back";
          if (!map) continue;
          // An area cut by the edge of a zoomed-in plan is only partly on screen, like a list row scrolled
          // half out (points are not: their targets move inside whole).
          bool cut = t.x0 <= plan->x0 + 0.5f || t.y0 <= plan->y0 + 0.5f || t.x1 >= plan->x1 - 0.5f || t.y1 >= plan->y1 - 0.5f;
          if (cut && (Starts(t.key, "booth/") || Starts(t.key, "place/"))) continue;
          std::string where = std::to_string(w) + "x" + std::to_string(hgt) + (reach ? " reach " : " ") + card + ": " + t.key;
          CHECK_MESSAGE(t.x1 - t.x0 >= min, where << " is " << t.x1 - t.x0 << " px wide");
          CHECK_MESSAGE(t.y1 - t.y0 >= min, where << " is " << t.y1 - t.y0 << " px tall");
        }
      }
  }
}

TEST_CASE("map: switching reach mode or turning the screen starts a fresh view of the whole plan") {
  test::Harness h;
  REQUIRE(h.Tap("map/nav"));
  REQUIRE(h.Tap("zoom-in"));
  REQUIRE(h.Tap("zoom-in"));
  CHECK(h.s.map.zoom > h.s.map.fit * 1.5f);
  REQUIRE(h.Tap("reach/toggle"));
  CHECK(h.s.reach);
  MapLayout l = Measure(h);
  CHECK(h.s.map.zoom < h.s.map.fit * 3.01f);
  CHECK(Within(*l.Get("here"), *l.Get("canvas")));
  REQUIRE(h.Tap("reach/toggle"));
  h.Resize(1080, 1920);
  l = Measure(h);
  CHECK(h.s.map.zoom == doctest::Approx(h.s.map.fit));
  CHECK(Within(*l.Get("shape/hall-main"), *l.Get("canvas")));
}

TEST_CASE("map: a place's card leaves the place in view (portrait: at the bottom, or at the top for a place down there)") {
  test::Harness h(1080, 1920);
  REQUIRE(h.Tap("map/nav"));
  for (const char* id : {"room-conf-a", "room-conf-b", "amenity-toilet", "stage-main", "room-startup-alley"}) {
    h.s.Do({.kind = Action::Kind::MapCard, .id = id});
    h.Settle();
    MapLayout l = Measure(h);
    const Target* card = l.Get("chrome/card");
    const Target* place = l.Get(std::string("shape/") + id) ? l.Get(std::string("shape/") + id) : l.Get(std::string("mark/") + id);
    REQUIRE(card);
    REQUIRE(place);
    CHECK_MESSAGE(!Overlap(*card, *place), id << ": the card hides the place");
    CHECK_MESSAGE(!Overlap(*card, *l.Get("chrome/zoom")), id << ": the card hides the zoom buttons");
  }
}

TEST_CASE("map: a pinch zooms about the fingers, the place under them stays there, and the zoom stays within its limits") {
  test::Harness h;
  REQUIRE(h.Tap("map/nav"));
  MapLayout a = Measure(h);
  const Target* booth = a.Get("shape/booth-b2");
  REQUIRE(booth);
  float bx = (booth->x0 + booth->x1) / 2, by = (booth->y0 + booth->y1) / 2, zoom = h.s.map.zoom;
  // Fingers spread apart over the booth: twice the zoom, the booth's centre where it was.
  h.s.map_gesture = {true, 2.0f, bx, by, bx, by};
  MapLayout b = Measure(h);
  CHECK(h.s.map.zoom == doctest::Approx(zoom * 2));
  const Target* after = b.Get("shape/booth-b2");
  REQUIRE(after);
  CHECK((after->x0 + after->x1) / 2 == doctest::Approx(bx).epsilon(0.01));
  CHECK((after->y0 + after->y1) / 2 == doctest::Approx(by).epsilon(0.01));
  CHECK(!h.s.map_gesture.pending);  // taken once
  // Two fingers moving together 100 px right: the plan follows them.
  h.s.map_gesture = {true, 1.0f, bx + 100, by, bx, by};
  b = Measure(h);
  after = b.Get("shape/booth-b2");
  REQUIRE(after);
  CHECK((after->x0 + after->x1) / 2 == doctest::Approx(bx + 100).epsilon(0.01));
  // However wide the fingers spread, no closer than the + button goes (8 times the whole plan), and no
  // further out than the whole plan.
  h.s.map_gesture = {true, 1000.0f, bx, by, bx, by};
  Measure(h);
  CHECK(h.s.map.zoom == doctest::Approx(h.s.map.fit * 8));
  h.s.map_gesture = {true, 0.0001f, bx, by, bx, by};
  Measure(h);
  CHECK(h.s.map.zoom == doctest::Approx(h.s.map.fit));
}

TEST_CASE("map: the you-are-here card routes to the nearest toilet, accessible toilet (step-free) and exit, by the walk") {
  test::Harness h;
  const db::Catalog& c = *h.s.catalog;
  db::Point here;
  int level = 0;
  REQUIRE(app::HerePoint(h.s, here, &level));
  // The shortest walk to a place that passes `is` (step-free when asked), as the kiosk's router finds it, a
  // change of level counted as 15 m more (the demo's upstairs toilet is 39.5 m away by the stairs, the
  // accessible one downstairs 50 m: the one downstairs is nearer).
  auto shortest = [&](auto is, bool step_free) {
    std::string best;
    double best_m = 1e18;
    for (const auto& l : c.locations)
      if (is(l))
        if (auto r = c.Routes().Find(here, level, l, step_free)) {
          double m = r->length_m + 15.0 * static_cast<double>(r->legs.size() - 1);
          if (m < best_m) best = l.id, best_m = m;
        }
    return best;
  };
  using K = db::LocationKind;
  struct Case {
    std::string name;
    bool (*is)(const db::Location&);
    bool step_free;
  } cases[] = {
      {"toilet", [](const db::Location& l) { return l.amenity == "toilet" || l.amenity == "accessible_toilet"; }, false},
      {"accessible_toilet", [](const db::Location& l) { return l.amenity == "accessible_toilet"; }, true},
      {"exit", [](const db::Location& l) { return l.kind == K::Exit; }, false},
  };
  for (const Case& k : cases) {
    CAPTURE(k.name);
    REQUIRE(h.Tap("map/nav"));
    REQUIRE(h.Tap("here"));
    REQUIRE(h.s.map_card == "here");
    REQUIRE(h.Tap("card/nearest-" + k.name));
    std::string expected = shortest(k.is, k.step_free);
    REQUIRE(!expected.empty());
    CHECK(h.s.map_card == expected);
    CHECK(h.s.map_route.to == expected);
    REQUIRE(h.s.map_route.route);
    CHECK(h.s.map_route.found_step_free == k.step_free);
    CHECK(h.Visible("card/step-free"));  // its card shows the route, with the switch
    h.s.Do({.kind = Action::Kind::ResetVisit});
    h.Settle();
  }
}

TEST_CASE("map: Route beside an agreement's exhibiting party shows the way to its booth, and Back returns to the agreement") {
  test::Harness h;
  const db::Catalog& c = *h.s.catalog;
  h.s.Do({.kind = Action::Kind::OpenAgreement, .id = "technoparks-2022"});
  h.Settle();
  const db::Agreement* a = c.FindAgreement("technoparks-2022");
  REQUIRE(a);
  int routed = 0;
  for (const auto& p : a->parties) {
    const db::Exhibitor* e = c.FindExhibitor(p.organization_id);
    CAPTURE(p.organization_id);
    if (!e || e->booth_id.empty()) {
      CHECK_FALSE(h.Visible(p.organization_id + "/route"));
      continue;
    }
    REQUIRE(h.Tap(p.organization_id + "/route"));
    CHECK(h.s.screen == Screen::Map);
    CHECK(h.s.map_route.to == e->booth_id);
    CHECK(h.s.map_route.route);
    REQUIRE(h.Tap("back"));
    CHECK(h.s.screen == Screen::Agreements);
    CHECK(h.s.agreement_id == "technoparks-2022");
    ++routed;
  }
  CHECK(routed >= 3);
}

TEST_CASE("map: the route's QR text names the place and the walk, numbers every step, and links the venue's web map when the snapshot gives one") {
  test::Harness h;
  db::CatalogData d = *h.s.catalog;
  d.forum.map_url = "https://map.example.org/?to={place}";
  h.Swap(db::Catalog::Make(std::move(d)));
  h.s.Do({.kind = Action::Kind::Route, .id = "booth-a1"});
  h.Settle();
  REQUIRE(h.s.map_route.route);
  const db::Location* booth = h.s.catalog->FindLocation("booth-a1");
  REQUIRE(booth);
  std::string text = app::RouteText(h.s, *h.s.map_route.route, h.s.map_route.steps, *booth);
  CAPTURE(text);
  CHECK(text.rfind(app::PlaceTitle(h.s, *booth) + "\n", 0) == 0);  // Astana Hub, in the visitor's language
  size_t from = 0;
  int n = 0;
  for (const std::string& w : app::RouteWords(h.s, h.s.map_route.steps)) {
    size_t at = text.find(std::to_string(++n) + ". " + w + "\n", from);
    CHECK_MESSAGE(at != std::string::npos, w);
    if (at != std::string::npos) from = at;
  }
  CHECK(n >= 3);
  const std::string link = "https://map.example.org/?to=booth-a1\n";
  CHECK(text.size() > link.size());
  CHECK(text.compare(text.size() - link.size(), link.size(), link) == 0);
}
