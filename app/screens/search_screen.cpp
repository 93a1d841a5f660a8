// Search: what the visitor typed, results grouped by kind as they type, and the on-screen keyboard at the
// bottom, in reach. Each group shows its first hits and "Show all N" (N: every match of the group), which
// opens the group's full list in place of the groups, drawn row by row as it scrolls into view; Back returns
// to the groups with the query kept. Tapping a result opens it (a place on the map); Back returns to the
// results it was tapped in.
#include <imgui.h>

#include <algorithm>

#include "app/map/map_geometry.h"
#include "app/state/format.h"
#include "app/widgets/keyboard.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"
#include "db/base/text.h"

namespace app {

namespace {

using Kind = db::SearchHit::Kind;

const char* GroupKey(db::SearchGroup g) {
  switch (g) {
    case db::SearchGroup::Exhibitors: return "search.group.exhibitors";
    case db::SearchGroup::Sessions: return "search.group.sessions";
    case db::SearchGroup::Agreements: return "search.group.agreements";
    case db::SearchGroup::People: return "search.group.people";
    case db::SearchGroup::Places: return "search.group.places";
  }
  return "search.group.exhibitors";
}

// The line under a result's name: where and when, in the visitor's language.
std::string Subtitle(const AppState& s, const db::SearchHit& h) {
  const db::Catalog& c = *s.catalog;
  const char* dot = "  \xC2\xB7  ";
  switch (h.kind) {
    case Kind::Exhibitor:
    case Kind::Organization:
      if (const db::Organization* o = c.FindOrganization(h.ref)) {
        const db::Country* country = c.FindCountry(o->country_code);
        // The result is titled as on the map and in the list; the full name, when that is another, says
        // why "высоких" found "ПВТ".
        std::string out = DisplayName(s, *o) != s.Tr(o->name) ? s.Tr(o->name) : std::string();
        if (country) out += (out.empty() ? "" : dot) + s.Tr(country->name);
        if (const db::Exhibitor* e = c.FindExhibitor(o->id))
          if (const db::Location* b = c.FindLocation(e->booth_id)) {
            out += (out.empty() ? "" : dot) + s.Ui("exhibitors.booth") + " " + b->label;
            if (b->level != HereLevel(s)) out += dot + LevelName(s, b->level);  // upstairs: say so
          }
        return out;
      }
      break;
    case Kind::Country: {
      int64_t n = 0;
      for (const auto& e : c.exhibitors)
        if (const db::Organization* o = c.FindOrganization(e.organization_id); o && o->country_code == h.ref) ++n;
      return Count(s, "count.exhibitors", n);
    }
    case Kind::Agreement:
      if (const db::Agreement* a = c.FindAgreement(h.ref)) return a->signed_date.empty() ? "" : FormatDate(s, a->signed_date);
      break;
    case Kind::Session:
      if (const db::Session* x = c.FindSession(h.ref)) {
        std::string out = FormatDay(s, x->day_date) + dot + TimeRange(s, *x);
        if (const db::Room* r = c.FindRoom(x->room_id)) out += dot + s.Tr(r->name);
        return out;
      }
      break;
    case Kind::Person:
      if (const db::Person* p = c.FindPerson(h.ref)) {
        std::string out = s.Tr(p->title);
        if (const db::Organization* o = c.FindOrganization(p->organization_id)) out += (out.empty() ? "" : dot) + DisplayName(s, *o);
        return out;
      }
      break;
    case Kind::Place:
      // A place on another level than "you are here" says which: "Conference level · Show on map".
      if (const db::Location* l = c.FindLocation(h.ref); l && c.LevelOrdinals().size() > 1 && l->level != HereLevel(s))
        return LevelName(s, l->level) + dot + s.Ui("map.show_on_map");
      return s.Ui("map.show_on_map");
  }
  return {};
}

// What tapping a result does.
void Open(AppState& s, const db::SearchHit& h) {
  using K = Action::Kind;
  const int from = Action::kFromSearch;
  const db::Catalog& c = *s.catalog;
  switch (h.kind) {
    case Kind::Exhibitor:
    case Kind::Organization: s.Do({.kind = K::OpenExhibitor, .id = h.ref, .number = from}); break;
    case Kind::Country:
      s.Do({.kind = K::Go, .screen = Screen::Exhibitors, .number = from});
      s.Do({.kind = K::FilterCountry, .id = h.ref});
      break;
    case Kind::Agreement: s.Do({.kind = K::OpenAgreement, .id = h.ref, .number = from}); break;
    case Kind::Session: s.Do({.kind = K::OpenSession, .id = h.ref, .number = from}); break;
    case Kind::Person: {
      // A person has no page of their own: their first session, else their organization.
      for (const auto& x : c.sessions)
        for (const auto& sp : x.people)
          if (sp.person_id == h.ref) return s.Do({.kind = K::OpenSession, .id = x.id, .number = from});
      if (const db::Person* p = c.FindPerson(h.ref); p && c.FindOrganization(p->organization_id))
        s.Do({.kind = K::OpenExhibitor, .id = p->organization_id, .number = from});
      break;
    }
    case Kind::Place:  // the map on it, with its card (what is on there, the way there)
      s.Do({.kind = K::ShowOnMap, .id = h.ref, .number = from});
      s.Do({.kind = K::MapCard, .id = h.ref});
      break;
  }
}

// A physical keyboard, when there is one, types into the same query.
void TypeFromKeyboard(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  for (ImWchar c : io.InputQueueCharacters) {
    if (c < 0x20 || c == 0x7F) continue;
    std::string text;
    db::AppendUtf8(text, c);
    s.Do({.kind = Action::Kind::Type, .id = text});
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) s.Do({.kind = Action::Kind::Erase});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) s.Do({.kind = Action::Kind::ClearQuery});
}

// Where the field, the results and the keyboard go.
struct SearchLayout {
  float width;      // the field's and the results' width
  float kb_width;   // the keyboard's
  float kb_height;  // the keyboard's: that of its tallest layout, so the results do not jump when it changes
  float field_h;    // one line of the query (DrawQueryField makes it taller when the placeholder wraps)
  bool beside;      // the keyboard to the right of the field and results, not below them
  float panel_x;    // where the keyboard's panel starts (beside: its left edge)
};

// A short, wide area (reach mode in landscape) has no room for the field, results and keyboard stacked:
// the keyboard goes to the right, the field and the results to its left.
SearchLayout LayOutSearch(const AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  SearchLayout L;
  L.width = size.x - m.pad * 4;
  L.kb_width = std::min(L.width, m.mm(330));  // keys of about 25 mm, never wider
  L.kb_height = 0;
  for (int i = 0; i < int(KeyboardLayouts().size()); ++i) L.kb_height = std::max(L.kb_height, KeyboardHeight(s, i));
  L.field_h = s.fonts.title->FontSize + m.pad * 1.2f;
  L.beside = size.y < m.pad * 1.5f + L.field_h + m.gap + m.touch * 2 + L.kb_height + m.pad * 2 && size.x > size.y * 2.5f;
  L.panel_x = 0;
  if (L.beside) {
    L.kb_width = std::min(m.mm(330), size.x * 0.58f);
    L.panel_x = size.x - L.kb_width - m.pad * 2;
    L.width = L.panel_x - m.pad * 3;
  }
  return L;
}

// The query, as a large field with a caret; the placeholder says what can be found. The field is as tall
// as the placeholder needs when it wraps (larger text, a narrow field), also while typing, so that the
// results do not jump: L.field_h grows to that.
void DrawQueryField(AppState& s, SearchLayout& L) {
  const Metrics& m = s.metrics;
  const float width = L.width;
  ImGui::SetCursorPos(ImVec2(m.pad * 2, m.pad * 1.5f));
  ImVec2 p = ImGui::GetCursorScreenPos();
  float inner = width - 2 * m.pad;
  L.field_h = std::max(L.field_h, Measure(s.fonts.title, s.Ui("search.placeholder"), inner).y + m.pad * 1.2f);
  const float field_h = L.field_h;
  CheckFit(s, s.fonts.title, s.Ui("search.placeholder"), inner, field_h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + field_h), colors::kSurface, m.radius);
  dl->AddRect(p, ImVec2(p.x + width, p.y + field_h), colors::kAccent, m.radius, 0, m.bold_line);
  ImVec2 tp(p.x + m.pad, p.y + m.pad * 0.6f);
  if (s.search_query.empty()) {
    TextAt(dl, s.fonts.title, colors::kMuted, tp, s.Ui("search.placeholder"), inner);
  } else {
    // The end of a long query stays in view.
    std::string shown = s.search_query;
    while (shown.size() > 1 && Measure(s.fonts.title, shown).x > inner - m.gap) {
      size_t cut = 0;
      char32_t first;
      db::NextCodepoint(shown, cut, first);
      shown.erase(0, cut);
    }
    float w = Measure(s.fonts.title, shown).x;
    TextAt(dl, s.fonts.title, colors::kInk, tp, shown, 0);
    // The caret: a bar of the bold line's width, a little apart from the text and shorter than the line.
    float caret_x = tp.x + w + m.bold_line, caret_in = m.inset;
    dl->AddRectFilled(ImVec2(caret_x, tp.y + caret_in), ImVec2(caret_x + m.bold_line, tp.y + s.fonts.title->FontSize - caret_in),
                      colors::kAccent);
  }
  ImGui::Dummy(ImVec2(width, field_h));
}

