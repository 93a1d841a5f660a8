// Search: the FTS5 index a snapshot carries (schema.sql, section Search), written by `kiosk-snapshot build`
// and read by the kiosk and `kiosk-snapshot search` through the same Search() below.
//
// What a visitor types is never FTS5 syntax: it is folded (db/snapshot/search_fold.h) into words of letters and digits,
// and each word becomes a quoted prefix term ("ast"*). Quotes, operators, emoji, control characters or 10,000
// characters of input give results or none, never an error; at most kMaxQueryWords words of at most
// kMaxWordBytes bytes are used.
//
// The order of the results, one rule for every group and for a group's full list ("show all N"):
//   1. where the words were found (SearchHit::Where): a name or title that starts with them (FTS5's `^` on
//      the name column, or an exhibitor's short name in the visitor's language), then a name or title that
//      holds every word, then a match only in the other text (a description, a biography, a session's
//      speakers, room and track). "rust" finds "Rust in Mercurial" before "Rustls" before a talk whose
//      description says "Rüstungsgüter" (folding ü to u is right; ranking it first was not); at one place,
//      an exhibitor before anything else (what most visitors look for: Astana Hub before Astana's akimat);
//   2. FTS5's bm25 over both columns, the name weighing 10 times the rest (lower is better);
//   3. ties: sessions by start time, everything else by the name shown in the visitor's language, then id.
// Counts are exact: every thing that matches is counted (one per thing, whatever its languages' rows).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/model/catalog.h"
#include "db/base/result.h"
#include "db/snapshot/search_postings.h"

namespace db {

class Database;

struct SearchHit {
  // One name table (KindName), kept in step by a static_assert in search.cpp on the last kind.
  enum class Kind { Exhibitor, Organization, Country, Agreement, Session, Person, Place };
  // Where the words were found, best first (rule 1 of the order above). Names: WhereName.
  enum class Where { NameStart, Name, Text };
  Kind kind = Kind::Exhibitor;
  std::string ref;     // organization id, country code, agreement id, session id, person id, location id
  Where where = Where::Text;
  double bm25 = 0;     // FTS5's bm25 of its best row (lower is better); comparable within one search
};
const char* KindName(SearchHit::Kind k);  // "exhibitor", ... (as stored in the index)
const char* WhereName(SearchHit::Where w);  // "name_start", "name", "text"

// How results are grouped on screen: exhibitors (with other organizations and countries), sessions,
// agreements, people, places.
enum class SearchGroup { Exhibitors, Sessions, Agreements, People, Places };
SearchGroup GroupOf(SearchHit::Kind k);
const char* GroupName(SearchGroup g);  // "exhibitors", ...

// The visitor's search, grouped. Each group holds its first hits, best first, and how many things of it
// match in all (exact); groups come in the order of their best hit (rule 1 and 2 above, across groups).
struct SearchResults {
  struct Group {
    SearchGroup group = SearchGroup::Exhibitors;
    size_t count = 0;             // every thing of this group that matches
    std::vector<SearchHit> hits;  // the first min(count, per_group), in order
  };
  std::vector<Group> groups;
  bool empty() const { return groups.empty(); }
  const Group* Find(SearchGroup g) const;  // null when nothing of that group matches
};
// per_group for a group's full list: every hit of every group.
inline constexpr size_t kAllHits = static_cast<size_t>(-1);

inline constexpr size_t kMaxQueryWords = 8;
inline constexpr size_t kMaxWordBytes = 64;

// The index of one loaded snapshot. Owns a read-only connection (in memory, see LoadCatalog) and, from the
// first Find on, the kind and id of every row and the index's postings in memory (search_postings.h): a
// keystroke is answered from those, without stepping SQLite per match (a letter matches most rows of a large
// forum). FTS5 stays the reference: FindWithFts5 asks FTS5 itself the same question, and CheckSearchQueries
// compares the two on every snapshot the kiosk opens. Thread rules: Find may be called from any thread;
// calls are serialized by a mutex (the connection is opened SQLITE_OPEN_NOMUTEX and the scratch is shared by
// every caller: a catalog and the variants copied from it share one index). In practice the kiosk's search
// thread searches, and the loading thread runs CheckSearchQueries before it hands the catalog over. Find is
// not `const`: it uses that scratch. Not copyable (the connection is one).
class SearchIndex {
 public:
  explicit SearchIndex(Database db);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // One thing whose rows hold every one of the words: where they were found in its best row and the best
  // bm25 of its rows (FTS5's bm25, lower is better; names weigh 10 times the rest).
  struct Match {
    SearchHit::Kind kind;
    const std::string* ref;  // the thing's id, owned by the index (valid while it lives)
    SearchHit::Where where;
    double bm25 = 0;
    uint32_t thing = 0;  // which thing (the index's number for it)
  };
  // Everything whose words start with every one of `words` (already folded), one Match per thing, in no
  // particular order. An Error when the index cannot answer (a damaged index that `validate` did not catch):
  // never an exception; the first call reads the postings (at 20,000 exhibitors about half a second).
  Result<std::vector<Match>> Find(const std::vector<std::string>& words);
  // The same answer, from FTS5's own queries (`MATCH` with bm25(), the name column filter and `^`): the
  // reference Find is checked against. Slow on a large forum (every match is a step of SQLite).
  Result<std::vector<Match>> FindWithFts5(const std::vector<std::string>& words);
  // The `n` letters most of the index's words start with, each with its longest word (from the postings:
  // SearchPostings::CommonLetters); an Error when the index cannot answer, as Find.
  Result<std::vector<SearchPostings::Letter>> CommonLetters(size_t n);

