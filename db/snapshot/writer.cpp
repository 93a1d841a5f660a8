#include "db/snapshot/writer.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "db/model/tables.h"
#include "db/snapshot/checksum.h"
#include "db/snapshot/loader.h"
#include "db/base/files.h"
#include "db/snapshot/schema_sql.h"
#include "db/snapshot/search.h"
#include "db/snapshot/sqlite.h"
#include "db/base/text.h"
#include "db/snapshot/validate.h"

namespace db {

namespace fs = std::filesystem;

namespace {

std::string NowUtc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return FormatInstant(static_cast<int64_t>(t), 0);
}

Statement& BindValue(Statement& st, int i, const FieldValue& v) {
  if (const auto* x = std::get_if<int64_t>(&v)) return st.Bind(i, *x);
  if (const auto* x = std::get_if<double>(&v)) return st.Bind(i, *x);
  if (const auto* x = std::get_if<std::string>(&v)) return st.Bind(i, std::string_view(*x));
  if (const auto* x = std::get_if<std::vector<unsigned char>>(&v)) return st.BindBlob(i, x->data(), x->size());
  return st.BindNull(i);
}

// Every table as SnapshotTables() describes it (db/model/tables.h), then meta.
void WriteAll(Database& db, const Catalog& c, int64_t content_version) {
  SnapshotInfo info{kSchemaVersion, content_version, "", NowUtc(), "kiosk-snapshot " FORUM_KIOSK_VERSION};
  auto meta = db.Prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
  for (const auto& [k, v] : MetaRows(info, c.forum)) {
    meta.Bind(1, std::string_view(k)).Bind(2, std::string_view(v));
    meta.Run();
  }
  for (const TableDescription& t : SnapshotTables()) {
    std::string cols, marks;
    for (auto col : t.columns) {
      cols += (cols.empty() ? "" : ", ") + std::string(col);
      marks += marks.empty() ? "?" : ", ?";
    }
    auto st = db.Prepare("INSERT INTO " + std::string(t.name) + " (" + cols + ") VALUES (" + marks + ")");
    t.rows(c, [&](RowValues&& row) {
      for (size_t i = 0; i < row.size(); ++i) BindValue(st, static_cast<int>(i) + 1, row[i]);
      st.Run();
    });
  }
}

}  // namespace

void WriteSnapshotContent(Database& db, const Catalog& catalog, int64_t content_version) {
  db.Exec("PRAGMA foreign_keys = ON;");
  db.Exec(kSchemaSql);
  {
    Transaction tx(db);
    db.Exec("PRAGMA defer_foreign_keys = ON");  // for this transaction: every reference is checked at COMMIT
    WriteAll(db, catalog, content_version);
    WriteSearchIndex(db, catalog);
    tx.Commit();
  }
  std::string sum = ContentChecksum(db);
  auto st = db.Prepare("INSERT INTO meta (key, value) VALUES ('content_checksum', ?)");
  st.Bind(1, std::string_view(sum));
  st.Run();
}

Result<std::string> WriteSnapshot(const Catalog& catalog, const std::string& path, int64_t content_version) {
  fs::path out = fs::absolute(path);
  fs::path tmp = out;
  tmp += ".partial-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    {
      Database db(tmp.string(), Database::Mode::ReadWriteCreate);
      db.Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
      WriteSnapshotContent(db, catalog, content_version);
      db.Exec("VACUUM");
    }
    // The finished file must pass the same checks the kiosk applies before it is put in place.
    Diagnostics check = ValidateSnapshot(tmp.string());
    if (check.has_errors()) {
      std::string why;
      size_t n = 0;
      for (const auto& d : check.items())
        if (d.severity == Severity::Error && n++ < 20) why += "\n  " + Format(d);
      if (n > 20) why += "\n  ... and " + std::to_string(n - 20) + " more";
      fs::remove(tmp, ec);
      return Error{"the written snapshot does not validate:" + why};
    }
    if (!FsyncPath(tmp.string(), false)) throw SqliteError("cannot fsync " + tmp.string());
    fs::rename(tmp, out, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return Error{"cannot move the snapshot into place at " + out.string() + ": " + ec.message()};
    }
    FsyncPath(out.parent_path().string(), true);
    return out.string();
  } catch (const SqliteError& e) {
    fs::remove(tmp, ec);
    return Error{std::string("cannot write the snapshot: ") + e.what()};
  }
}

}  // namespace db