// One result's texts: its name as shown elsewhere (an exhibitor as on the map and in the list) and the line
// under it.
struct HitText {
  std::string title, sub;
};
HitText TextOf(const AppState& s, const db::SearchHit& h) {
  HitText t{db::HitTitle(*s.catalog, h, s.lang), Subtitle(s, h)};
  if (h.kind == Kind::Exhibitor || h.kind == Kind::Organization)
    if (const db::Organization* o = s.catalog->FindOrganization(h.ref)) t.title = DisplayName(s, *o);
  return t;
}

// How tall a result's card is at `width`: at least a touch target, else as its wrapped texts need.
float HitHeight(const AppState& s, const HitText& t, float width) {
  const Metrics& m = s.metrics;
  float text_w = width - 2 * m.pad;
  return std::max(m.touch * 1.05f, m.pad * 1.0f + Measure(s.fonts.strong, t.title, text_w).y +
                                       (t.sub.empty() ? 0 : Measure(s.fonts.caption, t.sub, text_w).y));
}

// One result's card at the cursor, `row_h` tall; a tap opens it. `i` keys its touch target ("3/result").
void DrawHit(AppState& s, const db::SearchHit& h, const HitText& t, size_t i, float width, float row_h) {
  const Metrics& m = s.metrics;
  float text_w = width - 2 * m.pad;
  ImVec2 q;
  PushId(s, std::to_string(i));
  if (Card(s, "result", ImVec2(width, row_h), &q)) Open(s, h);
  PopId(s);
  ImDrawList* ldl = ImGui::GetWindowDrawList();  // the list's own, clipped to it
  float y = q.y + m.pad * 0.5f;
  y += TextAt(ldl, s.fonts.strong, colors::kInk, ImVec2(q.x + m.pad, y), t.title, text_w);
  if (!t.sub.empty()) TextAt(ldl, s.fonts.caption, colors::kMuted, ImVec2(q.x + m.pad, y), t.sub, text_w);
}

