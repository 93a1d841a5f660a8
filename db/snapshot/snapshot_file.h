// The first checks on a file that claims to be a snapshot, shared by the loader and `validate`: cheap, and
// in an order that gives the most useful reason first (missing > empty > not SQLite > other schema > damaged).
#pragma once
#include <optional>
#include <string>

namespace db {

class Database;

// File-level: exists, is a regular file, is not empty, starts with the SQLite header. nullopt when fine.
std::optional<std::string> CheckSnapshotFile(const std::string& path);
// Database-level: application id, schema version, PRAGMA quick_check. nullopt when fine.
std::optional<std::string> CheckSnapshotHeader(Database& db);

}  // namespace db
