// The attract loop: after the idle timeout, a calm full-screen loop that invites a touch in every language
// of the forum and shows what is on now, the exhibitors and the agreements. A slide every kAttractSlideS,
// faded in over kAttractFadeS in three steps (app::NextTimer); between fades nothing is drawn, so an idle
// kiosk stays cheap.
// A touch anywhere starts a visit on the home screen.
#include <algorithm>
#include <cmath>

#include "app/format.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets.h"

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
  auto ui = [&](const char* key) -> const std::string& { return c.Ui(key, lang); };
  auto tr = [&](const db::Text& x) -> const std::string& { return c.Tr(x, lang); };

  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kNavBar);
  float width = size.x - m.pad * 6;
  float x = p.x + m.pad * 3, y = p.y + m.pad * 3;
  auto line = [&](ImFont* font, ImU32 col, const std::string& text) {
    y += TextAt(dl, font, col, ImVec2(x, y), text, width) + m.gap * 0.5f;
  };
  line(s.fonts.display, IM_COL32_WHITE, c.Tr(c.forum.title, lang));
  line(s.fonts.title, colors::kHighlight, FormatDateRange(c, lang, c.forum.start_date, c.forum.end_date));
  y += m.gap * 2;

  switch (slide % 4) {
    case 0:  // the invitation, in every language
      for (const auto& l : c.languages) line(s.fonts.title, colors::kNavText, c.Ui("attract.touch", l.code));
      break;
    case 1: {  // on now, else next
      std::vector<const db::Session*> now, next;
      NowAndNext(s, now, next, 4);
      const auto& list = now.empty() ? next : now;
      line(s.fonts.title, colors::kHighlight, ui(now.empty() ? "home.next" : "home.now"));
      for (const auto* session : list) {
        line(s.fonts.strong, IM_COL32_WHITE, TimeRange(s, *session) + "   " + tr(session->title));
        if (const db::Room* r = c.FindRoom(session->room_id)) line(s.fonts.caption, colors::kNavText, tr(r->name));
      }
      if (list.empty()) line(s.fonts.body, colors::kNavText, ui("home.nothing_now"));
      break;
    }
    case 2: {  // exhibitors: the featured ones first
      line(s.fonts.title, colors::kHighlight, ui("attract.featured") + "  \xC2\xB7  " + Count(c, lang, "count.exhibitors", static_cast<int64_t>(c.exhibitors.size())));
      std::vector<const db::Exhibitor*> list;
      for (const auto& e : c.exhibitors)
        if (e.featured) list.push_back(&e);
      for (const auto& e : c.exhibitors)
        if (!e.featured && list.size() < 8) list.push_back(&e);
      if (list.size() > 8) list.resize(8);
      int cols = size.x > size.y ? 2 : 1;
      float cw = (width - m.gap * (cols - 1)) / cols, r = m.touch * 0.525f;
      float top = y;
      for (size_t i = 0; i < list.size(); ++i) {
        const db::Organization* o = c.FindOrganization(list[i]->organization_id);
        if (!o) continue;
        float cx = x + (i % cols) * (cw + m.gap), cy = top + (i / cols) * (r * 2 + m.gap);
        const db::Country* country = c.FindCountry(o->country_code);
        Logo(s, dl, ImVec2(cx + r, cy + r), r, *o, Rgb(country ? country->color : 0x808080), s.fonts.strong);
        TextAt(dl, s.fonts.strong, IM_COL32_WHITE, ImVec2(cx + r * 2 + m.gap, cy + r * 0.2f), tr(o->name), cw - r * 2 - m.gap);
        if (country) TextAt(dl, s.fonts.caption, colors::kNavText, ImVec2(cx + r * 2 + m.gap, cy + r * 1.05f), tr(country->name), cw - r * 2 - m.gap);
        y = cy + r * 2 + m.gap;
      }
      break;
    }
    case 3:  // agreements signed
      line(s.fonts.title, colors::kHighlight, ui("home.tile.agreements"));
      for (size_t i = 0; i < c.agreements.size() && i < 4; ++i) {
        const auto& a = c.agreements[i];
        line(s.fonts.strong, IM_COL32_WHITE, tr(a.title));
        if (!a.signed_date.empty()) line(s.fonts.caption, colors::kNavText, FormatDate(c, lang, a.signed_date));
      }
      break;
  }
  // The invitation stays at the bottom of every slide, in the slide's language.
  if (slide % 4) {
    const std::string& touch = ui("attract.touch");
    ImVec2 ts = Measure(s.fonts.title, touch, width);
    TextAt(dl, s.fonts.title, colors::kHighlight, ImVec2(x, p.y + size.y - m.pad * 3 - ts.y), touch, width);
  }
  // Fade in: the previous frame's colour over the new slide, thinning out.
  double in_slide = std::fmod(t, kAttractSlideS);
  if (in_slide < kAttractFadeS) {
    int alpha = static_cast<int>(255 * (1.0 - in_slide / kAttractFadeS));
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), (colors::kNavBar & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT));
  }
  ImGui::SetCursorScreenPos(p);
  if (TapArea(s, "attract", size)) s.Do({Action::Kind::EndAttract});
}

}  // namespace app
