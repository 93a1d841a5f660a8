#include "app/map/map_marks.h"

#include <algorithm>
#include <cfloat>

#include "app/map/map_geometry.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {
constexpr float kPi = 3.14159265f;
}

Mark MarkOf(const db::Location& l) {
  if (l.kind == db::LocationKind::Kiosk) return Mark::Here;
  if (l.kind == db::LocationKind::Entrance) return Mark::Entrance;
  if (l.kind == db::LocationKind::Exit) return Mark::Exit;
  if (l.amenity == "toilet") return Mark::Toilet;
  if (l.amenity == "accessible_toilet") return Mark::AccessibleToilet;
  if (l.amenity == "first_aid") return Mark::FirstAid;
  if (l.amenity == "info") return Mark::Info;
  if (l.amenity == "cafe") return Mark::Cafe;
  if (l.amenity == "cloakroom") return Mark::Cloakroom;
  return Mark::Other;
}

const char* MarkLegendKey(Mark m) {
  switch (m) {
    case Mark::Here: return "map.you_are_here";
    case Mark::Entrance: return "map.legend.entrance";
    case Mark::Exit: return "map.legend.exit";
    case Mark::Toilet: return "map.legend.toilet";
    case Mark::AccessibleToilet: return "map.legend.accessible_toilet";
    case Mark::FirstAid: return "map.legend.first_aid";
    case Mark::Info: return "map.legend.info";
    case Mark::Cafe: return "map.legend.cafe";
    case Mark::Cloakroom: return "map.legend.cloakroom";
    case Mark::Other: return "map.legend.other";
  }
  return "map.legend.other";
}

ImU32 MarkFill(Mark m) {
  switch (m) {
    case Mark::Here: return colors::kNow;
    case Mark::Entrance:
    case Mark::Exit: return colors::kPoiWay;  // the green of exit signs
    case Mark::FirstAid: return colors::kPoiFirstAid;
    case Mark::Cafe: return colors::kPoiCafe;
    default: return colors::kPoiInfo;  // the blue of public information signs
  }
}

const db::Organization* BoothOrganization(const db::Catalog& c, const db::Location& booth) {
  const db::Exhibitor* e = c.FindExhibitorAtBooth(booth.id);
  return e ? c.FindOrganization(e->organization_id) : nullptr;
}

AppState::MapCache MakeMapCache(const db::Catalog& c) {
  AppState::MapCache m{&c, {}, {}};
  m.extent.reserve(c.locations.size());
  m.fill.reserve(c.locations.size());
  for (const auto& l : c.locations) {
    PlanRect r = LocationBounds(l, 0);
    m.extent.push_back({r.x0, r.y0, r.x1, r.y1});
    ImU32 fill = AreaFill(l.kind);
    if (l.kind == db::LocationKind::Booth) {  // its exhibitor's country's colour; a free booth's own
      const db::Organization* o = BoothOrganization(c, l);
      const db::Country* country = o ? c.FindCountry(o->country_code) : nullptr;
      fill = country ? Rgb(country->color) : ImU32(colors::kMapFreeBooth);
    }
    m.fill.push_back(fill);
  }
  return m;
}

ImU32 AreaFill(db::LocationKind kind) {
  using K = db::LocationKind;
  // A level's floor and its corridors are where visitors walk: the light ground the places stand on.
  if (kind == K::Hall || kind == K::Floor || kind == K::Corridor) return colors::kMapHall;
  if (kind == K::Stairs || kind == K::Elevator || kind == K::Escalator) return colors::kMapRoom;
  if (kind == db::LocationKind::Stage) return colors::kMapStage;
  if (kind == db::LocationKind::Room) return colors::kMapRoom;
  return colors::kMapArea;
}

