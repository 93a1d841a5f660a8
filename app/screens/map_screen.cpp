// Map: the floor plan in local metres — halls, booths coloured by country with readable labels, stages,
// rooms, entrances, exits and amenities, and where the kiosk stands — with a legend of its symbols. Drag to
// pan, zoom with the buttons or a double tap. Every place answers a tap: a booth opens its exhibitor, any
// other place its card (app/map/map_card.h). "Show on map" elsewhere highlights a place and frames it together
// with "you are here" when both fit at a readable zoom. On a portrait screen the plan is turned a quarter
// when that shows it larger. Layout and first view: app/map/map_layout.h; geometry and label spots:
// app/map/map_geometry.h; symbols and legend: app/map/map_marks.h; a place's card: app/map/map_card.h.
//
// DrawMapScreen runs one frame as a sequence of steps over a MapFrame, in this order, which is the order
// of the draw list and of the touch targets (in ImGui 1.86 the first-submitted of two overlapping items wins
// the touch, and the e2e tests tap real positions: do not reorder them).
//
// Index of this file:
// [SECTION] Sizes
// [SECTION] Shapes
// [SECTION] Labels inside areas
// [SECTION] One frame of the map
// [SECTION] Layout, view and the card
// [SECTION] Areas
// [SECTION] Points and "you are here"
// [SECTION] Labels
// [SECTION] Marks
// [SECTION] Controls
// [SECTION] Input
// [SECTION] The screen
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <utility>

#include "app/state/format.h"
#include "app/map/map_card.h"
#include "app/map/map_geometry.h"
#include "app/map/map_layout.h"
#include "app/map/map_marks.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

// [SECTION] Sizes
constexpr float kMarkRadiusMm = 4.2f;  // a point's disc: 30 px across on a 24-inch 1080p screen
constexpr float kPointTapMm = 13.0f;   // a point's touch target, larger than its disc (12 mm is the minimum)

// The map's sizes on this screen, in pixels.
struct Sizes {
  // The highlight of the focused place: along an area's edge, or a ring just outside a point's disc.
  float focus_edge, focus_ring, focus_gap;
  float label_radius;      // the corners of a point's label
  float mark, tap, clear;  // a point's disc (radius), its touch target, the room kept free around the disc
  float here;              // "you are here"'s disc (radius), larger than a point's
  float here_pad;          // "you are here"'s label: its padding on either side
  float spot_gap;          // between a mark and its label
};

Sizes SizesOf(const Metrics& m) {
  float r = m.mm(kMarkRadiusMm);
  return {.focus_edge = m.px(6), .focus_ring = m.px(5), .focus_gap = m.px(6), .label_radius = m.px(6), .mark = r,
          .tap = std::max(m.mm(kPointTapMm), m.touch), .clear = m.px(2), .here = r * 1.15f, .here_pad = m.px(6),
          .spot_gap = m.px(4)};
}

// [SECTION] Shapes
// Fills an area with its triangles (db::Catalog::Triangles: GEOS's constrained Delaunay triangulation, made
// once per snapshot), concave or not. Without ImGui's anti-aliased fill: its fringe along every triangle's
// edge would show the triangles as faint lines inside the area; the outline drawn over it is anti-aliased.
void FillTriangles(ImDrawList* dl, const PlanView& v, const std::vector<db::Point>& tris, ImU32 col) {
  const ImDrawListFlags flags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (size_t i = 0; i + 2 < tris.size(); i += 3) dl->AddTriangleFilled(v.ToScreen(tris[i]), v.ToScreen(tris[i + 1]), v.ToScreen(tris[i + 2]), col);
  dl->Flags = flags;
}

// [SECTION] Labels inside areas
// The font and text of a label inside an area, or false when none fits readably: whole words only (a
// word wider than the area would be split), a smaller size before a shorter text.
bool FitInside(const AppState& s, const db::Location& l, const std::string& label, float w, float h, ImFont*& font,
               std::string& text, ImVec2& size) {
  float inset = s.metrics.inset;
  std::vector<ImFont*> fonts = l.kind == db::LocationKind::Booth ? std::vector<ImFont*>{s.fonts.caption}
                                                 : std::vector<ImFont*>{s.fonts.strong, s.fonts.body, s.fonts.caption};
  for (const std::string& t : {label, l.label}) {
    if (t.empty()) continue;
    for (ImFont* f : fonts) {
      float widest = 0;
      for (size_t b = 0, e; b < t.size(); b = e + 1) {
        e = t.find_first_of(" \n", b);
        if (e == std::string::npos) e = t.size();
        widest = std::max(widest, Measure(f, t.substr(b, e - b)).x);
      }
      ImVec2 ts = Measure(f, t, w - 2 * inset);
      if (widest <= w - 2 * inset && ts.y <= h - inset) {
        font = f, text = t, size = ts;
        return true;
      }
    }
  }
  return false;
}

// The lines of `text` wrapped at whole words within `width` (its own line breaks kept), as ImGui wraps them.
std::vector<std::string> WrapLines(ImFont* font, const std::string& text, float width) {
  std::vector<std::string> lines;
  for (size_t i = 0, e; i <= text.size(); i = e + 1) {
    e = text.find('\n', i);
    if (e == std::string::npos) e = text.size();
    std::string para = text.substr(i, e - i), line;
    for (size_t b = 0, w; b <= para.size(); b = w + 1) {
      w = para.find(' ', b);
      if (w == std::string::npos) w = para.size();
      std::string word = para.substr(b, w - b);
      std::string longer = line.empty() ? word : line + " " + word;
      if (!line.empty() && Measure(font, longer).x > width) lines.push_back(line), line = word;
      else line = longer;
    }
    lines.push_back(line);
  }
  return lines;
}

