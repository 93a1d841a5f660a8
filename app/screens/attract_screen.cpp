// The attract loop: after the idle timeout, a calm full-screen loop that invites a touch in every language
// of the forum and shows what is on now, the exhibitors and the agreements. A slide every kAttractSlideS,
// faded in over kAttractFadeS in three steps (app::NextTimer); between fades nothing is drawn, so an idle
// kiosk stays cheap.
// A touch anywhere starts a visit on the home screen.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/state/format.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

// A slide is a few groups of lines (a heading; a session and its room; an agreement and its date) and, on
// the exhibitors' slide, a grid of exhibitors.
struct Line {
  int size;  // 0 caption .. 3 display, before the slide's step (FontOfSize)
  ImU32 color;
  std::string text;
  bool group;  // the first line of a group
};
struct Slide {
  std::vector<Line> lines;
  std::vector<const db::Exhibitor*> grid;  // up to 8, the featured first
};

// The font of a line's size `size` plus the slide's step (up to two larger: see LayOutSlide).
ImFont* FontOfSize(const AppState& s, int size) {
  ImFont* const scale[] = {s.fonts.caption, s.fonts.strong, s.fonts.title, s.fonts.display, s.fonts.display, s.fonts.display};
  return scale[size];
}

// What slide `kind` (0 .. 3) says, in `lang`: 0 the invitation in every language, 1 what is on now (else
// next), 2 the exhibitors, 3 the agreements signed.
Slide MakeSlide(const AppState& s, int kind, const std::string& lang) {
  const db::Catalog& c = *s.catalog;
  auto ui = [&](const char* key) -> const std::string& { return UiString(c, key, lang); };
  auto tr = [&](const db::Text& x) -> const std::string& { return c.Tr(x, lang); };
  Slide slide;
  auto add = [&](int size, ImU32 col, const std::string& text, bool group) { slide.lines.push_back({size, col, text, group}); };
  std::vector<const db::Exhibitor*>& grid = slide.grid;
  switch (kind) {
    case 0:  // the invitation, in every language
      for (const auto& l : c.languages) add(2, colors::kNavText, UiString(c, "attract.touch", l.code), true);
      break;
    case 1: {  // on now, else next
      std::vector<const db::Session*> now, next;
      NowAndNext(s, now, next, 4);
      const auto& list = now.empty() ? next : now;
      add(2, colors::kHighlight, ui(now.empty() ? "home.next" : "home.now"), true);
      for (const auto* session : list) {
        add(1, colors::kOnDark, TimeRange(s, *session) + "   " + tr(session->title), true);
        if (const db::Room* r = c.FindRoom(session->room_id)) add(0, colors::kNavText, tr(r->name), false);
      }
      if (list.empty()) add(1, colors::kNavText, ui("home.nothing_now"), true);
      break;
    }
    case 2:  // exhibitors: the featured ones first
      add(2, colors::kHighlight, ui("attract.featured") + "  \xC2\xB7  " + Count(c, lang, "count.exhibitors", static_cast<int64_t>(c.exhibitors.size())), true);
      for (const auto& e : c.exhibitors)
        if (e.featured && c.FindOrganization(e.organization_id)) grid.push_back(&e);
      for (const auto& e : c.exhibitors)
        if (!e.featured && grid.size() < 8 && c.FindOrganization(e.organization_id)) grid.push_back(&e);
      if (grid.size() > 8) grid.resize(8);
      break;
    case 3:  // agreements signed
      add(2, colors::kHighlight, ui("home.tile.agreements"), true);
      for (size_t i = 0; i < c.agreements.size() && i < 4; ++i) {
        const auto& a = c.agreements[i];
        add(1, colors::kOnDark, tr(a.title), true);
        if (!a.signed_date.empty()) add(0, colors::kNavText, FormatDate(c, lang, a.signed_date), false);
      }
      break;
  }
  return slide;
}

// How a slide fills the band between the header and the invitation at the bottom.
struct SlideLayout {
  int step = 0;        // how many sizes larger than their own the lines are set
  float lead = 0;      // from the band's top to the first line
  float between = 0;   // the spare height added between groups
  float grid_h = 0;    // the exhibitors' grid, under the lines
  int cols = 1, rows = 0;
  float cw = 0;        // a grid column's width
};

// The lines fill the band: set one step larger when that still fits, the spare height spread between the
// groups, so a slide never sits in the top half of the screen with the rest empty. The exhibitors' grid
// takes what the lines leave, in equal rows.
SlideLayout LayOutSlide(const AppState& s, const Slide& slide, ImVec2 size, float width, float band) {
  const Metrics& m = s.metrics;
  SlideLayout L;
  L.cols = size.x > size.y ? 2 : 1;
  L.rows = static_cast<int>((slide.grid.size() + L.cols - 1) / L.cols);
  L.cw = (width - m.gap * (L.cols - 1)) / L.cols;
  auto measure = [&](int step) {
    float h = 0;
    for (const auto& l : slide.lines) h += Measure(FontOfSize(s, l.size + step), l.text, width).y + (l.group ? m.gap : m.gap * 0.3f);
    return h;
  };
  // The largest of up to two steps that leaves room (a tall portrait screen takes both).
  while (L.step < 2 && measure(L.step + 1) + L.rows * m.touch * 1.2f <= band * 0.9f) ++L.step;
  float used = measure(L.step);
  int groups = 0;
  for (const auto& l : slide.lines) groups += l.group;
  L.grid_h = L.rows ? std::max(band - used, L.rows * m.touch * 1.05f) : 0;
  float spare = L.rows ? 0 : std::max(0.f, band - used);
  L.between = groups > 1 ? std::min(spare / groups, m.gap * 6) : 0;  // never so far apart they fall apart
  L.lead = (spare - L.between * (groups - 1)) * 0.5f;  // and what is left centres the slide in its band
  return L;
}

