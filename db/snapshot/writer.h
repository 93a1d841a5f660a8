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

class Database;
// WriteSnapshot's core, without the checks and the file: the schema, every table, the search index and the
// content checksum, into `db` (empty and writable). Throws SqliteError (a foreign key or CHECK the catalog
// breaks). tests/db/roundtrip_test.cpp writes a catalog that need not pass CheckCatalog with it.
void WriteSnapshotContent(Database& db, const Catalog& catalog, int64_t content_version);

}  // namespace db
