#include "db/model/geometry.h"


#include <cmath>
#include <cstdio>
#include <memory>
#include <utility>

#include "db/model/caps.h"
#include "db/model/geos_shapes.h"

namespace db {

namespace geos {

GEOSGeometry* MakeRing(GEOSContextHandle_t h, const std::vector<Point>& r) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(r.size() + 1), 2);
  if (!seq) return nullptr;
  for (size_t i = 0; i <= r.size(); ++i)
    GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), r[i % r.size()].x, r[i % r.size()].y);
  return GEOSGeom_createLinearRing_r(h, seq);  // takes the sequence (null on failure, and frees it)
}

GEOSGeometry* MakePolygon(GEOSContextHandle_t h, const std::vector<Point>& r, const std::vector<Hole>& holes) {
  GEOSGeometry* shell = MakeRing(h, r);
  if (!shell) return nullptr;
  std::vector<GEOSGeometry*> inner;
  for (const auto& hole : holes) {
    GEOSGeometry* g = hole.ring.size() >= 3 ? MakeRing(h, hole.ring) : nullptr;
    if (!g) {
      for (GEOSGeometry* x : inner) GEOSGeom_destroy_r(h, x);
      GEOSGeom_destroy_r(h, shell);
      return nullptr;
    }
    inner.push_back(g);
  }
  return GEOSGeom_createPolygon_r(h, shell, inner.data(), static_cast<unsigned>(inner.size()));  // takes the rings
}

Geom Outline(GEOSContextHandle_t h, const Location& l) {
  if (!l.is_polygon || l.ring.size() < 3) return {h, nullptr};
  Geom poly(h, MakePolygon(h, l.ring, l.holes));
  if (poly && GEOSisValid_r(h, poly.get()) != 1) return {h, nullptr};
  return poly;
}

Geom Line(GEOSContextHandle_t h, const std::vector<Point>& points) {
  if (points.size() < 2) return {h, nullptr};
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(points.size()), 2);
  if (!seq) return {h, nullptr};
  for (size_t i = 0; i < points.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), points[i].x, points[i].y);
  return {h, GEOSGeom_createLineString_r(h, seq)};  // takes the sequence
}

std::vector<Point> Triangles(GEOSContextHandle_t h, const GEOSGeometry* g) {
  std::vector<Point> out;
  GEOSGeometry* tris = GEOSConstrainedDelaunayTriangulation_r(h, g);
  if (!tris) return out;
  int n = GEOSGetNumGeometries_r(h, tris);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* t = GEOSGetGeometryN_r(h, tris, i);
    const GEOSGeometry* shell = t ? GEOSGetExteriorRing_r(h, t) : nullptr;
    const GEOSCoordSequence* cs = shell ? GEOSGeom_getCoordSeq_r(h, shell) : nullptr;
    unsigned size = 0;
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &size) || size < 3) continue;
    Point p[3];
    for (unsigned k = 0; k < 3; ++k) GEOSCoordSeq_getXY_r(h, cs, k, &p[k].x, &p[k].y);
    if (SignedArea({p[0], p[1], p[2]}) < 0) std::swap(p[1], p[2]);
    out.insert(out.end(), {p[0], p[1], p[2]});
  }
  GEOSGeom_destroy_r(h, tris);
  return out;
}

}  // namespace geos

double SignedArea(const std::vector<Point>& r) {
  double a = 0;
  for (size_t i = 0, n = r.size(); i < n; ++i) {
    const Point& p = r[i];
    const Point& q = r[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return a / 2;
}

Point Centroid(const std::vector<Point>& r) {
  double a = SignedArea(r), cx = 0, cy = 0;
  if (std::fabs(a) < 1e-9) {
    for (const auto& p : r) cx += p.x, cy += p.y;
    return r.empty() ? Point{} : Point{cx / static_cast<double>(r.size()), cy / static_cast<double>(r.size())};
  }
  for (size_t i = 0, n = r.size(); i < n; ++i) {
    const Point& p = r[i];
    const Point& q = r[(i + 1) % n];
    double f = p.x * q.y - q.x * p.y;
    cx += (p.x + q.x) * f;
    cy += (p.y + q.y) * f;
  }
  return {cx / (6 * a), cy / (6 * a)};
}

namespace {

std::string Fmt(double x, double y) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%g, %g)", x, y);
  return buf;
}

// [SECTION] GEOS, through its reentrant C API (the C++ API is not stable across versions) ---------------

using geos::Context;
using geos::Geom;

// Where the outline crosses or touches itself (or a hole the outline or another hole), or nullopt when GEOS
// finds the polygon valid. Throws nothing: GEOS's C API reports failures as return values (its error handler
// is not set: messages are dropped).
std::optional<std::string> SelfIntersection(const std::vector<Point>& r, const std::vector<Hole>& holes = {}) {
  Context ctx = geos::NewContext();
  if (!ctx) return std::string("out of memory while checking the outline");
  GEOSContextHandle_t h = ctx.get();
  Geom poly(h, geos::MakePolygon(h, r, holes));
  if (!poly) return std::string("the outline is not a polygon");
  char* reason = nullptr;
  GEOSGeometry* where = nullptr;
  char valid = GEOSisValidDetail_r(h, poly.get(), 0, &reason, &where);
  Geom where_owner(h, where);
  std::string why = reason ? reason : "";
  if (reason) GEOSFree_r(h, reason);
  if (valid == 1) return std::nullopt;
  double x = 0, y = 0;
  std::string at;
  if (where && GEOSGeomGetX_r(h, where, &x) == 1 && GEOSGeomGetY_r(h, where, &y) == 1) at = " at " + Fmt(x, y);
  if (valid != 0) return std::string("the outline could not be checked");
  if (!holes.empty() && why.find("elf-intersection") != std::string::npos)  // the outline alone was valid
    return "a hole crosses or touches the outline or another hole" + at;
  if (why == "Ring Self-intersection")  // a corner on another edge, or two corners at one place
    return "the outline touches itself" + at + " (each edge may meet only its two neighbours)";
  if (why.find("elf-intersection") != std::string::npos)
    return "the outline crosses itself" + at + " (each edge may meet only its two neighbours)";
  if (why == "Hole lies outside shell") return "a hole is not inside the outline" + at;
  if (why == "Nested holes") return "a hole lies inside another hole" + at;
  return "the outline is not a valid polygon" + at + " (" + why + ")";
}

}  // namespace