  // What orders one language's hits beyond the index, by thing (Match::thing): rule 1's short names and rule
  // 3's times and names. Made from `c` on the first search in `lang` (about 40 ms at 20,000 exhibitors;
  // PrepareSearch makes every language's on the loading thread) and kept: a variant made from a loaded
  // catalog shares its index, so its texts are the index's. Then a keystroke reads arrays instead of looking
  // each of thousands of hits up in the catalog.
  struct Names {
    std::vector<uint32_t> name_rank;  // the rank of the name shown in the language; equal names, equal ranks
    std::vector<int64_t> starts;      // a session's start (UTC seconds); 0 for other things
    std::string short_names;          // the short names of exhibitors and organizations, folded, one after another
    std::vector<uint32_t> short_at;   // thing t's is short_names[short_at[t], short_at[t + 1])
    std::string_view ShortName(uint32_t t) const { return std::string_view(short_names).substr(short_at[t], short_at[t + 1] - short_at[t]); }
  };
  const Names& NamesIn(const Catalog& c, std::string_view lang);

  // Reads the postings if not yet read, then closes the connection and frees the snapshot's copy in memory
  // (at 20,000 exhibitors 100 MB; the kiosk's catalog holds everything else it shows): Find goes on,
  // FindWithFts5 is an Error from then on. PrepareSearch calls it.
  void CloseFts5();
  bool Fts5Open();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether two answers to one question are the same things, each found where and ranked as in the other
// (bm25 to the last bit); nullopt when they are, else the first difference in words.
std::optional<std::string> SameMatches(std::vector<SearchIndex::Match> a, std::vector<SearchIndex::Match> b);

// Fills the `search` table for `c` (the writer calls it inside its transaction).
void WriteSearchIndex(Database& db, const Catalog& c);

// The visitor's search in the order described at the top, at most `per_group` hits per group (kAllHits: all
// of them, for "show all N"). Empty when nothing matches, the query has no letters or digits, or `c` has no
// index; an Error when the index cannot answer.
Result<SearchResults> Search(const Catalog& c, std::string_view query, std::string_view lang, size_t per_group = 8);

// Asks `c`'s index, through Find and through FTS5 (FindWithFts5), for a probe of the words it holds: the
// letters most of its words start with, alone and as their longest word (SearchIndex::CommonLetters), and
// compares the answers. A damaged index
// can pass FTS5's integrity-check and still fail these. nullopt when every query answered the same. On an
// index whose FTS5 is closed (a catalog from OpenSnapshot, already checked) only Find is asked.
std::optional<std::string> CheckSearchQueries(const Catalog& c);

// What the kiosk's way in (CheckSnapshot, behind OpenSnapshot and every install) does once a snapshot has
// passed every check, CheckSearchQueries included: every language's NamesIn made, then CloseFts5, so that
// no visitor's keystroke pays for either and the snapshot's copy in memory is freed.
void PrepareSearch(const Catalog& c);

// The name a hit is shown under, in `lang` ("" when the thing is gone).
std::string HitTitle(const Catalog& c, const SearchHit& h, std::string_view lang);

}  // namespace db
