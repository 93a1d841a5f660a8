// The map's geometry, shared by the map screen and ApplyActions: how plan metres land on the screen (the
// plan may be turned a quarter on a portrait screen so that its long side runs along the screen's), the
// bounds of everything drawn, hit tests, and where labels may go. Pure functions of their arguments: no
// drawing, no state.
#pragma once
#include <imgui.h>

#include <vector>

#include "app/state/app_state.h"

namespace app {

// A screen rectangle (x0, y0) - (x1, y1).
struct Box {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float w() const { return x1 - x0; }
  float h() const { return y1 - y0; }
  bool Overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  bool Contains(const Box& o) const { return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1; }
  bool Contains(ImVec2 p) const { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
};

// Plan metres (x east, y north) <-> screen pixels. `turn` 0: north up; +1: the plan turned a quarter
// counter-clockwise (east up); -1: clockwise (west up).
struct PlanView {
  ImVec2 origin;  // screen position of the plan point (cx, cy)
  float cx = 0, cy = 0, zoom = 1;
  int turn = 0;
  ImVec2 ToScreen(db::Point p) const;
  db::Point ToPlan(ImVec2 q) const;
};

// A rectangle in plan metres.
struct PlanRect {
  double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
  bool Empty() const { return x0 > x1; }
  void Grow(db::Point p);
  void Grow(const PlanRect& r) { Grow(db::Point{r.x0, r.y0}), Grow(db::Point{r.x1, r.y1}); }
  db::Point Centre() const { return {(x0 + x1) / 2, (y0 + y1) / 2}; }
};

// Where "you are here" is: the configured position, else the floor plan's kiosk point. False when neither.
// `level`, when given, receives the ordinal of its level.
bool HerePoint(const AppState& s, db::Point& out, int* level = nullptr);
// The level "you are here" is on; without one, the lowest level (the map opens on it).
int HereLevel(const AppState& s);
// The level the map shows: the one chosen (the switcher, "show on map") while the snapshot has it, else
// HereLevel.
int ShownLevel(const AppState& s);
// "You are here" on the level the map shows: false when there is none, or it is on another level.
bool HereShown(const AppState& s, db::Point& out);
// Every location and "you are here": the whole plan view shows this.
PlanRect PlanBounds(const AppState& s);
// The plan extent of one location (a point gets `point_margin` metres around it).
PlanRect LocationBounds(const db::Location& l, double point_margin);

// The zoom (pixels per metre) at which `r` fits into a screen area of `w` x `h` pixels with quarter turn
// `turn` (0, +1, -1).
float FitZoom(const PlanRect& r, float w, float h, int turn);

bool Inside(const std::vector<db::Point>& ring, db::Point p);  // point in polygon (plan metres)
bool Inside(const db::Location& l, db::Point p);  // in its outline and in none of its holes
// True when the screen polygon `pts` and the box overlap (any shape, convex or not).
bool Overlaps(const std::vector<ImVec2>& pts, const Box& b);
// A convex screen polygon moved `d` pixels inwards along every edge (each corner where its two edges'
// inward parallels meet), into `out`. False when the polygon is not convex, has a repeated corner or a
// corner sharper than a right angle, or is thinner than 2 d.
bool InsetConvex(const std::vector<ImVec2>& pts, float d, std::vector<ImVec2>& out);
// True when the screen polygon `pts` covers the whole box (a corner of the box inside it, no edge of it
// inside or across the box): nothing drawn beneath it shows there.
bool Covers(const std::vector<ImVec2>& pts, const Box& b);

// The rectangles the labels of a frame have taken (and the shapes, marks and controls they must keep off).
// A label goes to the first candidate spot that is inside `canvas` and free.
class LabelSpace {
 public:
  explicit LabelSpace(Box canvas) : canvas_(canvas) {}
  void Take(const Box& b) { taken_.push_back(b); }
  void Avoid(std::vector<ImVec2> shape);  // a shape point labels must not lie over (rooms, booths, stages)
  bool Free(const Box& b) const;          // inside the canvas, off every taken box and shape
  bool FreeOfLabels(const Box& b) const;  // inside the canvas and off every taken box (an area's own label)
  const Box& canvas() const { return canvas_; }

 private:
  Box canvas_;
  std::vector<Box> taken_;
  std::vector<std::vector<ImVec2>> shapes_;
  std::vector<Box> shape_boxes_;
};

// Candidate boxes of a `size` label beside a mark of radius `r` at `a`, in order of preference: right,
// left, below, above, then the four diagonals.
std::vector<Box> LabelSpots(ImVec2 a, float r, ImVec2 size, float gap);

}  // namespace app
