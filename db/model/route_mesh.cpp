#include "db/model/route_mesh.h"

#include <geos_c.h>
#include <recastnavigation/DetourNavMesh.h>
#include <recastnavigation/DetourNavMeshBuilder.h>
#include <recastnavigation/Recast.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "db/model/geometry.h"
#include "db/model/geos_shapes.h"

// Index of this file:
// [SECTION] GEOS: each level's walkable space as triangles
// [SECTION] Level changes: stairs, escalators and lifts stacked on two levels
// [SECTION] Recast and Detour: one tile

namespace db {
namespace {

using namespace route;

// [SECTION] GEOS: each level's walkable space as triangles ----------------------------------------------

using geos::Geom;
using geos::Outline;

Geom Segment(GEOSContextHandle_t h, const Point& a, const Point& b) { return geos::Line(h, {a, b}); }

// The union of `parts` (taken), or an empty geometry.
Geom UnionOf(GEOSContextHandle_t h, std::vector<Geom>& parts) {
  std::vector<GEOSGeometry*> raw;
  for (auto& p : parts)
    if (p.get()) raw.push_back(p.release());
  parts.clear();
  Geom all(h, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())));
  if (!all.get()) return {h, nullptr};
  return {h, GEOSUnaryUnion_r(h, all.get())};
}

Geom Minus(GEOSContextHandle_t h, const Geom& a, const Geom& b) {
  if (!a.get()) return {h, nullptr};
  if (!b.get() || GEOSisEmpty_r(h, b.get()) == 1) return {h, GEOSGeom_clone_r(h, a.get())};
  return {h, GEOSDifference_r(h, a.get(), b.get())};
}

bool Walkable(LocationKind k) {
  return k == LocationKind::Hall || k == LocationKind::Floor || k == LocationKind::Corridor || k == LocationKind::Stairs ||
         k == LocationKind::Elevator || k == LocationKind::Escalator;
}

// Kinds a visitor may enter through a door; without one they are obstacles reached at their edge.
bool Enterable(LocationKind k) {
  return k == LocationKind::Room || k == LocationKind::Stage || k == LocationKind::Amenity;
}

unsigned char AreaOf(LocationKind k) {
  switch (k) {
    case LocationKind::Stairs: return kAreaStairs;
    case LocationKind::Escalator: return kAreaEscalator;
    case LocationKind::Elevator: return kAreaLift;
    default: return kAreaFloor;
  }
}

struct Triangle {
  float v[9];  // three corners, x y z each (Recast's axes: y up, the plan's y is z)
  unsigned char area;
  float min_x, min_z, max_x, max_z;
};

void AddTriangles(GEOSContextHandle_t h, const GEOSGeometry* g, float y, unsigned char area, std::vector<Triangle>& out) {
  std::vector<Point> pts = geos::Triangles(h, g);
  for (size_t i = 0; i + 2 < pts.size(); i += 3) {
    // Recast takes a triangle as walkable when its normal points up: counter-clockwise seen from above in
    // (x, z), which is clockwise in the plan's (x, y): the second and third corners swapped.
    const Point p[3] = {pts[i], pts[i + 2], pts[i + 1]};
    Triangle tri{};
    for (int k = 0; k < 3; ++k) {
      tri.v[k * 3] = static_cast<float>(p[k].x);
      tri.v[k * 3 + 1] = y;
      tri.v[k * 3 + 2] = static_cast<float>(p[k].y);
    }
    tri.area = area;
    tri.min_x = std::min({tri.v[0], tri.v[3], tri.v[6]});
    tri.max_x = std::max({tri.v[0], tri.v[3], tri.v[6]});
    tri.min_z = std::min({tri.v[2], tri.v[5], tri.v[8]});
    tri.max_z = std::max({tri.v[2], tri.v[5], tri.v[8]});
    out.push_back(tri);
  }
}


// The plan as Recast is given it: the floor every walkable place stands on (area kAreaFloor), what blocks
// it (booths, stages and rooms without doors, service space, the walls of rooms with doors), marked
// unwalkable before the erosion so that routes keep their clearance from it, and the stairs, escalators and
// lifts marked over the floor after it. Each place is triangulated on its own (GEOS's constrained Delaunay
// triangulation of one outline: the holes of a whole hall less its thousands of booths are what GEOS 3.11's
// hole joiner cannot take).
struct PlanTriangles {
  std::vector<Triangle> floor, blocked, marks;
};

