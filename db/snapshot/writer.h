// Writes a Catalog as a snapshot file, atomically: into a temporary file beside FILE, checked with
// ValidateSnapshot, fsynced, then renamed over FILE. A reader never sees a half-written snapshot, and a
// failed build leaves an existing FILE untouched.
#pragma once
#include <cstdint>
#include <string>

#include "db/model/catalog.h"
#include "db/base/result.h"

namespace db {

// Returns the absolute path written. The catalog should have passed CheckCatalog.
Result<std::string> WriteSnapshot(const Catalog& catalog, const std::string& path, int64_t content_version);

}  // namespace db