// The slide's lines from `y` down; returns where they end.
float DrawLines(AppState& s, ImDrawList* dl, const Slide& slide, const SlideLayout& L, float x, float y, float width) {
  const Metrics& m = s.metrics;
  bool first = true;
  for (const auto& l : slide.lines) {
    if (l.group && !first) y += L.between;
    first = false;
    y += TextAt(dl, FontOfSize(s, l.size + L.step), l.color, ImVec2(x, y), l.text, width) + (l.group ? m.gap : m.gap * 0.3f);
  }
  return y;
}

// The exhibitors' grid from `y` down: each a logo in its country's colour, its name and its country.
void DrawGrid(AppState& s, ImDrawList* dl, const Slide& slide, const SlideLayout& L, float x, float y, const std::string& lang) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  if (!L.rows) return;
  float row_h = L.grid_h / L.rows, r = std::min(row_h * 0.4f, m.touch * 0.975f);
  ImFont* name_font = row_h > m.touch * 1.8f ? s.fonts.title : s.fonts.strong;
  for (size_t i = 0; i < slide.grid.size(); ++i) {
    const db::Organization* o = c.FindOrganization(slide.grid[i]->organization_id);
    float cx = x + (i % L.cols) * (L.cw + m.gap), cy = y + (i / L.cols) * row_h + (row_h - 2 * r) * 0.5f;
    const db::Country* country = c.FindCountry(o->country_code);
    Logo(s, dl, ImVec2(cx + r, cy + r), r, *o, country ? Rgb(country->color) : ImU32(colors::kNoCountry), name_font);
    float tx = cx + r * 2 + m.gap, tw = L.cw - r * 2 - m.gap;
    const std::string* country_name = country ? &c.Tr(country->name, lang) : nullptr;
    float nh = Measure(name_font, DisplayName(c, lang, *o), tw).y, ch = country ? Measure(s.fonts.body, *country_name, tw).y : 0;
    float ty = cy + r - (nh + ch) * 0.5f;
    ty += TextAt(dl, name_font, colors::kOnDark, ImVec2(tx, ty), DisplayName(c, lang, *o), tw);
    if (country) TextAt(dl, s.fonts.body, colors::kNavText, ImVec2(tx, ty), *country_name, tw);
  }
}

}  // namespace

void DrawAttractScreen(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  double t = std::max(0.0, s.time_s - s.attract_since);
  int slide = static_cast<int>(t / kAttractSlideS);
  // Each slide speaks one of the forum's languages, in turn; the first lists them all.
  const std::string lang = c.languages.empty() ? s.lang : c.languages[static_cast<size_t>(slide / 4) % c.languages.size()].code;

  // The header: the forum's name and dates.
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kNavBar);
  float width = size.x - m.pad * 6;
  float x = p.x + m.pad * 3, y = p.y + m.pad * 3;
  y += TextAt(dl, s.fonts.display, colors::kOnDark, ImVec2(x, y), c.Tr(c.forum.title, lang), width) + m.gap * 0.5f;
  y += TextAt(dl, s.fonts.title, colors::kHighlight, ImVec2(x, y), FormatDateRange(c, lang, c.forum.start_date, c.forum.end_date), width);
  y += m.gap * 2;
  // The band between the header and the invitation at the bottom (every slide but the first has one).
  const std::string& touch = UiString(c, "attract.touch", lang);
  float bottom = p.y + size.y - m.pad * 3;
  if (slide % 4) bottom -= Measure(s.fonts.title, touch, width).y + m.gap * 2;
  float band = std::max(0.f, bottom - y);

  const Slide shown = MakeSlide(s, slide % 4, lang);
  const SlideLayout L = LayOutSlide(s, shown, size, width, band);
  y = DrawLines(s, dl, shown, L, x, y + L.lead, width);
  DrawGrid(s, dl, shown, L, x, y, lang);
  // The invitation stays at the bottom of every slide, in the slide's language.
  if (slide % 4) {
    ImVec2 ts = Measure(s.fonts.title, touch, width);
    TextAt(dl, s.fonts.title, colors::kHighlight, ImVec2(x, p.y + size.y - m.pad * 3 - ts.y), touch, width);
  }
  // Fade in: the previous frame's colour over the new slide, thinning out.
  double in_slide = std::fmod(t, kAttractSlideS);
  if (in_slide < kAttractFadeS) {
    int alpha = static_cast<int>(255 * (1.0 - in_slide / kAttractFadeS));
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::Alpha(colors::kNavBar, alpha));
  }
  ImGui::SetCursorScreenPos(p);
  if (TapArea(s, "attract", size)) s.Do({.kind = Action::Kind::EndAttract});
}

}  // namespace app
