// `kiosk-snapshot validate` and the kiosk's installer: is this file a snapshot the kiosk can show?
#pragma once
#include <string>

#include "db/diagnostics.h"

namespace db {

// Runs every check, cheapest first: the file (exists, SQLite, not truncated), the header (application id,
// schema version), SQLite's integrity_check, the exact schema, foreign keys, the content checksum, and then
// the forum's own rules (CheckCatalog) on the loaded content. Stops early when a later check could not mean
// anything. The snapshot can be shown iff the result has no errors.
Diagnostics ValidateSnapshot(const std::string& path);

}  // namespace db
