// Agreements: each memorandum with date, place and parties; the detail lists parties (each opens its
// profile), signatories where a source names them, what it covers, and the source of each fact.
#include <algorithm>

#include "app/state/format.h"
#include "app/widgets/qr_code.h"
#include "app/map/map_route.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

std::string DatePlace(const AppState& s, const db::Agreement& a) {
  std::string out = a.signed_date.empty() ? std::string() : FormatDate(s, a.signed_date);
  std::string place = s.Tr(a.place);
  if (a.online) place = s.Ui("agreements.online");
  if (!place.empty()) out += (out.empty() ? "" : "  \xC2\xB7  ") + place;
  return out;
}

void Detail(AppState& s, const db::Agreement& a, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  float page = BeginDetail(s, "agreement", size);
  auto head = [&](float width) {
    float read = std::min(width, m.mm(280));
    Text(s.fonts.display, colors::kInk, s.Tr(a.title), read);
    Text(s.fonts.title, colors::kAccent, DatePlace(s, a), width);
    if (!s.Tr(a.summary).empty()) Text(s.fonts.body, colors::kInk, s.Tr(a.summary), read);
    ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
  };
  // Beside the text in landscape, above it in portrait: who signed, and the agreement to take along.
  auto side = [&](float width) {
    TakeAlong(s, AgreementText(s, a), s.Ui("qr.save_agreement"), width);
    Heading(s, s.Ui("agreements.parties"), width);
    if (a.parties.empty()) Text(s.fonts.body, colors::kMuted, s.Ui("agreements.not_named"), width);
    for (const auto& p : a.parties) {
      const db::Organization* o = c.FindOrganization(p.organization_id);
      if (!o) continue;
      const db::Country* country = c.FindCountry(o->country_code);
      std::string label = s.Tr(o->name) + (country ? "  \xC2\xB7  " + s.Tr(country->name) : std::string());
      std::string signer = s.Tr(p.signatory_name);
      if (!signer.empty()) label += "\n" + s.Ui("agreements.signatories") + ": " + signer +
                                    (s.Tr(p.signatory_title).empty() ? "" : ", " + s.Tr(p.signatory_title));
      PushId(s, p.organization_id);
      // An exhibiting party: the way to its booth, beside it.
      const db::Exhibitor* e = c.FindExhibitor(o->id);
      const db::Location* booth = e && !e->booth_id.empty() ? c.FindLocation(e->booth_id) : nullptr;
      bool route = booth && Routable(s, *booth);
      float route_w = route ? Measure(s.fonts.strong, s.Ui("map.route")).x + 2 * m.pad : 0;
      float chip_w = std::min(width - (route ? route_w + m.gap : 0), m.mm(280));
      if (Button(s, "party", label, ButtonKind::Chip, chip_w)) s.Do({.kind = Action::Kind::OpenExhibitor, .id = o->id});
      if (route) {
        float beside = ImGui::GetItemRectSize().y;
        ImGui::SameLine(0, m.gap);
        if (Button(s, "route", s.Ui("map.route"), ButtonKind::Secondary, route_w, beside)) s.Do({.kind = Action::Kind::Route, .id = booth->id});
      }
      PopId(s);
    }
  };
  auto main = [&](float width) {
    float read = std::min(width, m.mm(280));
    if (!s.Tr(a.scope).empty()) {
      Heading(s, s.Ui("agreements.scope"), width);
      std::string scope = s.Tr(a.scope);
      size_t start = 0;
      while (start <= scope.size()) {
        size_t nl = scope.find('\n', start);
        std::string item = scope.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!item.empty()) Text(s.fonts.body, colors::kInk, "\xE2\x80\xA2  " + item, read);
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
    Heading(s, s.Ui("agreements.source"), width);
    if (const db::Source* src = c.FindSource(a.source_id))
      Text(s.fonts.body, colors::kMuted, src->title + (src->publisher.empty() ? "" : " \xE2\x80\x94 " + src->publisher) +
                                             (src->published_date.empty() ? "" : ", " + FormatDate(s, src->published_date)), read);
    for (const auto& f : a.facts) {
      if (f.field != "signed_date") continue;  // where sources disagree on the date, show each claim
      const db::Source* src = c.FindSource(f.source_id);
      Text(s.fonts.caption, colors::kMuted, s.Ui("agreements.signed_on") + " " + FormatDate(s, f.value) +
                                                (src ? " \xE2\x80\x94 " + src->title : std::string()), read);
    }
  };
  DetailColumns(s, size, page, head, main, side, /*side_first=*/true);
  EndDetail(s);
}

}  // namespace

void DrawAgreementsScreen(AppState& s, ImVec2 size) {
  const db::Catalog& c = *s.catalog;
  if (!s.agreement_id.empty())
    if (const db::Agreement* a = c.FindAgreement(s.agreement_id)) return Detail(s, *a, size);
  const Metrics& m = s.metrics;
  float width = BeginListPage(s, s.Ui("nav.agreements"), size);
  BeginListBody(s, "agreement-list", size);
  // Newest first.
  std::vector<const db::Agreement*> list;
  for (const auto& a : c.agreements) list.push_back(&a);
  std::stable_sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->signed_date > b->signed_date; });
  for (const db::Agreement* a : list) {
    std::string parties;
    for (const auto& p : a->parties)
      if (const db::Organization* o = c.FindOrganization(p.organization_id))
        parties += (parties.empty() ? "" : ", ") + DisplayName(s, *o);
    if (parties.empty()) parties = s.Ui("agreements.not_named");
    float inner = width - 2 * m.pad;
    float h = m.pad * 1.4f + Measure(s.fonts.strong, s.Tr(a->title), inner).y + Measure(s.fonts.body, DatePlace(s, *a), inner).y +
              Measure(s.fonts.caption, parties, inner).y + m.gap * 0.6f;
    ImVec2 p;
    PushId(s, a->id);
    if (Card(s, "card", ImVec2(width, h), &p)) s.Do({.kind = Action::Kind::OpenAgreement, .id = a->id});
    PopId(s);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = p.y + m.pad * 0.7f;
    y += TextAt(dl, s.fonts.body, colors::kAccent, ImVec2(p.x + m.pad, y), DatePlace(s, *a), inner) + m.gap * 0.3f;
    y += TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(p.x + m.pad, y), s.Tr(a->title), inner) + m.gap * 0.3f;
    TextAt(dl, s.fonts.caption, colors::kMuted, ImVec2(p.x + m.pad, y), parties, inner);
  }
  EndListBody(s);
}

}  // namespace app
