// Reads a forum's source folder (docs/SOURCES.md) into a Catalog: the CSV spreadsheets, the schedule export,
// the floor plan and the logos. Format problems (bad CSV, a date that is no date, a broken image) are reported
// here with file and line; reference and consistency problems are left to CheckCatalog, which also runs on
// snapshots, so that `build` and `validate` apply one set of rules.
#pragma once
#include <filesystem>

#include "db/model/catalog.h"
#include "db/base/diagnostics.h"
#include "db/sources/csv_table.h"

namespace db {

// Never null: a folder that cannot be read gives an empty catalog and errors in `diags`. When the tables came
// from a workbook and `sheets` is given, it receives each sheet's file and header (no rows), for
// NameCellsAsSpreadsheet (db/sources/workbook.h) once every check has run.
std::shared_ptr<const Catalog> ReadSources(const std::filesystem::path& dir, Diagnostics& diags,
                                           std::vector<CsvTable>* sheets = nullptr);

}  // namespace db
