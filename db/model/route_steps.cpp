#include "db/model/route_steps.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_set>

#include "db/model/geos_shapes.h"

namespace db {

namespace {

using geos::Geom;

constexpr double kSimplifyMetres = 0.75;

double Cross(Point a, Point b) { return a.x * b.y - a.y * b.x; }
double Dot(Point a, Point b) { return a.x * b.x + a.y * b.y; }
Point Minus(Point a, Point b) { return {a.x - b.x, a.y - b.y}; }
double Length(Point a) { return std::hypot(a.x, a.y); }
// The signed angle from direction a to direction b, in degrees: positive counter-clockwise (a left turn: the
// plan's x runs east and y north).
double Turn(Point a, Point b) { return std::atan2(Cross(a, b), Dot(a, b)) * 180 / std::numbers::pi; }

// Leg `points` as GEOS simplifies them; the points themselves when GEOS cannot.
std::vector<Point> Simplified(GEOSContextHandle_t h, const std::vector<Point>& points) {
  Geom line = geos::Line(h, points);
  Geom simple(h, line ? GEOSSimplify_r(h, line.get(), kSimplifyMetres) : nullptr);
  const GEOSCoordSequence* seq = simple ? GEOSGeom_getCoordSeq_r(h, simple.get()) : nullptr;
  unsigned n = 0;
  if (!seq || GEOSCoordSeq_getSize_r(h, seq, &n) != 1 || n < 2) return points;
  std::vector<Point> out(n);
  for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(h, seq, i, &out[i].x, &out[i].y);
  return out;
}

// A straight run of a leg, from a to b, and the turn at its end (degrees, signed; 0: the leg ends there).
struct Run {
  Point a, b;
  double metres = 0, turn = 0;
};

std::vector<Run> Runs(const std::vector<Point>& p) {
  // The bends: where the line changes direction, with the distance walked to get there.
  struct Bend {
    size_t at;
    double angle, walked;
  };
  std::vector<Bend> bends;
  double walked = 0;
  for (size_t i = 1; i + 1 < p.size(); ++i) {
    walked += Length(Minus(p[i], p[i - 1]));
    Point in = Minus(p[i], p[i - 1]), out = Minus(p[i + 1], p[i]);
    if (Length(in) < 1e-6 || Length(out) < 1e-6) continue;
    double angle = Turn(in, out);
    // A bend close after the last: the two are one turn, at the later bend.
    if (!bends.empty() && walked - bends.back().walked < kMergeMetres) {
      bends.back().angle += angle;
      bends.back().at = i;
      bends.back().walked = walked;
    } else {
      bends.push_back({i, angle, walked});
    }
  }
  double total = walked + Length(Minus(p.back(), p[p.size() - 2]));
  std::vector<Run> runs;
  Run run{p.front(), p.front()};
  double from = 0;
  for (const Bend& b : bends) {
    if (std::abs(b.angle) < kTurnDegrees) continue;  // a slight bend: straight on
    run.b = p[b.at];
    run.metres = b.walked - from;
    run.turn = b.angle;
    runs.push_back(run);
    run = Run{p[b.at], p[b.at]};
    from = b.walked;
  }
  run.b = p.back();
  run.metres = total - from;
  runs.push_back(run);
  return runs;
}

int Rank(LocationKind k) {  // which place a visitor notices first; -1: not one to tell them of
  switch (k) {
    case LocationKind::Stage: return 0;
    case LocationKind::Room: return 1;
    case LocationKind::Amenity:
    case LocationKind::Entrance:
    case LocationKind::Exit: return 2;
    case LocationKind::Booth: return 3;
    default: return -1;
  }
}

struct Box {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void Grow(Point p) { x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y); }
  bool Near(const Box& o, double d) const { return x0 - d <= o.x1 && o.x0 - d <= x1 && y0 - d <= o.y1 && o.y0 - d <= y1; }
};

// The place a run passes, and on which side; "" when none.
struct Passed {
  std::string id;
  Side side = Side::Left;
};

Passed PassedOn(GEOSContextHandle_t h, const Catalog& c, int level, const Run& run, const Location& to,
                const std::unordered_set<std::string>& told) {
  Point dir = Minus(run.b, run.a);
  double len = Length(dir);
  if (len < kMergeMetres) return {};
  Box rb;
  rb.Grow(run.a), rb.Grow(run.b);
  Geom line = geos::Line(h, {run.a, run.b});
  if (!line) return {};
  const Location* best = nullptr;
  int best_rank = 99;
  double best_d = 1e300;
  Side best_side = Side::Left;
  for (const auto& l : c.locations) {
    int rank = Rank(l.kind);
    if (rank < 0 || rank > best_rank || l.level != level || l.id == to.id || told.count(l.id)) continue;
    Box lb;
    lb.Grow(l.anchor);
    for (const Point& q : l.ring) lb.Grow(q);
    if (!rb.Near(lb, kPassMetres)) continue;
    // Past the run's first fifth (what is at its start is where the visitor stands), before its end.
    double t = Dot(Minus(l.anchor, run.a), dir) / (len * len);
    if (t < 0.2 || t > 1) continue;
    double side = Cross(dir, Minus(l.anchor, run.a)) / len;  // metres left of the line (negative: right)
    if (std::abs(side) < 0.5) continue;                       // on the line: walked through, not passed
    double d = 0;
    Geom shape = l.is_polygon ? geos::Outline(h, l) : geos::Line(h, {l.anchor, l.anchor});
    if (!shape || GEOSDistance_r(h, shape.get(), line.get(), &d) != 1) d = std::abs(side);
    if (d > kPassMetres || (rank == best_rank && d >= best_d)) continue;
    best = &l, best_rank = rank, best_d = d, best_side = side > 0 ? Side::Left : Side::Right;
  }
  return best ? Passed{best->id, best_side} : Passed{};
}

}  // namespace

