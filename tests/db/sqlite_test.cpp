// The SQLite wrapper (db/snapshot/sqlite.h), each class on a fresh in-memory database.
#include <doctest/doctest.h>

#include <stdexcept>

#include "db/snapshot/sqlite.h"

namespace {

db::Database Fresh() {
  db::Database db(":memory:", db::Database::Mode::ReadWriteCreate);
  db.Exec("PRAGMA foreign_keys = ON; CREATE TABLE parent (id TEXT PRIMARY KEY);"
          "CREATE TABLE child (parent_id TEXT REFERENCES parent(id), n INTEGER)");
  return db;
}

}  // namespace

TEST_CASE("a committed transaction keeps its rows") {
  db::Database db = Fresh();
  {
    db::Transaction tx(db);
    db.Exec("INSERT INTO parent VALUES ('a')");
    tx.Commit();
  }
  CHECK(db.QueryInt("SELECT count(*) FROM parent") == 1);
}

TEST_CASE("a transaction left without Commit is rolled back, also when an exception leaves it") {
  db::Database db = Fresh();
  {
    db::Transaction tx(db);
    db.Exec("INSERT INTO parent VALUES ('a')");
  }
  CHECK(db.QueryInt("SELECT count(*) FROM parent") == 0);
  try {
    db::Transaction tx(db);
    db.Exec("INSERT INTO parent VALUES ('b')");
    throw std::runtime_error("something between BEGIN and COMMIT failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(db.QueryInt("SELECT count(*) FROM parent") == 0);
  // No transaction is left open: a new one can begin.
  CHECK_NOTHROW(db::Transaction(db).Commit());
}

TEST_CASE("a COMMIT that fails leaves the transaction to the destructor, which rolls it back") {
  db::Database db = Fresh();
  {
    db::Transaction tx(db);
    db.Exec("PRAGMA defer_foreign_keys = ON");
    db.Exec("INSERT INTO parent VALUES ('a'); INSERT INTO child VALUES ('missing', 1)");
    CHECK_THROWS_AS(tx.Commit(), db::SqliteError);
  }
  CHECK(db.QueryInt("SELECT count(*) FROM parent") == 0);
  CHECK(db.QueryInt("SELECT count(*) FROM child") == 0);
  CHECK_NOTHROW(db::Transaction(db).Commit());
}

TEST_CASE("columns are found by the name the query gives them") {
  db::Database db = Fresh();
  db.Exec("INSERT INTO child VALUES (NULL, 7)");
  auto st = db.Prepare("SELECT n, parent_id AS p FROM child");
  REQUIRE(st.Step());
  CHECK(st.ColumnIndex("n") == 0);
  CHECK(st.ColumnIndex("p") == 1);
  CHECK(st.ColumnKind(st.ColumnIndex("n")) == db::Statement::Kind::Integer);
  CHECK(st.ColumnKind(st.ColumnIndex("p")) == db::Statement::Kind::Null);
  CHECK_THROWS_AS(st.ColumnIndex("parent_id"), db::SqliteError);  // renamed by AS
}
