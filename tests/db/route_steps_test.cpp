// Directions (db/model/route_steps.h) on hand-made plans whose turns and landmarks are known: a straight
// corridor is one step, an L turns left or right as walked, a U-turn round a wall is one turn, a stage beside
// the corridor is passed on the side it is on (the other side walking back), a change of level is a step, and
// the end says on which side the place is.
#include <doctest/doctest.h>

#include "db/model/geometry.h"
#include "db/model/route_mesh.h"
#include "db/model/route_steps.h"
#include "db/model/router.h"
#include "route_plans.h"

namespace {

using db::LocationKind;
using db::RouteStep;
using db::Side;
using Kind = db::RouteStep::Kind;

using test::Area;
using test::Plan;
using test::Spot;

std::vector<RouteStep> Steps(const db::Catalog& c, db::Point from, int level, const std::string& to, bool step_free = false) {
  const db::Location* place = c.FindLocation(to);
  REQUIRE(place);
  auto r = c.Routes().Find(from, level, *place, step_free);
  REQUIRE(r);
  return db::Directions(c, *r, *place);
}

std::string Show(const std::vector<RouteStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    const char* side = s.side == Side::Left ? "left" : s.side == Side::Right ? "right" : "ahead";
    switch (s.kind) {
      case Kind::Walk: out += "walk " + std::to_string(static_cast<int>(s.metres + 0.5)) + (s.turn ? *s.turn == Side::Left ? " left" : " right" : ""); break;
      case Kind::Pass: out += "pass " + s.place_id + " " + side; break;
      case Kind::Level: out += "level " + std::to_string(s.level); break;
      case Kind::Arrive: out += "arrive " + s.place_id + " " + side; break;
    }
    out += "; ";
  }
  return out;
}

}  // namespace

TEST_CASE("directions: along a straight corridor, one walk and the place ahead") {
  auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 20, 2), Spot("desk", 19, 1)});
  auto steps = Steps(*c, {1, 1}, 0, "desk");
  CAPTURE(Show(steps));
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].kind == Kind::Walk);
  CHECK(steps[0].metres == doctest::Approx(18).epsilon(0.03));
  CHECK_FALSE(steps[0].turn);
  CHECK(steps[1].kind == Kind::Arrive);
  CHECK(steps[1].place_id == "desk");
  CHECK(steps[1].side == Side::Ahead);
}

TEST_CASE("directions: an L-shaped corridor turns left when walked east then north, right when east then south") {
  for (int north : {1, -1}) {
    CAPTURE(north);
    auto c = Plan({Area("east", LocationKind::Hall, 0, -1, 20, 1), Area("arm", LocationKind::Hall, 18, north > 0 ? -1 : -20, 20, north > 0 ? 20 : 1),
                   Spot("desk", 19, 18 * north)});
    auto steps = Steps(*c, {1, 0}, 0, "desk");
    CAPTURE(Show(steps));
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].kind == Kind::Walk);
    REQUIRE(steps[0].turn);
    CHECK(*steps[0].turn == (north > 0 ? Side::Left : Side::Right));
    CHECK(steps[0].metres == doctest::Approx(18).epsilon(0.1));
    CHECK(steps[1].kind == Kind::Walk);
    CHECK_FALSE(steps[1].turn);
    CHECK(steps[1].metres == doctest::Approx(18).epsilon(0.1));
    CHECK(steps[2].kind == Kind::Arrive);
  }
}

TEST_CASE("directions: a U-turn round a wall's end is one left turn, not the string pulling's small bends") {
  auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 10, 10), Area("wall", LocationKind::Service, 0, 4.9, 7, 5.1),
                 Spot("desk", 2, 8)});
  auto steps = Steps(*c, {2, 2}, 0, "desk");
  CAPTURE(Show(steps));
  REQUIRE(steps.size() == 3);
  REQUIRE(steps[0].turn);
  CHECK(*steps[0].turn == Side::Left);
  CHECK(steps[0].metres == doctest::Approx(6.1).epsilon(0.1));
  CHECK(steps[1].kind == Kind::Walk);
  CHECK(steps[2].kind == Kind::Arrive);
}

TEST_CASE("directions: a stage beside the corridor is passed on the left walking east, on the right walking west, the booth beside it not told") {
  auto c = Plan({Area("hall", LocationKind::Hall, 0, 0, 30, 4), Area("stage", LocationKind::Stage, 10, 4, 16, 8),
                 Area("booth", LocationKind::Booth, 12, -3, 15, 0), Spot("east-desk", 29, 2), Spot("west-desk", 1, 2)});
  auto east = Steps(*c, {1, 2}, 0, "east-desk");
  CAPTURE(Show(east));
  REQUIRE(east.size() == 3);
  CHECK(east[0].kind == Kind::Pass);
  CHECK(east[0].place_id == "stage");
  CHECK(east[0].side == Side::Left);
  CHECK(east[1].kind == Kind::Walk);
  auto west = Steps(*c, {29, 2}, 0, "west-desk");
  CAPTURE(Show(west));
  REQUIRE(west.size() == 3);
  CHECK(west[0].place_id == "stage");
  CHECK(west[0].side == Side::Right);
  // Without the stage, the booth is the landmark, on the other side.
  auto no_stage = Plan({Area("hall", LocationKind::Hall, 0, 0, 30, 4), Area("booth", LocationKind::Booth, 12, -3, 15, 0),
                        Spot("east-desk", 29, 2)});
  auto booth = Steps(*no_stage, {1, 2}, 0, "east-desk");
  CAPTURE(Show(booth));
  REQUIRE(booth.size() == 3);
  CHECK(booth[0].place_id == "booth");
  CHECK(booth[0].side == Side::Right);
}

TEST_CASE("directions: the change of level is a step, and a room reached at its edge is on the side it is on") {
  std::vector<db::Location> places = {
      Area("floor-0", LocationKind::Floor, 0, 0, 30, 10, 0), Area("floor-1", LocationKind::Floor, 0, 0, 30, 10, 1),
      Area("stairs-0", LocationKind::Stairs, 2, 2, 5, 6, 0), Area("stairs-1", LocationKind::Stairs, 2, 2, 5, 6, 1),
      Spot("upstairs", 8, 8, 1)};
  auto c = Plan(places);
  auto steps = Steps(*c, {10, 5}, 0, "upstairs");
  CAPTURE(Show(steps));
  bool level = false;
  for (const auto& s : steps) level |= s.kind == Kind::Level && s.level == 1 && s.change == db::LevelChangeKind::Stairs;
  CHECK(level);
  CHECK(steps.back().kind == Kind::Arrive);

  auto side = Plan({Area("hall", LocationKind::Hall, 0, 0, 20, 3), Area("room", LocationKind::Room, 8, 3, 12, 9)});
  auto edge = Steps(*side, {1, 1.5}, 0, "room");
  CAPTURE(Show(edge));
  REQUIRE(edge.back().kind == Kind::Arrive);
  CHECK(edge.back().side == Side::Left);  // north of an eastward walk
}