// [SECTION] One frame of the map

struct Area {
  const db::Location* l;
  std::vector<ImVec2> pts;
  Box box;
};
struct Point {
  const db::Location* l;  // null: "you are here" (HerePoint)
  Mark mark;
  ImVec2 at;
  Box hit;
};

// What one frame of the map works out. Each step of DrawMapScreen fills its part and the later steps read
// it; it lives on DrawMapScreen's stack, so nothing of it outlasts the frame (what must, is in s.map).
struct MapFrame {
  Sizes sizes;
  Box canvas;                      // the map's whole screen area
  PlanRect bounds;                 // everything drawn, in plan metres
  std::vector<LegendItem> legend;  // its symbols, whether the legend is shown or not
  std::string back_label, title;   // back_label: "" without "show on map"
  int level = 0;                   // the level shown (ShownLevel): only its places are drawn
  MapLayout L;
  PlanView v;
  PlaceCard card;  // the open card (s.map_card), when card_open
  bool card_open = false;
  Box card_box;
  std::vector<Box> chrome;  // the controls over the plan: no label goes under them, no tap through them
  bool legend_shown = false;
  LabelSpace space{Box{}};
  std::vector<Area> areas;    // those on screen, in drawing order
  std::vector<Point> points;  // "you are here", when there, last
  bool here = false;          // "you are here" is on the plan
  ImVec2 here_at, here_dir{0, 0};  // here_dir: the way the visitor faces (a unit vector), 0 without a position
  bool here_label_shown = false;
  Box here_label;
  ImFont* here_font = nullptr;
};

void Record(AppState& s, const std::string& key, const Box& b) {
  if (s.map_layout) s.map_layout->push_back({key, b.x0, b.y0, b.x1, b.y1});
}
// A touch target the plan's own tap handles (so that a drag may start anywhere on the plan): recorded for
// the tests and the report as far as it is visible.
void Target(AppState& s, const std::string& key, Box b, const Box& canvas) {
  if (!s.targets) return;
  float w = b.w(), h = b.h();
  b = {std::max(b.x0, canvas.x0), std::max(b.y0, canvas.y0), std::min(b.x1, canvas.x1), std::min(b.y1, canvas.y1)};
  if (b.x1 > b.x0 && b.y1 > b.y0) s.targets->push_back({key, b.x0, b.y0, b.x1, b.y1, w, h});
}

// The layer an area is drawn and hit in: 0 a level's floor and the halls, beneath everything; 1 corridors
// and closed service space; 2 rooms, stages, stairs, lifts and the other places; 3 booths, on top.
constexpr int kLayers = 4;
int Layer(const db::Location& l) {
  using K = db::LocationKind;
  if (l.kind == K::Floor || l.kind == K::Hall) return 0;
  if (l.kind == K::Corridor || l.kind == K::Service) return 1;
  return l.kind == K::Booth ? 3 : 2;
}

// AppState::map_cache for the catalog shown: the one prepared with it, else made now (MakeMapCache).
const AppState::MapCache& MapCacheOf(AppState& s) {
  const db::Catalog& c = *s.catalog;
  AppState::MapCache& m = s.map_cache;
  if (m.catalog != &c || m.extent.size() != c.locations.size()) m = MakeMapCache(c);
  return m;
}

// [SECTION] Layout, view and the card

// Two fingers' pinch and pan (AppState::map_gesture): the zoom within the buttons' limits (the whole plan to
// eight times it), and the plan point that was under the fingers stays under them.
void ApplyGesture(AppState& s, const MapLayout& L, ImVec2 origin) {
  MapGesture g = std::exchange(s.map_gesture, {});
  if (!g.pending) return;
  PlanView before{origin, s.map.cx, s.map.cy, s.map.zoom, L.turn};
  db::Point held = before.ToPlan(ImVec2(g.from_x, g.from_y));
  float zoom = std::clamp(s.map.zoom * g.scale, L.fit, L.fit * 8);
  PlanView after{origin, s.map.cx, s.map.cy, zoom, L.turn};
  db::Point now = after.ToPlan(ImVec2(g.focal_x, g.focal_y));
  s.map.zoom = zoom;
  s.map.cx += float(held.x - now.x);
  s.map.cy += float(held.y - now.y);
}

// The open card's content and size (where it goes waits for the view: PlaceTheCard).
void LayOutCard(AppState& s, MapFrame& f) {
  const MapLayout& L = f.L;
  f.card_open = !s.map_card.empty() && BuildPlaceCard(s, s.map_card, f.card);
  if (f.card_open) LayoutPlaceCard(s, f.card, L.side.w(), L.column ? L.side.h() : L.side.h() * 0.6f);
}

