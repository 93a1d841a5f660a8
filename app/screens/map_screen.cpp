// Map: the floor plan in local metres — halls, booths coloured by country with readable labels, stages,
// rooms, entrances, exits and amenities, and where the kiosk stands. Drag to pan, zoom with the buttons or a
// double tap; tapping a booth opens its exhibitor; "show on map" elsewhere centres and highlights a place.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace app {

namespace {

struct View {
  ImVec2 origin;  // screen position of the canvas centre
  float cx, cy, zoom;
  ImVec2 ToScreen(db::Point p) const { return ImVec2(origin.x + (float(p.x) - cx) * zoom, origin.y - (float(p.y) - cy) * zoom); }
  db::Point ToPlan(ImVec2 q) const { return {cx + (q.x - origin.x) / zoom, cy - (q.y - origin.y) / zoom}; }
};

bool Inside(const std::vector<db::Point>& r, db::Point p) {
  bool in = false;
  for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
    if ((r[i].y > p.y) != (r[j].y > p.y) && p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x) in = !in;
  return in;
}

// Fills a simple polygon of any shape (ImGui 1.86 fills only convex ones): ear clipping, counter-clockwise.
void FillPolygon(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col) {
  std::vector<int> idx(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) idx[i] = static_cast<int>(i);
  auto cross = [](ImVec2 a, ImVec2 b, ImVec2 c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); };
  // Screen y points down, so a counter-clockwise plan polygon is clockwise on screen: ears have cross < 0.
  int guard = 0;
  while (idx.size() > 3 && guard++ < 10000) {
    bool clipped = false;
    for (size_t i = 0; i < idx.size(); ++i) {
      ImVec2 a = pts[idx[(i + idx.size() - 1) % idx.size()]], b = pts[idx[i]], c = pts[idx[(i + 1) % idx.size()]];
      if (cross(a, b, c) >= 0) continue;
      bool empty = true;
      for (int k : idx) {
        ImVec2 p = pts[k];
        if ((p.x == a.x && p.y == a.y) || (p.x == b.x && p.y == b.y) || (p.x == c.x && p.y == c.y)) continue;
        if (cross(a, b, p) < 0 && cross(b, c, p) < 0 && cross(c, a, p) < 0) { empty = false; break; }
      }
      if (!empty) continue;
      dl->AddTriangleFilled(a, b, c, col);
      idx.erase(idx.begin() + static_cast<long>(i));
      clipped = true;
      break;
    }
    if (!clipped) break;
  }
  if (idx.size() == 3) dl->AddTriangleFilled(pts[idx[0]], pts[idx[1]], pts[idx[2]], col);
}

void Bounds(const db::Catalog& c, db::Point& lo, db::Point& hi) {
  lo = {1e9, 1e9};
  hi = {-1e9, -1e9};
  auto grow = [&](db::Point p) {
    lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
    hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
  };
  for (const auto& l : c.locations) {
    if (l.is_polygon) for (const auto& p : l.ring) grow(p);
    else grow(l.anchor);
  }
  if (lo.x > hi.x) lo = hi = {0, 0};
}

ImU32 KindFill(const std::string& kind) {
  if (kind == "hall") return colors::kMapHall;
  if (kind == "stage") return colors::kMapStage;
  if (kind == "room") return colors::kMapRoom;
  return colors::kMapArea;
}

}  // namespace