PlanTriangles WalkableTriangles(GEOSContextHandle_t h, const CatalogData& plan, const std::vector<WalkwayLine>& walkways) {
  PlanTriangles out;
  // Walkways first: the stairs, lifts and stepped doors marked after them win where they cross.
  for (const auto& w : walkways) {
    Geom line = geos::Line(h, w.points);
    Geom lane(h, line ? GEOSBuffer_r(h, line.get(), kWalkwayHalfWidth, 2) : nullptr);
    if (lane) AddTriangles(h, lane.get(), LevelY(w.level), w.accessible ? kAreaWalkway : kAreaWalkwaySteps, out.marks);
  }
  for (const auto& l : plan.locations) {
    if (!l.is_polygon) continue;
    Geom g = Outline(h, l);
    if (!g.get()) continue;
    const float y = LevelY(l.level);
    if (Walkable(l.kind)) {
      AddTriangles(h, g.get(), y, kAreaFloor, out.floor);
      if (AreaOf(l.kind) != kAreaFloor) AddTriangles(h, g.get(), y, AreaOf(l.kind), out.marks);
      continue;
    }
    // A door on its edge makes the inside walkable and the edge a wall but for the doors.
    std::vector<Geom> doors;
    Geom edge(h, Enterable(l.kind) ? GEOSBoundary_r(h, g.get()) : nullptr);
    for (const auto& o : plan.openings) {
      if (o.level != l.level || !edge.get()) continue;
      Geom seg = Segment(h, o.a, o.b);
      double d = 0;
      if (seg.get() && GEOSDistance_r(h, seg.get(), edge.get(), &d) == 1 && d < 0.25) {
        // Widened by the clearance, so that the erosion leaves the door as wide as it is drawn.
        Geom door(h, GEOSBuffer_r(h, seg.get(), kClearance + 0.15, 4));
        // A door with a step (or revolving) is walked like stairs: step-free routes keep out of it.
        if (!o.accessible && door.get()) AddTriangles(h, door.get(), y, kAreaStairs, out.marks);
        doors.push_back(std::move(door));
      }
    }
    if (doors.empty()) {
      AddTriangles(h, g.get(), y, 0, out.blocked);
      continue;
    }
    AddTriangles(h, g.get(), y, kAreaFloor, out.floor);
    // Thicker than two cells, so that the wall covers whole cells for the marking.
    Geom wall(h, GEOSBuffer_r(h, edge.get(), 2 * kCellSize, 2));
    Geom open = UnionOf(h, doors);
    Geom walls = Minus(h, wall, open);
    if (walls.get() && GEOSisEmpty_r(h, walls.get()) != 1) AddTriangles(h, walls.get(), y, 0, out.blocked);
  }
  return out;
}

// [SECTION] Level changes: stairs, escalators and lifts stacked on two levels ---------------------------

struct Connection {
  float a[3], b[3];
  unsigned char area;
  unsigned short flags;
};

