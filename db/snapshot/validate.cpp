#include "db/snapshot/validate.h"

#include <optional>

#include "db/model/catalog.h"
#include "db/model/check.h"
#include "db/snapshot/checksum.h"
#include "db/snapshot/schema_sql.h"
#include "db/snapshot/snapshot_file.h"
#include "db/snapshot/search.h"
#include "db/snapshot/sqlite.h"
#include "db/base/text.h"

namespace db {

namespace {

// type|name|sql of every schema object, in name order.
std::string SchemaFingerprint(Database& db) {
  std::string out;
  auto st = db.Prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
  while (st.Step()) out += st.Text(0) + "|" + st.Text(1) + "|" + st.Text(2) + "\n";
  return out;
}

}  // namespace

CheckedSnapshot CheckSnapshot(const std::string& path) {
  CheckedSnapshot out;
  Diagnostics& d = out.diagnostics;
  auto fail = [&](const std::string& msg) {
    d.Error(path, 0, "", msg);
    return std::move(out);
  };
  std::shared_ptr<const Catalog> loaded;
  try {
    if (auto problem = CheckSnapshotFile(path)) return fail(*problem);
    // Read once; every check and the catalog work on this copy, so a file replaced after this point cannot
    // change what was checked. Writable: FTS5's integrity-check needs it (nothing is written).
    std::optional<Database> opened = Database::FromFile(path, true);
    if (!opened) return fail("cannot read the file");
    Database db = std::move(*opened);
    if (auto problem = CheckSnapshotHeader(db)) return fail(*problem);
    {
      auto st = db.Prepare("PRAGMA integrity_check");
      int n = 0;
      while (st.Step())
        if (st.Text(0) != "ok" && n++ < 5) d.Error(path, 0, "integrity_check", st.Text(0));
      if (n) return out;
    }
    {
      Database expected(":memory:", Database::Mode::ReadWriteCreate);
      expected.Exec(kSchemaSql);
      if (SchemaFingerprint(db) != SchemaFingerprint(expected))
        return fail("the tables differ from schema version " + std::to_string(kSchemaVersion) +
                    " (the file was changed by hand or made by another tool)");
    }
    {
      auto st = db.Prepare("PRAGMA foreign_key_check");
      int n = 0;
      while (st.Step())
        if (n++ < 10)
          d.Error(path, 0, st.Text(0), "row " + st.Text(1) + " refers to a missing row of " + st.Text(2));
    }
    try {  // FTS5 compares its index with the rows the checksum covers
      db.Exec("INSERT INTO search(search) VALUES ('integrity-check')");
    } catch (const SqliteError& e) {
      return fail(std::string("the search index is damaged: ") + e.what());
    }
    std::string recorded = db.QueryText("SELECT value FROM meta WHERE key = 'content_checksum'");
    std::string actual = ContentChecksum(db);
    if (recorded.empty()) return fail("no content checksum in meta: not a finished snapshot");
    if (recorded != actual)
      return fail("the content checksum does not match: the file was changed or damaged after it was built "
                  "(recorded " + recorded.substr(0, 12) + "..., now " + actual.substr(0, 12) + "...)");
    std::string version = db.QueryText("SELECT value FROM meta WHERE key = 'content_version'");
    if (version.empty() || version.find_first_not_of("0123456789") != std::string::npos)
      d.Error(path, 0, "meta.content_version", "'" + version + "' is not a whole number");
    auto c = LoadCatalogFrom(std::move(db), path);
    if (!c) return fail(c.error().message);
    loaded = std::move(c.value());
  } catch (const SqliteError& e) {
    return fail(std::string("cannot read the snapshot: ") + e.what());
  } catch (const std::bad_alloc&) {
    return fail("out of memory while checking the snapshot");
  }
  Diagnostics rules;
  CheckCatalog(*loaded, rules);
  for (auto item : rules.items()) {
    if (item.file.empty() || item.line == 0) item.file = path + " (" + item.file + ")";
    d.Add(std::move(item));
  }
  if (auto problem = CheckSearchQueries(*loaded)) d.Error(path, 0, "search", "the search index is damaged: " + *problem);
  if (!d.has_errors()) {
    PrepareSearch(*loaded);  // checked: only the postings are searched from now on
    out.catalog = std::move(loaded);
  }
  return out;
}

Diagnostics ValidateSnapshot(const std::string& path) { return CheckSnapshot(path).diagnostics; }

Result<std::shared_ptr<const Catalog>> OpenSnapshot(const std::string& path) {
  CheckedSnapshot checked = CheckSnapshot(path);
  if (checked.catalog) return checked.catalog;
  const Diagnostic* first = checked.diagnostics.first_error();
  std::string why = first ? Format(*first) : "it does not validate";
  int n = checked.diagnostics.error_count();
  if (n > 1) why += " (and " + std::to_string(n - 1) + " more problem(s))";
  return Error{why + "; `kiosk-snapshot validate " + path + "` lists every problem"};
}

}  // namespace db
