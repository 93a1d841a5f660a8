#include "app/map/map_layout.h"

#include <algorithm>
#include <cmath>

#include "app/widgets/widgets.h"

namespace app {

namespace {

constexpr float kReadableMm = 12.0f;  // "show on map" keeps the place at least this big, so it can be tapped

// The quarter turn that puts the way the visitor faces nearest to "up" (a map is read forward-up).
int PreferredTurn(const AppState& s) {
  float f = std::fmod(std::fmod(s.here_facing_deg, 360.f) + 360.f, 360.f);
  return std::fabs(f - 270.f) < std::fabs(f - 90.f) ? -1 : +1;  // west up, else east up
}

void Fit(const AppState& s, const PlanRect& bounds, MapLayout& l) {
  float w = l.plan.w(), h = l.plan.h();
  if (w < 2 * s.metrics.touch || h < 2 * s.metrics.touch) return;
  float flat = FitZoom(bounds, w, h, 0), turned = FitZoom(bounds, w, h, PreferredTurn(s));
  // Turned only for a clear gain: a square-ish plan stays north up.
  l.turn = turned > flat * 1.1f ? PreferredTurn(s) : 0;
  l.fit = std::max(flat, l.turn ? turned : flat);
}

// The zoom at which every booth holds at least its number (the map's margins inside an area, Metrics::inset,
// and a little more) and is a touch target of at least 12 mm each way.
float BoothZoom(const AppState& s, int turn) {
  const Metrics& m = s.metrics;
  float z = 0, more = m.px(2);
  for (const auto& l : s.catalog->locations) {
    if (l.kind != db::LocationKind::Booth || !l.is_polygon || l.label.empty()) continue;
    PlanRect b = LocationBounds(l, 0);
    float w = float(b.x1 - b.x0), h = float(b.y1 - b.y0);
    if (turn) std::swap(w, h);
    ImVec2 ts = Measure(s.fonts.caption, l.label);
    z = std::max({z, (ts.x + 2 * m.inset + more) / std::max(0.1f, w), (ts.y + m.inset + more) / std::max(0.1f, h),
                  m.touch / std::max(0.1f, std::min(w, h))});
  }
  return z;
}

}  // namespace

MapLayout LayOutMap(const AppState& s, Box canvas, const std::vector<LegendItem>& legend, const PlanRect& bounds,
              const std::string& back_label, const std::string& title) {
  const Metrics& m = s.metrics;
  float half = m.pad * 0.5f, bw = std::max(m.touch * 1.3f, m.mm(13));
  MapLayout base;
  base.canvas = canvas;
  base.zoom = {canvas.x1 - half - bw, canvas.y0 + half, canvas.x1 - half, canvas.y0 + half + 2 * bw + m.gap};
  // One button per level, the highest on top, as a building's lift panel has them; a gap from the zoom.
  if (size_t n = s.catalog->LevelOrdinals().size(); n > 1)
    base.levels = {base.zoom.x0, base.zoom.y1 + 2 * m.gap, base.zoom.x1,
                   base.zoom.y1 + 2 * m.gap + float(n) * bw + float(n - 1) * m.gap * 0.5f};
  ImVec2 back(0, 0);
  if (!back_label.empty()) {
    ImVec2 ts = Measure(s.fonts.strong, back_label);
    back = ImVec2(ts.x + 2 * m.pad * 0.75f, std::max(m.touch * 1.15f, ts.y + m.pad * 0.8f));
  }
  ImVec2 tt = Measure(s.fonts.title, title);
  ImVec2 title_size(tt.x + m.pad, tt.y + m.pad);
  float right = base.zoom.x0 - m.gap;

  MapLayout strip = base;
  {
    float band = std::max(back.y, title_size.y);
    strip.back = {canvas.x0 + half, canvas.y0 + half, canvas.x0 + half + back.x, canvas.y0 + half + back.y};
    float tx = back.x > 0 ? strip.back.x1 + m.gap * 0.5f : canvas.x0 + half;
    strip.title = {tx, canvas.y0 + half, tx + title_size.x, canvas.y0 + half + title_size.y};
    ImVec2 ls = LayoutLegend(s, legend, false, canvas.w() - 3 * m.pad, 0);
    strip.legend = {canvas.x0 + half, canvas.y1 - half - ls.y - m.pad, canvas.x0 + half + ls.x + m.pad, canvas.y1 - half};
    strip.plan = {canvas.x0 + m.pad, canvas.y0 + half + band + m.gap, right, strip.legend.y0 - m.gap};
    // (Clear of the zoom buttons: a card at the top would hide them.)
    strip.side = {canvas.x0 + half, strip.plan.y0, std::min(base.zoom.x0 - m.gap, canvas.x0 + half + m.mm(300)), canvas.y1 - half};
    Fit(s, bounds, strip);
  }
  MapLayout col = base;
  col.column = true;
  {
    float y = canvas.y0 + half;
    col.back = {canvas.x0 + half, y, canvas.x0 + half + back.x, y + back.y};
    if (back.x > 0) y += back.y + m.gap * 0.5f;
    col.title = {canvas.x0 + half, y, canvas.x0 + half + title_size.x, y + title_size.y};
    y += title_size.y + m.gap;
    float avail = canvas.y1 - half - y - m.pad;
    ImVec2 ls = LayoutLegend(s, legend, true, s.fonts.caption->FontSize * 12, avail);
    float w = std::max({title_size.x, back.x, ls.x + m.pad, m.mm(95)});
    col.legend = {canvas.x0 + half, y, canvas.x0 + half + ls.x + m.pad, y + ls.y + m.pad};
    col.side = {canvas.x0 + half, y, canvas.x0 + half + w, canvas.y1 - half};
    col.plan = {col.side.x1 + m.gap, canvas.y0 + m.pad, right, canvas.y1 - m.pad};
    if (w <= canvas.w() * 0.4f && ls.y <= avail) Fit(s, bounds, col);
  }
  return col.fit > strip.fit * 1.02f ? col : strip;
}

// The whole plan, or the place "show on map" asked for, framed with "you are here" when both fit readably.
void StartView(AppState& s, const MapLayout& L, const PlanRect& bounds, ImVec2 origin, float card_h) {
  const db::Catalog& c = *s.catalog;
  const Metrics& m = s.metrics;
  db::Point home = bounds.Centre(), here;
  bool has_here = HereShown(s, here);  // on another level it is not on screen, nor framed
  // The whole plan; on a screen too small for that to label the booths and keep them big enough to tap
  // (reach mode), closer, up to three times: the visitor pans or zooms out for the rest.
  s.map.zoom = std::max(L.fit, std::min(BoothZoom(s, L.turn), L.fit * 3));
  s.map.cx = float(home.x);
  s.map.cy = float(home.y);
  // A route: its part on the level shown, start and end in view, as close as the plan allows.
  if (s.map_route.route) {
    PlanRect r;
    for (const auto& leg : s.map_route.route->legs)
      if (leg.level == ShownLevel(s))
        for (const auto& p : leg.points) r.Grow(p);
    if (!r.Empty()) {
      r.Grow(db::Point{r.x0 - 3, r.y0 - 3}), r.Grow(db::Point{r.x1 + 3, r.y1 + 3});
      Box room = L.plan;
      if (card_h > 0) room.y0 = std::min(L.plan.y1 - L.plan.h() * 0.3f, L.side.y0 + card_h + m.gap);
      float z = FitZoom(r, room.w() - 2 * m.touch, room.h() - 2 * m.touch, L.turn);
      // Beside a card, smaller than the whole plan's fit if need be: start and end both in view.
      s.map.zoom = std::clamp(z, card_h > 0 ? L.fit * 0.5f : L.fit, L.fit * 8);
      // The route's middle at the middle of that room.
      PlanView v{origin, float(r.Centre().x), float(r.Centre().y), s.map.zoom, L.turn};
      db::Point mid = v.ToPlan(ImVec2(2 * origin.x - (room.x0 + room.x1) / 2, 2 * origin.y - (room.y0 + room.y1) / 2));
      s.map.cx = float(mid.x);
      s.map.cy = float(mid.y);
      return;
    }
  }
  const db::Location* f = c.FindLocation(s.map_focus);
  if (!f) {
    if (has_here && s.map.zoom > L.fit * 1.001f) {
      // Closer than the whole plan: "you are here" stays in view all the same, moved in from the edge.
      PlanView v0{origin, s.map.cx, s.map.cy, s.map.zoom, L.turn};
      ImVec2 q = v0.ToScreen(here);
      float margin = std::min({2 * m.touch, L.plan.w() / 2, L.plan.h() / 2});
      float dx = std::clamp(q.x, L.plan.x0 + margin, L.plan.x1 - margin) - q.x;
      float dy = std::clamp(q.y, L.plan.y0 + margin, L.plan.y1 - margin) - q.y;
      db::Point c2 = v0.ToPlan(ImVec2(origin.x - dx, origin.y - dy));
      s.map.cx = float(c2.x);
      s.map.cy = float(c2.y);
    }
    return;
  }
  // The place alone, a little closer than the whole plan and at least big enough to tap...
  PlanRect t = LocationBounds(*f, 3.0);
  float side = float(std::min(t.x1 - t.x0, t.y1 - t.y0));
  float readable = f->is_polygon ? std::max(L.fit, m.mm(kReadableMm) / std::max(0.5f, side)) : L.fit;
  float alone = std::min(std::max(L.fit * 1.6f, readable), L.fit * 8);
  s.map.zoom = alone;
  s.map.cx = float(t.Centre().x);
  s.map.cy = float(t.Centre().y);
  if (!has_here) return;
  // ...or with "you are here", when both fit at a readable zoom (room kept around them for the labels),
  // else in the whole plan when that is readable (it holds both).
  PlanRect u = t;
  u.Grow(here);
  float z = FitZoom(u, L.plan.w() - 4 * m.touch, L.plan.h() - 4 * m.touch, L.turn);
  if (z >= readable) {
    s.map.zoom = std::min(z, alone);
    s.map.cx = float(u.Centre().x);
    s.map.cy = float(u.Centre().y);
  } else if (L.fit >= readable) {
    s.map.zoom = L.fit;
    s.map.cx = float(home.x);
    s.map.cy = float(home.y);
  }
}


}  // namespace app
