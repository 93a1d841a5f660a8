// Exhibitors: cards with monogram (or logo), name, country and booth, filtered by country; the profile of
// any organization with description, contacts, booth (show on map), its agreements and its sessions. An
// organization is named by app::DisplayName in the list, as on the map.
#include <algorithm>

#include "app/map/map_route.h"
#include "app/state/format.h"
#include "app/widgets/qr_code.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

uint32_t CountryColor(const AppState& s, const std::string& code) {
  const db::Country* c = s.catalog->FindCountry(code);
  return c ? c->color : colors::ToRgb(colors::kNoCountry);
}

// The line under an exhibitor's name on its card: country and booth.
std::string CardLine(const AppState& s, const db::Exhibitor& e) {
  const db::Catalog& c = *s.catalog;
  const db::Organization* o = c.FindOrganization(e.organization_id);
  const db::Country* country = o ? c.FindCountry(o->country_code) : nullptr;
  const db::Location* booth = c.FindLocation(e.booth_id);
  return (country ? s.Tr(country->name) : std::string()) +
         (booth ? "  \xC2\xB7  " + s.Ui("exhibitors.booth") + " " + booth->label : std::string());
}

void Profile(AppState& s, const db::Organization& o, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  float page = BeginDetail(s, "profile", size);
  const db::Exhibitor* e = c.FindExhibitor(o.id);
  auto head = [&](float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float r = m.touch * 0.9f;
    Logo(s, dl, ImVec2(p.x + r, p.y + r), r, o, Rgb(CountryColor(s, o.country_code)), s.fonts.display);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 2 * r + m.gap * 1.5f, p.y));
    ImGui::BeginGroup();
    float tw = width - 2 * r - m.gap * 1.5f;
    Text(s.fonts.display, colors::kInk, s.Tr(o.name), tw);
    // The name it goes by on the map and in the lists, when that is another ("HTP").
    if (DisplayName(s, o) != s.Tr(o.name)) Text(s.fonts.title, colors::kInk, DisplayName(s, o), tw);
    const db::Country* country = c.FindCountry(o.country_code);
    std::string line = country ? s.Tr(country->name) : std::string();
    if (!s.Tr(o.city).empty()) line = s.Tr(o.city) + ", " + line;
    Text(s.fonts.body, colors::kMuted, line, tw);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(p.x, std::max(ImGui::GetCursorScreenPos().y, p.y + 2 * r) + m.gap));
    if (e && !e->booth_id.empty()) {
      const db::Location* booth = c.FindLocation(e->booth_id);
      std::string label = s.Ui("exhibitors.booth") + " " + (booth && !booth->label.empty() ? booth->label : e->booth_id);
      Text(s.fonts.title, colors::kInk, label, width);
      if (Button(s, "show-on-map", s.Ui("map.show_on_map"), ButtonKind::Primary)) s.Do({.kind = Action::Kind::ShowOnMap, .id = e->booth_id});
      if (booth && Routable(s, *booth)) {
        float beside = ImGui::GetItemRectSize().y;  // as tall as Show on map, beside it
        ImGui::SameLine(0, m.gap);
        if (Button(s, "route", s.Ui("map.route"), ButtonKind::Secondary, 0, beside)) s.Do({.kind = Action::Kind::Route, .id = e->booth_id});
      }
    }
  };
  auto main = [&](float width) {
    if (!s.Tr(o.description).empty()) {
      ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
      Text(s.fonts.body, colors::kInk, s.Tr(o.description), std::min(width, m.mm(260)));
    }
    // Only what the snapshot has: no heading over an empty section.
    if (!o.website.empty() || !o.email.empty() || !o.phone.empty()) {
      Heading(s, s.Ui("exhibitors.contacts"), width);
      if (!o.website.empty()) Text(s.fonts.body, colors::kInk, s.Ui("exhibitors.website") + ":  " + o.website, width);
      if (!o.email.empty()) Text(s.fonts.body, colors::kInk, s.Ui("exhibitors.email") + ":  " + o.email, width);
      if (!o.phone.empty()) Text(s.fonts.body, colors::kInk, s.Ui("exhibitors.phone") + ":  " + o.phone, width);
    }
  };
  auto side = [&](float width) {
    TakeAlong(s, VCard(s, o), s.Ui("qr.save_contact"), width);
    bool any_agreement = false;
    for (const auto& a : c.agreements)
      for (const auto& party : a.parties)
        if (party.organization_id == o.id) {
          if (!any_agreement) Heading(s, s.Ui("exhibitors.agreements"), width);
          any_agreement = true;
          PushId(s, a.id);
          if (Button(s, "agreement", s.Tr(a.title), ButtonKind::Chip, width)) s.Do({.kind = Action::Kind::OpenAgreement, .id = a.id});
          PopId(s);
        }
    bool any_session = false;
    for (const auto& x : c.sessions) {
      bool involved = std::any_of(x.organizations.begin(), x.organizations.end(),
                                  [&](const db::SessionOrganization& so) { return so.organization_id == o.id; });
      for (const auto& sp : x.people)
        if (const db::Person* person = c.FindPerson(sp.person_id); person && person->organization_id == o.id) involved = true;
      if (!involved) continue;
      if (!any_session) Heading(s, s.Ui("exhibitors.sessions"), width);
      any_session = true;
      SessionRow(s, x, width, nullptr, 0);
    }
  };
  DetailColumns(s, size, page, head, main, side);
  EndDetail(s);
}