// A group's heading; when the group has more hits than it shows, "Show all N" at the right of it, in view
// as soon as the group is, opening the group's full list.
void DrawGroupHeading(AppState& s, const db::SearchResults::Group& g, float width) {
  const Metrics& m = s.metrics;
  ImGui::Dummy(ImVec2(1, m.gap * 0.3f));
  if (g.count <= g.hits.size()) {
    Text(s.fonts.strong, colors::kMuted, s.Ui(GroupKey(g.group)), width);
    return;
  }
  const std::string label = Count(s, "search.show_all", static_cast<int64_t>(g.count));
  const float button_w = std::min(width * 0.5f, Measure(s.fonts.strong, label).x + m.pad * 1.5f);
  // As tall as the label needs when it wraps (a narrow list: reach mode beside the keyboard, larger text).
  const float row_h = std::max(m.touch, Measure(s.fonts.strong, label, button_w - m.pad * 1.5f).y + m.pad * 0.8f);
  const ImVec2 at = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(at.x, at.y + (row_h - s.fonts.strong->FontSize) * 0.5f));
  Text(s.fonts.strong, colors::kMuted, s.Ui(GroupKey(g.group)), width - button_w - m.gap);
  ImGui::SetCursorPos(ImVec2(at.x + width - button_w, at.y));
  PushId(s, db::GroupName(g.group));
  if (Button(s, "show-all", label, ButtonKind::Secondary, button_w, row_h))
    s.Do({.kind = Action::Kind::ShowAllResults, .number = static_cast<int>(g.group)});
  PopId(s);
  ImGui::SetCursorPos(ImVec2(at.x, at.y + row_h + m.gap * 0.3f));
}

