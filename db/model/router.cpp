#include "db/model/router.h"

#include <recastnavigation/DetourAlloc.h>
#include <recastnavigation/DetourNavMesh.h>
#include <recastnavigation/DetourNavMeshQuery.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "db/model/geometry.h"
#include "db/model/route_mesh.h"

namespace db {
namespace {

using namespace route;

constexpr int kMaxNodes = 65535;  // Detour's A* node pool per query (its most: node indexes are 16 bits); a 5,000-booth hall needs tens of thousands
constexpr int kMaxPath = 4096;    // polygons along one route
constexpr int kMaxStraight = 1024;  // corners of one route

int LevelOf(float y) { return static_cast<int>(std::lround(y / kLevelRise)); }

void Filter(dtQueryFilter& f, bool step_free) {
  f.setIncludeFlags(kFlagWalk);
  f.setExcludeFlags(step_free ? kFlagSteps : 0);
  // Costs per metre: a level change by stairs is walked, a lift is waited for, a walkway is preferred. All
  // divided by the walkway's, so that none is under 1: Detour's A* estimates the rest of a way as its
  // straight length (times 0.999), which must not be more than it can cost, or A* misses the best way.
  const float unit = 1.0f / kWalkwayCost;
  f.setAreaCost(kAreaFloor, 1.0f * unit);
  f.setAreaCost(kAreaStairs, 1.5f * unit);
  f.setAreaCost(kAreaEscalator, 1.2f * unit);
  f.setAreaCost(kAreaLift, 3.0f * unit);
  f.setAreaCost(kAreaWalkway, 1.0f);
  f.setAreaCost(kAreaWalkwaySteps, 1.0f);
}

double Distance(const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Where a walk to `to` may end: its anchor when that is on walkable space (a point, a room entered through
// its door, a lift); else, for an outline one cannot walk into (a booth, a stage, a room without doors), the
// walkable point nearest to the middle of each of its longest sides, so that the route ends on the side it
// reaches first, not behind the place. Step-free: never on stairs.
std::vector<std::pair<dtPolyRef, std::array<float, 3>>> Ends(const dtNavMeshQuery& query, const dtQueryFilter& any,
                                                            const dtQueryFilter& filter, const Location& to, bool step_free) {
  std::vector<std::pair<dtPolyRef, std::array<float, 3>>> out;
  const dtQueryFilter& f = step_free ? filter : any;
  const float y = LevelY(to.level);
  auto nearest = [&](double x, double z, float reach) {
    const float at[3] = {static_cast<float>(x), y, static_cast<float>(z)}, ext[3] = {reach, 1.5f, reach};
    dtPolyRef ref = 0;
    std::array<float, 3> pt{};
    if (dtStatusSucceed(query.findNearestPoly(at, ext, &f, &ref, pt.data())) && ref) out.push_back({ref, pt});
  };
  if (!to.is_polygon || to.ring.size() < 3) {
    nearest(to.anchor.x, to.anchor.y, 3.0f);
    return out;
  }
  // Inside the outline already (a room through its door): its anchor.
  const float at[3] = {static_cast<float>(to.anchor.x), y, static_cast<float>(to.anchor.y)}, tight[3] = {0.2f, 1.5f, 0.2f};
  dtPolyRef ref = 0;
  std::array<float, 3> pt{};
  if (dtStatusSucceed(query.findNearestPoly(at, tight, &f, &ref, pt.data())) && ref &&
      std::hypot(pt[0] - at[0], pt[2] - at[2]) < 0.2f)
    return {{ref, pt}};
  // Each side's middle, moved out by the clearance and a little more (the first walkable space beside it).
  std::vector<size_t> sides(to.ring.size());
  for (size_t i = 0; i < sides.size(); ++i) sides[i] = i;
  auto length = [&](size_t i) { return Distance(to.ring[i], to.ring[(i + 1) % to.ring.size()]); };
  std::sort(sides.begin(), sides.end(), [&](size_t a, size_t b) { return length(a) > length(b); });
  sides.resize(std::min<size_t>(sides.size(), 8));
  const double turn = SignedArea(to.ring) > 0 ? 1 : -1;  // the outward normal's side
  for (size_t i : sides) {
    const Point& a = to.ring[i];
    const Point& b = to.ring[(i + 1) % to.ring.size()];
    double len = length(i);
    if (len < 0.3) continue;
    double nx = turn * (b.y - a.y) / len, ny = -turn * (b.x - a.x) / len, out_by = kClearance + 0.3;
    nearest((a.x + b.x) / 2 + nx * out_by, (a.y + b.y) / 2 + ny * out_by, static_cast<float>(len / 2 + 1.0));
  }
  return out;
}

// The length of the walk the string pulling makes of `path` (what a visitor walks, to compare ends by).
float PathLength(const dtNavMeshQuery& query, const float* from, const float* to, const dtPolyRef* path, int n) {
  float pts[kMaxStraight * 3];
  int count = 0;
  if (dtStatusFailed(query.findStraightPath(from, to, path, n, pts, nullptr, nullptr, &count, kMaxStraight, 0))) return 1e30f;
  float sum = 0;
  for (int i = 1; i < count; ++i) sum += std::hypot(pts[i * 3] - pts[i * 3 - 3], pts[i * 3 + 2] - pts[i * 3 - 1]);
  return sum;
}

long Align(long n) { return (n + 3) & ~3L; }

// `n` records of T copied out of the tile's bytes at `p` (the bytes need not be aligned for T).
template <class T>
std::vector<T> Records(const unsigned char* p, int n) {
  std::vector<T> out(static_cast<size_t>(n));
  if (n > 0) std::memcpy(out.data(), p, sizeof(T) * out.size());
  return out;
}

// What in a tile whose parts all lie within its bytes would make Detour read outside them: a polygon's
// corner or neighbour, a detail mesh's range, a bounding-volume node or a level change's polygon that is not
// in the tile. Detour trusts its data; a snapshot is checked before it is shown.
std::optional<std::string> TileProblem(const unsigned char* data, const dtMeshHeader& h) {
  const unsigned char* p = data + Align(sizeof(dtMeshHeader)) + Align(sizeof(float) * 3 * h.vertCount);
  std::vector<dtPoly> polys = Records<dtPoly>(p, h.polyCount);
  p += Align(sizeof(dtPoly) * h.polyCount) + Align(sizeof(dtLink) * h.maxLinkCount);
  std::vector<dtPolyDetail> details = Records<dtPolyDetail>(p, h.detailMeshCount);
  p += Align(sizeof(dtPolyDetail) * h.detailMeshCount) + Align(sizeof(float) * 3 * h.detailVertCount);
  const unsigned char* detail_tris = p;
  p += Align(4L * h.detailTriCount);
  std::vector<dtBVNode> nodes = Records<dtBVNode>(p, h.bvNodeCount);
  p += Align(sizeof(dtBVNode) * h.bvNodeCount);
  std::vector<dtOffMeshConnection> cons = Records<dtOffMeshConnection>(p, h.offMeshConCount);
  for (size_t i = 0; i < polys.size(); ++i) {
    const dtPoly& poly = polys[i];
    if (poly.vertCount > DT_VERTS_PER_POLYGON) return "a polygon of " + std::to_string(poly.vertCount) + " corners";
    for (int v = 0; v < poly.vertCount; ++v) {
      if (poly.verts[v] >= h.vertCount) return "a corner outside the tile";
      unsigned short nei = poly.neis[v];
      if (nei && !(nei & DT_EXT_LINK) && nei - 1 >= h.polyCount) return "a neighbour outside the tile";
    }
    if (poly.getType() == DT_POLYTYPE_GROUND) {
      if (i >= details.size()) return "a polygon without its detail";
      const dtPolyDetail& d = details[i];
      if (static_cast<long>(d.vertBase) + d.vertCount > h.detailVertCount || static_cast<long>(d.triBase) + d.triCount > h.detailTriCount)
        return "a detail outside the tile";
      for (int k = 0; k < d.triCount * 4; ++k)
        if ((k & 3) != 3 && detail_tris[(d.triBase * 4) + k] >= poly.vertCount + d.vertCount) return "a detail corner outside the tile";
    } else if (poly.vertCount != 2) {
      return "a level change with " + std::to_string(poly.vertCount) + " ends";
    }
  }
  for (const auto& n : nodes)
    if (n.i >= 0 ? n.i >= h.polyCount : -n.i > h.bvNodeCount) return "a search node outside the tile";
  for (const auto& c : cons)
    if (c.poly >= h.polyCount || polys[c.poly].getType() != DT_POLYTYPE_OFFMESH_CONNECTION) return "a level change outside the tile";
  return std::nullopt;
}

// The straight path's corners as legs, one per level, each ending where a level change starts.
Route LegsOf(const dtNavMesh& mesh, const float* straight, const unsigned char* flags, const dtPolyRef* refs, int n) {
  Route route;
  RouteLeg leg;
  leg.level = LevelOf(straight[1]);
  for (int i = 0; i < n; ++i) {
    Point p{straight[i * 3], straight[i * 3 + 2]};
    int level = LevelOf(straight[i * 3 + 1]);
    if (level != leg.level && !leg.points.empty()) {
      route.legs.push_back(std::move(leg));
      leg = RouteLeg{};
      leg.level = level;
    }
    if (!leg.points.empty()) leg.length_m += Distance(leg.points.back(), p);
    leg.points.push_back(p);
    if (flags[i] & DT_STRAIGHTPATH_OFFMESH_CONNECTION) {
      const dtMeshTile* tile = nullptr;
      const dtPoly* poly = nullptr;
      LevelChangeKind kind = LevelChangeKind::Stairs;
      if (dtStatusSucceed(mesh.getTileAndPolyByRef(refs[i], &tile, &poly))) {
        if (poly->getArea() == kAreaLift) kind = LevelChangeKind::Lift;
        if (poly->getArea() == kAreaEscalator) kind = LevelChangeKind::Escalator;
      }
      leg.then = kind;
    }
  }
  route.legs.push_back(std::move(leg));
  return route;
}

}  // namespace

// The flood of Router::Prepare: the way back from every polygon reached to the start.
struct Router::Flood {
  Point from;
  int level = 0;
  dtPolyRef start = 0;
  std::unordered_map<dtPolyRef, dtPolyRef> parent;  // each polygon reached: the one before it (0 at the start)
  bool whole = false;                               // not cut short by the node pool or the result buffer
};

Router::Router(Key) {}

Router::~Router() {
  if (mesh_) dtFreeNavMesh(mesh_);
}

Result<std::shared_ptr<const Router>> Router::Make(const std::vector<RouteTile>& tiles) {
  auto r = std::make_shared<Router>(Key{});
  if (tiles.empty()) return std::shared_ptr<const Router>(r);
  if (tiles.size() > static_cast<size_t>(kMaxTiles))
    return Error{"route_tile: " + std::to_string(tiles.size()) + " tiles, more than the " + std::to_string(kMaxTiles) +
                 " a kiosk reads (rebuild the snapshot)"};
  // Each tile says where it lies; the grid is the first one's (Detour refuses a tile that does not fit it).
  const auto* first = reinterpret_cast<const dtMeshHeader*>(tiles[0].data.data());
  if (tiles[0].data.size() < sizeof(dtMeshHeader) || first->magic != DT_NAVMESH_MAGIC || first->version != DT_NAVMESH_VERSION)
    return Error{"route_tile 1: not a routing tile of this kiosk's format (rebuild the snapshot)"};
  dtNavMeshParams params{};
  params.tileWidth = params.tileHeight = first->bmax[0] - first->bmin[0];
  if (!(params.tileWidth > 0.1f) || !std::isfinite(params.tileWidth))
    return Error{"route_tile 1: damaged (a tile " + std::to_string(params.tileWidth) + " m wide)"};
  params.orig[0] = first->bmin[0] - static_cast<float>(first->x) * params.tileWidth;
  params.orig[1] = first->bmin[1];
  params.orig[2] = first->bmin[2] - static_cast<float>(first->y) * params.tileWidth;
  params.maxTiles = kMaxTiles;
  params.maxPolys = kMaxTilePolys;
  r->mesh_ = dtAllocNavMesh();
  if (!r->mesh_) return Error{"route_tile: out of memory"};
  if (dtStatusFailed(r->mesh_->init(&params))) return Error{"route_tile: Detour refused the tile grid (rebuild the snapshot)"};
  for (size_t i = 0; i < tiles.size(); ++i) {
    const auto& t = tiles[i].data;
    // Detour reads the tile in place and trusts its header: check the magic, the version and that every
    // part the header counts lies inside the bytes, before handing them over.
    const auto* h = reinterpret_cast<const dtMeshHeader*>(t.data());
    std::string where = "route_tile " + std::to_string(tiles[i].id);
    if (t.size() < sizeof(dtMeshHeader) || h->magic != DT_NAVMESH_MAGIC || h->version != DT_NAVMESH_VERSION)
      return Error{where + ": not a routing tile of this kiosk's format (rebuild the snapshot)"};
    long need = Align(sizeof(dtMeshHeader));
    const long counts[] = {h->vertCount, h->polyCount, h->maxLinkCount, h->detailMeshCount, h->detailVertCount,
                           h->detailTriCount, h->bvNodeCount, h->offMeshConCount};
    for (long c : counts)
      if (c < 0 || c > (1L << 24)) return Error{where + ": damaged (a count of " + std::to_string(c) + ")"};
    if (h->polyCount > kMaxTilePolys)
      return Error{where + ": " + std::to_string(h->polyCount) + " polygons, more than a tile may hold (rebuild the snapshot)"};
    need += Align(sizeof(float) * 3 * h->vertCount) + Align(sizeof(dtPoly) * h->polyCount) +
            Align(sizeof(dtLink) * h->maxLinkCount) + Align(sizeof(dtPolyDetail) * h->detailMeshCount) +
            Align(sizeof(float) * 3 * h->detailVertCount) + Align(4L * h->detailTriCount) +
            Align(sizeof(dtBVNode) * h->bvNodeCount) + Align(sizeof(dtOffMeshConnection) * h->offMeshConCount);
    if (static_cast<long>(t.size()) < need)
      return Error{where + ": damaged (" + std::to_string(t.size()) + " bytes, its header needs " + std::to_string(need) + ")"};
    if (auto problem = TileProblem(t.data(), *h)) return Error{where + ": damaged (" + *problem + "; rebuild the snapshot)"};
    auto* copy = static_cast<unsigned char*>(dtAlloc(static_cast<int>(t.size()), DT_ALLOC_PERM));
    if (!copy) return Error{"route_tile: out of memory"};
    std::memcpy(copy, t.data(), t.size());
    if (dtStatusFailed(r->mesh_->addTile(copy, static_cast<int>(t.size()), DT_TILE_FREE_DATA, 0, nullptr))) {
      dtFree(copy);
      return Error{where + ": Detour refused it (two tiles at one place, or outside the grid; rebuild the snapshot)"};
    }
  }
  return std::shared_ptr<const Router>(r);
}

std::shared_ptr<const Router::Flood> Router::PreparedFor(Point from, int from_level, bool step_free) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto& f = floods_[step_free ? 1 : 0];
  return f && f->from == from && f->level == from_level ? f : nullptr;
}

void Router::Prepare(Point from, int from_level) const {
  if (!mesh_) return;
  for (bool step_free : {false, true}) {
    if (PreparedFor(from, from_level, step_free)) continue;
    dtNavMeshQuery query;
    if (dtStatusFailed(query.init(mesh_, kMaxNodes))) return;
    dtQueryFilter filter;
    Filter(filter, step_free);
    const float start_at[3] = {static_cast<float>(from.x), LevelY(from_level), static_cast<float>(from.y)};
    const float near[3] = {2.0f, 1.5f, 2.0f};
    auto flood = std::make_shared<Flood>();
    flood->from = from, flood->level = from_level;
    float start_pt[3];
    if (dtStatusFailed(query.findNearestPoly(start_at, near, &filter, &flood->start, start_pt)) || !flood->start) return;
    std::vector<dtPolyRef> refs(kMaxNodes), parents(kMaxNodes);
    std::vector<float> costs(kMaxNodes);
    int n = 0;
    // A circle holding the whole plan: Detour's Dijkstra over every polygon the filter lets it walk.
    dtStatus st = query.findPolysAroundCircle(flood->start, start_pt, 1e9f, &filter, refs.data(), parents.data(), costs.data(), &n, kMaxNodes);
    if (dtStatusFailed(st)) return;
    flood->whole = !dtStatusDetail(st, DT_BUFFER_TOO_SMALL) && !dtStatusDetail(st, DT_OUT_OF_NODES);
    flood->parent.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) flood->parent.emplace(refs[i], parents[i]);
    std::lock_guard<std::mutex> lock(mu_);
    floods_[step_free ? 1 : 0] = std::move(flood);
  }
}

std::optional<Route> Router::Find(Point from, int from_level, const Location& to, bool step_free, NoRoute* why) const {
  auto fail = [why](NoRoute r) -> std::optional<Route> {
    if (why) *why = r;
    return std::nullopt;
  };
  if (!mesh_) return fail(NoRoute::kNoMesh);
  dtNavMeshQuery query;
  if (dtStatusFailed(query.init(mesh_, kMaxNodes))) return fail(NoRoute::kNoMesh);
  dtQueryFilter filter, any;
  Filter(filter, step_free);
  Filter(any, false);

  const float start_at[3] = {static_cast<float>(from.x), LevelY(from_level), static_cast<float>(from.y)};
  const float near[3] = {2.0f, 1.5f, 2.0f};
  dtPolyRef start = 0;
  float start_pt[3];
  if (dtStatusFailed(query.findNearestPoly(start_at, near, &filter, &start, start_pt)) || !start) return fail(NoRoute::kStartOff);

  // The place: its anchor when it stands on walkable space (a room through its door, a lift, a point), else
  // the walkable point nearest to it around its outline, on whichever side the walk reaches first (Ends).
  // Without a way, step-free is told apart: a way with steps may exist.
  auto none = [&](NoRoute plain) {
    if (step_free && Find(from, from_level, to, false)) return fail(NoRoute::kNoStepFreeWay);
    return fail(plain);
  };
  std::vector<std::pair<dtPolyRef, std::array<float, 3>>> ends = Ends(query, any, filter, to, step_free);
  if (ends.empty()) return none(NoRoute::kPlaceOff);

  std::shared_ptr<const Flood> flood = PreparedFor(from, from_level, step_free);
  if (flood && flood->start != start) flood = nullptr;
  std::vector<dtPolyRef> path(kMaxPath), best_path;
  float best = 1e30f, end_pt[3] = {0, 0, 0};
  for (const auto& [ref, at] : ends) {
    int npath = 0;
    if (flood && flood->parent.count(ref)) {
      // The flood's way back, start first.
      for (auto it = flood->parent.find(ref); it != flood->parent.end() && npath < kMaxPath; it = flood->parent.find(it->second)) {
        path[npath++] = it->first;
        if (!it->second) break;  // the start
      }
      if (path[npath - 1] != start) continue;  // longer than kMaxPath
      std::reverse(path.begin(), path.begin() + npath);
    } else {
      if (flood && flood->whole) continue;  // the flood reached all there is: no way to this end
      dtStatus st = query.findPath(start, ref, start_pt, at.data(), &filter, path.data(), &npath, kMaxPath);
      if (dtStatusFailed(st) || npath == 0 || path[npath - 1] != ref) continue;
    }
    float cost = PathLength(query, start_pt, at.data(), path.data(), npath);
    if (cost < best) best = cost, best_path.assign(path.begin(), path.begin() + npath), std::copy(at.begin(), at.end(), end_pt);
  }
  int npath = static_cast<int>(best_path.size());
  path = std::move(best_path);
  if (npath == 0) return none(NoRoute::kNoWay);
  std::vector<float> straight(kMaxStraight * 3);
  std::vector<unsigned char> flags(kMaxStraight);
  std::vector<dtPolyRef> refs(kMaxStraight);
  int n = 0;
  if (dtStatusFailed(query.findStraightPath(start_pt, end_pt, path.data(), npath, straight.data(), flags.data(), refs.data(),
                                            &n, kMaxStraight, 0)) || n == 0)
    return fail(NoRoute::kNoWay);

  Route route = LegsOf(*mesh_, straight.data(), flags.data(), refs.data(), n);
  for (const auto& l : route.legs) route.length_m += l.length_m;
  route.end = {end_pt[0], end_pt[2]};
  route.end_level = LevelOf(end_pt[1]);
  return route;
}

}  // namespace db
