// Reads a forum's source folder (docs/SOURCES.md) into a Catalog: the CSV spreadsheets, the schedule export,
// the floor plan and the logos. Format problems (bad CSV, a date that is no date, a broken image) are reported
// here with file and line; reference and consistency problems are left to CheckCatalog, which also runs on
// snapshots, so that `build` and `validate` apply one set of rules.
#pragma once
#include <filesystem>

#include "db/model/catalog.h"
#include "db/base/diagnostics.h"

namespace db {

// Never null: a folder that cannot be read gives an empty catalog and errors in `diags`.
std::shared_ptr<const Catalog> ReadSources(const std::filesystem::path& dir, Diagnostics& diags);

}  // namespace db
