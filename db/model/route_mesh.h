// The routing mesh: where a visitor can walk, built from the floor plan when the snapshot is built and stored
// in it (table route_tile), so that a venue from IMDF or a drawn plan gets routes without
// anyone drawing a graph. Recast (Debian's librecast-dev) turns the walkable space into a navigation mesh,
// eroded by a person's clearance from walls and booth edges; Detour (db/model/router.h) finds routes on it.
//
// What is walkable, per level (a level is an ordinal; levels sit kLevelRise metres apart in the mesh):
//   - halls, floors, corridors, and the stairs, lifts and escalators on the level;
//   - the inside of a room, stage or amenity whose outline has a door (an Opening lying on its edge): its
//     edge is then a wall except at its doors;
//   less every other place of the plan (booths, stages and rooms without doors, service space, holes):
//   those are reached at their edge.
// Stairs, escalators and lifts whose outlines overlap on two levels are joined between those levels (stairs
// and escalators level to next level, a lift every level it stops at).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "db/model/catalog.h"

namespace db {

// The mesh's fixed choices, which the builder and the router share.
namespace route {
inline constexpr float kLevelRise = 5.0f;     // metres between two ordinals in the mesh (y axis)
inline float LevelY(int ordinal) { return static_cast<float>(ordinal) * kLevelRise; }  // a level's height in the mesh
inline constexpr float kClearance = 0.3f;     // metres a route keeps from walls and booth edges
inline constexpr float kCellSize = 0.15f;     // metres per Recast cell (grown for very large venues)
inline constexpr int kTileCells = 128;        // cells per tile side
// Detour's references hold a tile and a polygon in 22 bits: 2^12 tiles of at most 2^10 polygons each.
inline constexpr int kMaxTiles = 1 << 12, kMaxTilePolys = 1 << 10;
// Detour area ids (a polygon's or a level change's kind) and the flags a query filters on.
enum Area : unsigned char { kAreaFloor = 1, kAreaStairs = 2, kAreaEscalator = 3, kAreaLift = 4, kAreaWalkway = 5,
                           kAreaWalkwaySteps = 6 };  // a walkway with steps: preferred, but not step-free
// How much a metre along a staff-drawn walkway costs against a metre of open floor: routes keep to the
// walkways staff drew (the aisles they want visitors in) unless leaving one saves more than 40 %.
inline constexpr float kWalkwayCost = 0.6f;
inline constexpr float kWalkwayHalfWidth = 0.75f;  // metres each side of a walkway's line
enum Flag : unsigned short { kFlagWalk = 1, kFlagSteps = 2 };  // kFlagSteps: stairs and escalators
}  // namespace route

// A walkway as staff drew it (floorplan.geojson `kind: walkway`): its line on a level. Routes prefer it
// (kWalkwayCost); one that is not accessible is walked like stairs (never step-free).
struct WalkwayLine {
  int level = 0;
  bool accessible = true;
  std::vector<Point> points;
};

// Builds the mesh of `plan`'s locations, openings and levels, with `walkways` preferred: its tiles, in order. None when the plan has no
// walkable space (no halls, floors or corridors: a plan of booths only); then the kiosk offers no routes.
// Errors only when Recast or Detour fail (out of memory).
Result<std::vector<RouteTile>> BuildRouteMesh(const CatalogData& plan, const std::vector<WalkwayLine>& walkways = {});

}  // namespace db
