#include "db/snapshot/loader.h"

#include <set>

#include "db/base/text.h"
#include "db/model/tables.h"
#include "db/snapshot/schema_sql.h"
#include "db/snapshot/search.h"
#include "db/snapshot/snapshot_file.h"
#include "db/snapshot/sqlite.h"

namespace db {

namespace {

FieldValue ValueAt(const Statement& st, int i) {
  switch (st.ColumnKind(i)) {
    case Statement::Kind::Integer: return st.Int(i);
    case Statement::Kind::Real: return st.Real(i);
    case Statement::Kind::Text: return st.Text(i);
    case Statement::Kind::Blob: return st.Blob(i);
    case Statement::Kind::Null: break;
  }
  return {};
}

// Every table as SnapshotTables() describes it, columns looked up by name in the result.
CatalogData LoadAll(Database& db) {
  CatalogData c;
  {
    auto st = db.Prepare("SELECT key, value FROM meta");
    int key = st.ColumnIndex("key"), value = st.ColumnIndex("value");
    while (st.Step()) ReadMetaRow(st.Text(key), st.Text(value), c.info);
  }
  for (const TableDescription& t : SnapshotTables()) {
    std::string cols;
    for (auto col : t.columns) cols += (cols.empty() ? "" : ", ") + std::string(col);
    auto st = db.Prepare("SELECT " + cols + " FROM " + std::string(t.name) + " ORDER BY " + t.order_by);
    std::vector<int> at;
    for (auto col : t.columns) at.push_back(st.ColumnIndex(col));
    auto sink = t.loader(c);
    while (st.Step()) {
      RowValues row;
      row.reserve(at.size());
      for (int i : at) row.push_back(ValueAt(st, i));
      sink(std::move(row));
    }
  }
  return c;
}

}  // namespace

Result<std::shared_ptr<const Catalog>> LoadCatalog(const std::string& path) {
  try {
    if (auto problem = CheckSnapshotFile(path)) return Error{path + ": " + *problem};
    // Read once, then work in memory: later searches never touch the disk, and a file replaced or removed
    // after this point cannot change what is shown.
    std::optional<Database> db = Database::FromFile(path);
    if (!db) return Error{path + ": cannot read the file"};
    if (auto problem = CheckSnapshotHeader(*db)) return Error{path + ": " + *problem};
    return LoadCatalogFrom(std::move(*db), path);
  } catch (const SqliteError& e) {
    return Error{path + ": cannot read the snapshot: " + e.what()};
  } catch (const std::bad_alloc&) {
    return Error{path + ": out of memory while loading the snapshot"};
  }
}

Result<std::shared_ptr<const Catalog>> LoadCatalogFrom(Database db, const std::string& name) {
  try {
    CatalogData data = LoadAll(db);
    data.search_index = std::make_shared<SearchIndex>(std::move(db));
    return Catalog::Make(std::move(data));
  } catch (const SqliteError& e) {
    return Error{name + ": cannot read the snapshot: " + e.what()};
  } catch (const BadValue& e) {
    return Error{name + ": cannot read the snapshot: " + e.what()};
  } catch (const std::bad_alloc&) {
    return Error{name + ": out of memory while loading the snapshot"};
  }
}

std::vector<std::string> SchemaMismatches() { return SchemaMismatches(kSchemaSql); }

std::vector<std::string> SchemaMismatches(const std::string& schema_sql) {
  std::vector<std::string> out;
  Database db(":memory:", Database::Mode::ReadWriteCreate);
  db.Exec(schema_sql);
  std::set<std::string> described = {"meta", "search"};  // meta: MetaRows; search: db/snapshot/search.h
  for (const TableDescription& t : SnapshotTables()) {
    described.insert(std::string(t.name));
    std::set<std::string> in_schema, in_description(t.columns.begin(), t.columns.end());
    auto st = db.Prepare("SELECT name FROM pragma_table_info(?)");
    st.Bind(1, t.name);
    while (st.Step()) in_schema.insert(st.Text(0));
    if (in_schema.empty()) out.push_back(std::string(t.name) + ": described, but not a table of schema.sql");
    for (const auto& c : in_schema)
      if (!in_description.count(c)) out.push_back(std::string(t.name) + "." + c + ": in schema.sql, not in its description");
    for (const auto& c : in_description)
      if (!in_schema.count(c)) out.push_back(std::string(t.name) + "." + c + ": in its description, not in schema.sql");
    if (in_description.size() != t.columns.size()) out.push_back(std::string(t.name) + ": a column is described twice");
  }
  auto st = db.Prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'");
  while (st.Step())
    if (!described.count(st.Text(0))) out.push_back(st.Text(0) + ": a table of schema.sql that no description fills");
  return out;
}

}  // namespace db