// The grouped results: each group's heading (with "Show all N") and its first hits.
void DrawGroups(AppState& s, float width) {
  const Metrics& m = s.metrics;
  size_t i = 0;
  for (const auto& g : s.search_results.groups) {
    DrawGroupHeading(s, g, width);
    for (const auto& h : g.hits) {
      HitText t = TextOf(s, h);
      DrawHit(s, h, t, i++, width, HitHeight(s, t, width));
      ImGui::Dummy(ImVec2(1, m.gap * 0.2f));
    }
  }
}

// Above a group's full list, in place of the keyboard's share of the screen: Back, then the group's name
// and how many it holds, on one line that stays while the list scrolls. Returns its height.
float DrawFullListHeader(AppState& s, float width) {
  const Metrics& m = s.metrics;
  const db::SearchGroup group = static_cast<db::SearchGroup>(s.search_group);
  const db::SearchResults::Group* g = s.search_results.Find(group);
  const ImVec2 at = ImGui::GetCursorPos();
  if (Button(s, "back", "\xE2\x80\xB9  " + s.Ui("common.back"), ButtonKind::Secondary)) s.Do({.kind = Action::Kind::Back});
  const float back_w = ImGui::GetItemRectSize().x, row_h = ImGui::GetItemRectSize().y;
  std::string title = s.Ui(GroupKey(group)) + "  \xC2\xB7  " + Count(s, "count.results", g ? static_cast<int64_t>(g->count) : 0);
  const float text_w = width - back_w - m.gap;
  ImGui::SetCursorPos(ImVec2(at.x + back_w + m.gap, at.y + std::max(0.f, (row_h - Measure(s.fonts.title, title, text_w).y) * 0.5f)));
  float text_h = Text(s.fonts.title, colors::kInk, title, text_w);
  return std::max(row_h, text_h) + m.gap * 0.5f;
}

// The tops of the full list's rows, laid out again only when what they depend on changed.
const std::vector<float>& LayOutFullList(AppState& s, const db::SearchResults::Group& g, float width) {
  AppState::SearchListLayout& lay = s.search_list;
  float font_size = s.fonts.strong->FontSize;
  if (lay.catalog == s.catalog.get() && lay.key == s.search_results_for && lay.width == width && lay.font_size == font_size) return lay.top;
  lay = AppState::SearchListLayout{s.catalog.get(), s.search_results_for, width, font_size, {}};
  float y = 0;
  for (const auto& h : g.hits) {
    lay.top.push_back(y);
    y += HitHeight(s, TextOf(s, h), width) + s.metrics.gap * 0.2f;
  }
  lay.top.push_back(y);
  return lay.top;
}

// One group's full list ("show all N"), every hit; only the rows in view are drawn (the list is as tall as
// all of them).
void DrawFullList(AppState& s, float width) {
  const Metrics& m = s.metrics;
  const db::SearchResults::Group* g = s.search_results.Find(static_cast<db::SearchGroup>(s.search_group));
  if (!g) {
    if (s.search_asked.empty()) Text(s.fonts.title, colors::kInk, s.Ui("search.nothing_found"), width);  // else: still asked
    return;
  }
  const std::vector<float>& top = LayOutFullList(s, *g, width);
  const float list_y = ImGui::GetCursorPosY();
  const float view_top = ImGui::GetScrollY() - list_y, view_bottom = view_top + ImGui::GetWindowHeight();
  // The first row in view, found by its top; then rows until the view ends.
  size_t i = std::upper_bound(top.begin(), top.end() - 1, view_top) - top.begin();
  i = i > 0 ? i - 1 : 0;
  for (; i < g->hits.size() && top[i] < view_bottom; ++i) {
    ImGui::SetCursorPosY(list_y + top[i]);
    HitText t = TextOf(s, g->hits[i]);
    DrawHit(s, g->hits[i], t, i, width, top[i + 1] - top[i] - m.gap * 0.2f);
  }
  ImGui::SetCursorPosY(list_y + top.back());
}

