#include "db/snapshot/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <mutex>

namespace db {

namespace {
// Once per process, before SQLite's first call (sqlite3_malloc64 included): no count of SQLite's memory in
// use (nothing reads it), which costs a global mutex on every allocation of every connection, the checking
// threads' two among them. Where something set SQLite up before, sqlite3_config refuses and the counting
// stays: slower, not wrong.
void ConfigureSqlite() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
  throw SqliteError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

Database::Database(const std::string& path, Mode mode) {
  ConfigureSqlite();
  int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // one connection per thread
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database Database::Adopt(unsigned char* owned, int64_t size, const std::string& name, bool writable) {
  Database d;
  if (sqlite3_open_v2(":memory:", &d.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    sqlite3_free(owned);
    throw SqliteError("cannot open a database in memory for " + name);
  }
  sqlite3_extended_result_codes(d.db_, 1);
  // FREEONCLOSE: SQLite owns `owned` from here on, also when deserializing fails.
  int rc = sqlite3_deserialize(d.db_, "main", owned, size, size, SQLITE_DESERIALIZE_FREEONCLOSE | (writable ? SQLITE_DESERIALIZE_RESIZEABLE : SQLITE_DESERIALIZE_READONLY));
  if (rc != SQLITE_OK) throw SqliteError("cannot read " + name + ": " + sqlite3_errmsg(d.db_));
  return d;
}

Database Database::FromBytes(const std::string& bytes, const std::string& name, bool writable) {
  ConfigureSqlite();
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(bytes.empty() ? 1 : bytes.size()));
  if (!copy) throw SqliteError("out of memory reading " + name);
  std::copy(bytes.begin(), bytes.end(), copy);
  return Adopt(copy, static_cast<int64_t>(bytes.size()), name, writable);
}

std::optional<Database> Database::FromFile(const std::string& path, bool writable) {
  ConfigureSqlite();
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size < 0) return std::nullopt;  // no length (not a regular file): snapshots are files
  in.seekg(0);
  auto* owned = static_cast<unsigned char*>(sqlite3_malloc64(size > 0 ? static_cast<sqlite3_uint64>(size) : 1));
  if (!owned) throw SqliteError("out of memory reading " + path);
  in.read(reinterpret_cast<char*>(owned), size);
  if (in.gcount() != size) {  // shorter than it said: changed while read
    sqlite3_free(owned);
    return std::nullopt;
  }
  return Adopt(owned, size, path, writable);
}

Database Database::Copy(const std::string& name, bool writable) {
  sqlite3_int64 size = 0;
  // NOCOPY: a database in memory hands out its own buffer (null for one on disk, or one not yet written).
  const unsigned char* data = sqlite3_serialize(db_, "main", &size, SQLITE_SERIALIZE_NOCOPY);
  if (!data) throw SqliteError("cannot copy " + name + ": not a database in memory");
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(size > 0 ? static_cast<sqlite3_uint64>(size) : 1));
  if (!copy) throw SqliteError("out of memory copying " + name);
  std::copy(data, data + size, copy);
  return Adopt(copy, size, name, writable);
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

void Database::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw SqliteError(msg);
  }
}

Statement Database::Prepare(std::string_view sql) { return Statement(db_, sql); }

std::string Database::QueryText(std::string_view sql) {
  Statement st(db_, sql);
  return st.Step() ? st.Text(0) : std::string();
}

int64_t Database::QueryInt(std::string_view sql) {
  Statement st(db_, sql);
  return st.Step() ? st.Int(0) : 0;
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    Fail(db, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int i, std::string_view text) {
  if (sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    Fail(db_, "bind");
  return *this;
}

Statement& Statement::BindNullable(int i, const std::string& text) {
  return text.empty() ? BindNull(i) : Bind(i, std::string_view(text));
}

Statement& Statement::Bind(int i, int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}

Statement& Statement::Bind(int i, double v) {
  if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}

Statement& Statement::BindBlob(int i, const void* data, size_t size) {
  if (sqlite3_bind_blob64(stmt_, i, data, size, SQLITE_TRANSIENT) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}

Statement& Statement::BindNull(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(db_, "query failed");
}

void Statement::Run() {
  while (Step()) {
  }
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
int Statement::ColumnType(int i) const { return sqlite3_column_type(stmt_, i); }
Statement::Kind Statement::ColumnKind(int i) const {
  switch (sqlite3_column_type(stmt_, i)) {
    case SQLITE_INTEGER: return Kind::Integer;
    case SQLITE_FLOAT: return Kind::Real;
    case SQLITE_TEXT: return Kind::Text;
    case SQLITE_BLOB: return Kind::Blob;
    default: return Kind::Null;
  }
}

int Statement::ColumnIndex(std::string_view name) const {
  for (int i = 0, n = sqlite3_column_count(stmt_); i < n; ++i)
    if (const char* c = sqlite3_column_name(stmt_, i); c && name == c) return i;
  throw SqliteError("no column " + std::string(name) + " in \"" + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "\"");
}

bool Statement::IsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

std::string Statement::Text(int i) const {
  const auto* p = sqlite3_column_text(stmt_, i);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
}

int64_t Statement::Int(int i) const { return sqlite3_column_int64(stmt_, i); }
double Statement::Real(int i) const { return sqlite3_column_double(stmt_, i); }

std::vector<unsigned char> Statement::Blob(int i) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, i));
  int n = sqlite3_column_bytes(stmt_, i);
  return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

Transaction::Transaction(Database& db) : db_(db) { db_.Exec("BEGIN"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.Exec("ROLLBACK");
  } catch (const SqliteError&) {  // SQLite may have rolled back already (after some errors it does)
  }
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace db
