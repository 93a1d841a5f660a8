// Snapshots handed over from the loading threads and swapped in at the frame boundary (app/state/swap.h).
#include "app/state/swap.h"

#include <algorithm>

#include "app/state/app_state.h"

namespace app {

void CatalogHandOver::Showing(const db::Catalog* c) {
  std::lock_guard<std::mutex> lock(mu_);
  have_newest_ = c != nullptr;
  newest_ = c ? c->info.content_version : 0;
}

uint64_t CatalogHandOver::Ticket() const {
  std::lock_guard<std::mutex> lock(mu_);
  return taken_;
}

bool CatalogHandOver::Offer(std::shared_ptr<const db::Catalog> c, SwapOrigin origin, uint64_t ticket, std::string* why) {
  if (!c) return false;
  int64_t version = c->info.content_version;
  {
    std::lock_guard<std::mutex> lock(mu_);
    bool asked = origin == SwapOrigin::StaffReload && ticket == taken_;  // nothing came since staff asked
    if (have_newest_ && version < newest_ && !asked) {
      if (why)
        *why = "content version " + std::to_string(version) + " is older than version " + std::to_string(newest_) +
               (origin == SwapOrigin::StaffReload ? ", which arrived after the reload was asked for" : ", shown or waiting");
      return false;
    }
    pending_ = std::move(c);
    have_newest_ = true;
    newest_ = version;
    ++taken_;
  }
  if (wake_) wake_();
  return true;
}

std::shared_ptr<const db::Catalog> CatalogHandOver::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::move(pending_);
}

std::shared_ptr<const db::Catalog> AdoptCatalog(AppState& s, std::shared_ptr<const db::Catalog> catalog) {
  s.exhibitor_layout = {};  // these point into the old catalog (whose address a later one may reuse)
  s.map_cache = {};
  s.schedule_view = {};
  s.load_error.clear();
  std::shared_ptr<const db::Catalog> previous = std::exchange(s.catalog, std::move(catalog));
  const db::Catalog& c = *s.catalog;
  if (!c.FindOrganization(s.exhibitor_id)) s.exhibitor_id.clear();
  if (!c.FindAgreement(s.agreement_id)) s.agreement_id.clear();
  if (!c.FindSession(s.session_id)) s.session_id.clear();
  if (!c.FindLocation(s.map_focus)) s.map_focus.clear();
  if (s.map_card != "here" && !c.FindLocation(s.map_card)) s.map_card.clear();
  if (!c.FindCountry(s.country_filter)) s.country_filter.clear();
  if (!c.FindTrack(s.track_filter)) s.track_filter.clear();
  if (!c.FindRoom(s.room_filter)) s.room_filter.clear();
  const auto& days = c.ProgramDays();
  if (s.day_index && std::none_of(days.begin(), days.end(), [&](const auto& d) { return d.first == s.day_index; })) s.day_index = 0;
  if (!c.FindLanguage(s.lang)) s.lang = c.forum.default_language;
  s.search_results_for.clear();
  s.search_asked.clear();  // asked of the old catalog: asked again below
  s.search_results = {};
  s.search_list = {};
  s.search_error.clear();
  if (s.screen == Screen::Search) UpdateSearch(s);
  return previous;
}

bool SwapIn(AppState& s, CatalogHandOver& h) {
  std::shared_ptr<const db::Catalog> next = h.Take();
  if (!next) return false;
  AdoptCatalog(s, std::move(next));
  return true;
}

}  // namespace app
