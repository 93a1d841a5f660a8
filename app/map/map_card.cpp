#include "app/map/map_card.h"

#include <algorithm>

#include "app/state/format.h"
#include "app/map/map_marks.h"
#include "app/map/map_route.h"
#include "app/map/route_words.h"
#include "app/widgets/qr_code.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

// The hall a point of the plan lies in, if any.
const db::Location* HallAt(const db::Catalog& c, db::Point p) {
  for (const auto& l : c.locations)
    if (l.kind == db::LocationKind::Hall && l.is_polygon && Inside(l, p)) return &l;
  return nullptr;
}

// A step of the directions as the card lists it: "2. Go 12 m, then turn left".
std::string StepLine(size_t i, const std::string& step) { return std::to_string(i + 1) + ". " + step; }

// The QR code's caption above it (a narrow card): what it holds, in one line where it can.
float QrCaptionHeight(const AppState& s, float width) { return Measure(s.fonts.strong, s.Ui("map.steps.take"), width).y + s.metrics.gap * 0.5f; }

float CloseSize(const AppState& s) { return std::max(s.metrics.touch * 1.15f, s.metrics.mm(12.5f)); }

// A session row: "Now"/"Next" and the time on the first line, the title below.
struct RowText {
  std::string badge, time, title;
};
RowText TextOf(const AppState& s, const PlaceCard::Row& r) {
  RowText t{s.Ui(r.now ? "schedule.now" : "schedule.next"), TimeRange(s, *r.session), s.Tr(r.session->title)};
  // Next may be another day of the forum: then the day goes with the time.
  int off = s.catalog->forum.utc_offset_min;
  if (LocalDate(r.session->starts_utc, off) != LocalDate(s.now_utc, off))
    t.time = FormatDay(s, LocalDate(r.session->starts_utc, off)) + "  " + t.time;
  return t;
}

float RowHeight(const AppState& s, const RowText& t, float width) {
  const Metrics& m = s.metrics;
  float inner = width - 2 * m.pad * 0.6f;
  ImVec2 bs = Measure(s.fonts.caption, t.badge);
  float first = std::max(bs.y, Measure(s.fonts.strong, t.time, inner - bs.x - m.gap * 1.5f).y);
  return std::max(m.touch * 1.15f, first + m.gap * 0.3f + Measure(s.fonts.body, t.title, inner).y + m.pad * 0.7f);
}

}  // namespace

std::string PlaceTitle(const AppState& s, const db::Location& l) {
  const db::Catalog& c = *s.catalog;
  if (const db::Exhibitor* e = l.kind == db::LocationKind::Booth ? c.FindExhibitorAtBooth(l.id) : nullptr)
    if (const db::Organization* o = c.FindOrganization(e->organization_id)) return DisplayName(s, *o);
  std::string title = s.Tr(l.name);
  if (!title.empty()) return title;
  std::string kind_key = l.is_polygon ? "map.legend." + std::string(db::NameOf(l.kind)) : MarkLegendKey(MarkOf(l));
  const std::string& kind = s.Ui(kind_key.c_str());
  return l.label.empty() ? kind : kind + " " + l.label;
}