// Results, between the field and the keyboard, in a list of their own: "nothing found" with a way to
// browse, the grouped results, or one group's full list (under its header, down to the bottom: the
// keyboard gives way to the list the visitor chose to browse, and Back brings it back).
void DrawResults(AppState& s, const SearchLayout& L, ImVec2 size) {
  const Metrics& m = s.metrics;
  const float width = L.width;
  const bool full = s.search_group >= 0;
  float top = m.pad * 1.5f + L.field_h + m.gap;
  ImGui::SetCursorPos(ImVec2(m.pad * 2, top));
  if (full) top += DrawFullListHeader(s, width);
  float list_h = L.beside || full ? size.y - top - m.pad : size.y - top - L.kb_height - m.pad * 2 - m.gap * 0.5f;
  ImGui::SetCursorPos(ImVec2(m.pad * 2, top));
  BeginTouchList(s, "results", ImVec2(L.beside ? width + m.pad : size.x - m.pad * 2, std::max(list_h, m.touch)));
  if (full) {
    DrawFullList(s, width);
  } else if (!s.search_query.empty() && s.search_results.empty() && s.search_asked.empty()) {  // (not while asked)
    ImGui::Dummy(ImVec2(1, m.gap));
    Text(s.fonts.title, colors::kInk, s.Ui(s.search_error.empty() ? "search.nothing_found" : "search.unavailable"), width);
    ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
    if (Button(s, "browse", s.Ui("search.browse"), ButtonKind::Primary)) s.Do({.kind = Action::Kind::Go, .screen = Screen::Exhibitors});
  } else {
    DrawGroups(s, width);
  }
  ImGui::Dummy(ImVec2(1, m.pad));
  EndTouchList(s);
}

// The keyboard, centred at the bottom on a panel of its own (beside the results: at the right, full height).
void DrawKeyboardPanel(AppState& s, const SearchLayout& L, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();  // the screen's, not the results list's
  ImVec2 origin = ImGui::GetWindowPos();
  float panel_x = L.panel_x, kb_height = L.kb_height;
  float panel_top = L.beside ? origin.y : origin.y + size.y - kb_height - m.pad * 2;
  dl->AddRectFilled(ImVec2(origin.x + panel_x, panel_top), ImVec2(origin.x + size.x, origin.y + size.y), colors::kPanel);
  if (L.beside) dl->AddLine(ImVec2(origin.x + panel_x, panel_top), ImVec2(origin.x + panel_x, origin.y + size.y), colors::kLine, m.line);
  else dl->AddLine(ImVec2(origin.x, panel_top), ImVec2(origin.x + size.x, panel_top), colors::kLine, m.line);
  // Every layout starts at the same place: switching moves no key (the layouts have as many rows).
  ImGui::SetCursorPos(ImVec2(L.beside ? panel_x + m.pad : (size.x - L.kb_width) / 2, size.y - kb_height - m.pad));
  DrawKeyboard(s, L.kb_width);
}

}  // namespace

void DrawSearchScreen(AppState& s, ImVec2 size) {
  TypeFromKeyboard(s);
  SearchLayout L = LayOutSearch(s, size);
  if (s.search_group >= 0) {  // a full list has the width to itself: no keyboard beside it
    L.beside = false;
    L.width = size.x - s.metrics.pad * 4;
  }
  DrawQueryField(s, L);
  DrawResults(s, L, size);
  if (s.search_group < 0) DrawKeyboardPanel(s, L, size);
}

}  // namespace app