void DrawMapScreen(AppState& s, ImVec2 size) {
  const db::Catalog& c = *s.catalog;
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 p1(p0.x + size.x, p0.y + size.y);

  db::Point lo, hi;
  Bounds(c, lo, hi);
  float fit = std::min((size.x - 2 * m.pad) / float(std::max(1.0, hi.x - lo.x)), (size.y - 4 * m.pad) / float(std::max(1.0, hi.y - lo.y)));
  if (s.map.zoom <= 0) {
    s.map.zoom = fit;
    s.map.cx = float(lo.x + hi.x) / 2;
    s.map.cy = float(lo.y + hi.y) / 2;
    if (const db::Location* f = c.FindLocation(s.map_focus)) {  // centre on the place asked for
      s.map.zoom = fit * 1.6f;
      s.map.cx = float(f->anchor.x);
      s.map.cy = float(f->anchor.y);
    }
  }
  View v{ImVec2((p0.x + p1.x) / 2, (p0.y + p1.y) / 2), s.map.cx, s.map.cy, s.map.zoom};

  dl->PushClipRect(p0, p1, true);
  dl->AddRectFilled(p0, p1, colors::kMapGround);
  // Screen rects of labels and marks already drawn; later labels avoid them.
  std::vector<ImVec4> placed;
  auto free_at = [&](ImVec2 a, ImVec2 b) {
    for (const auto& r : placed)
      if (a.x < r.z && b.x > r.x && a.y < r.w && b.y > r.y) return false;
    return true;
  };

  // Areas: halls, then rooms and stages, then booths on top.
  for (int pass = 0; pass < 3; ++pass)
    for (const auto& l : c.locations) {
      if (!l.is_polygon) continue;
      int want = l.kind == "hall" ? 0 : l.kind == "booth" ? 2 : 1;
      if (want != pass) continue;
      std::vector<ImVec2> pts;
      for (const auto& p : l.ring) pts.push_back(v.ToScreen(p));
      ImU32 fill = KindFill(l.kind);
      ImU32 text = l.kind == "stage" ? ImU32(colors::kOnAccent) : ImU32(colors::kInk);
      std::string label = s.Tr(l.name);
      if (l.kind == "booth") {
        const db::Exhibitor* e = c.FindExhibitorAtBooth(l.id);
        const db::Organization* o = e ? c.FindOrganization(e->organization_id) : nullptr;
        const db::Country* country = o ? c.FindCountry(o->country_code) : nullptr;
        fill = country ? Rgb(country->color) : ImU32(colors::kMapFreeBooth);
        text = country ? TextOn(country->color) : colors::kMuted;
        label = o ? s.Tr(o->short_name.empty() ? o->name : o->short_name) : l.label;
        if (o && !l.label.empty()) label = l.label + "\n" + label;
      }
      FillPolygon(dl, pts, fill);
      if (s.targets && l.kind == "booth") {  // for the UI tests: where this booth is on screen
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
        for (auto& q : pts) x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
        s.targets->push_back({"booth/" + l.id, x0, y0, x1, y1, x1 - x0, y1 - y0});
      }
      dl->AddPolyline(pts.data(), int(pts.size()), l.kind == "hall" ? ImU32(colors::kMuted) : ImU32(colors::kMapOutline),
                      ImDrawFlags_Closed, l.kind == "hall" ? 3.0f : 2.0f);
      if (l.id == s.map_focus)
        dl->AddPolyline(pts.data(), int(pts.size()), colors::kHighlight, ImDrawFlags_Closed, 6.0f);
      if (l.kind == "hall") continue;
      // Label, wrapped to the shape's width; dropped when the shape is too small to hold it readably.
      float minx = 1e9f, maxx = -1e9f, miny = 1e9f, maxy = -1e9f;
      for (auto& q : pts) minx = std::min(minx, q.x), maxx = std::max(maxx, q.x), miny = std::min(miny, q.y), maxy = std::max(maxy, q.y);
      ImFont* font = l.kind == "booth" ? s.fonts.caption : s.fonts.strong;
      ImVec2 ts = Measure(font, label, maxx - minx - 8);
      if (ts.y > maxy - miny - 4 && l.kind == "booth") {  // too long for the booth: its number alone
        label = l.label;
        ts = Measure(font, label, maxx - minx - 8);
      }
      if (ts.y <= maxy - miny - 4 && maxx - minx > font->FontSize * 2) {
        ImVec2 a = v.ToScreen(l.anchor);
        dl->PushClipRect(ImVec2(minx, miny), ImVec2(maxx, maxy), true);
        TextAt(dl, font, text, ImVec2(a.x - ts.x / 2, a.y - ts.y / 2), label, maxx - minx - 8);
        dl->PopClipRect();
        placed.push_back(ImVec4(a.x - ts.x / 2, a.y - ts.y / 2, a.x + ts.x / 2, a.y + ts.y / 2));
      }
    }
  // Points: entrances, exits, amenities and the kiosk. Their labels go right of the mark, else left, else
  // are left out, so that no two labels overlap (the mark stays).
  // Every mark first: a label may not cover one drawn later.
  for (const auto& l : c.locations)
    if (!l.is_polygon) {
      ImVec2 a = v.ToScreen(l.anchor);
      float r = m.touch * 0.24f;
      placed.push_back(ImVec4(a.x - r, a.y - r, a.x + r, a.y + r));
    }
  for (const auto& l : c.locations) {
    if (l.is_polygon || (l.kind == "kiosk" && s.has_position)) continue;  // the configuration says where it is
    ImVec2 a = v.ToScreen(l.anchor);
    float r = m.touch * 0.24f;
    ImU32 col = colors::kPoiInfo;
    // Marks are letters Noto Sans has, or shapes drawn here (it has no arrows).
    std::string mark = "i", key = "map.legend." + (l.kind == "amenity" ? l.amenity : l.kind);
    if (l.kind == "entrance" || l.kind == "exit") col = colors::kPoiWay, mark = "";
    else if (l.kind == "kiosk") col = colors::kNow, mark = "", key = "map.you_are_here";
    else if (l.amenity == "toilet" || l.amenity == "accessible_toilet") mark = "WC";
    else if (l.amenity == "cafe") col = colors::kPoiCafe, mark = "C";
    else if (l.amenity == "first_aid") col = colors::kPoiFirstAid, mark = "+";
    else if (l.amenity == "cloakroom") mark = "H";
    dl->AddCircleFilled(a, r, col, 32);
    dl->AddCircle(a, r, colors::kOnAccent, 32, 2.0f);
    // Two letters ("WC") get a smaller size so that they sit inside the circle.
    float msize = mark.size() > 1 ? r * 0.95f : s.fonts.strong->FontSize;
    ImVec2 ms = s.fonts.strong->CalcTextSizeA(msize, FLT_MAX, 0, mark.c_str());
    dl->AddText(s.fonts.strong, msize, ImVec2(a.x - ms.x / 2, a.y - ms.y / 2), colors::kOnAccent, mark.c_str());
    if (l.kind == "kiosk") dl->AddCircleFilled(a, r * 0.4f, colors::kOnAccent, 16);
    if (l.kind == "entrance" || l.kind == "exit") {  // an arrow: in for entrances, out for exits
      float k = l.kind == "entrance" ? 1.f : -1.f, q = r * 0.5f;
      dl->AddTriangleFilled(ImVec2(a.x + k * q, a.y), ImVec2(a.x - k * q * 0.3f, a.y - q), ImVec2(a.x - k * q * 0.3f, a.y + q), colors::kOnAccent);
      dl->AddRectFilled(ImVec2(a.x - q, a.y - q * 0.3f), ImVec2(a.x + q * 0.2f, a.y + q * 0.3f), colors::kOnAccent);
    }
    std::string name = s.Tr(l.name).empty() ? s.Ui(key.c_str()) : s.Tr(l.name);
    if (!name.empty()) {
      ImVec2 ns = Measure(s.fonts.caption, name);
      ImVec2 q(a.x + r + 6, a.y - ns.y / 2);
      if (!free_at(ImVec2(q.x - 4, q.y), ImVec2(q.x + ns.x + 4, q.y + ns.y))) q.x = a.x - r - 6 - ns.x;
      if (free_at(ImVec2(q.x - 4, q.y), ImVec2(q.x + ns.x + 4, q.y + ns.y))) {
        dl->AddRectFilled(ImVec2(q.x - 4, q.y), ImVec2(q.x + ns.x + 4, q.y + ns.y), colors::Alpha(colors::kMapLabelBack, 0xD8), 6);
        TextAt(dl, s.fonts.caption, colors::kInk, q, name, 0);
        placed.push_back(ImVec4(q.x - 4, q.y, q.x + ns.x + 4, q.y + ns.y));
      }
    }
    if (l.id == s.map_focus) dl->AddCircle(a, r + 6, colors::kHighlight, 32, 5.0f);
  }
  // "You are here", from the configuration: the kiosk's point and the way the visitor faces (a wedge).
  if (s.has_position) {
    ImVec2 a = v.ToScreen({s.here_x, s.here_y});
    float r = m.touch * 0.3f, th = s.here_facing_deg * 3.14159265f / 180.f;
    ImVec2 dir(std::sin(th), -std::cos(th)), side(-dir.y, dir.x);
    ImVec2 tip(a.x + dir.x * r * 2.2f, a.y + dir.y * r * 2.2f);
    dl->AddTriangleFilled(tip, ImVec2(a.x + side.x * r * 0.9f, a.y + side.y * r * 0.9f),
                          ImVec2(a.x - side.x * r * 0.9f, a.y - side.y * r * 0.9f), colors::Alpha(colors::kNow, 0x90));
    dl->AddCircleFilled(a, r, colors::kNow, 32);
    dl->AddCircle(a, r, colors::kOnAccent, 32, 3.0f);
    dl->AddCircleFilled(a, r * 0.35f, colors::kOnAccent, 16);
    const std::string& here = s.Ui("map.you_are_here");
    ImVec2 ns = Measure(s.fonts.strong, here);
    ImVec2 q(a.x - ns.x / 2, a.y + r + 6);
    dl->AddRectFilled(ImVec2(q.x - 6, q.y), ImVec2(q.x + ns.x + 6, q.y + ns.y), colors::kNow, 6);
    TextAt(dl, s.fonts.strong, colors::kOnAccent, q, here, 0);
  }
  dl->PopClipRect();

  // Zoom buttons, stacked at the right edge.
  float bw = m.touch * 1.2f;
  ImGui::SetCursorScreenPos(ImVec2(p1.x - bw - m.pad, p0.y + m.pad));
  ImGui::BeginGroup();
  if (Button(s, "zoom-in", "+", ButtonKind::Secondary, bw, bw)) s.Do({Action::Kind::ZoomMap, "", Screen::Map, +1});
  if (Button(s, "zoom-out", "\xE2\x80\x93", ButtonKind::Secondary, bw, bw)) s.Do({Action::Kind::ZoomMap, "", Screen::Map, -1});
  ImGui::EndGroup();
  // The title on a card of its own, readable over whatever part of the plan is under it; when the map was
  // opened with "show on map", a Back button before it returns to that page.
  std::string title = s.Ui("home.tile.map");
  float title_x = p0.x + m.pad * 0.5f;
  if (s.map_return.set) {
    ImGui::SetCursorScreenPos(ImVec2(p0.x + m.pad * 0.5f, p0.y + m.pad * 0.5f));
    if (Button(s, "back", "\xE2\x80\xB9  " + s.Ui("common.back"), ButtonKind::Secondary)) s.Do({Action::Kind::Back});
    title_x = ImGui::GetItemRectMax().x + m.gap * 0.5f;
  }
  ImVec2 ts = Measure(s.fonts.title, title, size.x * 0.6f);
  dl->AddRectFilled(ImVec2(title_x, p0.y + m.pad * 0.5f), ImVec2(title_x + m.pad + ts.x, p0.y + m.pad * 1.5f + ts.y),
                    colors::Alpha(colors::kPaper, 0xE8), m.radius);
  ImGui::SetCursorScreenPos(ImVec2(title_x + m.pad * 0.5f, p0.y + m.pad));
  Text(s.fonts.title, colors::kInk, title, size.x * 0.6f);

  // Input, submitted last so that the zoom buttons above win the touch: drag pans, a tap opens a booth, a double tap zooms in where it lands.
  ImGui::SetCursorScreenPos(p0);
  bool tapped = TapArea(s, "plan", size);
  const ImGuiIO& io = ImGui::GetIO();
  float t = m.drag_threshold;
  if (ImGui::IsItemActive() && io.MouseDragMaxDistanceSqr[0] > t * t) {
    ImVec2 d = DragDelta(s);
    s.map.cx -= d.x / s.map.zoom;
    s.map.cy += d.y / s.map.zoom;
  }
  if (ImGui::IsItemHovered() && io.MouseDoubleClicked[0]) {
    db::Point at = v.ToPlan(io.MousePos);
    s.map.zoom = std::min(s.map.zoom * 1.6f, fit * 8);
    s.map.cx = float(at.x);
    s.map.cy = float(at.y);
  } else if (tapped) {
    db::Point at = v.ToPlan(io.MousePos);
    for (const auto& l : c.locations)
      if (l.kind == "booth" && l.is_polygon && Inside(l.ring, at))
        if (const db::Exhibitor* e = c.FindExhibitorAtBooth(l.id)) s.Do({Action::Kind::OpenExhibitor, e->organization_id});
  }

}

}  // namespace app
