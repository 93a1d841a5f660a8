// Routes on the routing mesh (db/model/route_mesh.h): from a point on a level to a place of the plan, the
// way a person walks it (Detour's A* over the mesh's polygons, then its string pulling: straight lines that
// turn only at corners, a clearance away from them), level by level.
//
// Thread rules: a Router's mesh is immutable once made; Find and Prepare may be called from any number of
// threads at once (each call has its own Detour query and node pool; the prepared floods are guarded by a
// mutex and shared, immutable, once made).
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/model/catalog.h"

class dtNavMesh;

namespace db {

// How a route goes from one level to the next.
enum class LevelChangeKind { Stairs, Escalator, Lift };

// The part of a route on one level: the line to draw there, and how it leaves that level (when it does).
struct RouteLeg {
  int level = 0;               // ordinal
  std::vector<Point> points;   // plan metres, at least two
  double length_m = 0;
  std::optional<LevelChangeKind> then;  // how the walk goes on to the next leg's level
};

struct Route {
  std::vector<RouteLeg> legs;  // in walking order; one when start and end share a level
  double length_m = 0;         // walked on the levels (the change of level not counted)
  Point end;                   // where the route ends: at the place, or at its edge
  int end_level = 0;
};

// Why there is no route.
enum class NoRoute {
  kNoMesh,          // the snapshot has no routing mesh (a plan with no walkable space)
  kStartOff,        // the starting point is on no walkable space
  kPlaceOff,        // the place has no walkable space within reach
  kNoWay,           // the two are not connected (walls, or another building with no way between)
  kNoStepFreeWay,   // only a way with steps joins them, and step-free was asked
};

class Router {
 public:
  // The router of the mesh `tiles`; an Error when a tile is not Detour data of this build (a damaged or
  // foreign snapshot: validate reports it). No tiles give a router that finds nothing (kNoMesh).
  static Result<std::shared_ptr<const Router>> Make(const std::vector<RouteTile>& tiles);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  bool empty() const { return mesh_ == nullptr; }
  // The route from `from` on level `from_level` to `to`. step_free: no stairs or escalators (lifts and
  // ramps only). When it is not found, `why` says why.
  // From a prepared start (Prepare), only the way back through the flood and the string pulling; else
  // Detour's A*, once for each side the place may be reached on.
  std::optional<Route> Find(Point from, int from_level, const Location& to, bool step_free, NoRoute* why = nullptr) const;

  // Floods the mesh from `from` once, walking and step-free (Dijkstra: every polygon's way back to the start),
  // so that later Finds from there cost a lookup and the string pulling: the kiosk's "you are here", prepared
  // off the UI thread when a snapshot is loaded. A flood that does not reach the whole mesh within Detour's
  // node pool (kMaxNodes) is kept for what it reached; places beyond go by A*. Calling it again for the same
  // start does nothing; for another start, it replaces the first.
  void Prepare(Point from, int from_level) const;

 private:
  struct Key {};
  struct Flood;
  std::shared_ptr<const Flood> PreparedFor(Point from, int from_level, bool step_free) const;

 public:
  explicit Router(Key);

 private:
  dtNavMesh* mesh_ = nullptr;  // owned (dtFreeNavMesh)
  mutable std::mutex mu_;
  mutable std::shared_ptr<const Flood> floods_[2];  // guarded by mu_: [step_free], from the last Prepare
};

}  // namespace db
