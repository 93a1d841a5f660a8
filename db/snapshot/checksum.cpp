#include "db/snapshot/checksum.h"

#include <sodium.h>
#include <sqlite3.h>

#include <cstring>
#include <vector>

#include "db/snapshot/sqlite.h"
#include "db/base/text.h"

namespace db {

namespace {

// SHA-256 of the stream of tagged values below. The stream is gathered in a buffer and hashed in large
// pieces: the hash of a stream does not depend on how it is cut, and a value is two or three small pieces
// (a call each cost more than hashing them, 0.5 s at 20,000 exhibitors).
struct Hasher {
  crypto_hash_sha256_state st;
  std::string buffer;
  static constexpr size_t kFlushAt = 1 << 16;
  Hasher() {
    crypto_hash_sha256_init(&st);
    buffer.reserve(kFlushAt + 64);
  }
  void Flush() {
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buffer.data()), buffer.size());
    buffer.clear();
  }
  void Bytes(const void* p, size_t n) {
    if (n >= kFlushAt) {  // a picture: straight through
      Flush();
      crypto_hash_sha256_update(&st, static_cast<const unsigned char*>(p), n);
      return;
    }
    buffer.append(static_cast<const char*>(p), n);
    if (buffer.size() >= kFlushAt) Flush();
  }
  void U64(uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
    Bytes(b, 8);
  }
  // Type tag + length + bytes: no two different rows can hash the same stream.
  void Value(char tag, const void* p, size_t n) {
    Bytes(&tag, 1);
    U64(n);
    if (n) Bytes(p, n);
  }
  void Str(const std::string& s) { Value('s', s.data(), s.size()); }
  std::string Hex() {
    Flush();
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, out);
    return HexLower(out, sizeof out);
  }
};

}  // namespace

std::string ContentChecksum(Database& db) {
  Hasher h;
  h.Str("forum-kiosk-snapshot-checksum-1");
  h.U64(static_cast<uint64_t>(db.QueryInt("PRAGMA application_id")));
  h.U64(static_cast<uint64_t>(db.QueryInt("PRAGMA user_version")));
  std::vector<std::string> tables;
  {
    auto st = db.Prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
    while (st.Step()) {
      for (int i = 0; i < 4; ++i) h.Str(st.Text(i));
      // FTS5's shadow tables (search_data, ...) are left out: their bytes depend on how the index was
      // merged, not on what it says. The virtual table `search` itself is hashed by its rows, and
      // `validate` runs FTS5's integrity-check, which proves the index agrees with them.
      if (st.Text(0) == "table" && st.Text(1).rfind("sqlite_", 0) != 0 && st.Text(1).rfind("search_", 0) != 0)
        tables.push_back(st.Text(1));
    }
  }
  for (const auto& t : tables) {
    h.Str("table:" + t);
    int ncol = 0;
    {
      auto st = db.Prepare("SELECT * FROM \"" + t + "\" LIMIT 0");
      ncol = st.ColumnCount();
    }
    std::string order;
    for (int i = 1; i <= ncol; ++i) order += (i > 1 ? "," : "") + std::to_string(i);
    std::string where = t == "meta" ? " WHERE key <> 'content_checksum'" : "";
    auto st = db.Prepare("SELECT * FROM \"" + t + "\"" + where + " ORDER BY " + order);
    while (st.Step()) {
      h.Value('r', nullptr, 0);
      for (int i = 0; i < ncol; ++i) {
        switch (st.ColumnType(i)) {
          case SQLITE_NULL: h.Value('n', nullptr, 0); break;
          case SQLITE_INTEGER: {
            uint64_t v = static_cast<uint64_t>(st.Int(i));
            h.Value('i', nullptr, 0);
            h.U64(v);
            break;
          }
          case SQLITE_FLOAT: {
            double d = st.Real(i);
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            h.Value('f', nullptr, 0);
            h.U64(bits);
            break;
          }
          case SQLITE_BLOB: {  // read in place: a picture is not copied to be hashed
            const void* b = sqlite3_column_blob(st.handle(), i);
            h.Value('b', b, static_cast<size_t>(sqlite3_column_bytes(st.handle(), i)));
            break;
          }
          default: {
            const unsigned char* t = sqlite3_column_text(st.handle(), i);
            h.Value('t', t, t ? static_cast<size_t>(sqlite3_column_bytes(st.handle(), i)) : 0);
          }
        }
      }
    }
  }
  return h.Hex();
}

}  // namespace db