bool BuildPlaceCard(const AppState& s, const std::string& id, PlaceCard& card) {
  const db::Catalog& c = *s.catalog;
  card = PlaceCard{};
  if (id == "here") {
    db::Point here;
    if (!HerePoint(s, here)) return false;
    card.title = s.Ui("map.you_are_here");
    if (const db::Location* hall = HallAt(c, here)) card.kind = s.Tr(hall->name);
    if (c.LevelOrdinals().size() > 1) card.kind += (card.kind.empty() ? "" : " \xC2\xB7 ") + LevelName(s, HereLevel(s));
    for (std::string_view n : kNearestNames)
      if (HasNearest(s, n)) card.nearest.push_back(n);
    return true;
  }
  const db::Location* l = c.FindLocation(id);
  if (!l) return false;
  std::string kind_key = l->is_polygon ? "map.legend." + std::string(db::NameOf(l->kind)) : MarkLegendKey(MarkOf(*l));
  card.kind = s.Ui(kind_key.c_str());
  card.title = PlaceTitle(s, *l);
  // A booth's card (a route to it) is its exhibitor's: the name, and the booth ("Booth A1") as its kind.
  if (c.FindExhibitorAtBooth(l->id) && l->kind == db::LocationKind::Booth) {
    std::string booth = s.Tr(l->name);
    card.kind = !booth.empty() ? booth : l->label.empty() ? card.kind : card.kind + " " + l->label;
  }
  if (card.title == card.kind) card.kind.clear();  // "Toilets" once, not twice
  if (c.LevelOrdinals().size() > 1) card.kind += (card.kind.empty() ? "" : " \xC2\xB7 ") + LevelName(s, l->level);
  card.routable = Routable(s, *l);
  card.routed = card.routable && s.map_route.to == l->id;
  if (card.routed) {
    card.step_free = s.map_route.found_step_free;
    card.step_free_fixed = s.reach;  // reach mode: always step-free
    if (s.map_route.route) {
      card.route_summary = RouteSummary(s, *s.map_route.route);
      card.route_change = RouteLevelChange(s, *s.map_route.route);
      card.steps = RouteWords(s, s.map_route.steps);
      card.take_along = RouteText(s, *s.map_route.route, s.map_route.steps, *l);
    } else {
      card.route_none = NoRouteText(s, s.map_route.why);
    }
  }
  if (l->kind == db::LocationKind::Room || l->kind == db::LocationKind::Stage) {
    std::vector<const db::Session*> now, next;
    NowAndNext(s, now, next, 2, [&](const db::Session& x) {
      const db::Room* r = c.FindRoom(x.room_id);
      return r && r->location_id == l->id;
    });
    for (auto* x : now) card.rows.push_back({x, true});
    for (auto* x : next) card.rows.push_back({x, false});
    if (card.rows.empty()) card.note = s.Ui("map.card.no_sessions");
  }
  return true;
}

void LayoutPlaceCard(AppState& s, PlaceCard& card, float width, float max_height) {
  const Metrics& m = s.metrics;
  float inner = width - 2 * m.pad, title_w = inner - CloseSize(s) - m.gap;
  // A long name ("Мүмкіндігі шектеулі жандарға арналған дәретхана", "конференц-залы") in a smaller size
  // rather than split inside a word.
  for (ImFont* f : {s.fonts.title, s.fonts.strong, s.fonts.body}) {
    card.title_font = f;
    float widest = 0;
    for (size_t b = 0, e; b < card.title.size(); b = e + 1) {
      e = card.title.find(' ', b);
      if (e == std::string::npos) e = card.title.size();
      widest = std::max(widest, Measure(f, card.title.substr(b, e - b)).x);
    }
    if (widest <= title_w) break;
  }
  PushId(s, "card");
  CheckFit(s, card.title_font, card.title, title_w, 1e9f);  // the layout audit: a word that still does not fit
  PopId(s);
  float head = std::max(CloseSize(s), Measure(card.title_font, card.title, title_w).y +
                                          (card.kind.empty() ? 0 : Measure(s.fonts.caption, card.kind, inner - CloseSize(s) - m.gap).y));
  float h = m.pad + head;
  if (!card.note.empty()) h += m.gap + Measure(s.fonts.body, card.note, inner).y;
  if (card.routed) {
    if (!card.route_summary.empty()) h += m.gap + Measure(s.fonts.title, card.route_summary, inner).y;
    if (!card.route_change.empty()) h += Measure(s.fonts.strong, card.route_change, inner).y;
    if (!card.route_none.empty()) h += m.gap + Measure(s.fonts.strong, card.route_none, inner).y;
  }
  if (card.routable) h += m.gap + m.touch;  // Route, or the step-free switch
  h += static_cast<float>(card.nearest.size()) * (m.gap + m.touch);
  // The directions, as many steps as fit (the last, where the place is, always when any do), then their QR
  // code when it fits too.
  // The directions with their QR code, in the body size or else smaller; the steps alone when both do not fit
  // (reach mode's low card), in either size; else neither.
  float qr = card.take_along.empty() ? 0 : TakeAlongHeight(s, card.take_along, inner);
  card.take_along_beside = inner - qr - m.gap >= qr;  // its caption beside it when the card is wide enough, else above
  if (qr > 0 && !card.take_along_beside) qr += QrCaptionHeight(s, inner);
  auto steps_height = [&](ImFont* f) {
    float all = m.gap;
    for (size_t i = 0; i < card.steps.size(); ++i) all += Measure(f, StepLine(i, card.steps[i]), inner).y;
    return card.steps.empty() ? 0.f : all;
  };
  bool fitted = false;
  for (ImFont* f : {s.fonts.body, s.fonts.caption})
    if (qr > 0 && h + steps_height(f) + m.gap + qr + m.pad <= max_height) {
      card.steps_font = f, h += steps_height(f) + m.gap + qr, fitted = true;
      break;
    }
  if (!fitted) {
    card.take_along.clear();
    for (ImFont* f : {s.fonts.body, s.fonts.caption})
      if (h + steps_height(f) + m.pad <= max_height) {
        card.steps_font = f, h += steps_height(f), fitted = true;
        break;
      }
    if (!fitted) card.steps.clear();
  }
  card.shown = 0;
  for (const auto& r : card.rows) {
    float rh = RowHeight(s, TextOf(s, r), inner);
    // The first row always shows, but on a card showing a route (what was asked for: its steps come first).
    if ((card.shown > 0 || card.routed) && h + m.gap * 0.5f + rh + m.pad > max_height) break;
    h += m.gap * 0.5f + rh;
    ++card.shown;
  }
  card.size = ImVec2(width, h + m.pad);
}