// The arrangement of the screen and the view of the plan. Keeps s.map's fit and home in step, starts the
// view afresh when the canvas changed size, and keeps the centre on the plan: a drag cannot lose it off screen.
void LayOutView(AppState& s, ImVec2 size, MapFrame& f) {
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  f.canvas = {p0.x, p0.y, p0.x + size.x, p0.y + size.y};
  f.bounds = PlanBounds(s);
  f.legend = LegendItems(s);
  f.back_label = s.map_return.set ? "\xE2\x80\xB9  " + s.Ui("common.back") : "";
  f.level = ShownLevel(s);
  f.title = s.Ui("home.tile.map");  // the level shown is the switcher's filled button (a longer title would narrow the plan)
  MapLayout& L = f.L;
  L = LayOutMap(s, f.canvas, f.legend, f.bounds, f.back_label, f.title);
  if (L.fit <= 0) L.fit = FitZoom(f.bounds, std::max(1.f, L.plan.w()), std::max(1.f, L.plan.h()), 0);
  db::Point home = f.bounds.Centre();
  s.map.fit = L.fit, s.map.home_cx = float(home.x), s.map.home_cy = float(home.y);
  if (s.map.canvas_w != size.x || s.map.canvas_h != size.y) s.map.zoom = 0;
  s.map.canvas_w = size.x, s.map.canvas_h = size.y;
  ImVec2 origin((L.plan.x0 + L.plan.x1) / 2, (L.plan.y0 + L.plan.y1) / 2);
  LayOutCard(s, f);
  // In the strip arrangement the card lies over the plan: a route is framed beside it.
  if (s.map.zoom <= 0) StartView(s, L, f.bounds, origin, f.card_open && !L.column ? f.card.size.y : 0);
  ApplyGesture(s, L, origin);
  s.map.cx = std::clamp(s.map.cx, float(f.bounds.x0), float(f.bounds.x1));
  s.map.cy = std::clamp(s.map.cy, float(f.bounds.y0), float(f.bounds.y1));
  f.v = PlanView{origin, s.map.cx, s.map.cy, s.map.zoom, L.turn};
}

// The open card, laid out before anything is drawn so that labels keep off it: at the top of the side
// column, or (no column) at the bottom of the plan, at the top when that hides less of the place.
void PlaceTheCard(AppState& s, MapFrame& f) {
  const db::Catalog& c = *s.catalog;
  const MapLayout& L = f.L;
  PlaceCard& card = f.card;
  if (!f.card_open) return;
  f.card_box = {L.side.x0, L.side.y0, L.side.x0 + card.size.x, L.side.y0 + card.size.y};
  if (L.column) return;
  Box bottom{L.side.x0, L.side.y1 - card.size.y, L.side.x0 + card.size.x, L.side.y1};
  Box top{L.side.x0, L.side.y0, L.side.x0 + card.size.x, L.side.y0 + card.size.y};
  PlanRect pr;
  if (const db::Location* cl = c.FindLocation(s.map_card)) pr = LocationBounds(*cl, 2.0);
  db::Point here;
  if (s.map_card == "here" && HereShown(s, here)) pr.Grow(db::Point{here.x - 2, here.y - 2}), pr.Grow(db::Point{here.x + 2, here.y + 2});
  Box place{1e9f, 1e9f, -1e9f, -1e9f};
  for (db::Point p : {db::Point{pr.x0, pr.y0}, db::Point{pr.x1, pr.y1}}) {
    ImVec2 q = f.v.ToScreen(p);
    place = {std::min(place.x0, q.x), std::min(place.y0, q.y), std::max(place.x1, q.x), std::max(place.y1, q.y)};
  }
  auto hidden = [&](const Box& b) {
    float w = std::min(b.x1, place.x1) - std::max(b.x0, place.x0), h = std::min(b.y1, place.y1) - std::max(b.y0, place.y0);
    return w > 0 && h > 0 ? w * h : 0.f;
  };
  f.card_box = pr.Empty() || hidden(bottom) <= hidden(top) ? bottom : top;
}

// The controls over the plan (zoom, title, Back, the card or else the legend): recorded for the tests, and
// taken from the space that labels may use.
void PlaceControls(AppState& s, MapFrame& f) {
  const Metrics& m = s.metrics;
  const MapLayout& L = f.L;
  Record(s, "canvas", f.canvas);
  f.chrome = {L.zoom, L.title};
  Record(s, "chrome/zoom", L.zoom);
  Record(s, "chrome/title", L.title);
  if (s.map_return.set) f.chrome.push_back(L.back), Record(s, "chrome/back", L.back);
  if (L.levels.w() > 0) f.chrome.push_back(L.levels), Record(s, "chrome/levels", L.levels);
  if (f.card_open) f.chrome.push_back(f.card_box), Record(s, "chrome/card", f.card_box);
  f.legend_shown = !f.legend.empty() && !f.card_open;  // the card takes the legend's place
  if (f.legend_shown) f.chrome.push_back(L.legend), Record(s, "chrome/legend", L.legend);
  const Box& canvas = f.canvas;
  f.space = LabelSpace({canvas.x0 + m.inset, canvas.y0 + m.inset, canvas.x1 - m.inset, canvas.y1 - m.inset});
  for (const Box& b : f.chrome) f.space.Take(b);
}

// [SECTION] Areas