std::vector<RouteStep> Directions(const Catalog& c, const Route& r, const Location& to) {
  geos::Context ctx = geos::NewContext();
  if (!ctx || r.legs.empty()) return {};
  GEOSContextHandle_t h = ctx.get();
  std::vector<RouteStep> steps;
  std::unordered_set<std::string> told;
  Point last_dir{0, 0};
  for (size_t i = 0; i < r.legs.size(); ++i) {
    const RouteLeg& leg = r.legs[i];
    if (leg.points.size() >= 2) {
      for (const Run& run : Runs(Simplified(h, leg.points))) {
        Passed p = PassedOn(h, c, leg.level, run, to, told);
        if (!p.id.empty()) {
          told.insert(p.id);
          steps.push_back({.kind = RouteStep::Kind::Pass, .place_id = p.id, .side = p.side});
        }
        RouteStep walk{.kind = RouteStep::Kind::Walk, .metres = run.metres};
        if (run.turn != 0) walk.turn = run.turn > 0 ? Side::Left : Side::Right;
        if (run.metres >= 0.5) steps.push_back(walk);
        if (Length(Minus(run.b, run.a)) > 1e-6) last_dir = Minus(run.b, run.a);
      }
    }
    if (leg.then && i + 1 < r.legs.size()) {
      steps.push_back({.kind = RouteStep::Kind::Level, .change = *leg.then, .level = r.legs[i + 1].level});
      last_dir = {0, 0};  // off the lift or the stairs, facing who knows where
    }
  }
  // Where the place is, seen from the end of the walk: ahead within 35° (or at the end itself), else a side.
  RouteStep arrive{.kind = RouteStep::Kind::Arrive, .place_id = to.id};
  Point to_place = Minus(to.anchor, r.end);
  if (Length(last_dir) > 0 && Length(to_place) > 0.5 && std::abs(Turn(last_dir, to_place)) > 35)
    arrive.side = Turn(last_dir, to_place) > 0 ? Side::Left : Side::Right;
  steps.push_back(arrive);
  return steps;
}

}  // namespace db