namespace {

// The card's route part, from `y` down: the summary, the change of level or why there is none, Route or the
// step-free switch, the directions and their QR code. Returns the y below it.
float DrawRoutePart(AppState& s, const PlaceCard& card, ImDrawList* dl, float x, float y, float inner) {
  const Metrics& m = s.metrics;
  if (card.routed) {
    if (!card.route_summary.empty()) y += m.gap + TextAt(dl, s.fonts.title, colors::kAccent, ImVec2(x, y + m.gap), card.route_summary, inner);
    if (!card.route_change.empty()) y += TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(x, y), card.route_change, inner);
    if (!card.route_none.empty()) y += m.gap + TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(x, y + m.gap), card.route_none, inner);
  }
  if (card.routable) {
    y += m.gap;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (!card.routed) {
      if (Button(s, "route", s.Ui("map.route"), ButtonKind::Primary, inner, m.touch))
        s.Do({.kind = Action::Kind::Route, .id = s.map_card});
    } else {
      // A switch: the chip filled, with a check mark before its label, when on.
      const std::string label = s.Ui("map.route.step_free");
      float w = std::min(inner, Measure(s.fonts.strong, label).x + m.touch * 1.6f);
      if (Button(s, "step-free", label, card.step_free ? ButtonKind::ChipSelected : ButtonKind::Chip, w, m.touch) && !card.step_free_fixed)
        s.Do({.kind = Action::Kind::RouteStepFree});
      if (card.step_free) CheckMark(dl, ImVec2(x + m.touch * 0.42f, y + m.touch * 0.5f), m.touch * 0.32f, m.bold_line, colors::kOnAccent);
    }
    y += m.touch;
  }
  if (!card.steps.empty()) {
    y += m.gap;
    for (size_t i = 0; i < card.steps.size(); ++i) y += TextAt(dl, card.steps_font, colors::kInk, ImVec2(x, y), StepLine(i, card.steps[i]), inner);
  }
  if (!card.take_along.empty()) {
    y += m.gap;
    if (!card.take_along_beside) {
      y += TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(x, y), s.Ui("map.steps.take"), inner) + m.gap * 0.5f;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    TakeAlong(s, card.take_along, card.take_along_beside ? s.Ui("map.steps.take") : "", inner);
    y += TakeAlongHeight(s, card.take_along, inner);
  }
  return y;
}

}  // namespace