// Halls, then rooms and stages, then booths on top, each filled (a booth in its exhibitor's country colour),
// edged, highlighted when focused, and recorded as a touch target. The areas off screen are left out.
//
// The software renderers of kiosks without a GPU pay for every pixel of every layer: when a hall or floor
// covers the whole canvas, the ground and the floors under it are not filled, and it is not filled either
// but becomes the frame's backdrop (AppState::backdrop, what the frame is cleared to; else the ground is
// the backdrop); a convex booth on the light plan is one fill inset by half an edge instead of a fill and
// an outline (the same look: the edge is the hall's white) — a third of the vertices.
void DrawAreas(AppState& s, ImDrawList* dl, MapFrame& f) {
  const db::Catalog& c = *s.catalog;
  const Metrics& m = s.metrics;
  size_t cover = c.locations.size();  // the last floor or hall that covers the canvas; size(): none
  for (size_t i = 0; i < c.locations.size(); ++i) {
    const db::Location& l = c.locations[i];
    if (!l.is_polygon || l.ring.size() < 3 || Layer(l) != 0 || l.level != f.level || !l.holes.empty()) continue;
    std::vector<ImVec2> pts;
    for (const auto& p : l.ring) pts.push_back(f.v.ToScreen(p));
    if (Covers(pts, f.canvas)) cover = i;
  }
  // The map is the whole screen above the bar, so its ground (or the area covering it) is the backdrop;
  // but reach mode's band above the map keeps the paper, and the ground is drawn.
  const bool covered = cover < c.locations.size();
  if (!s.reach) s.backdrop = covered ? AreaFill(c.locations[cover].kind) : ImU32(colors::kMapGround);
  else if (!covered)
    dl->AddRectFilled(ImVec2(f.canvas.x0, f.canvas.y0), ImVec2(f.canvas.x1, f.canvas.y1), colors::kMapGround);
  std::vector<ImVec2> inset;
  // The part of the plan on screen: the view turns only by quarters, so the canvas's corners bound it. An
  // area outside it is left before its corners are turned into pixels (unless the tests record every shape).
  const AppState::MapCache& cache = MapCacheOf(s);
  PlanRect seen;
  for (ImVec2 q : {ImVec2(f.canvas.x0, f.canvas.y0), ImVec2(f.canvas.x1, f.canvas.y1)}) seen.Grow(f.v.ToPlan(q));
  for (int pass = 0; pass < kLayers; ++pass)
    for (const auto& l : c.locations) {
      if (!l.is_polygon || l.ring.size() < 3 || Layer(l) != pass || l.level != f.level) continue;
      const std::array<double, 4>& e = cache.extent[size_t(&l - c.locations.data())];
      if (!s.map_layout && (e[2] < seen.x0 || e[0] > seen.x1 || e[3] < seen.y0 || e[1] > seen.y1)) continue;
      Area a{&l, {}, {1e9f, 1e9f, -1e9f, -1e9f}};
      for (const auto& p : l.ring) {
        ImVec2 q = f.v.ToScreen(p);
        a.pts.push_back(q);
        a.box = {std::min(a.box.x0, q.x), std::min(a.box.y0, q.y), std::max(a.box.x1, q.x), std::max(a.box.y1, q.y)};
      }
      Record(s, "shape/" + l.id, a.box);
      if (!a.box.Overlaps(f.canvas)) continue;  // off screen: nothing to draw, label or tap (a forum of thousands of booths)
      const size_t index = size_t(&l - c.locations.data());
      const ImU32 fill = cache.fill[index];
      // Edges: white gaps between areas on the light plan; in high contrast, where every area turns black or
      // white, an edge in the ink colour (white there) keeps neighbouring booths and rooms apart.
      const bool outer = Layer(l) == 0;  // a hall's or a level's outline: the building's walls
      ImU32 edge = outer ? ImU32(colors::kMuted) : s.high_contrast ? ImU32(colors::kInk) : ImU32(colors::kMapOutline);
      if (l.kind == db::LocationKind::Booth && !s.high_contrast && l.holes.empty() && InsetConvex(a.pts, m.line / 2, inset)) {
        dl->AddConvexPolyFilled(inset.data(), int(inset.size()), fill);
      } else {
        const bool hidden = pass == 0 && covered && (index < cover || (index == cover && !s.reach));
        if (!hidden) FillTriangles(dl, f.v, c.Triangles(index), fill);
        dl->AddPolyline(a.pts.data(), int(a.pts.size()), edge, ImDrawFlags_Closed, outer || s.high_contrast ? m.bold_line : m.line);
      }
      for (const db::Hole& hole : l.holes) {  // a hole's edge, as the outline's
        std::vector<ImVec2> hp;
        for (const auto& p : hole.ring) hp.push_back(f.v.ToScreen(p));
        dl->AddPolyline(hp.data(), int(hp.size()), edge, ImDrawFlags_Closed, outer || s.high_contrast ? m.bold_line : m.line);
      }
      if (l.id == s.map_focus || l.id == s.map_card)
        dl->AddPolyline(a.pts.data(), int(a.pts.size()), colors::kHighlight, ImDrawFlags_Closed, f.sizes.focus_edge);
      // Floors, corridors and service space are no destinations: no target, and labels may lie over them.
      if (db::IsDestination(l.kind) || l.kind == db::LocationKind::Hall)
        Target(s, (l.kind == db::LocationKind::Booth ? "booth/" : "place/") + l.id, a.box, f.canvas);
      if (db::IsDestination(l.kind)) f.space.Avoid(a.pts);
      f.areas.push_back(std::move(a));
    }
}

