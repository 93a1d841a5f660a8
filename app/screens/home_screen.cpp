// Home: the forum's name, dates and venue, what is on now and next, and large tiles to the other screens.
#include <algorithm>

#include "app/state/format.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

void DrawHomeScreen(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Forum& f = s.catalog->forum;
  float width = size.x - m.pad * 4;
  // Tiles: four columns in landscape, two in portrait, each a large target.
  // The subtitle says what is inside, in counts: "13 участников · 8 стран".
  const db::Catalog& c = *s.catalog;
  size_t booths = 0;
  for (const auto& l : c.locations) booths += l.kind == db::LocationKind::Booth;
  const char* dot = "  \xC2\xB7  ";
  struct Tile { Screen screen; const char* title; const char* subtitle; std::string counts; ImU32 color; };
  const Tile tiles[] = {
      {Screen::Map, "home.tile.map", "home.tile.map.subtitle", Count(s, "count.booths", booths), colors::kTileMap},
      {Screen::Exhibitors, "home.tile.exhibitors", "home.tile.exhibitors.subtitle",
       Count(s, "count.exhibitors", c.exhibitors.size()) + dot + Count(s, "count.countries", c.ExhibitingCountries().size()),
       colors::kTileExhibitors},
      {Screen::Agreements, "home.tile.agreements", "home.tile.agreements.subtitle", Count(s, "count.agreements", c.agreements.size()),
       colors::kTileAgreements},
      {Screen::Schedule, "home.tile.schedule", "home.tile.schedule.subtitle",
       Count(s, "count.sessions", c.sessions.size()) + dot + Count(s, "count.days", static_cast<int64_t>(c.ProgramDays().size())),
       colors::kTileSchedule},
  };
  // Fewer, wider tiles when a title's word would not fit a tile whole (larger text, a narrow screen).
  bool landscape = size.x > size.y;
  int cols = landscape ? 4 : 2;
  auto word_fits = [&](int n) {
    float inner = (width - m.gap * (n - 1)) / n - 2 * m.pad;
    for (const auto& tile : tiles)
      if (FitSize(s.fonts.title, s.Ui(tile.title), inner) < s.fonts.title->FontSize) return false;
    return true;
  };
  while (cols > 1 && !word_fits(cols)) cols /= 2;
  float tw = (width - m.gap * (cols - 1)) / cols;
  float th = m.touch * 2.25f;
  for (const auto& tile : tiles)  // tall enough for the longest title and subtitle of this language
    th = std::max(th, 2 * m.pad + m.gap * 0.4f + Measure(s.fonts.title, s.Ui(tile.title), tw - 2 * m.pad).y +
                          Measure(s.fonts.body, s.Ui(tile.subtitle), tw - 2 * m.pad).y +
                          m.gap * 0.4f + Measure(s.fonts.strong, tile.counts, tw - 2 * m.pad).y);

  // The forum's name, dates and venue, and the search field. On a short screen (1280x720) the tiles must
  // still end above the navigation bar: when the usual header leaves no room for them, the name is set a
  // size smaller, dates and venue share a line and the top margin halves.
  std::string when = FormatDateRange(s, f.start_date, f.end_date);
  std::string where = s.Tr(f.venue);
  if (!s.Tr(f.city).empty()) where += (where.empty() ? "" : ", ") + s.Tr(f.city);
  std::string hint = s.Ui("search.placeholder");
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  float field_h = std::max(m.touch * 1.125f, Measure(s.fonts.title, hint, width - 2 * m.pad).y + m.pad);
  float below = field_h + spacing + m.gap + spacing + th + m.gap;  // field, gap, tiles, and a little air
  float full = m.pad * 2 + Measure(s.fonts.display, s.Tr(f.title), width).y + Measure(s.fonts.title, when, width).y +
               Measure(s.fonts.body, where, width).y + m.gap + 4 * spacing;
  bool compact = full + below > size.y;
  BeginTouchList(s, "home", size);
  ImGui::SetCursorPos(ImVec2(m.pad * 2, compact ? m.pad : m.pad * 2));
  ImGui::BeginGroup();
  if (s.reach) {
    // Reach mode: the upper half shows the forum, its dates and venue; here the search field comes first.
  } else if (compact) {
    Text(s.fonts.title, colors::kInk, s.Tr(f.title), width);
    Text(s.fonts.strong, colors::kAccent, when + (where.empty() ? "" : "  \xC2\xB7  " + where), width);
  } else {
    Text(s.fonts.display, colors::kInk, s.Tr(f.title), width);
    Text(s.fonts.title, colors::kAccent, when, width);
    Text(s.fonts.body, colors::kMuted, where, width);
    ImGui::Dummy(ImVec2(1, m.gap));
  }

  // Search: a field that opens the search screen with its keyboard.
  {
    float h = field_h;
    ImVec2 p;
    PushId(s, "search");
    if (Card(s, "field", ImVec2(width, h), &p)) s.Do({.kind = Action::Kind::Go, .screen = Screen::Search});
    PopId(s);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(p, ImVec2(p.x + width, p.y + h), colors::kAccent, m.radius, 0, m.bold_line);
    float text_h = Measure(s.fonts.title, hint, width - 2 * m.pad).y;
    TextAt(dl, s.fonts.title, colors::kMuted, ImVec2(p.x + m.pad, p.y + (h - text_h) / 2), hint, width - 2 * m.pad);
    ImGui::Dummy(ImVec2(1, m.gap));
  }

  for (int i = 0; i < 4; ++i) {
    if (i % cols) ImGui::SameLine(0, m.gap);
    ImVec2 p = ImGui::GetCursorScreenPos();
    bool pressed = false;
    PushId(s, ScreenName(tiles[i].screen));
    if (TapArea(s, "tile", ImVec2(tw, th), &pressed)) s.Do({.kind = Action::Kind::Go, .screen = tiles[i].screen});
    PopId(s);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + tw, p.y + th), tiles[i].color, m.radius);
    if (pressed) dl->AddRectFilled(p, ImVec2(p.x + tw, p.y + th), colors::Alpha(colors::kShade, 60), m.radius);
    float inner = tw - 2 * m.pad;
    float y = p.y + m.pad;
    CheckFit(s, s.fonts.title, s.Ui(tiles[i].title), inner, th);
    CheckFit(s, s.fonts.body, s.Ui(tiles[i].subtitle), inner, th);
    y += TextAt(dl, s.fonts.title, colors::kOnAccent, ImVec2(p.x + m.pad, y), s.Ui(tiles[i].title), inner);
    y += m.gap * 0.4f;
    y += TextAt(dl, s.fonts.body, colors::Alpha(colors::kOnAccent, 225), ImVec2(p.x + m.pad, y), s.Ui(tiles[i].subtitle), inner);
    TextAt(dl, s.fonts.strong, colors::kOnAccent, ImVec2(p.x + m.pad, y + m.gap * 0.4f), tiles[i].counts, inner);
  }
  ImGui::Dummy(ImVec2(1, m.gap));

  // Now and next.
  std::vector<const db::Session*> now, next;
  NowAndNext(s, now, next, 3);
  Heading(s, s.Ui("home.now"));
  if (now.empty()) Text(s.fonts.body, colors::kMuted, s.Ui("home.nothing_now"), width);
  for (const auto* x : now) SessionRow(s, *x, width, s.Ui("schedule.now").c_str(), colors::kNow);
  if (!next.empty()) {
    Heading(s, s.Ui("home.next"));
    for (const auto* x : next) SessionRow(s, *x, width, s.Ui("schedule.next").c_str(), colors::kNext);
  }
  ImGui::Dummy(ImVec2(1, m.pad * 2));
  ImGui::EndGroup();
  EndTouchList(s);
}

}  // namespace app
