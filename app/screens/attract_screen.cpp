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

void DrawAttractScreen(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  double t = std::max(0.0, s.time_s - s.attract_since);
  int slide = static_cast<int>(t / kAttractSlideS);
  // Each slide speaks one of the forum's languages, in turn; the first lists them all.
  const std::string lang = c.languages.empty() ? s.lang : c.languages[static_cast<size_t>(slide / 4) % c.languages.size()].code;
  auto ui = [&](const char* key) -> const std::string& { return UiString(c, key, lang); };
  auto tr = [&](const db::Text& x) -> const std::string& { return c.Tr(x, lang); };

  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kNavBar);
  float width = size.x - m.pad * 6;
  float x = p.x + m.pad * 3, y = p.y + m.pad * 3;
  y += TextAt(dl, s.fonts.display, colors::kOnDark, ImVec2(x, y), c.Tr(c.forum.title, lang), width) + m.gap * 0.5f;
  y += TextAt(dl, s.fonts.title, colors::kHighlight, ImVec2(x, y), FormatDateRange(c, lang, c.forum.start_date, c.forum.end_date), width);
  y += m.gap * 2;
  // The band between the header and the invitation at the bottom (every slide but the first has one).
  const std::string& touch = ui("attract.touch");
  float bottom = p.y + size.y - m.pad * 3;
  if (slide % 4) bottom -= Measure(s.fonts.title, touch, width).y + m.gap * 2;
  float band = std::max(0.f, bottom - y);

  // A slide is a few groups of lines (a heading; a session and its room; an agreement and its date). They
  // fill the band: set one step larger when that still fits, the spare height spread between the groups,
  // so a slide never sits in the top half of the screen with the rest empty.
  struct Line { int size; ImU32 color; std::string text; bool group; };  // size: 0 caption .. 3 display
  std::vector<Line> lines;
  auto add = [&](int size, ImU32 col, const std::string& text, bool group) { lines.push_back({size, col, text, group}); };
  const int slide_kind = slide % 4;
  std::vector<const db::Exhibitor*> grid;
  switch (slide_kind) {
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
  ImFont* const scale[] = {s.fonts.caption, s.fonts.strong, s.fonts.title, s.fonts.display, s.fonts.display, s.fonts.display};
  int cols = size.x > size.y ? 2 : 1;
  int rows = static_cast<int>((grid.size() + cols - 1) / cols);
  float cw = (width - m.gap * (cols - 1)) / cols;
  // The exhibitors' grid takes what the lines leave, in equal rows.
  auto measure = [&](int step) {
    float h = 0;
    for (const auto& l : lines) h += Measure(scale[l.size + step], l.text, width).y + (l.group ? m.gap : m.gap * 0.3f);
    return h;
  };
  int step = 0;  // the largest of up to two steps that leaves room (a tall portrait screen takes both)
  while (step < 2 && measure(step + 1) + rows * m.touch * 1.2f <= band * 0.9f) ++step;
  float used = measure(step);
  int groups = 0;
  for (const auto& l : lines) groups += l.group;
  float grid_h = rows ? std::max(band - used, rows * m.touch * 1.05f) : 0;
  float spare = rows ? 0 : std::max(0.f, band - used);
  float between = groups > 1 ? std::min(spare / groups, m.gap * 6) : 0;  // never so far apart they fall apart
  y += (spare - between * (groups - 1)) * 0.5f;  // and what is left centres the slide in its band
  bool first = true;
  for (const auto& l : lines) {
    if (l.group && !first) y += between;
    first = false;
    y += TextAt(dl, scale[l.size + step], l.color, ImVec2(x, y), l.text, width) + (l.group ? m.gap : m.gap * 0.3f);
  }
  if (rows) {
    float row_h = grid_h / rows, r = std::min(row_h * 0.4f, m.touch * 0.975f);
    ImFont* name_font = row_h > m.touch * 1.8f ? s.fonts.title : s.fonts.strong;
    for (size_t i = 0; i < grid.size(); ++i) {
      const db::Organization* o = c.FindOrganization(grid[i]->organization_id);
      float cx = x + (i % cols) * (cw + m.gap), cy = y + (i / cols) * row_h + (row_h - 2 * r) * 0.5f;
      const db::Country* country = c.FindCountry(o->country_code);
      Logo(s, dl, ImVec2(cx + r, cy + r), r, *o, country ? Rgb(country->color) : ImU32(colors::kNoCountry), name_font);
      float tx = cx + r * 2 + m.gap, tw = cw - r * 2 - m.gap;
      float nh = Measure(name_font, DisplayName(c, lang, *o), tw).y, ch = country ? Measure(s.fonts.body, tr(country->name), tw).y : 0;
      float ty = cy + r - (nh + ch) * 0.5f;
      ty += TextAt(dl, name_font, colors::kOnDark, ImVec2(tx, ty), DisplayName(c, lang, *o), tw);
      if (country) TextAt(dl, s.fonts.body, colors::kNavText, ImVec2(tx, ty), tr(country->name), tw);
    }
  }
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
