// The catalog described once, table by table: every table of a snapshot (db/snapshot/schema.sql), its
// columns by name, and the catalog member each one maps to. The writer (db/snapshot/writer.cpp), the loader
// (db/snapshot/loader.cpp) and the text walk (ForEachText) are all derived from this one description, so a
// column added to a table needs an edit in schema.sql and in that table's description in tables.cpp, nothing
// else (docs/SCHEMA.md shows one, with its diff). The content checksum needs no description at all: it hashes
// every table sqlite_schema lists (db/snapshot/checksum.cpp).
//
// No SQLite here: a row is a vector of plain values, so the model stays below the snapshot format. Whether a
// description and schema.sql agree is checked by db::SchemaMismatches (db/snapshot/loader.h), which the test
// suite runs.
#pragma once
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "db/model/catalog.h"

namespace db {

// Thrown by the loader's mapping when a stored value cannot be the member's (a location kind schema.sql does
// not list: only in a file whose CHECKs were edited away). LoadCatalog turns it into an Error.
struct BadValue : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One value as a snapshot stores it: NULL, INTEGER, REAL, TEXT or BLOB.
using FieldValue = std::variant<std::monostate, int64_t, double, std::string, std::vector<unsigned char>>;
// One row of a table: a value per column of its TableDescription, in that order.
using RowValues = std::vector<FieldValue>;

// One table as the writer and the loader see it. Owned by SnapshotTables(); the functions hold no state.
struct TableDescription {
  std::string_view name;
  std::vector<std::string_view> columns;  // every column of the table in schema.sql, in the order of a row
  std::string order_by;                   // how the loader orders the rows to get the catalog's order back
  // Every row `c` holds for this table, in the catalog's order.
  std::function<void(const CatalogData& c, const std::function<void(RowValues&&)>& out)> rows;
  // Makes the sink for this table's loaded rows. Called once every table before this one is in `c` (a child
  // table indexes its parents' rows then); the sink skips a row whose parent is missing.
  std::function<std::function<void(RowValues&&)>(CatalogData& c)> loader;
  // The texts this table holds that a visitor may see (ForEachText), in row order.
  std::function<void(const CatalogData& c, const std::function<void(const TextRef&)>& fn)> texts;
};

// Every table of a snapshot except `meta` (MetaRows below) and the search index (db/snapshot/search.h), parents
// before children: the order the writer fills them, the loader reads them and ForEachText walks them.
const std::vector<TableDescription>& SnapshotTables();

// The `meta` rows the writer stores for `info` (content_checksum is added last, once it can be computed), and
// the member a loaded meta row goes to (unknown keys are ignored: an older loader reads a newer file's meta).
std::vector<std::pair<std::string, std::string>> MetaRows(const SnapshotInfo& info, const Forum& forum);
void ReadMetaRow(const std::string& key, const std::string& value, SnapshotInfo& info);

}  // namespace db
