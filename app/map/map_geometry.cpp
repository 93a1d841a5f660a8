#include "app/map/map_geometry.h"

#include <algorithm>
#include <cmath>

namespace app {

ImVec2 PlanView::ToScreen(db::Point p) const {
  float dx = (float(p.x) - cx) * zoom, dy = (float(p.y) - cy) * zoom;  // metres east and north, in pixels
  // Screen y runs down. A quarter turn keeps the handedness, so polygons keep their winding on screen.
  if (turn > 0) return ImVec2(origin.x - dy, origin.y - dx);  // east up, north left
  if (turn < 0) return ImVec2(origin.x + dy, origin.y + dx);  // west up, north right
  return ImVec2(origin.x + dx, origin.y - dy);
}

db::Point PlanView::ToPlan(ImVec2 q) const {
  float sx = (q.x - origin.x) / zoom, sy = (q.y - origin.y) / zoom;
  if (turn > 0) return {cx - sy, cy - sx};
  if (turn < 0) return {cx + sy, cy + sx};
  return {cx + sx, cy - sy};
}

void PlanRect::Grow(db::Point p) {
  x0 = std::min(x0, p.x);
  y0 = std::min(y0, p.y);
  x1 = std::max(x1, p.x);
  y1 = std::max(y1, p.y);
}

bool HerePoint(const AppState& s, db::Point& out, int* level) {
  if (s.has_position) {
    out = {s.here_x, s.here_y};
    if (level) *level = s.here_level;
    return true;
  }
  if (!s.catalog) return false;
  for (const auto& l : s.catalog->locations)
    if (l.kind == db::LocationKind::Kiosk) {  // a point, or (IMDF) a small outline: its centre
      out = l.anchor;
      if (level) *level = l.level;
      return true;
    }
  return false;
}

int HereLevel(const AppState& s) {
  db::Point p;
  int level = 0;
  if (HerePoint(s, p, &level)) return level;
  return s.catalog && !s.catalog->LevelOrdinals().empty() ? s.catalog->LevelOrdinals().front() : 0;
}

int ShownLevel(const AppState& s) {
  if (s.map.level_chosen && s.catalog) {
    const auto& ordinals = s.catalog->LevelOrdinals();
    if (std::find(ordinals.begin(), ordinals.end(), s.map.level) != ordinals.end()) return s.map.level;
  }
  return HereLevel(s);
}

bool HereShown(const AppState& s, db::Point& out) {
  int level = 0;
  return HerePoint(s, out, &level) && level == ShownLevel(s);
}

PlanRect LocationBounds(const db::Location& l, double point_margin) {
  PlanRect r;
  if (l.is_polygon && !l.ring.empty()) {
    for (const auto& p : l.ring) r.Grow(p);
  } else {
    r.Grow(db::Point{l.anchor.x - point_margin, l.anchor.y - point_margin});
    r.Grow(db::Point{l.anchor.x + point_margin, l.anchor.y + point_margin});
  }
  return r;
}

PlanRect PlanBounds(const AppState& s) {
  PlanRect r;
  if (s.catalog)
    for (const auto& l : s.catalog->locations) r.Grow(LocationBounds(l, 0));
  db::Point here;
  if (HerePoint(s, here)) r.Grow(here);
  if (r.Empty()) r.Grow(db::Point{0, 0});
  return r;
}

float FitZoom(const PlanRect& r, float w, float h, int turn) {
  float pw = float(std::max(1.0, r.x1 - r.x0)), ph = float(std::max(1.0, r.y1 - r.y0));
  if (turn != 0) std::swap(pw, ph);
  return std::max(0.01f, std::min(w / pw, h / ph));
}

bool Inside(const std::vector<db::Point>& r, db::Point p) {
  bool in = false;
  for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
    if ((r[i].y > p.y) != (r[j].y > p.y) && p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x) in = !in;
  return in;
}

bool Inside(const db::Location& l, db::Point p) {
  return Inside(l.ring, p) && std::none_of(l.holes.begin(), l.holes.end(), [&](const db::Hole& h) { return Inside(h.ring, p); });
}

namespace {

bool InsideScreen(const std::vector<ImVec2>& r, ImVec2 p) {
  bool in = false;
  for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
    if ((r[i].y > p.y) != (r[j].y > p.y) && p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x) in = !in;
  return in;
}

bool SegmentsCross(ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d) {
  auto side = [](ImVec2 p, ImVec2 q, ImVec2 r) { return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x); };
  float d1 = side(c, d, a), d2 = side(c, d, b), d3 = side(a, b, c), d4 = side(a, b, d);
  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

Box BoxOf(const std::vector<ImVec2>& pts) {
  Box b{1e9f, 1e9f, -1e9f, -1e9f};
  for (const auto& p : pts) b.x0 = std::min(b.x0, p.x), b.y0 = std::min(b.y0, p.y), b.x1 = std::max(b.x1, p.x), b.y1 = std::max(b.y1, p.y);
  return b;
}

}  // namespace

bool Overlaps(const std::vector<ImVec2>& pts, const Box& b) {
  if (pts.size() < 3 || !BoxOf(pts).Overlaps(b)) return false;
  // Overlap: a corner of the box inside the polygon, a vertex of the polygon inside the box, or edges that
  // cross.
  ImVec2 corners[4] = {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}};
  for (const auto& c : corners)
    if (InsideScreen(pts, c)) return true;
  for (const auto& p : pts)
    if (p.x > b.x0 && p.x < b.x1 && p.y > b.y0 && p.y < b.y1) return true;
  for (size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++)
    for (int k = 0; k < 4; ++k)
      if (SegmentsCross(pts[j], pts[i], corners[k], corners[(k + 1) % 4])) return true;
  return false;
}

