#include "db/validate.h"

#include "db/catalog.h"
#include "db/check.h"
#include "db/checksum.h"
#include "db/schema_sql.h"
#include "db/snapshot_file.h"
#include "db/sqlite.h"
#include "db/text.h"

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

Diagnostics ValidateSnapshot(const std::string& path) {
  Diagnostics d;
  auto fail = [&](const std::string& msg) {
    d.Error(path, 0, "", msg);
    return d;
  };
  try {
    if (auto problem = CheckSnapshotFile(path)) return fail(*problem);
    Database db(path, Database::Mode::ReadOnly);
    if (auto problem = CheckSnapshotHeader(db)) return fail(*problem);
    {
      auto st = db.Prepare("PRAGMA integrity_check");
      int n = 0;
      while (st.Step())
        if (st.Text(0) != "ok" && n++ < 5) d.Error(path, 0, "integrity_check", st.Text(0));
      if (n) return d;
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
    try {  // FTS5 compares its index with the rows the checksum covers; it needs a writable connection, so
           // it runs on a private copy in memory
      auto bytes = ReadWholeFile(path);
      if (!bytes) return fail("cannot read the file");
      Database copy = Database::FromBytes(*bytes, path, true);
      copy.Exec("INSERT INTO search(search) VALUES ('integrity-check')");
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
  } catch (const SqliteError& e) {
    return fail(std::string("cannot read the snapshot: ") + e.what());
  }
  auto loaded = LoadCatalog(path);
  if (!loaded) return fail(loaded.error().message);
  Diagnostics rules;
  CheckCatalog(*loaded.value(), rules);
  for (auto item : rules.items()) {
    if (item.file.empty() || item.line == 0) item.file = path + " (" + item.file + ")";
    d.Add(std::move(item));
  }
  return d;
}

}  // namespace db
