// Hand-made plans for the route tests (route_test.cpp, route_steps_test.cpp): rectangles and points of a
// kind, and the catalog of a plan with its routing mesh built.
#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "db/model/catalog.h"
#include "db/model/geometry.h"
#include "db/model/route_mesh.h"

namespace test {

// A rectangle from (x0, y0) to (x1, y1) on `level`.
inline db::Location Area(std::string id, db::LocationKind kind, double x0, double y0, double x1, double y1, int level = 0) {
  db::Location l;
  l.id = std::move(id);
  l.kind = kind;
  l.level = level;
  l.is_polygon = true;
  l.ring = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  l.anchor = db::Centroid(l.ring);
  return l;
}

// An amenity at a point.
inline db::Location Spot(std::string id, double x, double y, int level = 0) {
  db::Location l;
  l.id = std::move(id);
  l.kind = db::LocationKind::Amenity;
  l.level = level;
  l.anchor = {x, y};
  return l;
}

// The catalog of `places` and `openings`, with the routing mesh built from them (walkways preferred).
inline std::shared_ptr<const db::Catalog> Plan(std::vector<db::Location> places, std::vector<db::Opening> openings = {},
                                               const std::vector<db::WalkwayLine>& walkways = {}) {
  db::CatalogData d;
  d.locations = std::move(places);
  d.openings = std::move(openings);
  auto tiles = db::BuildRouteMesh(d, walkways);
  REQUIRE(tiles.ok());
  d.route_tiles = std::move(tiles.value());
  return db::Catalog::Make(std::move(d));
}

}  // namespace test