// The route shown (AppState::map_route): its part on this level as a line with a light casing, over the
// areas and under the marks; a disc where it changes level and where it ends.
void DrawRoute(AppState& s, ImDrawList* dl, const MapFrame& f) {
  if (!s.map_route.route) return;
  const Metrics& m = s.metrics;
  const db::Route& r = *s.map_route.route;
  const float width = m.mm(2.2f), casing = width + 2 * m.bold_line;
  for (size_t i = 0; i < r.legs.size(); ++i) {
    const db::RouteLeg& leg = r.legs[i];
    if (leg.level != f.level || leg.points.size() < 2) continue;
    std::vector<ImVec2> pts;
    Box box{1e9f, 1e9f, -1e9f, -1e9f};
    for (const auto& p : leg.points) {
      ImVec2 q = f.v.ToScreen(p);
      pts.push_back(q);
      box = {std::min(box.x0, q.x), std::min(box.y0, q.y), std::max(box.x1, q.x), std::max(box.y1, q.y)};
    }
    Record(s, "route/" + std::to_string(i), box);
    dl->AddPolyline(pts.data(), int(pts.size()), colors::kPaper, 0, casing);
    dl->AddPolyline(pts.data(), int(pts.size()), colors::kRoute, 0, width);
    for (const ImVec2& q : pts) dl->AddCircleFilled(q, width / 2, colors::kRoute, 12);  // round joints
    const bool last = i + 1 == r.legs.size();
    if (leg.then || last) {
      dl->AddCircleFilled(pts.back(), width * 1.6f, colors::kRoute, 24);
      dl->AddCircle(pts.back(), width * 1.6f, colors::kPaper, 24, m.bold_line);
      if (leg.then && !last) {  // an arrow up or down: the way to the next level
        float dir = r.legs[i + 1].level > leg.level ? -1.f : 1.f, a = width * 0.9f;
        ImVec2 c = pts.back();
        dl->AddTriangleFilled(ImVec2(c.x, c.y + dir * a), ImVec2(c.x - a, c.y - dir * a * 0.6f), ImVec2(c.x + a, c.y - dir * a * 0.6f), colors::kPaper);
      }
    }
  }
}

// [SECTION] Points and "you are here"

// Entrances, exits, amenities and "you are here" (the configured position, with the way the visitor faces,
// or the plan's kiosk point): where their marks go. Every mark takes its place before any label is placed,
// so that no label covers a mark; nothing is drawn yet.
void PlacePoints(AppState& s, MapFrame& f) {
  const db::Catalog& c = *s.catalog;
  float r = f.sizes.mark, tap = f.sizes.tap, clear = f.sizes.clear, hr = f.sizes.here;
  for (const auto& l : c.locations) {
    if (l.is_polygon || l.kind == db::LocationKind::Kiosk || l.level != f.level) continue;  // the kiosk is "you are here", placed below
    ImVec2 a = f.v.ToScreen(l.anchor);
    f.points.push_back({&l, MarkOf(l), a, {a.x - tap / 2, a.y - tap / 2, a.x + tap / 2, a.y + tap / 2}});
    f.space.Take({a.x - r - clear, a.y - r - clear, a.x + r + clear, a.y + r + clear});
  }
  db::Point here_pt;
  f.here = HereShown(s, here_pt);
  if (!f.here) return;
  ImVec2 at = f.here_at = f.v.ToScreen(here_pt);
  float th = s.here_facing_deg * 3.14159265f / 180.f;
  ImVec2 ahead = f.v.ToScreen({here_pt.x + std::sin(th), here_pt.y + std::cos(th)});
  float len = std::max(1e-3f, std::hypot(ahead.x - at.x, ahead.y - at.y));
  if (s.has_position) f.here_dir = ImVec2((ahead.x - at.x) / len, (ahead.y - at.y) / len);
  f.points.push_back({nullptr, Mark::Here, at, {at.x - tap / 2, at.y - tap / 2, at.x + tap / 2, at.y + tap / 2}});
  float reach = s.has_position ? hr * 2.3f : hr + clear;  // the wedge reaches out past the disc
  f.space.Take({at.x - reach, at.y - reach, at.x + reach, at.y + reach});
}

// The points' touch targets. A mark off screen or under a control cannot be tapped (its hit box is emptied);
// one at the edge keeps a whole finger-sized target, moved inside the map.
void PointTargets(AppState& s, MapFrame& f) {
  float r = f.sizes.mark;
  const Box& canvas = f.canvas;
  for (Point& p : f.points) {
    std::string key = p.l ? p.l->id : "here";
    Record(s, (p.l ? "mark/" : "") + key, {p.at.x - r, p.at.y - r, p.at.x + r, p.at.y + r});
    bool covered = !canvas.Contains(p.at) || std::any_of(f.chrome.begin(), f.chrome.end(), [&](const Box& b) { return b.Contains(p.at); });
    if (covered) {
      p.hit = {};
      continue;
    }
    float dx = std::max(0.f, canvas.x0 - p.hit.x0) - std::max(0.f, p.hit.x1 - canvas.x1);
    float dy = std::max(0.f, canvas.y0 - p.hit.y0) - std::max(0.f, p.hit.y1 - canvas.y1);
    p.hit = {p.hit.x0 + dx, p.hit.y0 + dy, p.hit.x1 + dx, p.hit.y1 + dy};
    Target(s, "poi/" + key, p.hit, canvas);
  }
}

