// Routes (db/model/route_mesh.h, db/model/router.h) on hand-made plans whose shortest walks are known: a
// corridor, a U-turn around a wall, a room entered only through its door, two levels joined by stairs and a
// lift (step-free takes the lift, and says so when there is none); then every place of the demo reached from
// its kiosk, the mesh kept through a snapshot, and damaged tiles refused with their reason.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "db/model/catalog.h"
#include "db/model/geometry.h"
#include "db/model/route_mesh.h"
#include "db/model/router.h"
#include "route_plans.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/validate.h"
#include "db/sources/floorplan.h"
#include "db/sources/sources.h"
#include "db/tool/synth.h"
#include "support.h"

namespace {

using db::LocationKind;
using db::Point;

using test::Area;
using test::Plan;
using test::Spot;

std::optional<db::Route> Walk(const db::Catalog& c, Point from, int level, const std::string& to, bool step_free = false,
                              db::NoRoute* why = nullptr) {
  const db::Location* place = c.FindLocation(to);
  REQUIRE(place);
  return c.Routes().Find(from, level, *place, step_free, why);
}

// Whether the route's line on its first leg crosses the horizontal y = `y` between x0 and x1.
bool Crosses(const db::RouteLeg& leg, double y, double x0, double x1) {
  for (size_t i = 1; i < leg.points.size(); ++i) {
    Point a = leg.points[i - 1], b = leg.points[i];
    if ((a.y - y) * (b.y - y) > 0 || a.y == b.y) continue;
    double x = a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
    if (x >= x0 && x <= x1) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("route: along a corridor, the walk is the straight line from start to place") {
  auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 20, 2), Spot("desk", 19, 1)});
  auto r = Walk(*c, {1, 1}, 0, "desk");
  REQUIRE(r);
  REQUIRE(r->legs.size() == 1);
  CHECK(r->legs[0].points.size() == 2);  // no zig-zag
  CHECK(r->length_m == doctest::Approx(18).epsilon(0.02));
}

TEST_CASE("route: a U-turn around a wall goes round its end, a clearance away, not through it") {
  auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 10, 10), Area("wall", LocationKind::Service, 0, 4.9, 7, 5.1),
                 Spot("desk", 2, 8)});
  auto r = Walk(*c, {2, 2}, 0, "desk");
  REQUIRE(r);
  // Round the wall's end at (7, 5) with the clearance: 2 * |(2,2)-(7.3,5)| = 12.2 m; straight through, 6 m.
  CHECK(r->length_m == doctest::Approx(12.2).epsilon(0.04));
  CHECK(r->legs[0].points.size() >= 3);
  bool round_the_end = false;
  for (const auto& p : r->legs[0].points) round_the_end |= p.x > 7.1 && std::fabs(p.y - 5) < 0.6;
  CHECK(round_the_end);
  CHECK_FALSE(Crosses(r->legs[0], 5, 0, 7));
}

TEST_CASE("route: a room is entered through its door, and without one it is reached at its edge") {
  std::vector<db::Location> places = {Area("hall", LocationKind::Hall, 0, 0, 20, 3),
                                      Area("room", LocationKind::Room, 5, 3, 15, 10)};
  db::Opening door;
  door.id = "door";
  door.a = {12, 3};
  door.b = {13, 3};
  auto c = Plan(places, {door});
  auto r = Walk(*c, {1, 1.5}, 0, "room");
  REQUIRE(r);
  CHECK(Crosses(r->legs[0], 3, 11.8, 13.2));   // through the door
  CHECK_FALSE(Crosses(r->legs[0], 3, 5, 11.5));  // not through the wall
  CHECK(r->end.y > 4);                          // inside the room
  // (1,1.5) to the door and on to the room's middle (10, 6.5).
  double least = std::hypot(11.85 - 1, 3 - 1.5) + std::hypot(10 - 11.85, 6.5 - 3);
  CHECK(r->length_m >= least - 0.3);
  CHECK(r->length_m <= least + 1.5);

  auto closed = Plan(places);
  auto edge = Walk(*closed, {1, 1.5}, 0, "room");
  REQUIRE(edge);
  CHECK(edge->end.y < 3);  // at its edge, from the hall
  CHECK(edge->end.y > 2);
}

