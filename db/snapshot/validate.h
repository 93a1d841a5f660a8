// `kiosk-snapshot validate`, the installer and the kiosk itself: is this file a snapshot the kiosk can show?
// One set of checks for every way a snapshot is opened (installed from an inbox, the last-known-good at
// start-up, --snapshot, the built-in demo, a staff reload), so that what the kiosk shows is always what
// `validate` accepts.
#pragma once
#include <memory>
#include <string>

#include "db/model/catalog.h"
#include "db/base/diagnostics.h"
#include "db/base/result.h"
#include "db/snapshot/loader.h"  // LoadCatalog, kSchemaVersion: the unchecked way in

namespace db {

struct CheckedSnapshot {
  Diagnostics diagnostics;
  // The loaded content; null when the diagnostics hold an error (the snapshot must not be shown).
  std::shared_ptr<const Catalog> catalog;
};

// Runs every check, cheapest first, on one private copy of the file read into memory: the file (exists,
// SQLite, not truncated), the header (application id, schema version), SQLite's integrity_check, the exact
// schema, foreign keys, FTS5's integrity-check, the content checksum, then the forum's own rules
// (CheckCatalog) on the loaded content, and finally the kiosk's own search queries on its index (a damaged
// index can pass FTS5's check and still fail a query). Stops early when a later check could not mean anything.
// The catalog is loaded and its search checked on a second thread, from a second copy, while the database's
// checks run (half the time on two cores, one more copy of the file in memory meanwhile); what that thread
// finds is reported only once the database's checks have passed, so the diagnostics are what checking in
// order would give.
CheckedSnapshot CheckSnapshot(const std::string& path);

// CheckSnapshot's diagnostics (`kiosk-snapshot validate`).
Diagnostics ValidateSnapshot(const std::string& path);

// The kiosk's way in: the catalog when every check passes, else an Error naming the file and the first
// problem, and saying how to see them all.
Result<std::shared_ptr<const Catalog>> OpenSnapshot(const std::string& path);

}  // namespace db
