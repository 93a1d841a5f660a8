#include "db/geometry.h"

#include <cmath>
#include <cstdio>

namespace db {

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

double Cross(const Point& o, const Point& a, const Point& b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

bool OnSegment(const Point& p, const Point& a, const Point& b) {
  return std::fmin(a.x, b.x) - 1e-9 <= p.x && p.x <= std::fmax(a.x, b.x) + 1e-9 &&
         std::fmin(a.y, b.y) - 1e-9 <= p.y && p.y <= std::fmax(a.y, b.y) + 1e-9;
}

int Sign(double v) { return v > 1e-9 ? 1 : v < -1e-9 ? -1 : 0; }

// Closed segments ab and cd share at least one point.
bool SegmentsTouch(const Point& a, const Point& b, const Point& c, const Point& d) {
  int d1 = Sign(Cross(c, d, a)), d2 = Sign(Cross(c, d, b)), d3 = Sign(Cross(a, b, c)), d4 = Sign(Cross(a, b, d));
  if (d1 != d2 && d3 != d4 && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0) return true;
  return (d1 == 0 && OnSegment(a, c, d)) || (d2 == 0 && OnSegment(b, c, d)) || (d3 == 0 && OnSegment(c, a, b)) ||
         (d4 == 0 && OnSegment(d, a, b));
}

std::string Fmt(const Point& p) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%g, %g)", p.x, p.y);
  return buf;
}

}  // namespace

std::optional<std::string> PolygonProblem(const std::vector<Point>& r) {
  for (const auto& p : r)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::string("a coordinate is not a finite number");
  if (r.size() < 3) return "a polygon needs at least 3 corners, this one has " + std::to_string(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    const Point& p = r[i];
    const Point& q = r[(i + 1) % r.size()];
    if (p.x == q.x && p.y == q.y) return "corner " + Fmt(p) + " is repeated";
  }
  size_t n = r.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (j == i + 1 || (i == 0 && j == n - 1)) continue;  // neighbours share a corner by design
      if (SegmentsTouch(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n]))
        return "the outline crosses itself: edge " + Fmt(r[i]) + "-" + Fmt(r[(i + 1) % n]) + " meets edge " +
               Fmt(r[j]) + "-" + Fmt(r[(j + 1) % n]);
    }
  }
  if (std::fabs(SignedArea(r)) < 1e-6) return std::string("the polygon has no area (all corners on one line)");
  return std::nullopt;
}

}  // namespace db