bool InsetConvex(const std::vector<ImVec2>& pts, float d, std::vector<ImVec2>& out) {
  const size_t n = pts.size();
  if (n < 3) return false;
  float area = 0;
  for (size_t i = 0, j = n - 1; i < n; j = i++) area += pts[j].x * pts[i].y - pts[i].x * pts[j].y;
  if (std::fabs(area) < 1e-3f) return false;
  const float sign = area > 0 ? 1.f : -1.f;  // the inward normal of an edge (dx, dy) is sign * (-dy, dx)
  std::vector<ImVec2> normals(n);
  for (size_t i = 0; i < n; ++i) {
    ImVec2 a = pts[i], b = pts[(i + 1) % n];
    float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
    if (len < 1e-3f) return false;
    normals[i] = ImVec2(-dy / len * sign, dx / len * sign);
  }
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const ImVec2 n1 = normals[(i + n - 1) % n], n2 = normals[i];
    float cross = n1.x * n2.y - n1.y * n2.x, dot = n1.x * n2.x + n1.y * n2.y;
    if (cross * sign < -1e-4f || dot < 0.f) return false;  // a reflex corner, or one sharper than a right angle
    float k = d / (1 + dot);
    out[i] = ImVec2(pts[i].x + (n1.x + n2.x) * k, pts[i].y + (n1.y + n2.y) * k);
  }
  for (size_t i = 0; i < n; ++i) {  // an edge that turned round: the polygon was thinner than 2 d
    ImVec2 a = pts[i], b = pts[(i + 1) % n], p = out[i], q = out[(i + 1) % n];
    if ((b.x - a.x) * (q.x - p.x) + (b.y - a.y) * (q.y - p.y) <= 0) return false;
  }
  return true;
}

bool Covers(const std::vector<ImVec2>& pts, const Box& b) {
  if (pts.size() < 3 || !InsideScreen(pts, ImVec2(b.x0, b.y0))) return false;
  ImVec2 corners[4] = {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}};
  for (const auto& p : pts)
    if (p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1) return false;
  for (size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++)
    for (int k = 0; k < 4; ++k)
      if (SegmentsCross(pts[j], pts[i], corners[k], corners[(k + 1) % 4])) return false;
  return true;
}

void LabelSpace::Avoid(std::vector<ImVec2> shape) {
  shape_boxes_.push_back(BoxOf(shape));
  shapes_.push_back(std::move(shape));
}

bool LabelSpace::FreeOfLabels(const Box& b) const {
  if (!canvas_.Contains(b)) return false;
  for (const auto& t : taken_)
    if (t.Overlaps(b)) return false;
  return true;
}

bool LabelSpace::Free(const Box& b) const {
  if (!FreeOfLabels(b)) return false;
  for (size_t i = 0; i < shapes_.size(); ++i)
    if (shape_boxes_[i].Overlaps(b) && Overlaps(shapes_[i], b)) return false;
  return true;
}

std::vector<Box> LabelSpots(ImVec2 a, float r, ImVec2 size, float gap) {
  float d = r + gap, w = size.x, h = size.y;
  float dd = d;  // diagonals: the label's corner off the mark's square (marks take a square, not a disc)
  return {
      {a.x + d, a.y - h / 2, a.x + d + w, a.y + h / 2},          // right
      {a.x - d - w, a.y - h / 2, a.x - d, a.y + h / 2},          // left
      {a.x - w / 2, a.y + d, a.x + w / 2, a.y + d + h},          // below
      {a.x - w / 2, a.y - d - h, a.x + w / 2, a.y - d},          // above
      {a.x + dd, a.y + dd, a.x + dd + w, a.y + dd + h},          // below right
      {a.x - dd - w, a.y + dd, a.x - dd, a.y + dd + h},          // below left
      {a.x + dd, a.y - dd - h, a.x + dd + w, a.y - dd},          // above right
      {a.x - dd - w, a.y - dd - h, a.x - dd, a.y - dd},          // above left
  };
}

}  // namespace app
