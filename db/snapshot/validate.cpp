#include "db/snapshot/validate.h"

#include <atomic>
#include <future>
#include <optional>
#include <system_error>

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

// The catalog's half of CheckSnapshot: loading it from its own copy of the snapshot, then the search
// checks and the search's preparation, on a thread of its own while the calling thread runs the database's
// checks (at 20,000 exhibitors each half takes about 2.5 s: together they take the time of one). What it
// finds counts only once the database's checks have passed; stop_ says they failed, and what is left is
// skipped.
class CatalogSide {
 public:
  CatalogSide(Database copy, const std::string& path)
      : loaded_future_(loaded_.get_future()),
        searched_(std::async(std::launch::async, [this, path, db = std::move(copy)]() mutable { return Run(std::move(db), path); })) {}
  // Stops what is left and waits for the thread: the work it does uses this object.
  ~CatalogSide() {
    stop_ = true;
    if (searched_.valid()) searched_.wait();
  }
  // The loaded catalog, or why it could not be loaded; waits for it. Call once.
  Result<std::shared_ptr<const Catalog>> Loaded() { return loaded_future_.get(); }
  // What the search checks found, in words, nullopt when they passed (and the search is prepared); waits.
  // Call once.
  std::optional<std::string> Searched() { return searched_.get(); }

 private:
  // The thread's exception boundary: everything it throws becomes a problem in words.
  std::optional<std::string> Run(Database db, const std::string& path) noexcept {
    bool told = false;
    std::optional<std::string> problem;
    std::optional<Error> failed = Guard("checking the snapshot's catalog", [&] {
      Result<std::shared_ptr<const Catalog>> c = LoadCatalogFrom(std::move(db), path);
      std::shared_ptr<const Catalog> catalog = c ? c.value() : nullptr;
      told = true;
      loaded_.set_value(std::move(c));
      if (!catalog || stop_) return;
      if (auto damaged = CheckSearchQueries(*catalog)) problem = "the search index is damaged: " + *damaged;
      else if (!stop_) PrepareSearch(*catalog);  // checked: only the postings are searched from now on
    });
    if (failed && !told) loaded_.set_value(*failed);
    return failed ? failed->message : problem;
  }

  std::atomic<bool> stop_{false};
  std::promise<Result<std::shared_ptr<const Catalog>>> loaded_;
  std::future<Result<std::shared_ptr<const Catalog>>> loaded_future_;
  std::future<std::optional<std::string>> searched_;  // last: started once everything above exists
};

}  // namespace

CheckedSnapshot CheckSnapshot(const std::string& path) {
  CheckedSnapshot out;
  Diagnostics& d = out.diagnostics;
  auto fail = [&](const std::string& msg) {
    d.Error(path, 0, "", msg);
    return std::move(out);
  };
  std::optional<CatalogSide> catalog_side;
  std::shared_ptr<const Catalog> loaded;
  try {
    if (auto problem = CheckSnapshotFile(path)) return fail(*problem);
    // Read once; every check and the catalog work on this copy (and the catalog's copy of it), so a file
    // replaced after this point cannot change what was checked. Writable: FTS5's integrity-check needs it
    // (nothing is written).
    std::optional<Database> opened = Database::FromFile(path, true);
    if (!opened) return fail("cannot read the file");
    Database db = std::move(*opened);
    if (auto problem = CheckSnapshotHeader(db)) return fail(*problem);
    catalog_side.emplace(db.Copy(path), path);
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
    auto c = catalog_side->Loaded();
    if (!c) return fail(c.error().message);
    loaded = std::move(c.value());
  } catch (const SqliteError& e) {
    return fail(std::string("cannot read the snapshot: ") + e.what());
  } catch (const std::bad_alloc&) {
    return fail("out of memory while checking the snapshot");
  } catch (const std::system_error& e) {  // no thread for the catalog's half
    return fail(std::string("cannot check the snapshot: ") + e.what());
  }
  Diagnostics rules;
  CheckCatalog(*loaded, rules);
  for (auto item : rules.items()) {
    if (item.file.empty() || item.line == 0) item.file = path + " (" + item.file + ")";
    d.Add(std::move(item));
  }
  if (auto problem = catalog_side->Searched()) d.Error(path, 0, "search", *problem);
  if (!d.has_errors()) out.catalog = std::move(loaded);
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
