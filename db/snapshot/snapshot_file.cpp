#include "db/snapshot/snapshot_file.h"

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "db/snapshot/loader.h"
#include "db/snapshot/sqlite.h"

namespace db {

namespace fs = std::filesystem;

// 'FKSN', set by PRAGMA application_id in db/snapshot/schema.sql.
inline constexpr int64_t kApplicationId = 0x464B534E;

std::optional<std::string> CheckSnapshotFile(const std::string& path) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return "no such file";
  if (!fs::is_regular_file(st)) return "not a regular file";
  auto size = fs::file_size(path, ec);
  if (ec) return "cannot read its size: " + ec.message();
  if (size == 0) return "the file is empty";
  std::ifstream in(path, std::ios::binary);
  unsigned char h[100] = {};
  if (!in.read(reinterpret_cast<char*>(h), sizeof h))
    return "not a snapshot (" + std::to_string(size) + " bytes, too short for an SQLite database)";
  if (std::string(reinterpret_cast<char*>(h), 16) != std::string("SQLite format 3\0", 16))
    return "not a snapshot (not an SQLite database)";
  // The header records the database size in pages (valid when "version-valid-for" equals the change
  // counter, as it does for every file SQLite >= 3.7 wrote). A file shorter or longer than that was cut
  // off or appended to: SQLite itself would read a truncated file's missing pages as empty.
  auto be32 = [&](int o) { return uint32_t{h[o]} << 24 | uint32_t{h[o + 1]} << 16 | uint32_t{h[o + 2]} << 8 | h[o + 3]; };
  uint64_t page_size = (uint32_t{h[16]} << 8 | h[17]) == 1 ? 65536 : (uint32_t{h[16]} << 8 | h[17]);
  uint64_t pages = be32(28);
  if (page_size < 512 || (page_size & (page_size - 1)) != 0) return "damaged (bad page size in the header)";
  // Bytes 18 and 19 are 2 in a WAL-mode database: its latest changes may sit in a -wal file beside it that
  // was not copied, so this file alone is not what its author saw. Snapshots are written in rollback mode.
  if (h[18] == 2 || h[19] == 2)
    return "a WAL-mode database (changes may be in a -wal file that is not part of it); build snapshots with "
           "kiosk-snapshot build";
  if (be32(24) == be32(92) && pages * page_size != size)
    return "truncated or damaged (" + std::to_string(size) + " bytes, the header says " +
           std::to_string(pages * page_size) + ")";
  return std::nullopt;
}

std::optional<std::string> CheckSnapshotHeader(Database& db) {
  int64_t app = db.QueryInt("PRAGMA application_id");
  if (app != kApplicationId)
    return "an SQLite database, but not a Forum Kiosk snapshot (application_id " + std::to_string(app) + ")";
  int64_t version = db.QueryInt("PRAGMA user_version");
  if (version != kSchemaVersion)
    return "schema version " + std::to_string(version) + ", this program reads version " +
           std::to_string(kSchemaVersion) + " (rebuild the snapshot with the matching kiosk-snapshot)";
  auto st = db.Prepare("PRAGMA quick_check");
  std::string problems;
  int n = 0;
  while (st.Step()) {
    std::string row = st.Text(0);
    if (row == "ok") continue;
    if (n++ < 3) problems += (problems.empty() ? "" : "; ") + row;
  }
  if (n > 0) return "damaged (SQLite quick_check: " + problems + (n > 3 ? "; ..." : "") + ")";
  return std::nullopt;
}

}  // namespace db