// [SECTION] Labels
// First "you are here" (it matters most), then the areas' own, then the points' (DrawPoints). Each goes to the first free
// spot; a label with none is left out and its mark stays (the legend and the card still name it).

// Where "you are here"'s label goes, in the strong font, else the caption, else nowhere; below or above the
// disc first, clear of the wedge. Drawn with the disc (DrawHere).
void PlaceHereLabel(AppState& s, MapFrame& f) {
  float hr = f.sizes.here, spot_gap = f.sizes.spot_gap;
  f.here_font = s.fonts.strong;
  const std::string& here_text = s.Ui("map.you_are_here");
  for (ImFont* font : {s.fonts.strong, s.fonts.caption}) {  // a smaller size before none
    if (!f.here || f.here_label_shown) break;
    ImVec2 ns = Measure(font, here_text);
    std::vector<Box> spots = LabelSpots(f.here_at, s.has_position ? hr * 2.3f - spot_gap : hr, ImVec2(ns.x + 2 * f.sizes.here_pad, ns.y), spot_gap);
    std::rotate(spots.begin(), spots.begin() + 2, spots.begin() + 4);  // below and above first: clear of the wedge
    for (const Box& b : spots)
      if (f.space.Free(b)) {
        f.here_label = b, f.here_font = font, f.here_label_shown = true;
        f.space.Take(b);
        break;
      }
  }
}

// The label inside each room, stage and booth (a booth's: its number and its exhibitor, as the exhibitor
// list names it), in the largest size that fits it, each line centred; slid into the visible part of the
// area when its anchor is off screen or under a control. Not taken from the space: a label inside its own
// area can meet no other area's, and point labels keep off the areas.
void DrawAreaLabels(AppState& s, ImDrawList* dl, MapFrame& f) {
  const db::Catalog& c = *s.catalog;
  const Metrics& m = s.metrics;
  const Box& free = f.space.canvas();
  for (const Area& a : f.areas) {
    const db::Location& l = *a.l;
    if (!db::IsDestination(l.kind)) continue;  // halls are named by the legend; corridors and floors not at all
    // Too small for a line of the smallest type (FitInside's last try): the common case with thousands of
    // booths in view, decided before any text is looked up or measured.
    if (a.box.h() - m.inset < s.fonts.caption->FontSize || a.box.w() <= 2 * m.inset) continue;
    std::string label = s.Tr(l.name);
    ImU32 text = l.kind == db::LocationKind::Stage ? ImU32(colors::kOnAccent) : ImU32(colors::kInk);
    if (l.kind == db::LocationKind::Booth) {
      const db::Organization* o = BoothOrganization(c, l);
      const db::Country* country = o ? c.FindCountry(o->country_code) : nullptr;
      text = country ? TextOn(country->color) : colors::kMuted;
      label = o ? DisplayName(s, *o) : l.label;
      if (o && !l.label.empty()) label = l.label + "\n" + label;
    }
    // Inside the part of the area that is on screen and off the controls.
    Box vis{std::max(a.box.x0, free.x0), std::max(a.box.y0, free.y0), std::min(a.box.x1, free.x1), std::min(a.box.y1, free.y1)};
    ImFont* font;
    std::string shown;
    ImVec2 ts;
    if (vis.w() <= 0 || vis.h() <= 0 || !FitInside(s, l, label, a.box.w(), a.box.h(), font, shown, ts)) continue;
    ImVec2 at = f.v.ToScreen(l.anchor);
    Box b{at.x - ts.x / 2, at.y - ts.y / 2, at.x + ts.x / 2, at.y + ts.y / 2};
    if (!vis.Contains(b) || !f.space.FreeOfLabels(b)) {  // slid into the visible part, if it fits there
      if (ts.x > vis.w() - 2 * m.inset || ts.y > vis.h() - m.inset) continue;
      float x = std::clamp(b.x0, vis.x0 + m.inset, vis.x1 - m.inset - ts.x);
      float y = std::clamp(b.y0, vis.y0 + m.inset / 2, vis.y1 - m.inset / 2 - ts.y);
      b = {x, y, x + ts.x, y + ts.y};
      if (!f.space.FreeOfLabels(b)) continue;
    }
    Record(s, "label/" + l.id, b);
    float y = b.y0;
    for (const std::string& line : WrapLines(font, shown, a.box.w() - 2 * m.inset)) {
      float lw = Measure(font, line).x;
      TextAt(dl, font, text, ImVec2((b.x0 + b.x1 - lw) / 2, y), line, 0);
      y += font->FontSize;
    }
  }
}

// [SECTION] Marks