void DrawMark(ImDrawList* dl, Mark m, ImVec2 c, float r, ImFont* f) {
  const ImU32 white = colors::kOnAccent;
  dl->AddCircleFilled(c, r, MarkFill(m), 32);
  // Every size below is a part of `r`; the 1.5 floors are device pixels, under which a line stops drawing.
  dl->AddCircle(c, r, white, 32, std::max(1.5f, r * 0.12f));
  // Symbols in a unit square [-1, 1] scaled to the inside of the disc.
  float k = r * 0.62f;
  auto P = [&](float x, float y) { return ImVec2(c.x + x * k, c.y + y * k); };
  float line = std::max(1.5f, r * 0.16f);
  switch (m) {
    case Mark::Here: dl->AddCircleFilled(c, r * 0.4f, white, 16); break;
    case Mark::Entrance:
    case Mark::Exit: {  // an arrow: pointing in for entrances, out for exits
      float d = m == Mark::Entrance ? 1.f : -1.f;
      dl->AddTriangleFilled(P(d * 0.85f, 0), P(-d * 0.1f, -0.75f), P(-d * 0.1f, 0.75f), white);
      dl->AddRectFilled(P(std::min(-d * 0.8f, 0.f), -0.25f), P(std::max(-d * 0.8f, 0.f), 0.25f), white);
      break;
    }
    case Mark::Toilet: {  // "WC", sized to the disc rather than taken from the type scale
      float size = r * 0.95f;
      ImVec2 ts = f->CalcTextSizeA(size, FLT_MAX, 0, "WC");
      if (ts.x > r * 1.5f) {
        size *= r * 1.5f / ts.x;
        ts = f->CalcTextSizeA(size, FLT_MAX, 0, "WC");
      }
      dl->AddText(f, size, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), white, "WC");
      break;
    }
    case Mark::AccessibleToilet: {  // the wheelchair of the International Symbol of Access
      dl->AddCircleFilled(P(0.02f, -0.8f), k * 0.19f, white, 12);                        // head
      dl->AddLine(P(-0.02f, -0.52f), P(-0.1f, 0.12f), white, line * 1.2f);               // back
      dl->AddLine(P(-0.1f, 0.12f), P(0.42f, 0.12f), white, line);                        // seat
      dl->AddLine(P(0.42f, 0.12f), P(0.6f, 0.62f), white, line);                         // shin
      dl->AddLine(P(0.6f, 0.62f), P(0.85f, 0.62f), white, line);                         // foot
      dl->AddLine(P(-0.04f, -0.28f), P(0.36f, -0.28f), white, line);                     // arm
      dl->PathArcTo(P(-0.12f, 0.38f), k * 0.5f, 0.15f * kPi, 1.65f * kPi, 20);      // wheel, open at the top
      dl->PathStroke(white, 0, line);
      break;
    }
    case Mark::FirstAid:
      dl->AddRectFilled(P(-0.7f, -0.24f), P(0.7f, 0.24f), white);
      dl->AddRectFilled(P(-0.24f, -0.7f), P(0.24f, 0.7f), white);
      break;
    case Mark::Info:
      dl->AddCircleFilled(P(0, -0.6f), k * 0.18f, white, 12);
      dl->AddRectFilled(P(-0.16f, -0.28f), P(0.16f, 0.62f), white);
      dl->AddRectFilled(P(-0.34f, 0.5f), P(0.34f, 0.7f), white);
      break;
    case Mark::Cafe:  // a cup on its saucer
      dl->AddRectFilled(P(-0.6f, -0.35f), P(0.3f, 0.4f), white, k * 0.2f, ImDrawFlags_RoundCornersBottom);
      dl->AddCircle(P(0.42f, 0.0f), k * 0.22f, white, 12, line * 0.9f);
      dl->AddLine(P(-0.8f, 0.62f), P(0.6f, 0.62f), white, line);
      break;
    case Mark::Cloakroom:  // a coat hanger
      dl->PathArcTo(P(0, -0.55f), k * 0.2f, kPi, 2.4f * kPi, 12);
      dl->PathStroke(white, 0, line);
      dl->AddLine(P(0, -0.35f), P(0, -0.15f), white, line);
      dl->AddTriangle(P(0, -0.15f), P(-0.8f, 0.5f), P(0.8f, 0.5f), white, line);
      break;
    case Mark::Other: dl->AddCircleFilled(c, r * 0.3f, white, 12); break;
  }
}

std::vector<LegendItem> LegendItems(const AppState& s) {
  const db::Catalog& c = *s.catalog;
  bool marks[int(Mark::Other) + 1] = {};
  bool stage = false, room = false, booth = false;
  for (const auto& l : c.locations) {
    if (l.is_polygon) {
      stage |= l.kind == db::LocationKind::Stage;
      room |= l.kind == db::LocationKind::Room;
      booth |= l.kind == db::LocationKind::Booth;
      continue;
    }
    if (l.kind == db::LocationKind::Kiosk) continue;  // "you are here" (app/map/map_geometry.h HerePoint)
    marks[int(MarkOf(l))] = true;
  }
  db::Point here;
  marks[int(Mark::Here)] = HerePoint(s, here);
  std::vector<LegendItem> items;
  for (int m = 0; m < int(Mark::Other); ++m)  // "other" points carry their own names
    if (marks[m]) items.push_back({Mark(m), std::nullopt, s.Ui(MarkLegendKey(Mark(m)))});
  if (stage) items.push_back({Mark::Other, db::LocationKind::Stage, s.Ui("map.legend.stage")});
  if (room) items.push_back({Mark::Other, db::LocationKind::Room, s.Ui("map.legend.room")});
  if (booth) items.push_back({Mark::Other, db::LocationKind::Booth, s.Ui("map.legend.booth")});
  return items;
}

