// The content checksum of a snapshot: SHA-256 over the schema and every row of every table, in a fixed
// order, except the meta row that stores the checksum itself. SQLite's own checks see damaged pages, not a
// changed value in a healthy page; this sees both.
#pragma once
#include <string>

namespace db {

class Database;

// Hex SHA-256 of the database's content as it is now.
std::string ContentChecksum(Database& db);

}  // namespace db