// Each point's mark (ringed when focused) and its name on a backing beside it, at the first free spot.
void DrawPoints(AppState& s, ImDrawList* dl, MapFrame& f) {
  const Metrics& m = s.metrics;
  const Sizes& z = f.sizes;
  for (const Point& p : f.points) {
    if (!p.l) continue;
    DrawMark(dl, p.mark, p.at, z.mark, s.fonts.strong);
    if (p.l->id == s.map_focus || p.l->id == s.map_card) dl->AddCircle(p.at, z.mark + z.focus_gap, colors::kHighlight, 32, z.focus_ring);
    std::string name = s.Tr(p.l->name);
    if (name.empty()) name = s.Ui(MarkLegendKey(p.mark));
    ImVec2 ns = Measure(s.fonts.caption, name);
    for (const Box& b : LabelSpots(p.at, z.mark, ImVec2(ns.x + 2 * m.inset, ns.y), z.spot_gap))
      if (f.space.Free(b)) {
        f.space.Take(b);
        Record(s, "label/" + p.l->id, b);
        dl->AddRectFilled(ImVec2(b.x0, b.y0), ImVec2(b.x1, b.y1), colors::Alpha(colors::kMapLabelBack, 0xD8), z.label_radius);
        TextAt(dl, s.fonts.caption, colors::kInk, ImVec2(b.x0 + m.inset, b.y0), name, 0);
        break;
      }
  }
}

// "You are here", over every other mark: the wedge the way the visitor faces (with a configured position),
// the disc, the ring when its card is open, and the label placed by PlaceHereLabel.
void DrawHere(AppState& s, ImDrawList* dl, const MapFrame& f) {
  if (!f.here) return;
  const Metrics& m = s.metrics;
  const Sizes& z = f.sizes;
  float hr = z.here;
  ImVec2 a = f.here_at, dir = f.here_dir, side(-dir.y, dir.x);
  ImVec2 tip(a.x + dir.x * hr * 2.2f, a.y + dir.y * hr * 2.2f);
  if (s.has_position)
    dl->AddTriangleFilled(tip, ImVec2(a.x + side.x * hr * 0.9f, a.y + side.y * hr * 0.9f),
                          ImVec2(a.x - side.x * hr * 0.9f, a.y - side.y * hr * 0.9f), colors::Alpha(colors::kNow, 0x90));
  dl->AddCircleFilled(a, hr, colors::kNow, 32);
  dl->AddCircle(a, hr, colors::kOnAccent, 32, m.bold_line);
  dl->AddCircleFilled(a, hr * 0.35f, colors::kOnAccent, 16);
  if (s.map_card == "here") dl->AddCircle(a, hr + z.focus_gap, colors::kHighlight, 32, z.focus_ring);
  if (!f.here_label_shown) return;
  const Box& b = f.here_label;
  Record(s, "label/here", b);
  dl->AddRectFilled(ImVec2(b.x0, b.y0), ImVec2(b.x1, b.y1), colors::kNow, z.label_radius);
  TextAt(dl, f.here_font, colors::kOnAccent, ImVec2(b.x0 + z.here_pad, b.y0), s.Ui("map.you_are_here"), 0);
}

// [SECTION] Controls

// The level switcher: one button per level, the highest on top, labelled with its short name; the level
// shown is the filled one, and "you are here"'s level has the kiosk's dot beside its name.
void DrawLevelSwitcher(AppState& s, ImDrawList* dl, const MapFrame& f) {
  const MapLayout& L = f.L;
  if (L.levels.w() <= 0) return;
  const Metrics& m = s.metrics;
  const std::vector<int>& ordinals = s.catalog->LevelOrdinals();
  const int here = HereLevel(s);
  db::Point here_pt;
  const bool has_here = HerePoint(s, here_pt);
  float bw = L.levels.w(), y = L.levels.y0;
  for (auto it = ordinals.rbegin(); it != ordinals.rend(); ++it) {
    ImGui::SetCursorScreenPos(ImVec2(L.levels.x0, y));
    PushId(s, "level");
    bool tapped = Button(s, std::to_string(*it).c_str(), LevelShortName(s, *it), *it == f.level ? ButtonKind::Primary : ButtonKind::Secondary, bw, bw);
    PopId(s);
    if (tapped && *it != f.level) s.Do({.kind = Action::Kind::MapLevel, .number = *it});
    if (has_here && *it == here) dl->AddCircleFilled(ImVec2(L.levels.x0 + m.px(9), y + m.px(9)), m.px(5), colors::kNow, 16);
    y += bw + m.gap * 0.5f;
  }
}