// Country filter: the countries that exhibit, in the order of the snapshot, after "all countries".
void DrawCountryFilter(AppState& s, float width) {
  ChipRow chips(s, width);
  if (chips.Chip("all", s.Ui("exhibitors.all_countries"), s.country_filter.empty())) s.Do({.kind = Action::Kind::FilterCountry});
  for (const db::Country* country : s.catalog->ExhibitingCountries()) {
    PushId(s, country->code);
    if (chips.Chip("country", s.Tr(country->name), s.country_filter == country->code, country->color))
      s.Do({.kind = Action::Kind::FilterCountry, .id = country->code});
    PopId(s);
  }
}

// The cards' grid for a list `width` wide. Cards of about 95 mm at the normal type size, wider with larger
// text, so that long names (Kazakh "Республикасының") keep their words whole at a readable size.
struct CardGrid {
  int cols;
  float w;       // a card's width
  float text_w;  // the width of the text beside its logo
  float logo_r;  // the logo's radius
};

CardGrid CardGridOf(const AppState& s, float width) {
  const Metrics& m = s.metrics;
  float card_min = m.mm(95) * (s.fonts.body->FontSize / m.px(28));
  int cols = std::max(1, static_cast<int>((width + m.gap) / card_min));
  float cw = (width - m.gap * (cols - 1)) / cols;
  float r = m.touch * 1.95f * 0.32f;
  return {cols, cw, cw - m.pad * 3 - 2 * r, r};
}

// The list's order and its rows' heights in s.exhibitor_layout: featured first, then by name in the
// visitor's language; the cards of a row as tall as its longest name needs. Laid out again only when the
// catalog, language, filter, width or type size changed.
void LayOutList(AppState& s, float width, const CardGrid& g) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  AppState::ExhibitorLayout& lay = s.exhibitor_layout;
  const int cols = g.cols;
  float font_size = s.fonts.strong->FontSize;
  if (lay.catalog == &c && lay.lang == s.lang && lay.filter == s.country_filter && lay.width == width && lay.font_size == font_size) return;
  lay = AppState::ExhibitorLayout{&c, s.lang, s.country_filter, width, font_size, {}, {}};
  for (const auto& e : c.exhibitors) {
    const db::Organization* o = c.FindOrganization(e.organization_id);
    if (o && (s.country_filter.empty() || o->country_code == s.country_filter)) lay.list.push_back(&e);
  }
  std::vector<std::pair<std::string_view, const db::Exhibitor*>> keyed;
  for (const auto* e : lay.list) keyed.push_back({DisplayName(s, *c.FindOrganization(e->organization_id)), e});
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.second->featured != b.second->featured) return a.second->featured;
    return a.first < b.first;
  });
  for (size_t i = 0; i < keyed.size(); ++i) lay.list[i] = keyed[i].second;
  lay.row_h.assign((lay.list.size() + cols - 1) / cols, m.touch * 1.95f);
  for (size_t i = 0; i < lay.list.size(); ++i)
    lay.row_h[i / cols] = std::max(lay.row_h[i / cols], m.pad * 1.2f + m.gap * 0.3f + Measure(s.fonts.caption, CardLine(s, *lay.list[i]), g.text_w).y +
                                                            Measure(s.fonts.strong, std::string(keyed[i].first), g.text_w).y);
}

