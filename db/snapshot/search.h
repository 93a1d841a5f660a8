// Search: the FTS5 index a snapshot carries (schema.sql, section Search), written by `kiosk-snapshot build`
// and read by the kiosk and `kiosk-snapshot search` through the same Search() below.
//
// What a visitor types is never FTS5 syntax: it is folded (db/snapshot/search_fold.h) into words of letters and digits,
// and each word becomes a quoted prefix term ("ast"*). Quotes, operators, emoji, control characters or 10,000
// characters of input give results or none, never an error; at most kMaxQueryWords words of at most
// kMaxWordBytes bytes are used.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/model/catalog.h"
#include "db/base/result.h"

namespace db {

class Database;

struct SearchHit {
  // One name table (KindName), kept in step by a static_assert in search.cpp on the last kind.
  enum class Kind { Exhibitor, Organization, Country, Agreement, Session, Person, Place };
  Kind kind = Kind::Exhibitor;
  std::string ref;     // organization id, country code, agreement id, session id, person id, location id
  double score = 0;    // higher is better; comparable within one search
};
const char* KindName(SearchHit::Kind k);  // "exhibitor", ... (as stored in the index)

// How results are grouped on screen: exhibitors (with other organizations and countries), sessions,
// agreements, people, places.
enum class SearchGroup { Exhibitors, Sessions, Agreements, People, Places };
SearchGroup GroupOf(SearchHit::Kind k);
const char* GroupName(SearchGroup g);  // "exhibitors", ...

inline constexpr size_t kMaxQueryWords = 8;
inline constexpr size_t kMaxWordBytes = 64;

// The index of one loaded snapshot. Owns a read-only connection (in memory, see LoadCatalog) and the two
// prepared statements every search steps. Thread rules: Find may be called from any thread; calls are
// serialized by a mutex, because the connection is opened SQLITE_OPEN_NOMUTEX and the statements are shared
// by every caller (a catalog and the variants copied from it share one index). In practice the kiosk's UI
// thread searches, and the loading thread runs CheckSearchQueries before it hands the catalog over. Find is
// not `const`: it steps those statements. Not copyable (the connection is one).
class SearchIndex {
 public:
  explicit SearchIndex(Database db);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  struct Match {
    SearchHit::Kind kind;
    std::string ref, lang;
    double bm25;  // lower is better (FTS5)
  };
  enum class Order {
    Ranked,     // best bm25 first (names weigh 10 times the rest); scores every match, for specific queries
    Source,     // in index order (exhibitors first); stops after `limit`, for short queries that match a lot
    NameStart,  // only rows whose name starts with the words, in index order
  };
  // Rows whose words start with every one of `words` (already folded), at most `limit`. An Error when the
  // index cannot answer (a damaged index that `validate` did not catch): never an exception.
  Result<std::vector<Match>> Find(const std::vector<std::string>& words, size_t limit, Order order);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fills the `search` table for `c` (the writer calls it inside its transaction).
void WriteSearchIndex(Database& db, const Catalog& c);

// The visitor's search: hits grouped (groups ordered by their best hit), best first within a group, at most
// `per_group` each. A name that starts with what was typed, in the visitor's language, ranks first.
// Empty when nothing matches, the query has no letters or digits, or `c` has no index; an Error when the
// index cannot answer.
Result<std::vector<SearchHit>> Search(const Catalog& c, std::string_view query, std::string_view lang, size_t per_group = 8);

// Runs the kiosk's queries (every order Search uses) on `c`'s index for a probe of the words it holds: the
// letters most words start with, alone and as their longest word. A damaged index can pass FTS5's
// integrity-check and still fail these. nullopt when every query answered.
std::optional<std::string> CheckSearchQueries(const Catalog& c);

// The name a hit is shown under, in `lang` ("" when the thing is gone).
std::string HitTitle(const Catalog& c, const SearchHit& h, std::string_view lang);

}  // namespace db