std::vector<Connection> LevelChanges(GEOSContextHandle_t h, const CatalogData& plan) {
  std::vector<Connection> out;
  std::vector<const Location*> ways;
  for (const auto& l : plan.locations)
    if (l.is_polygon && (l.kind == LocationKind::Stairs || l.kind == LocationKind::Escalator || l.kind == LocationKind::Elevator))
      ways.push_back(&l);
  std::sort(ways.begin(), ways.end(), [](const Location* a, const Location* b) { return a->level < b->level; });
  std::vector<Geom> outlines;
  for (const Location* l : ways) outlines.push_back(Outline(h, *l));
  for (size_t i = 0; i < ways.size(); ++i) {
    int next_level = 0;
    bool have_next = false;
    for (size_t j = i + 1; j < ways.size(); ++j) {
      const Location& a = *ways[i];
      const Location& b = *ways[j];
      if (b.kind != a.kind || b.level == a.level || !outlines[i].get() || !outlines[j].get()) continue;
      if (GEOSIntersects_r(h, outlines[i].get(), outlines[j].get()) != 1) continue;
      // Stairs and escalators go one level at a time; a lift stops at every level it is drawn on.
      if (a.kind != LocationKind::Elevator) {
        if (have_next && b.level != next_level) continue;
        have_next = true;
        next_level = b.level;
      }
      Connection c{};
      c.a[0] = static_cast<float>(a.anchor.x), c.a[1] = LevelY(a.level), c.a[2] = static_cast<float>(a.anchor.y);
      c.b[0] = static_cast<float>(b.anchor.x), c.b[1] = LevelY(b.level), c.b[2] = static_cast<float>(b.anchor.y);
      c.area = AreaOf(a.kind);
      c.flags = static_cast<unsigned short>(a.kind == LocationKind::Elevator ? kFlagWalk : kFlagWalk | kFlagSteps);
      out.push_back(c);
    }
  }
  return out;
}

// [SECTION] Recast and Detour: one tile ------------------------------------------------------------------

struct Grid {
  float bmin[3], bmax[3];
  float cs;
  int radius;  // the clearance in cells
  int tiles_x, tiles_z;
  float tile_size() const { return cs * static_cast<float>(kTileCells); }
};

// Owners of Recast's allocations.
struct HeightfieldFree { void operator()(rcHeightfield* p) const { rcFreeHeightField(p); } };
struct CompactFree { void operator()(rcCompactHeightfield* p) const { rcFreeCompactHeightfield(p); } };
struct ContourFree { void operator()(rcContourSet* p) const { rcFreeContourSet(p); } };
struct PolyMeshFree { void operator()(rcPolyMesh* p) const { rcFreePolyMesh(p); } };

// Detour's data of one tile's polygons, with every level change (Detour keeps those that start in the tile).
std::vector<unsigned char> TileData(const rcConfig& cfg, int tx, int tz, const rcPolyMesh& pmesh, const std::vector<Connection>& changes) {
  std::vector<float> con_verts, con_rad;
  std::vector<unsigned short> con_flags;
  std::vector<unsigned char> con_areas, con_dir;
  std::vector<unsigned int> con_ids;
  for (size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    con_verts.insert(con_verts.end(), c.a, c.a + 3);
    con_verts.insert(con_verts.end(), c.b, c.b + 3);
    con_rad.push_back(1.0f);
    con_flags.push_back(c.flags);
    con_areas.push_back(c.area);
    con_dir.push_back(DT_OFFMESH_CON_BIDIR);
    con_ids.push_back(static_cast<unsigned int>(i));
  }
  dtNavMeshCreateParams params{};
  params.verts = pmesh.verts;
  params.vertCount = pmesh.nverts;
  params.polys = pmesh.polys;
  params.polyAreas = pmesh.areas;
  params.polyFlags = pmesh.flags;
  params.polyCount = pmesh.npolys;
  params.nvp = pmesh.nvp;
  // No detail mesh: every floor is flat, and Detour then triangulates the polygons itself. (Recast's
  // rcBuildPolyMeshDetail of Debian's 1.5.1 snapshot also loops without end on some of these flat tiles.)
  params.offMeshConVerts = con_verts.data();
  params.offMeshConRad = con_rad.data();
  params.offMeshConFlags = con_flags.data();
  params.offMeshConAreas = con_areas.data();
  params.offMeshConDir = con_dir.data();
  params.offMeshConUserID = con_ids.data();
  params.offMeshConCount = static_cast<int>(changes.size());
  params.tileX = tx;
  params.tileY = tz;
  params.tileLayer = 0;
  rcVcopy(params.bmin, pmesh.bmin);
  rcVcopy(params.bmax, pmesh.bmax);
  params.walkableHeight = 2.0f;
  params.walkableRadius = kClearance;
  params.walkableClimb = 0.3f;
  params.cs = cfg.cs;
  params.ch = cfg.ch;
  params.buildBvTree = true;
  unsigned char* data = nullptr;
  int size = 0;
  if (!dtCreateNavMeshData(&params, &data, &size)) return {};
  std::vector<unsigned char> out(data, data + size);
  dtFree(data);
  return out;
}