TEST_CASE("route: two levels joined by stairs and a lift: step-free takes the lift, and says when there is none") {
  std::vector<db::Location> places = {
      Area("floor-0", LocationKind::Floor, 0, 0, 30, 10, 0), Area("floor-1", LocationKind::Floor, 0, 0, 30, 10, 1),
      Area("stairs-0", LocationKind::Stairs, 2, 2, 5, 6, 0), Area("stairs-1", LocationKind::Stairs, 2, 2, 5, 6, 1),
      Area("lift-0", LocationKind::Elevator, 25, 2, 28, 5, 0), Area("lift-1", LocationKind::Elevator, 25, 2, 28, 5, 1),
      Spot("upstairs", 8, 8, 1)};
  auto c = Plan(places);
  auto walk = Walk(*c, {10, 5}, 0, "upstairs");
  REQUIRE(walk);
  REQUIRE(walk->legs.size() == 2);
  CHECK(walk->legs[0].level == 0);
  CHECK(walk->legs[1].level == 1);
  REQUIRE(walk->legs[0].then);
  CHECK(*walk->legs[0].then == db::LevelChangeKind::Stairs);
  CHECK(walk->end_level == 1);
  // (10,5) to the stairs' middle (3.5, 4), then from there to (8, 8): about 6.6 + 6.0 m.
  CHECK(walk->length_m == doctest::Approx(12.6).epsilon(0.05));

  auto step_free = Walk(*c, {10, 5}, 0, "upstairs", true);
  REQUIRE(step_free);
  REQUIRE(step_free->legs.size() == 2);
  REQUIRE(step_free->legs[0].then);
  CHECK(*step_free->legs[0].then == db::LevelChangeKind::Lift);
  CHECK(step_free->length_m > 30);  // to the lift at x = 26.5 and back to x = 8
  for (const auto& leg : step_free->legs)
    for (const auto& p : leg.points) CHECK_FALSE((p.x > 2 && p.x < 5 && p.y > 2 && p.y < 6));  // never on the stairs

  places.erase(places.begin() + 4, places.begin() + 6);  // no lift
  auto stairs_only = Plan(places);
  db::NoRoute why{};
  CHECK_FALSE(Walk(*stairs_only, {10, 5}, 0, "upstairs", true, &why));
  CHECK(why == db::NoRoute::kNoStepFreeWay);
  CHECK(Walk(*stairs_only, {10, 5}, 0, "upstairs", false));
}

TEST_CASE("route: places that no walk joins are said to be so, and a plan without walkable space has no routes") {
  auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 10, 10), Area("island", LocationKind::Hall, 20, 0, 30, 10),
                 Spot("far", 25, 5)});
  db::NoRoute why{};
  CHECK_FALSE(Walk(*c, {2, 2}, 0, "far", false, &why));
  CHECK(why == db::NoRoute::kNoWay);
  CHECK_FALSE(Walk(*c, {50, 50}, 0, "far", false, &why));
  CHECK(why == db::NoRoute::kStartOff);

  auto booths = Plan({Area("b1", LocationKind::Booth, 0, 0, 3, 3)});
  CHECK(booths->route_tiles.empty());
  CHECK(booths->Routes().empty());
  CHECK_FALSE(Walk(*booths, {1, 1}, 0, "b1", false, &why));
  CHECK(why == db::NoRoute::kNoMesh);
}