// The controls over the plan: zoom, Back (when the map was opened with "show on map", it returns to that
// page), the title, and the legend or the card. Their touch targets come before the plan's, so that they
// win the touch.
void DrawControls(AppState& s, ImDrawList* dl, MapFrame& f) {
  const Metrics& m = s.metrics;
  const MapLayout& L = f.L;
  ImGui::SetCursorScreenPos(ImVec2(L.zoom.x0, L.zoom.y0));
  ImGui::BeginGroup();
  float bw = L.zoom.w();
  if (Button(s, "zoom-in", "+", ButtonKind::Secondary, bw, bw)) s.Do({.kind = Action::Kind::ZoomMap, .number = +1});
  if (Button(s, "zoom-out", "\xE2\x80\x93", ButtonKind::Secondary, bw, bw)) s.Do({.kind = Action::Kind::ZoomMap, .number = -1});
  ImGui::EndGroup();
  DrawLevelSwitcher(s, dl, f);
  if (s.map_return.set) {
    ImGui::SetCursorScreenPos(ImVec2(L.back.x0, L.back.y0));
    if (Button(s, "back", f.back_label, ButtonKind::Secondary, L.back.w(), L.back.h())) s.Do({.kind = Action::Kind::Back});
  }
  // The title on a card of its own, readable over whatever part of the plan is under it.
  dl->AddRectFilled(ImVec2(L.title.x0, L.title.y0), ImVec2(L.title.x1, L.title.y1), colors::Alpha(colors::kPaper, 0xE8), m.radius);
  TextAt(dl, s.fonts.title, colors::kInk, ImVec2(L.title.x0 + m.pad * 0.5f, L.title.y0 + m.pad * 0.5f), f.title, 0);
  if (f.legend_shown) {
    dl->AddRectFilled(ImVec2(L.legend.x0, L.legend.y0), ImVec2(L.legend.x1, L.legend.y1), colors::Alpha(colors::kPaper, 0xF0), m.radius);
    DrawLegend(s, dl, f.legend, ImVec2(L.legend.x0 + m.pad * 0.5f, L.legend.y0 + m.pad * 0.5f), L.column,
               L.column ? s.fonts.caption->FontSize * 12 : L.legend.w() - m.pad, L.legend.h() - m.pad + 1);  // +1: as laid out, whatever the rounding
  }
  if (f.card_open) DrawPlaceCard(s, f.card, ImVec2(f.card_box.x0, f.card_box.y0));
}

// [SECTION] Input

// A tap on the plan at `q` opens what it lands on: the nearest point within reach, else the booth (its
// exhibitor), room or stage, else the hall; a tap on nothing closes the card, one on a control does nothing.
void OpenTapped(AppState& s, const MapFrame& f, ImVec2 q) {
  const db::Catalog& c = *s.catalog;
  bool on_controls = std::any_of(f.chrome.begin(), f.chrome.end(), [&](const Box& b) { return b.Contains(q); });
  const Point* near = nullptr;
  float best = FLT_MAX;
  for (const Point& p : f.points) {
    float d = std::hypot(p.at.x - q.x, p.at.y - q.y);
    if (p.hit.w() > 0 && p.hit.Contains(q) && d < best) best = d, near = &p;
  }
  const db::Location* hit = near ? near->l : nullptr;
  db::Point at = f.v.ToPlan(q);
  for (int pass = kLayers - 1; !near && !hit && pass >= 0; --pass)  // booths on top, the hall beneath everything
    for (const Area& a : f.areas)
      if (Layer(*a.l) == pass && (db::IsDestination(a.l->kind) || a.l->kind == db::LocationKind::Hall) && Inside(*a.l, at))
        hit = a.l;
  const db::Exhibitor* e = hit && hit->kind == db::LocationKind::Booth ? c.FindExhibitorAtBooth(hit->id) : nullptr;
  if (on_controls) {
  } else if (e) {
    s.Do({.kind = Action::Kind::OpenExhibitor, .id = e->organization_id});
  } else if (near || hit) {
    s.Do({.kind = Action::Kind::MapCard, .id = hit ? hit->id : "here"});
  } else if (f.card_open) {
    s.Do({.kind = Action::Kind::MapCard});
  }
}

// The plan's one touch target, submitted last, under the whole canvas: a drag pans, a double tap zooms in
// where it lands, a tap opens what it lands on (OpenTapped).
void HandlePlanInput(AppState& s, const MapFrame& f, ImVec2 size) {
  const Metrics& m = s.metrics;
  const PlanView& v = f.v;
  ImGui::SetCursorScreenPos(ImVec2(f.canvas.x0, f.canvas.y0));
  bool tapped = TapArea(s, "plan", size);
  const ImGuiIO& io = ImGui::GetIO();
  float t = m.drag_threshold;
  if (ImGui::IsItemActive() && io.MouseDragMaxDistanceSqr[0] > t * t) {
    ImVec2 d = DragDelta(s);  // on the frame the drag starts, the whole way from where the finger came down
    db::Point a = v.ToPlan(io.MousePos), b = v.ToPlan(ImVec2(io.MousePos.x - d.x, io.MousePos.y - d.y));
    s.map.cx -= float(a.x - b.x);
    s.map.cy -= float(a.y - b.y);
  }
  if (ImGui::IsItemHovered() && io.MouseDoubleClicked[0]) {
    db::Point at = v.ToPlan(io.MousePos);
    s.map.zoom = std::min(s.map.zoom * 1.6f, f.L.fit * 8);
    s.map.cx = float(at.x);
    s.map.cy = float(at.y);
  } else if (tapped) {
    OpenTapped(s, f, io.MousePos);
  }
}

}  // namespace

// [SECTION] The screen

void DrawMapScreen(AppState& s, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  MapFrame f;
  f.sizes = SizesOf(s.metrics);
  LayOutView(s, size, f);
  PlaceTheCard(s, f);
  PlaceControls(s, f);
  dl->PushClipRect(ImVec2(f.canvas.x0, f.canvas.y0), ImVec2(f.canvas.x1, f.canvas.y1), true);
  DrawAreas(s, dl, f);
  DrawRoute(s, dl, f);
  PlacePoints(s, f);
  PointTargets(s, f);
  PlaceHereLabel(s, f);
  DrawAreaLabels(s, dl, f);
  DrawPoints(s, dl, f);
  DrawHere(s, dl, f);
  dl->PopClipRect();
  DrawControls(s, dl, f);
  HandlePlanInput(s, f, size);
}

}  // namespace app
