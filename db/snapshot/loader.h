// Reading a snapshot file back into a Catalog. The columns are read by name, as db/model/tables.h
// describes them; the same description drives the writer (db/snapshot/writer.h), so the two cannot drift.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "db/base/result.h"
#include "db/model/catalog.h"

namespace db {

class Database;

// The schema version this build reads and writes (PRAGMA user_version of db/snapshot/schema.sql).
inline constexpr int kSchemaVersion = 5;  // 5: forum.map_url; 4: route_tile; 3: building, level, opening, new location kinds; 2: rich descriptions

// Reads a snapshot into a Catalog: checks that it is a Forum Kiosk snapshot of kSchemaVersion that passes
// SQLite's quick_check, and loads it. Does not verify the content checksum nor the rules: the kiosk opens
// snapshots through db::OpenSnapshot (db/snapshot/validate.h), which does; this is for the staff tool's views
// of a file (`inspect`, `diff`, `search`). Errors say what is wrong with which file.
Result<std::shared_ptr<const Catalog>> LoadCatalog(const std::string& path);

// Loads from a database already open (in memory); takes it over as the search index's connection. `name`
// names the file in errors.
Result<std::shared_ptr<const Catalog>> LoadCatalogFrom(Database db, const std::string& name);

// Where SnapshotTables() (db/model/tables.h) and schema.sql disagree: a table or column on one side only,
// one line each; empty when they agree. tests/db/roundtrip_test.cpp requires it empty for the schema this
// build carries, and non-empty for edited copies of it (that the check can fail).
std::vector<std::string> SchemaMismatches();
std::vector<std::string> SchemaMismatches(const std::string& schema_sql);

}  // namespace db