// The tile's Detour data; empty when nothing walkable falls in it. Throws std::bad_alloc when Recast runs out.
std::vector<unsigned char> BuildTile(const Grid& grid, int tx, int tz, const PlanTriangles& tris,
                                     const std::vector<Connection>& changes) {
  rcContext ctx(false);
  rcConfig cfg{};
  cfg.cs = grid.cs;
  cfg.ch = 0.1f;
  cfg.walkableSlopeAngle = 45;
  cfg.walkableHeight = static_cast<int>(std::ceil(2.0f / cfg.ch));
  cfg.walkableClimb = static_cast<int>(std::floor(0.3f / cfg.ch));
  cfg.walkableRadius = grid.radius;
  // Short edges: Detour's A* walks between edge midpoints, and on small polygons the corridor it finds is
  // the one a person takes (long ones let it choose a way round a corner).
  cfg.maxEdgeLen = static_cast<int>(3.0f / cfg.cs);
  cfg.maxSimplificationError = 1.1f;
  cfg.minRegionArea = 16;
  cfg.mergeRegionArea = 400;
  cfg.maxVertsPerPoly = 6;
  cfg.tileSize = kTileCells;
  cfg.borderSize = cfg.walkableRadius + 3;
  cfg.width = cfg.height = cfg.tileSize + cfg.borderSize * 2;
  const float ts = grid.tile_size();
  float tile_min[3] = {grid.bmin[0] + static_cast<float>(tx) * ts, grid.bmin[1], grid.bmin[2] + static_cast<float>(tz) * ts};
  float tile_max[3] = {tile_min[0] + ts, grid.bmax[1], tile_min[2] + ts};
  rcVcopy(cfg.bmin, tile_min);
  rcVcopy(cfg.bmax, tile_max);
  const float pad = static_cast<float>(cfg.borderSize) * cfg.cs;
  cfg.bmin[0] -= pad, cfg.bmin[2] -= pad, cfg.bmax[0] += pad, cfg.bmax[2] += pad;

  std::vector<float> verts;
  std::vector<int> idx;
  std::vector<unsigned char> areas;
  for (const auto& t : tris.floor) {
    if (t.max_x < cfg.bmin[0] || t.min_x > cfg.bmax[0] || t.max_z < cfg.bmin[2] || t.min_z > cfg.bmax[2]) continue;
    int base = static_cast<int>(verts.size() / 3);
    verts.insert(verts.end(), t.v, t.v + 9);
    idx.insert(idx.end(), {base, base + 1, base + 2});
    areas.push_back(t.area);
  }
  if (areas.empty()) return {};

  std::unique_ptr<rcHeightfield, HeightfieldFree> solid(rcAllocHeightfield());
  if (!solid || !rcCreateHeightfield(&ctx, *solid, cfg.width, cfg.height, cfg.bmin, cfg.bmax, cfg.cs, cfg.ch))
    throw std::bad_alloc();
  if (!rcRasterizeTriangles(&ctx, verts.data(), static_cast<int>(verts.size() / 3), idx.data(), areas.data(),
                            static_cast<int>(areas.size()), *solid, cfg.walkableClimb))
    throw std::bad_alloc();
  rcFilterWalkableLowHeightSpans(&ctx, cfg.walkableHeight, *solid);
  std::unique_ptr<rcCompactHeightfield, CompactFree> chf(rcAllocCompactHeightfield());
  if (!chf || !rcBuildCompactHeightfield(&ctx, cfg.walkableHeight, cfg.walkableClimb, *solid, *chf)) throw std::bad_alloc();
  solid.reset();
  // Marks the spans under each triangle: unwalkable, or (marks) the triangle's own area.
  auto mark = [&](const std::vector<Triangle>& tris, bool block) {
    for (const auto& t : tris) {
      if (t.max_x < cfg.bmin[0] || t.min_x > cfg.bmax[0] || t.max_z < cfg.bmin[2] || t.min_z > cfg.bmax[2]) continue;
      rcMarkConvexPolyArea(&ctx, t.v, 3, t.v[1] - 1.0f, t.v[1] + 1.0f, block ? RC_NULL_AREA : t.area, *chf);
    }
  };
  mark(tris.blocked, true);
  if (!rcErodeWalkableArea(&ctx, cfg.walkableRadius, *chf)) throw std::bad_alloc();
  mark(tris.marks, false);
  if (!rcBuildDistanceField(&ctx, *chf) ||
      !rcBuildRegions(&ctx, *chf, cfg.borderSize, cfg.minRegionArea, cfg.mergeRegionArea))
    throw std::bad_alloc();
  std::unique_ptr<rcContourSet, ContourFree> cset(rcAllocContourSet());
  if (!cset || !rcBuildContours(&ctx, *chf, cfg.maxSimplificationError, cfg.maxEdgeLen, *cset)) throw std::bad_alloc();
  if (cset->nconts == 0) return {};
  std::unique_ptr<rcPolyMesh, PolyMeshFree> pmesh(rcAllocPolyMesh());
  if (!pmesh || !rcBuildPolyMesh(&ctx, *cset, cfg.maxVertsPerPoly, *pmesh)) throw std::bad_alloc();
  if (pmesh->npolys == 0 || pmesh->nverts >= 0xffff) return {};
  if (pmesh->npolys > kMaxTilePolys) throw std::runtime_error("a tile of the plan needs more than " + std::to_string(kMaxTilePolys) + " polygons");
  for (int i = 0; i < pmesh->npolys; ++i) {
    pmesh->flags[i] = pmesh->areas[i] == kAreaStairs || pmesh->areas[i] == kAreaEscalator || pmesh->areas[i] == kAreaWalkwaySteps
                          ? static_cast<unsigned short>(kFlagWalk | kFlagSteps)
                          : static_cast<unsigned short>(kFlagWalk);
  }

  return TileData(cfg, tx, tz, *pmesh, changes);
}

}  // namespace