TEST_CASE("route: from the demo's kiosk every place on both levels is reached, step-free too, and no route is longer than 3x the straight line plus a level") {
  db::Diagnostics diags;
  auto c = db::ReadSources(test::SourceDir() / "assets" / "demo", diags);
  REQUIRE_FALSE(c->route_tiles.empty());
  const db::Location* kiosk = c->FindLocation("kiosk-1");
  REQUIRE(kiosk);
  int places = 0;
  for (const auto& l : c->locations) {
    if (!db::IsDestination(l.kind) || l.kind == LocationKind::Kiosk) continue;
    ++places;
    for (bool step_free : {false, true}) {
      CAPTURE(l.id);
      CAPTURE(step_free);
      db::NoRoute why{};
      auto r = c->Routes().Find(kiosk->anchor, kiosk->level, l, step_free, &why);
      REQUIRE_MESSAGE(r, "no route, reason " << static_cast<int>(why));
      CHECK(r->end_level == l.level);
      double straight = std::hypot(l.anchor.x - kiosk->anchor.x, l.anchor.y - kiosk->anchor.y);
      CHECK(r->length_m <= 3 * straight + 60);
      if (step_free)
        for (const auto& leg : r->legs) CHECK((!leg.then || *leg.then == db::LevelChangeKind::Lift));
    }
  }
  CHECK(places > 30);
}

TEST_CASE("route: the mesh is kept through a snapshot, and a damaged tile is refused with its number") {
  db::Diagnostics diags;
  auto c = db::ReadSources(test::SourceDir() / "assets" / "demo", diags);
  auto loaded = db::LoadCatalog(FORUM_DEMO_SNAPSHOT);
  REQUIRE(loaded.ok());
  CHECK(loaded.value()->route_tiles == c->route_tiles);
  CHECK_FALSE(loaded.value()->Routes().empty());

  auto tiles = c->route_tiles;
  tiles[1].data.resize(tiles[1].data.size() / 2);
  auto cut = db::Router::Make(tiles);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().message.find("route_tile 2: damaged") != std::string::npos);
  tiles = c->route_tiles;
  tiles[0].data[0] ^= 0xff;
  auto foreign = db::Router::Make(tiles);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.error().message.find("route_tile 1: not a routing tile") != std::string::npos);
}

TEST_CASE("route: a synthetic venue of 5,000 booths in 1 m aisles gets routes from one corner to the far one, no longer than along the aisles") {
  auto c = db::SynthCatalog(5000, 10);
  REQUIRE_FALSE(c->route_tiles.empty());
  const db::Location* far = c->FindLocation("booth-5000");
  REQUIRE(far);
  db::NoRoute why{};
  auto r = c->Routes().Find({1, 1}, 0, *far, false, &why);
  REQUIRE_MESSAGE(r, "no route, reason " << static_cast<int>(why));
  // Between the straight line (through booths) and the walk along the aisles' grid, corner to corner.
  double straight = std::hypot(far->anchor.x - 1, far->anchor.y - 1);
  double along_aisles = std::fabs(far->anchor.x - 1) + std::fabs(far->anchor.y - 1);
  CHECK(r->length_m >= straight - 3);
  CHECK(r->length_m <= along_aisles);
}

TEST_CASE("route: prepared from the demo's kiosk (one flood), every place gets the route A* finds, walking and step-free") {
  db::Diagnostics d;
  auto c = db::ReadSources(FORUM_SOURCE_DIR "/assets/demo", d);
  REQUIRE(c);
  const db::Location* kiosk = c->FindLocation("kiosk-1");
  REQUIRE(kiosk);
  // A* first (nothing prepared), then the same places from the flood.
  std::vector<std::pair<const db::Location*, std::optional<db::Route>>> plain;
  for (bool step_free : {false, true})
    for (const auto& l : c->locations)
      if (db::IsDestination(l.kind) && l.kind != LocationKind::Kiosk)
        plain.push_back({&l, c->Routes().Find(kiosk->anchor, kiosk->level, l, step_free)});
  c->Routes().Prepare(kiosk->anchor, kiosk->level);
  size_t i = 0, compared = 0;
  for (bool step_free : {false, true})
    for (const auto& l : c->locations)
      if (db::IsDestination(l.kind) && l.kind != LocationKind::Kiosk) {
        CAPTURE(l.id);
        CAPTURE(step_free);
        auto flooded = c->Routes().Find(kiosk->anchor, kiosk->level, l, step_free);
        const auto& a_star = plain[i++].second;
        REQUIRE(flooded.has_value() == a_star.has_value());
        if (!flooded) continue;
        ++compared;
        CHECK(flooded->length_m <= a_star->length_m * 1.05 + 0.5);  // as short, give or take the search's ties
        CHECK(flooded->length_m >= a_star->length_m * 0.95 - 0.5);
        CHECK(flooded->legs.size() == a_star->legs.size());
        CHECK(flooded->end_level == a_star->end_level);
      }
  CHECK(compared >= 70);
  // From another start the flood is not used: the route is A*'s from there.
  auto other = c->Routes().Find({30, 30}, 0, *c->FindLocation("booth-a1"), false);
  CHECK(other);
}

