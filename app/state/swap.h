// A new snapshot swapped in while the kiosk runs. Snapshots are loaded on worker threads (the inbox watcher
// installing one, a staff reload of the file shown); the UI thread swaps them in at a frame boundary, so no
// frame ever sees two catalogs. The kiosk's loop (app/main.cpp) takes a snapshot from the hand-over, has
// its font atlas prepared on a worker and then adopts both at one boundary (AdoptCatalog); the UI tests'
// harness (tests/ui) does the same at once through SwapIn.
// May include db/model and app/state only.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "db/model/catalog.h"

namespace app {

struct AppState;

// Who offers a snapshot: decides whether it may replace a newer one.
enum class SwapOrigin {
  Update,       // installed from an inbox: never replaces a newer snapshot shown or waiting
  StaffReload,  // staff asked for this file: taken even when older, unless another came since they asked
};

// The one slot between the threads that load snapshots and the UI thread.
//
// The order rule: content versions only go forward, unless staff asked for exactly that snapshot. An update
// older than the newest snapshot shown or waiting is refused. A staff reload carries the Ticket() of the
// moment staff asked; it is taken whatever its version when nothing else was taken in since then (staff
// may reload a file they put back on purpose), and else only when it is not older than what came since.
// Without the rule a slow reload of version 5 that finished after version 6 was installed would put 5
// back on the screen while the installer reports 6.
//
// Thread rules: Offer and Ticket from any thread; Showing, Ticket and Take from the UI thread. One mutex
// guards the slot; `wake` is called outside it.
class CatalogHandOver {
 public:
  // `wake` (may be null): called after an offer is taken in, e.g. to end the loop's wait for events.
  explicit CatalogHandOver(std::function<void()> wake = nullptr) : wake_(std::move(wake)) {}
  CatalogHandOver(const CatalogHandOver&) = delete;
  CatalogHandOver& operator=(const CatalogHandOver&) = delete;

  // What the kiosk shows at start-up (null: nothing could be opened): later offers are compared with it.
  void Showing(const db::Catalog* c);
  // When staff ask for a reload: the ticket its Offer carries.
  uint64_t Ticket() const;
  // Offers a loaded snapshot. True when it now waits for Take (replacing any snapshot waiting); false when
  // the order rule refuses it, with the reason in `why` (when given).
  bool Offer(std::shared_ptr<const db::Catalog> c, SwapOrigin origin, uint64_t ticket = 0, std::string* why = nullptr);
  // The snapshot waiting, or null; empties the slot.
  std::shared_ptr<const db::Catalog> Take();

 private:
  std::function<void()> wake_;
  mutable std::mutex mu_;
  std::shared_ptr<const db::Catalog> pending_;  // guarded by mu_
  bool have_newest_ = false;                    // guarded by mu_: false until something was shown or offered
  int64_t newest_ = 0;                          // guarded by mu_: the content version last shown or taken in
  uint64_t taken_ = 0;                          // guarded by mu_: offers taken in so far (what Ticket returns)
};

// Swaps in a new snapshot's catalog, keeping the visitor's place where it still exists: an open exhibitor,
// agreement or session stays open if the new snapshot has it (else its list), filters and the map focus
// stay if they still make sense, the language stays if it is still offered. Call at a frame boundary.
// Clears a load error. Returns the catalog it replaces, for the caller to let go of where freeing it does
// not hold up a frame (tens of milliseconds at 20,000 exhibitors).
std::shared_ptr<const db::Catalog> AdoptCatalog(AppState& s, std::shared_ptr<const db::Catalog> catalog);

// The frame-boundary step of a swap: the snapshot waiting in `h`, if any, adopted (AdoptCatalog) and the
// staff message cleared. True when a catalog was swapped in: the caller then rebuilds what is made from
// its text and images (the font atlas, the logo textures).
bool SwapIn(AppState& s, CatalogHandOver& h);

}  // namespace app