Result<std::vector<RouteTile>> BuildRouteMesh(const CatalogData& plan, const std::vector<WalkwayLine>& walkways) {
  std::vector<RouteTile> tiles;
  geos::Context geos = geos::NewContext();
  if (!geos) return Error{"building the routes: out of memory"};
  PlanTriangles tris = WalkableTriangles(geos.get(), plan, walkways);
  if (tris.floor.empty()) return tiles;
  std::vector<Connection> changes = LevelChanges(geos.get(), plan);

  Grid grid{};
  for (int a = 0; a < 3; ++a) grid.bmin[a] = 1e30f, grid.bmax[a] = -1e30f;
  for (const auto& t : tris.floor)
    for (int k = 0; k < 3; ++k)
      for (int a = 0; a < 3; ++a) grid.bmin[a] = std::min(grid.bmin[a], t.v[k * 3 + a]), grid.bmax[a] = std::max(grid.bmax[a], t.v[k * 3 + a]);
  grid.bmin[1] -= 1.0f, grid.bmax[1] += 2.5f;
  // Cells as small as a person needs, grown for very large venues so that the tiles stay within Detour's
  // 2^12 tile references (and 2^10 polygons each).
  grid.cs = kCellSize;
  for (;;) {
    grid.tiles_x = static_cast<int>(std::ceil((grid.bmax[0] - grid.bmin[0]) / grid.tile_size()));
    grid.tiles_z = static_cast<int>(std::ceil((grid.bmax[2] - grid.bmin[2]) / grid.tile_size()));
    if (static_cast<long>(grid.tiles_x) * grid.tiles_z <= kMaxTiles) break;
    grid.cs *= 1.5f;
  }
  grid.radius = std::max(1, static_cast<int>(std::ceil(kClearance / grid.cs)));
  auto guarded = Guard("building the routes", [&] {
    for (int tz = 0; tz < grid.tiles_z; ++tz)
      for (int tx = 0; tx < grid.tiles_x; ++tx) {
        auto data = BuildTile(grid, tx, tz, tris, changes);
        if (!data.empty()) tiles.push_back({static_cast<int>(tiles.size()) + 1, std::move(data)});
      }
  });
  if (guarded) return *guarded;
  return tiles;
}

}  // namespace db