namespace {

std::vector<Point> TriangulateWith(GEOSContextHandle_t h, const std::vector<Point>& r, const std::vector<Hole>& holes) {
  if (r.size() < 3) return {};
  Geom poly(h, geos::MakePolygon(h, r, holes));
  return poly ? geos::Triangles(h, poly.get()) : std::vector<Point>{};
}

}  // namespace

std::vector<Point> Triangulate(const std::vector<Point>& ring, const std::vector<Hole>& holes) {
  Context ctx = geos::NewContext();
  return ctx ? TriangulateWith(ctx.get(), ring, holes) : std::vector<Point>{};
}

std::vector<std::vector<Point>> TriangulateAll(const std::vector<Location>& locations) {
  std::vector<std::vector<Point>> out(locations.size());
  Context ctx = geos::NewContext();  // one for all: a context costs more than a booth's triangles
  if (!ctx) return out;
  for (size_t i = 0; i < locations.size(); ++i)
    if (locations[i].is_polygon) out[i] = TriangulateWith(ctx.get(), locations[i].ring, locations[i].holes);
  return out;
}

std::optional<std::string> OutlineCrossing(const std::vector<Point>& ring) {
  if (ring.size() < 3) return std::string("fewer than 3 corners");
  return SelfIntersection(ring);
}

std::optional<std::string> PositionProblem(const Point& p) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::string("a coordinate is not a finite number");
  if (std::fabs(p.x) > caps::kMaxCoordinate || std::fabs(p.y) > caps::kMaxCoordinate)
    return "position " + Fmt(p.x, p.y) + " is more than " + std::to_string(static_cast<long>(caps::kMaxCoordinate)) +
           " m from the plan's origin (local metres: check the units)";
  return std::nullopt;
}

std::optional<std::string> HolesProblem(const std::vector<Point>& ring, const std::vector<Hole>& holes) {
  if (holes.empty()) return std::nullopt;
  for (const auto& h : holes)
    if (auto problem = PolygonProblem(h.ring)) return "hole " + h.id + ": " + *problem;
  return SelfIntersection(ring, holes);
}

std::optional<std::string> PolygonProblem(const std::vector<Point>& r) {
  if (r.size() > caps::kPolygonVertices)
    return "the outline has " + std::to_string(r.size()) + " corners, more than the " +
           std::to_string(caps::kPolygonVertices) + " allowed (simplify it)";
  for (const auto& p : r)
    if (auto problem = PositionProblem(p)) return problem;
  if (r.size() < 3) return "a polygon needs at least 3 corners, this one has " + std::to_string(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    const Point& p = r[i];
    const Point& q = r[(i + 1) % r.size()];
    if (p.x == q.x && p.y == q.y) return "corner " + Fmt(p.x, p.y) + " is repeated";
  }
  // All corners on one line: said so before GEOS, which would call the collapsed ring a self-intersection.
  bool collinear = true;
  for (size_t i = 2; i < r.size() && collinear; ++i)
    collinear = std::fabs((r[1].x - r[0].x) * (r[i].y - r[0].y) - (r[1].y - r[0].y) * (r[i].x - r[0].x)) < 1e-9;
  if (collinear) return std::string("the polygon has no area (all corners on one line)");
  if (auto problem = SelfIntersection(r)) return problem;
  if (std::fabs(SignedArea(r)) < 1e-6) return std::string("the polygon has no area");
  return std::nullopt;
}

}  // namespace db
