// Home: the forum's name, dates and venue, what is on now and next, and large tiles to the other screens.
#include <algorithm>
#include <array>

#include "app/state/format.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

// A tile to another screen. The subtitle says what is inside, in counts: "13 участников · 8 стран".
struct Tile { Screen screen; const char* title; const char* subtitle; std::string counts; ImU32 color; };
using Tiles = std::array<Tile, 4>;

// The tiles in the order they are drawn, with this catalog's counts.
Tiles MakeTiles(const AppState& s) {
  const db::Catalog& c = *s.catalog;
  size_t booths = 0;
  for (const auto& l : c.locations) booths += l.kind == db::LocationKind::Booth;
  const char* dot = "  \xC2\xB7  ";
  return {{
      {Screen::Map, "home.tile.map", "home.tile.map.subtitle", Count(s, "count.booths", booths), colors::kTileMap},
      {Screen::Exhibitors, "home.tile.exhibitors", "home.tile.exhibitors.subtitle",
       Count(s, "count.exhibitors", c.exhibitors.size()) + dot + Count(s, "count.countries", c.ExhibitingCountries().size()),
       colors::kTileExhibitors},
      {Screen::Agreements, "home.tile.agreements", "home.tile.agreements.subtitle", Count(s, "count.agreements", c.agreements.size()),
       colors::kTileAgreements},
      {Screen::Schedule, "home.tile.schedule", "home.tile.schedule.subtitle",
       Count(s, "count.sessions", c.sessions.size()) + dot + Count(s, "count.days", static_cast<int64_t>(c.ProgramDays().size())),
       colors::kTileSchedule},
  }};
}

// The tiles' grid: `cols` columns of tiles `w` x `h`.
struct TileGrid {
  int cols;
  float w, h;
};

// Four columns in landscape, two in portrait, each tile a large target; fewer, wider tiles when a title's
// word would not fit a tile whole (larger text, a narrow screen). As tall as the longest title and subtitle
// of this language need.
TileGrid LayOutTiles(const AppState& s, const Tiles& tiles, float width, bool landscape) {
  const Metrics& m = s.metrics;
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
  for (const auto& tile : tiles)
    th = std::max(th, 2 * m.pad + m.gap * 0.4f + Measure(s.fonts.title, s.Ui(tile.title), tw - 2 * m.pad).y +
                          Measure(s.fonts.body, s.Ui(tile.subtitle), tw - 2 * m.pad).y +
                          m.gap * 0.4f + Measure(s.fonts.strong, tile.counts, tw - 2 * m.pad).y);
  return {cols, tw, th};
}

// The header's lines: the forum's dates, and its venue and city.
std::string When(const AppState& s) { return FormatDateRange(s, s.catalog->forum.start_date, s.catalog->forum.end_date); }
std::string Where(const AppState& s) {
  const db::Forum& f = s.catalog->forum;
  std::string where = s.Tr(f.venue);
  if (!s.Tr(f.city).empty()) where += (where.empty() ? "" : ", ") + s.Tr(f.city);
  return where;
}

// Whether the header must be compact. On a short screen (1280x720) the tiles must still end above the
// navigation bar: when the usual header leaves no room for them, the name is set a size smaller, dates and
// venue share a line and the top margin halves.
bool CompactHeader(const AppState& s, ImVec2 size, float width, float field_h, float tiles_h) {
  const Metrics& m = s.metrics;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  float below = field_h + spacing + m.gap + spacing + tiles_h + m.gap;  // field, gap, tiles, and a little air
  float full = m.pad * 2 + Measure(s.fonts.display, s.Tr(s.catalog->forum.title), width).y + Measure(s.fonts.title, When(s), width).y +
               Measure(s.fonts.body, Where(s), width).y + m.gap + 4 * spacing;
  return full + below > size.y;
}

// The forum's name, dates and venue; nothing in reach mode, where the upper half shows them and the search
// field comes first.
void DrawHeader(AppState& s, float width, bool compact) {
  const Metrics& m = s.metrics;
  const db::Forum& f = s.catalog->forum;
  if (s.reach) return;
  std::string when = When(s), where = Where(s);
  if (compact) {
    Text(s.fonts.title, colors::kInk, s.Tr(f.title), width);
    Text(s.fonts.strong, colors::kAccent, when + (where.empty() ? "" : "  \xC2\xB7  " + where), width);
  } else {
    Text(s.fonts.display, colors::kInk, s.Tr(f.title), width);
    Text(s.fonts.title, colors::kAccent, when, width);
    Text(s.fonts.body, colors::kMuted, where, width);
    ImGui::Dummy(ImVec2(1, m.gap));
  }
}

// Search: a field `h` tall that opens the search screen with its keyboard.
void DrawSearchField(AppState& s, float width, float h) {
  const Metrics& m = s.metrics;
  const std::string& hint = s.Ui("search.placeholder");
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

// The tiles, each a touch target with its title, subtitle and counts; shaded while pressed.
void DrawTiles(AppState& s, const Tiles& tiles, const TileGrid& g) {
  const Metrics& m = s.metrics;
  float tw = g.w, th = g.h;
  for (int i = 0; i < int(tiles.size()); ++i) {
    if (i % g.cols) ImGui::SameLine(0, m.gap);
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
}

// What is on now (or that nothing is), and what comes next: up to three of each.
void DrawNowAndNext(AppState& s, float width) {
  std::vector<const db::Session*> now, next;
  NowAndNext(s, now, next, 3);
  Heading(s, s.Ui("home.now"));
  if (now.empty()) Text(s.fonts.body, colors::kMuted, s.Ui("home.nothing_now"), width);
  for (const auto* x : now) SessionRow(s, *x, width, s.Ui("schedule.now").c_str(), colors::kNow);
  if (!next.empty()) {
    Heading(s, s.Ui("home.next"));
    for (const auto* x : next) SessionRow(s, *x, width, s.Ui("schedule.next").c_str(), colors::kNext);
  }
}

}  // namespace

void DrawHomeScreen(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  float width = size.x - m.pad * 4;
  const Tiles tiles = MakeTiles(s);
  const TileGrid grid = LayOutTiles(s, tiles, width, size.x > size.y);
  // The search field: as tall as its placeholder needs when it wraps (larger text, a narrow screen).
  float field_h = std::max(m.touch * 1.125f, Measure(s.fonts.title, s.Ui("search.placeholder"), width - 2 * m.pad).y + m.pad);
  bool compact = CompactHeader(s, size, width, field_h, grid.h);
  BeginTouchList(s, "home", size);
  ImGui::SetCursorPos(ImVec2(m.pad * 2, compact ? m.pad : m.pad * 2));
  ImGui::BeginGroup();
  DrawHeader(s, width, compact);
  DrawSearchField(s, width, field_h);
  DrawTiles(s, tiles, grid);
  DrawNowAndNext(s, width);
  ImGui::Dummy(ImVec2(1, m.pad * 2));
  ImGui::EndGroup();
  EndTouchList(s);
}

}  // namespace app
