// Applying what visitors asked for, at the frame boundary (the idle timers: idle.cpp; the catalog swap:
// swap.cpp).
#include "app/state/app_state.h"
#include "app/state/search_runner.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/map/map_geometry.h"
#include "app/map/map_route.h"
#include "db/base/text.h"

namespace app {

bool ScreenFromName(const std::string& name, Screen& out) {
  for (int i = 0; i < kScreenCount; ++i)
    if (name == ScreenName(static_cast<Screen>(i))) {
      out = static_cast<Screen>(i);
      return true;
    }
  return false;
}

bool StaffRequestFromName(const std::string& name, StaffRequest& out) {
  for (size_t i = 0; i < std::size(kStaffRequestNames); ++i)
    if (name == kStaffRequestNames[i]) {
      out = static_cast<StaffRequest>(i);
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
void EraseLast(std::string& q) { q.resize(db::PrevCodepoint(q, q.size())); }

// Closes the PIN pad and staff mode. The count of wrong PINs and the lock-out stay: they outlive a visit.
void CloseStaff(AppState& s) {
  AppState::Staff fresh;
  fresh.wrong = s.staff.wrong, fresh.locked_until = s.staff.locked_until;
  s.staff = fresh;
}

// Zoom buttons: 1.4 times in or out. In stops at 8 times the whole-plan view. Out stops at the whole-plan
// view and moves the centre towards it as it goes, arriving there when the whole plan shows: after "show on
// map" centred a booth far from the kiosk, zooming out brings "you are here" back into view.
void ZoomMap(MapView& v, bool in) {
  if (v.fit <= 0 || v.zoom <= 0) {  // not measured yet: plain steps
    v.zoom *= in ? 1.4f : 1 / 1.4f;
    return;
  }
  if (in) {
    v.zoom = std::min(v.zoom * 1.4f, v.fit * 8);
    return;
  }
  float z = std::max(v.zoom / 1.4f, v.fit);
  // The share of the way to the whole-plan view, measured in view size (1 / zoom): 1 when z reaches fit.
  float t = v.zoom > v.fit * 1.0001f ? (1 / z - 1 / v.zoom) / (1 / v.fit - 1 / v.zoom) : 1.f;
  v.cx += (v.home_cx - v.cx) * t;
  v.cy += (v.home_cy - v.cy) * t;
  v.zoom = z;
}

// What the on-screen keyboard types into: the chooser's query while it is open, else the search's.
std::string& Query(AppState& s) { return s.chooser != ScheduleChooser::None ? s.chooser_query : s.search_query; }

void CloseChooser(AppState& s) {
  s.chooser = ScheduleChooser::None;
  s.chooser_query.clear();
}

// The longest query kept: more than anyone types on a kiosk, and bounded whatever a physical keyboard sends.
constexpr size_t kMaxQueryBytes = 200;
}  // namespace

// Once per change, not per frame (a keystroke's search takes about a millisecond at FOSDEM's size;
// docs/PERFORMANCE.md). The full list of a group asks for every hit.
void UpdateSearch(AppState& s) {
  std::string key = s.search_query + "\n" + s.lang + "\n" + std::to_string(s.search_group);
  if (!s.catalog || key == s.search_results_for) {
    s.search_asked.clear();  // typed back to what is shown: nothing to wait for
    return;
  }
  const size_t per_group = s.search_group < 0 ? AppState::kResultsPerGroup : db::kAllHits;
  if (s.searcher) {  // answered on its thread; TakeSearchAnswer puts it in at a frame boundary
    if (key != s.search_asked) s.searcher->Ask({s.catalog, s.search_query, s.lang, per_group, key});
    s.search_asked = key;
    return;
  }
  auto found = db::Search(*s.catalog, s.search_query, s.lang, per_group);
  s.search_results = found ? std::move(found.value()) : db::SearchResults{};
  s.search_error = found ? std::string() : found.error().message;
  s.search_results_for = key;
}

std::string VisitLanguage(const AppState& s) {
  if (!s.default_language.empty() && s.catalog->FindLanguage(s.default_language)) return s.default_language;
  return s.catalog->forum.default_language;
}

namespace {

using K = Action::Kind;

// Anonymous usage counts: which screens are viewed, which profiles opened, how many searches were made.
// Never what was typed.
void Count(AppState& s, const Action& a) {
  if (!s.count) return;
  if (a.kind == K::Go && a.screen != s.screen) s.count(std::string("view:") + ScreenName(a.screen));
  if (a.kind == K::OpenExhibitor) s.count("profile:" + a.id);
  bool leaves_search = s.screen == Screen::Search && !s.search_query.empty() &&
                       ((a.kind == K::Go && a.screen != Screen::Search) || a.kind == K::ResetVisit ||
                        a.kind == K::OpenExhibitor || a.kind == K::OpenAgreement || a.kind == K::OpenSession ||
                        a.kind == K::ShowOnMap);
  if (leaves_search) s.count("search");
}

// What an action keeps of where the visitor was: the scroll position, the page "show on map" came from, a
// place's card on the map, and whether Back returns to the search results.
void KeepPlace(AppState& s, const Action& a) {
  // A new page starts at its top; filters and the map keep the list where it is.
  if (a.kind == K::Go || a.kind == K::OpenExhibitor || a.kind == K::OpenAgreement || a.kind == K::OpenSession ||
      a.kind == K::Back || a.kind == K::ResetVisit || a.kind == K::ShowAllResults)
    s.scroll_to_top = true;
  // A route asked for on the map keeps the page the map came from; asked for elsewhere, it is that page.
  bool route_on_map = (a.kind == K::Route || a.kind == K::RouteStepFree || a.kind == K::RouteNearest) && s.screen == Screen::Map;
  if (a.kind == K::ShowOnMap || ((a.kind == K::Route || a.kind == K::RouteNearest) && !route_on_map))  // remembered before the detail closes, for Back on the map
    s.map_return = {true, s.screen, s.exhibitor_id, s.agreement_id, s.session_id, s.back_to_search};
  else if (a.kind != K::Back && a.kind != K::ZoomMap && a.kind != K::SetLanguage && a.kind != K::Toggle &&
           a.kind != K::MapCard && a.kind != K::MapLevel && !route_on_map)
    s.map_return = {};
  // A place's card stays open while the visitor looks at the map (zooming, another language, a mode);
  // anything that leaves the map or moves it elsewhere closes it (another level too: its place is not shown,
  // unless the card shows a route, which goes on there).
  if (a.kind != K::ZoomMap && a.kind != K::SetLanguage && a.kind != K::Toggle && a.kind != K::MapCard &&
      a.kind != K::RouteStepFree && !(a.kind == K::MapLevel && !s.map_route.to.empty()))
    s.map_card.clear();
  if (a.kind == K::OpenExhibitor || a.kind == K::OpenAgreement || a.kind == K::OpenSession || a.kind == K::ShowOnMap ||
      a.kind == K::Go)
    s.back_to_search = a.number == Action::kFromSearch;
}

// Back: to the page "show on map" was tapped on, to the search results (a group's full list when it was
// open), out of a detail, from a group's full list to the grouped results, or Home.
void GoBack(AppState& s) {
  if (s.screen == Screen::Map && s.map_return.set) {
    AppState::Place from = std::exchange(s.map_return, {});
    s.screen = from.screen;
    s.exhibitor_id = from.exhibitor_id;
    s.agreement_id = from.agreement_id;
    s.session_id = from.session_id;
    s.back_to_search = from.back_to_search;
    s.map_focus.clear();
  } else if (s.back_to_search) {
    CloseDetails(s);
    s.screen = Screen::Search;
    s.back_to_search = false;
  } else if (!s.exhibitor_id.empty() || !s.agreement_id.empty() || !s.session_id.empty()) {
    CloseDetails(s);
  } else if (s.screen == Screen::Search && s.search_group >= 0) {
    s.search_group = -1;  // from a group's full list to the grouped results
  } else {
    s.screen = Screen::Home;
  }
}

// Going somewhere: a screen, a detail, a place on the map. True when `a` was one of these.
bool Navigate(AppState& s, const Action& a) {
  switch (a.kind) {
    case K::Go:
      CloseDetails(s);
      s.screen = a.screen;
      s.search_group = -1;  // the search screen opens on its grouped results
      if (a.screen == Screen::Map) {
        s.map_focus.clear();
        s.map.zoom = 0;
        s.map.level_chosen = false;  // opens on "you are here"'s level
      }
      return true;
    case K::OpenExhibitor: CloseDetails(s); s.screen = Screen::Exhibitors; s.exhibitor_id = a.id; return true;
    case K::OpenAgreement: CloseDetails(s); s.screen = Screen::Agreements; s.agreement_id = a.id; return true;
    case K::OpenSession: CloseDetails(s); s.screen = Screen::Schedule; s.session_id = a.id; return true;
    case K::ShowOnMap:
      CloseDetails(s);
      s.screen = Screen::Map;
      s.map_focus = a.id;
      s.map.zoom = 0;  // re-fit around the place on the next draw
      // On the place's level, whichever the map showed.
      if (const db::Location* l = s.catalog ? s.catalog->FindLocation(a.id) : nullptr) s.map.level = l->level, s.map.level_chosen = true;
      else s.map.level_chosen = false;
      return true;
    case K::RouteNearest:
    case K::Route: {
      std::string to = a.id;
      if (a.kind == K::RouteNearest) {
        to = NearestPlace(s, a.id);
        if (NearestStepFree(a.id)) s.map_route.step_free = true;
      }
      CloseDetails(s);
      s.screen = Screen::Map;
      s.map_focus = s.map_card = to;
      s.map_route.to = to;
      FindRoute(s);
      s.map.zoom = 0;  // framed around the route on the next draw
      s.map.level = HereLevel(s), s.map.level_chosen = true;  // where the walk starts
      return true;
    }
    case K::Back: GoBack(s); return true;
    default: return false;
  }
}

// The PIN pad and the staff panel. True when `a` was one of these.
bool Staff(AppState& s, const Action& a) {
  AppState::Staff& st = s.staff;
  switch (a.kind) {
    case K::OpenPinPad:
      if (s.verify_pin && !st.open) {
        st.pin_pad = true;
        st.pin.clear();
        st.message.clear();
      }
      return true;
    case K::StaffDigit:
      if (st.pin.size() < 12) st.pin += a.id;
      return true;
    case K::StaffErase:
      if (!st.pin.empty()) st.pin.pop_back();
      return true;
    case K::StaffSubmit: {
      if (s.time_s < st.locked_until) return true;  // the pad says how long
      bool ok = s.verify_pin && !st.pin.empty() && s.verify_pin(st.pin);
      st.pin.clear();
      if (ok) {
        st.open = true;
        st.pin_pad = false;
        st.wrong = 0;
        st.message.clear();
      } else {
        st.wrong++;
        st.locked_until = s.time_s + StaffLockout(st.wrong);
        st.message = "wrong";
      }
      return true;
    }
    case K::StaffClose: CloseStaff(s); return true;
    case K::StaffCommand:
      if (StaffRequest r; st.open && StaffRequestFromName(a.id, r)) s.staff_requests.push_back(r);
      return true;
    default: return false;
  }
}

// The next visitor finds the kiosk as the first one did: Home, no filters, no modes, the visit's language.
void ResetVisit(AppState& s) {
  CloseDetails(s);
  s.screen = Screen::Home;
  s.map_focus.clear();
  s.map_return = {};
  s.map = MapView{};
  s.map_route = {};
  s.country_filter.clear();
  s.track_filter.clear();
  s.room_filter.clear();
  s.chooser = ScheduleChooser::None;
  s.chooser_query.clear();
  s.day_index = 0;
  s.language_picker = false;
  s.scroll.clear();
  s.search_query.clear();
  s.search_group = -1;
  s.keyboard = -1;
  s.back_to_search = false;
  s.key_hold = {};
  s.reach = s.large_text = s.high_contrast = false;
  CloseStaff(s);
  if (s.catalog) s.lang = VisitLanguage(s);
}

// Everything else: typing, filters, the map's zoom and card, language and modes.
void Apply(AppState& s, const Action& a) {
  switch (a.kind) {
    case K::SetLanguage:
      if (s.catalog && s.catalog->FindLanguage(a.id)) s.lang = a.id;
      s.language_picker = false;
      break;
    case K::Type:
      if (Query(s).size() + a.id.size() <= kMaxQueryBytes) Query(s) += a.id;
      break;
    case K::Erase: EraseLast(Query(s)); break;
    case K::ClearQuery:
      if (s.chooser == ScheduleChooser::None) s.search_group = -1;  // a new search starts from the groups
      Query(s).clear();
      break;
    case K::ShowAllResults: s.search_group = a.number; break;
    case K::SetKeyboard: s.keyboard = a.number; break;
    case K::EndAttract:
      s.attract = false;
      s.screen = Screen::Home;
      break;
    case K::Toggle: s.Mode(a.mode) = !s.Mode(a.mode); break;
    case K::FilterCountry: s.country_filter = a.id; break;
    case K::FilterTrack:
      s.track_filter = a.id;
      CloseChooser(s);
      break;
    case K::FilterRoom:
      s.room_filter = a.id;
      CloseChooser(s);
      break;
    case K::OpenChooser:
      if (a.number == int(ScheduleChooser::Room) || a.number == int(ScheduleChooser::Track))
        s.chooser = static_cast<ScheduleChooser>(a.number);
      s.chooser_query.clear();
      break;
    case K::CloseChooser: CloseChooser(s); break;
    case K::SelectDay: s.day_index = a.number; break;
    case K::ZoomMap: ZoomMap(s.map, a.number > 0); break;
    case K::MapLevel:
      s.map.level = a.number, s.map.level_chosen = true;
      if (s.map_route.route) s.map.zoom = 0;  // the route's part on that level, framed
      break;
    case K::MapCard: s.map_card = a.id; break;
    case K::RouteStepFree:
      s.map_route.step_free = !s.map_route.step_free;
      FindRoute(s);
      break;
    case K::ResetVisit: ResetVisit(s); break;
    default: break;  // navigation and staff actions are Navigate's and Staff's
  }
}

}  // namespace

void ApplyActions(AppState& s) {
  std::vector<Action> actions;
  actions.swap(s.actions);
  for (const Action& a : actions) {
    Count(s, a);
    KeepPlace(s, a);
    if (Navigate(s, a)) CloseChooser(s);  // the chooser belongs to the schedule's list
    else if (!Staff(s, a)) Apply(s, a);
  }
  // The route goes with its place's card on the map; reach mode switched while it shows finds it again.
  if (s.screen != Screen::Map || s.map_card.empty() || s.map_card != s.map_route.to) s.map_route = {.step_free = s.map_route.step_free};
  else if (s.map_route.found_step_free != (s.map_route.step_free || s.reach)) FindRoute(s);
  if (s.screen == Screen::Search) UpdateSearch(s);
}

double StaffLockout(int wrong) {
  if (wrong < 3) return 0;
  return std::min(3600.0, 30.0 * std::pow(2.0, wrong - 3));
}

}  // namespace app