TEST_CASE("route: a door drawn in floorplan.geojson makes its room enterable, step-free only when the door is, and a door that is no line is an error naming it") {
  const std::string plan = R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "hall", "kind": "hall"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [20, 0], [20, 3], [0, 3], [0, 0]]]}},
    {"type": "Feature", "properties": {"id": "room", "kind": "room"}, "geometry": {"type": "Polygon", "coordinates": [[[5, 3], [15, 3], [15, 10], [5, 10], [5, 3]]]}},
    {"type": "Feature", "properties": {"id": "door", "kind": "door", "level": 0, "accessible": 0}, "geometry": {"type": "LineString", "coordinates": [[12, 3], [13, 3]]}}
  ]})";
  db::Diagnostics d;
  db::Floorplan f = db::ParseFloorplan(plan, "floorplan.geojson", {"en"}, d);
  CHECK(d.error_count() == 0);
  REQUIRE(f.openings.size() == 1);
  CHECK(f.openings[0].id == "door");
  CHECK_FALSE(f.openings[0].accessible);
  CHECK(f.openings[0].a.x == 12);
  CHECK(f.openings[0].b.x == 13);
  auto c = Plan(f.locations, f.openings);
  auto r = Walk(*c, {1, 1.5}, 0, "room");
  REQUIRE(r);
  CHECK(Crosses(r->legs[0], 3, 11.8, 13.2));  // through the door
  CHECK(r->end.y > 4);                        // inside the room
  // The door has a step, and it is the only way in: step-free, the kiosk says there is no step-free way.
  db::NoRoute why{};
  CHECK_FALSE(Walk(*c, {1, 1.5}, 0, "room", true, &why));
  CHECK(why == db::NoRoute::kNoStepFreeWay);

  db::Diagnostics bad;
  db::ParseFloorplan(R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "door-1", "kind": "door"}, "geometry": {"type": "Point", "coordinates": [1, 1]}}]})",
                     "floorplan.geojson", {"en"}, bad);
  REQUIRE(bad.error_count() == 1);
  CHECK(db::Format(bad.items()[0]).find("door 'door-1' must be a LineString") != std::string::npos);
  CHECK(bad.items()[0].line == 2);
}

TEST_CASE("route: a staff-drawn walkway is followed where it is not much longer than the open floor, and one with steps is not walked step-free") {
  for (bool accessible : {true, false}) {
    CAPTURE(accessible);
    // Along two sides of the hall: 52 m against the 36.8 m diagonal (at 0.6 a metre, 31.2).
    auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 30, 30), Spot("desk", 28, 28)}, {},
                  {{0, accessible, {{2, 2}, {28, 2}, {28, 28}}}});
    auto along = [](const db::Route& r) {
      for (const auto& p : r.legs[0].points)
        if (p.x > 26 && p.y < 4) return true;  // the walkway's corner
      return false;
    };
    auto walk = Walk(*c, {2, 2}, 0, "desk");
    REQUIRE(walk);
    auto step_free = Walk(*c, {2, 2}, 0, "desk", true);
    REQUIRE(step_free);
    if (accessible) {
      CHECK(along(*walk));
      CHECK(walk->length_m == doctest::Approx(52).epsilon(0.05));
      CHECK(along(*step_free));  // an accessible walkway is step-free too
    } else {
      CHECK(along(*walk));  // walked, it is still the way staff drew
      CHECK_FALSE(along(*step_free));
      CHECK(step_free->length_m == doctest::Approx(36.8).epsilon(0.05));
    }
  }
}