void DrawPlaceCard(AppState& s, const PlaceCard& card, ImVec2 at) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 end(at.x + card.size.x, at.y + card.size.y);
  ImVec2 drop(m.px(2), m.px(4));  // the shadow: a little to the right, more below, as if lit from above
  dl->AddRectFilled(ImVec2(at.x + drop.x, at.y + drop.y), ImVec2(end.x + drop.x, end.y + drop.y), colors::Alpha(colors::kShadow, 0x30), m.radius);
  dl->AddRectFilled(at, end, colors::kSurface, m.radius);
  dl->AddRect(at, end, colors::kLine, m.radius, 0, m.line);
  float inner = card.size.x - 2 * m.pad, close = CloseSize(s);
  PushId(s, "card");
  // Close: a drawn cross (no glyph needed), on a target of its own.
  ImVec2 cp(end.x - m.pad * 0.5f - close, at.y + m.pad * 0.5f);
  ImGui::SetCursorScreenPos(cp);
  bool pressed = false;
  if (TapArea(s, "close", ImVec2(close, close), &pressed)) s.Do({.kind = Action::Kind::MapCard});
  if (pressed) dl->AddRectFilled(cp, ImVec2(cp.x + close, cp.y + close), colors::kPressed, m.radius);
  ImVec2 cc(cp.x + close / 2, cp.y + close / 2);
  float arm = close * 0.2f;
  dl->AddLine(ImVec2(cc.x - arm, cc.y - arm), ImVec2(cc.x + arm, cc.y + arm), colors::kInk, m.bold_line);
  dl->AddLine(ImVec2(cc.x - arm, cc.y + arm), ImVec2(cc.x + arm, cc.y - arm), colors::kInk, m.bold_line);

  float y = at.y + m.pad, x = at.x + m.pad, text_w = inner - close - m.gap;
  float head_y = y;
  y += TextAt(dl, card.title_font, colors::kInk, ImVec2(x, y), card.title, text_w);
  if (!card.kind.empty()) y += TextAt(dl, s.fonts.caption, colors::kMuted, ImVec2(x, y), card.kind, text_w);
  y = std::max(y, head_y + close);
  if (!card.note.empty()) y += m.gap + TextAt(dl, s.fonts.body, colors::kMuted, ImVec2(x, y + m.gap), card.note, inner);
  y = DrawRoutePart(s, card, dl, x, y, inner);
  for (std::string_view n : card.nearest) {
    y += m.gap;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    const std::string name(n);
    if (Button(s, ("nearest-" + name).c_str(), s.Ui(("map.nearest." + name).c_str()), ButtonKind::Secondary, inner, m.touch))
      s.Do({.kind = Action::Kind::RouteNearest, .id = name});
    y += m.touch;
  }
  for (size_t i = 0; i < card.shown; ++i) {
    const PlaceCard::Row& r = card.rows[i];
    RowText t = TextOf(s, r);
    float rh = RowHeight(s, t, inner);
    y += m.gap * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    PushId(s, r.session->id);
    ImVec2 p;
    if (Card(s, "session", ImVec2(inner, rh), &p)) s.Do({.kind = Action::Kind::OpenSession, .id = r.session->id});
    PopId(s);
    dl->AddRect(p, ImVec2(p.x + inner, p.y + rh), colors::kLine, m.radius, 0, 2.0f);
    float px = p.x + m.pad * 0.6f, py = p.y + m.pad * 0.35f, row_w = inner - 2 * m.pad * 0.6f;
    ImVec2 bs = Measure(s.fonts.caption, t.badge);
    ImU32 badge = r.now ? colors::kNow : colors::kNext;
    dl->AddRectFilled(ImVec2(px, py), ImVec2(px + bs.x + m.gap, py + bs.y), badge, bs.y * 0.5f);
    TextAt(dl, s.fonts.caption, colors::kOnAccent, ImVec2(px + m.gap * 0.5f, py), t.badge, 0);
    float line = std::max(bs.y, TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(px + bs.x + m.gap * 1.5f, py), t.time,
                                       row_w - bs.x - m.gap * 1.5f));
    TextAt(dl, s.fonts.body, colors::kInk, ImVec2(px, py + line + m.gap * 0.3f), t.title, row_w);
    y += rh;
  }
  // Last: the whole card, so that a tap on it that misses a row does not reach the plan beneath.
  ImGui::SetCursorScreenPos(at);
  TapArea(s, "sheet", card.size);
  PopId(s);
}

}  // namespace app