namespace {

float LegendMarkRadius(const AppState& s) { return s.fonts.caption->FontSize * 0.6f; }

// The size of one item; its text wrapped at `text_w` (0: one line).
ImVec2 ItemSize(const AppState& s, const LegendItem& it, float text_w) {
  float r = LegendMarkRadius(s), gap = s.metrics.gap * 0.5f;
  ImVec2 ts = Measure(s.fonts.caption, it.text, text_w);
  return ImVec2(2 * r + gap + ts.x, std::max(2 * r, ts.y));
}

}  // namespace

ImVec2 LayoutLegend(const AppState& s, const std::vector<LegendItem>& items, bool column, float width, float height,
                    std::vector<ImVec4>* boxes) {
  const Metrics& m = s.metrics;
  float r = LegendMarkRadius(s), row_gap = m.gap * 0.5f, col_gap = m.gap * 1.5f;  // r: the text beside a mark
  float x = 0, y = 0, used_w = 0, used_h = 0, line_h = 0;
  if (column) {
    float text_w = width - 2 * r - m.gap * 0.5f;
    for (const auto& it : items) {
      ImVec2 sz = ItemSize(s, it, text_w);
      if (y > 0 && y + sz.y > height) {  // the next column
        x += width + col_gap;
        y = 0;
      }
      if (boxes) boxes->push_back(ImVec4(x, y, x + sz.x, y + sz.y));
      used_w = std::max(used_w, x + width);
      used_h = std::max(used_h, y + sz.y);
      y += sz.y + row_gap;
    }
  } else {
    for (const auto& it : items) {
      ImVec2 sz = ItemSize(s, it, 0);
      if (sz.x > width) sz = ItemSize(s, it, width - 2 * r - m.gap * 0.5f);  // a name longer than the strip wraps
      if (x > 0 && x + sz.x > width) {  // the next line
        x = 0;
        y += line_h + row_gap;
        line_h = 0;
      }
      if (boxes) boxes->push_back(ImVec4(x, y, x + sz.x, y + sz.y));
      line_h = std::max(line_h, sz.y);
      used_w = std::max(used_w, x + sz.x);
      used_h = std::max(used_h, y + sz.y);
      x += sz.x + col_gap;
    }
  }
  return ImVec2(used_w, used_h);
}

void DrawLegend(AppState& s, ImDrawList* dl, const std::vector<LegendItem>& items, ImVec2 at, bool column, float width,
                float height) {
  std::vector<ImVec4> boxes;
  LayoutLegend(s, items, column, width, height, &boxes);
  const Metrics& m = s.metrics;
  float r = LegendMarkRadius(s), gap = m.gap * 0.5f, corner = m.px(3);
  for (size_t i = 0; i < items.size(); ++i) {
    const LegendItem& it = items[i];
    ImVec2 p(at.x + boxes[i].x, at.y + boxes[i].y);
    float h = boxes[i].w - boxes[i].y;
    ImVec2 c(p.x + r, p.y + h / 2);
    if (!it.area) {
      DrawMark(dl, it.mark, c, r, s.fonts.strong);
    } else if (it.area == db::LocationKind::Booth) {  // booths take their country's colour: three of them
      ImU32 cols[3] = {colors::kMapFreeBooth, colors::kMapFreeBooth, colors::kMapFreeBooth};
      for (size_t k = 0; k < 3 && k < s.catalog->countries.size(); ++k) cols[k] = Rgb(s.catalog->countries[k].color);
      for (int k = 0; k < 3; ++k)
        dl->AddRectFilled(ImVec2(c.x - r + k * 2 * r / 3, c.y - r * 0.7f), ImVec2(c.x - r + (k + 1) * 2 * r / 3, c.y + r * 0.7f), cols[k]);
      dl->AddRect(ImVec2(c.x - r, c.y - r * 0.7f), ImVec2(c.x + r, c.y + r * 0.7f), colors::kMuted, 0, 0, m.hairline);
    } else {
      dl->AddRectFilled(ImVec2(c.x - r, c.y - r * 0.7f), ImVec2(c.x + r, c.y + r * 0.7f), AreaFill(*it.area), corner);
      dl->AddRect(ImVec2(c.x - r, c.y - r * 0.7f), ImVec2(c.x + r, c.y + r * 0.7f), colors::kMuted, corner, 0, m.hairline);
    }
    float text_w = boxes[i].z - boxes[i].x - 2 * r - gap;
    ImVec2 ts = Measure(s.fonts.caption, it.text, text_w + 0.5f);
    TextAt(dl, s.fonts.caption, colors::kInk, ImVec2(p.x + 2 * r + gap, p.y + (h - ts.y) / 2), it.text, text_w + 0.5f);
  }
}

}  // namespace app
