// Applying what visitors asked for, at the frame boundary.
#include "app/app_state.h"

#include <algorithm>

namespace app {

const char* ScreenName(Screen s) {
  switch (s) {
    case Screen::Home: return "home";
    case Screen::Map: return "map";
    case Screen::Exhibitors: return "exhibitors";
    case Screen::Agreements: return "agreements";
    case Screen::Schedule: return "schedule";
    case Screen::Search: return "search";
  }
  return "home";
}

bool ScreenFromName(const std::string& name, Screen& out) {
  for (int i = 0; i < kScreenCount; ++i)
    if (name == ScreenName(static_cast<Screen>(i))) {
      out = static_cast<Screen>(i);
      return true;
    }
  return false;
}

namespace {
void CloseDetails(AppState& s) {
  s.exhibitor_id.clear();
  s.agreement_id.clear();
  s.session_id.clear();
}

// Removes the last character (UTF-8 aware) of the query.
void EraseLast(std::string& q) {
  while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();
  if (!q.empty()) q.pop_back();
}

// Results for the current query and language, computed once per change (search takes about a millisecond
// even on a forum of thousands of exhibitors; docs/PERFORMANCE.md).
void UpdateSearch(AppState& s) {
  std::string key = s.search_query + "\n" + s.lang;
  if (!s.catalog || key == s.search_results_for) return;
  s.search_results = db::Search(*s.catalog, s.search_query, s.lang);
  s.search_results_for = key;
}

// The longest query kept: more than anyone types on a kiosk, and bounded whatever a physical keyboard sends.
constexpr size_t kMaxQueryBytes = 200;
}  // namespace

void ApplyActions(AppState& s) {
  std::vector<Action> actions;
  actions.swap(s.actions);
  for (const Action& a : actions) {
    // A new page starts at its top; filters and the map keep the list where it is.
    if (a.kind == Action::Kind::Go || a.kind == Action::Kind::OpenExhibitor || a.kind == Action::Kind::OpenAgreement ||
        a.kind == Action::Kind::OpenSession || a.kind == Action::Kind::Back || a.kind == Action::Kind::ResetVisit)
      s.scroll_to_top = true;
    if (a.kind == Action::Kind::OpenExhibitor || a.kind == Action::Kind::OpenAgreement ||
        a.kind == Action::Kind::OpenSession || a.kind == Action::Kind::ShowOnMap || a.kind == Action::Kind::Go)
      s.back_to_search = a.number == Action::kFromSearch;
    switch (a.kind) {
      case Action::Kind::Go:
        CloseDetails(s);
        s.screen = a.screen;
        if (a.screen == Screen::Map) s.map_focus.clear(), s.map.zoom = 0;
        break;
      case Action::Kind::OpenExhibitor: CloseDetails(s); s.screen = Screen::Exhibitors; s.exhibitor_id = a.id; break;
      case Action::Kind::OpenAgreement: CloseDetails(s); s.screen = Screen::Agreements; s.agreement_id = a.id; break;
      case Action::Kind::OpenSession: CloseDetails(s); s.screen = Screen::Schedule; s.session_id = a.id; break;
      case Action::Kind::ShowOnMap:
        CloseDetails(s);
        s.screen = Screen::Map;
        s.map_focus = a.id;
        s.map.zoom = 0;  // re-fit around the place on the next draw
        break;
      case Action::Kind::SetLanguage:
        if (s.catalog && s.catalog->FindLanguage(a.id)) s.lang = a.id;
        s.language_picker = false;
        break;
      case Action::Kind::Back:
        if (s.back_to_search) CloseDetails(s), s.screen = Screen::Search, s.back_to_search = false;
        else if (!s.exhibitor_id.empty() || !s.agreement_id.empty() || !s.session_id.empty()) CloseDetails(s);
        else s.screen = Screen::Home;
        break;
      case Action::Kind::Type:
        if (s.search_query.size() + a.id.size() <= kMaxQueryBytes) s.search_query += a.id;
        break;
      case Action::Kind::Erase: EraseLast(s.search_query); break;
      case Action::Kind::ClearQuery: s.search_query.clear(); break;
      case Action::Kind::SetKeyboard: s.keyboard = a.number; break;
      case Action::Kind::FilterCountry: s.country_filter = a.id; break;
      case Action::Kind::FilterTrack: s.track_filter = a.id; break;
      case Action::Kind::SelectDay: s.day_index = a.number; break;
      case Action::Kind::ZoomMap: s.map.zoom *= a.number > 0 ? 1.4f : 1 / 1.4f; break;
      case Action::Kind::ResetVisit:
        CloseDetails(s);
        s.screen = Screen::Home;
        s.map_focus.clear();
        s.map = MapView{};
        s.country_filter.clear();
        s.track_filter.clear();
        s.day_index = 0;
        s.language_picker = false;
        s.scroll.clear();
        s.search_query.clear();
        s.keyboard = -1;
        s.back_to_search = false;
        s.key_hold = {};
        if (s.catalog) s.lang = s.catalog->forum.default_language;
        break;
    }
  }
  if (s.screen == Screen::Search) UpdateSearch(s);
}

void AdoptCatalog(AppState& s, std::shared_ptr<const db::Catalog> catalog) {
  s.catalog = std::move(catalog);
  const db::Catalog& c = *s.catalog;
  if (!c.FindOrganization(s.exhibitor_id)) s.exhibitor_id.clear();
  if (!c.FindAgreement(s.agreement_id)) s.agreement_id.clear();
  if (!c.FindSession(s.session_id)) s.session_id.clear();
  if (!c.FindLocation(s.map_focus)) s.map_focus.clear();
  if (!c.FindCountry(s.country_filter)) s.country_filter.clear();
  if (!c.FindTrack(s.track_filter)) s.track_filter.clear();
  if (s.day_index && std::none_of(c.sessions.begin(), c.sessions.end(), [&](const db::Session& x) { return x.day_index == s.day_index; }))
    s.day_index = 0;
  if (!c.FindLanguage(s.lang)) s.lang = c.forum.default_language;
  s.search_results_for.clear();
  s.search_results.clear();
  if (s.screen == Screen::Search) UpdateSearch(s);
}

namespace {
// Anything a visitor changed that the next visitor should not find.
bool Visited(const AppState& s) {
  return s.screen != Screen::Home || !s.exhibitor_id.empty() || !s.agreement_id.empty() || !s.session_id.empty() ||
         s.language_picker || !s.country_filter.empty() || !s.track_filter.empty() || s.day_index != 0 ||
         !s.search_query.empty() || s.keyboard != -1 ||
         (s.catalog && s.lang != s.catalog->forum.default_language);
}
double IdleTimeout(const AppState& s) { return s.catalog ? s.catalog->forum.idle_timeout_s : 60; }
}  // namespace

bool Tick(AppState& s, double now_s) {
  if (!Visited(s) || now_s - s.last_input_s < IdleTimeout(s)) return false;
  s.Do({Action::Kind::ResetVisit});
  ApplyActions(s);
  return true;
}

double NextTimer(const AppState& s, double now_s) {
  if (!Visited(s)) return 1e9;
  return std::max(0.0, s.last_input_s + IdleTimeout(s) - now_s);
}

}  // namespace app