// One exhibitor's card, `ch` tall at the cursor: its logo in its country's colour, its name and the line
// under it, clipped to the card. A tap opens its profile.
void DrawCard(AppState& s, const db::Exhibitor& e, const CardGrid& g, float ch) {
  const Metrics& m = s.metrics;
  const db::Organization& o = *s.catalog->FindOrganization(e.organization_id);
  const float cw = g.w;
  ImVec2 p;
  PushId(s, o.id);
  if (Card(s, "card", ImVec2(cw, ch), &p)) s.Do({.kind = Action::Kind::OpenExhibitor, .id = o.id});
  PopId(s);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = g.logo_r;
  Logo(s, dl, ImVec2(p.x + m.pad + r, p.y + ch / 2), r, o, Rgb(CountryColor(s, o.country_code)), s.fonts.title);
  float tx = p.x + m.pad * 2 + 2 * r, tw = g.text_w;
  std::string sub = CardLine(s, e);
  const std::string& name = DisplayName(s, o);
  float name_h = Measure(s.fonts.strong, name, tw).y, sub_h = Measure(s.fonts.caption, sub, tw).y;
  CheckFit(s, s.fonts.strong, name, tw, ch - sub_h - m.gap * 0.3f);
  CheckFit(s, s.fonts.caption, sub, tw, ch - name_h - m.gap * 0.3f);
  float y = p.y + (ch - name_h - sub_h - m.gap * 0.3f) / 2;
  dl->PushClipRect(p, ImVec2(p.x + cw, p.y + ch), true);
  y += TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(tx, y), name, tw) + m.gap * 0.3f;
  TextAt(dl, s.fonts.caption, colors::kMuted, ImVec2(tx, y), sub, tw);
  dl->PopClipRect();
}

}  // namespace

void DrawExhibitorsScreen(AppState& s, ImVec2 size) {
  const db::Catalog& c = *s.catalog;
  if (!s.exhibitor_id.empty()) {
    if (const db::Organization* o = c.FindOrganization(s.exhibitor_id)) return Profile(s, *o, size);
  }
  const Metrics& m = s.metrics;
  float width = BeginListPage(s, s.Ui("nav.exhibitors"), size);
  DrawCountryFilter(s, width);
  BeginListBody(s, "exhibitor-list", size);
  const CardGrid g = CardGridOf(s, width);
  LayOutList(s, width, g);
  const std::vector<const db::Exhibitor*>& list = s.exhibitor_layout.list;
  const std::vector<float>& row_h = s.exhibitor_layout.row_h;
  const size_t cols = size_t(g.cols);
  if (list.empty()) Text(s.fonts.body, colors::kMuted, s.Ui("exhibitors.empty"), width);
  else Text(s.fonts.caption, colors::kMuted, Count(s, "count.exhibitors", static_cast<int64_t>(list.size())), width);
  // Only the rows in view are drawn; the others are empty space of their height.
  float view_top = ImGui::GetScrollY(), view_bottom = view_top + ImGui::GetWindowHeight();
  for (size_t i = 0; i < list.size(); ++i) {
    if (i % cols == 0) {  // a row out of view: skip it whole
      size_t row = i / cols;
      float y = ImGui::GetCursorPosY();
      if (y + row_h[row] < view_top - row_h[row] || y > view_bottom + row_h[row]) {
        ImGui::Dummy(ImVec2(width, row_h[row]));
        i += cols - 1;
        continue;
      }
    }
    if (i % cols) ImGui::SameLine(0, m.gap);
    DrawCard(s, *list[i], g, row_h[i / cols]);
  }
  EndListBody(s);
}

}  // namespace app
