// RAII over the SQLite C API: a move-only connection and statement, finalized/closed in the destructor, and
// a transaction rolled back in its destructor unless committed.
// Failures throw db::SqliteError inside the db layer; the public entry points (LoadCatalog, Validate,
// Build) catch it and hand back an error value, so no exception ever reaches the UI.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace db {

struct SqliteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Statement;

class Database {
 public:
  enum class Mode { ReadOnly, ReadWriteCreate };
  // ReadOnly is the default: the kiosk never writes its snapshot. Throws SqliteError.
  explicit Database(const std::string& path, Mode mode = Mode::ReadOnly);
  // A database in memory holding a copy of `bytes` (a whole snapshot file): what the kiosk reads then never
  // touches the disk. Read-only unless `writable` (a private copy: nothing reaches the file). Throws SqliteError.
  static Database FromBytes(const std::string& bytes, const std::string& name, bool writable = false);
  // The same for the file at `path`, read straight into SQLite's buffer (one copy of a 100 MB snapshot, not
  // two). nullopt when the file cannot be opened or read whole; throws SqliteError when SQLite refuses it.
  static std::optional<Database> FromFile(const std::string& path, bool writable = false);
  // A second connection on a copy of this in-memory database (FromBytes or FromFile), for another thread:
  // a connection serves one thread at a time. Throws SqliteError.
  Database Copy(const std::string& name, bool writable = false);
  ~Database();
  Database(Database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;

  void Exec(const std::string& sql);  // one or more statements, no results
  Statement Prepare(std::string_view sql);
  // The first column of the first row as text ("" when there is no row or it is NULL).
  std::string QueryText(std::string_view sql);
  int64_t QueryInt(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  Database() = default;
  // A connection in memory on `owned` (from sqlite3_malloc64), which SQLite frees, also when this throws.
  static Database Adopt(unsigned char* owned, int64_t size, const std::string& name, bool writable);
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  // Binding is 1-based as in SQLite. An empty optional text binds NULL.
  Statement& Bind(int i, std::string_view text);
  Statement& BindNullable(int i, const std::string& text);  // "" -> NULL
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, double v);
  Statement& BindBlob(int i, const void* data, size_t size);
  Statement& BindNull(int i);

  bool Step();   // true while a row is available
  void Run();    // step to completion, for statements without results; then Reset()
  void Reset();

  int ColumnCount() const;
  int ColumnType(int i) const;  // SQLITE_INTEGER, ...
  enum class Kind { Integer, Real, Text, Blob, Null };
  Kind ColumnKind(int i) const;  // the same, without sqlite3.h
  // The index of the result column called `name` (as the SELECT names it). Throws SqliteError when there is
  // none: a description and the query disagree, a bug, not bad input.
  int ColumnIndex(std::string_view name) const;
  bool IsNull(int i) const;
  std::string Text(int i) const;  // "" for NULL
  int64_t Int(int i) const;
  double Real(int i) const;
  std::vector<unsigned char> Blob(int i) const;
  sqlite3_stmt* handle() { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// A transaction on `db`: BEGIN in the constructor, ROLLBACK in the destructor unless Commit() succeeded (as
// SQLiteCpp's Transaction), so an exception between the two can never leave it open. Not copyable; used on
// the thread that uses `db`, which must outlive it.
class Transaction {
 public:
  explicit Transaction(Database& db);  // throws SqliteError
  ~Transaction();                      // never throws: a failed ROLLBACK leaves nothing to do
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Throws SqliteError when COMMIT fails (a deferred foreign key, a full disk); the transaction is then still
  // open, and the destructor rolls it back.
  void Commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace db
