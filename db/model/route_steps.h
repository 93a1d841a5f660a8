// Directions for a route, in no language yet: the walk as a visitor is told it, step by step. Straight runs
// with the turn at their end, the places passed on the way, the changes of level, and on which side the place
// is at the end. The kiosk puts them into the visitor's words (app/map/route_words.h).
//
// How the steps come from the route's line (GEOS): each leg's line is simplified (Douglas-Peucker, 0.75 m),
// so that the string pulling's small bends round booth corners are not turns; bends closer together than
// kMergeMetres count as one turn (two 45° bends round a corner: one turn); a bend of at least kTurnDegrees is
// a turn. A place is passed on a run when its outline (or its point) lies within kPassMetres of the run, past
// its first fifth, on one side: stages and rooms before amenities, doors and booths; at most one a run, and
// each place once.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/model/catalog.h"
#include "db/model/router.h"

namespace db {

inline constexpr double kTurnDegrees = 30;
inline constexpr double kMergeMetres = 2.5;
inline constexpr double kPassMetres = 2.5;

enum class Side { Left, Right, Ahead };

struct RouteStep {
  enum class Kind {
    Walk,    // go `metres` straight on, then turn to `turn` (none: the leg ends there)
    Pass,    // `place_id` is on the way, on `side`
    Level,   // take `change` to level `level`
    Arrive,  // `place_id` (the destination) is on `side`, or ahead
  } kind = Kind::Walk;
  double metres = 0;
  std::optional<Side> turn;  // Walk: Left or Right
  std::string place_id;      // Pass, Arrive
  Side side = Side::Ahead;   // Pass, Arrive
  LevelChangeKind change = LevelChangeKind::Stairs;  // Level
  int level = 0;                                     // Level: the ordinal gone to
  bool operator==(const RouteStep&) const = default;
};

// The steps of route `r` to `to` on the plan of `c`, in walking order, ending with Arrive. Empty only when
// GEOS cannot be started (out of memory).
std::vector<RouteStep> Directions(const Catalog& c, const Route& r, const Location& to);

}  // namespace db
