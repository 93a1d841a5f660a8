// The search index's postings held in memory, so that a keystroke is answered in milliseconds at any size.
//
// Why: FTS5 answers a query by stepping SQLite once per matching row, and a letter matches most rows of a
// large forum ("t" matches 235,771 of the 244,933 rows of the synthetic 20,000-exhibitor forum: 18 ms only
// to count them, 230 ms with where the words are and their bm25). Here every term's rows are an array and a
// prefix is a range of terms, so a letter is one pass over arrays.
//
// What is read and computed is FTS5's own, so the answers are the same as FTS5's:
//   - the postings come from FTS5 itself (its fts5vocab 'instance' table, which decodes FTS5's segments:
//     nothing here parses them, and nothing here tokenizes: the terms are FTS5's);
//   - a word matches as FTS5's quoted prefix term does ("ast"* matches every term starting with those
//     bytes), in any column, in the name column (`name : (...)`), or as the name's first token (`^`);
//   - bm25 is FTS5's bm25() (ext/fts5/fts5_aux.c: k1 = 1.2, b = 0.75, the IDF of a phrase floored at 1e-6,
//     the row's length over all its columns), with the kiosk's weights (kNameWeight, kBodyWeight).
// SearchIndex (search.h) checks the two agree on every snapshot it opens, and tests/db/search_postings_test.cpp
// compares them on many queries.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace db {

class Database;

// bm25's column weights: a word in a name or title counts ten times one in the other text.
inline constexpr double kNameWeight = 10.0;
inline constexpr double kBodyWeight = 1.0;

class SearchPostings {
 public:
  // Reads every posting of `db`'s `search` table (built by WriteSearchIndex). Throws SqliteError when FTS5
  // cannot read its index (a damaged one). Rowids above 2^28 are not the writer's and are left out.
  // Prefixes of one or two bytes whose terms have at least `prefix_list_min` postings between them get a
  // list of their own, merged by row (as FTS5's `prefix = '1 2'` indexes): a letter is then one pass over one
  // list instead of thousands of terms' rows. The default keeps them to large forums ("t" at 20,000
  // exhibitors: 3,945 terms, 394,391 postings, 235,771 rows); the demo has none.
  static constexpr size_t kPrefixListMin = 20000;
  static SearchPostings Read(Database& db, size_t prefix_list_min = kPrefixListMin);

  struct Row {
    uint32_t rowid = 0;
    // Where every word is: 0 the name starts with the first and holds the others (`name : (^...)`), 1 the
    // name holds them all (`name : (...)`), 2 they are in the row, some outside the name.
    uint8_t where = 2;
    double bm25 = 0;  // FTS5's bm25 of the row for these words (lower is better)
  };
  // Every row that holds every one of `words` (each a prefix; non-empty, folded, without quotes or spaces),
  // in no particular order, into `out` (cleared first). Not const: it uses scratch arrays, so one call at a
  // time (SearchIndex holds a mutex).
  void Match(const std::vector<std::string>& words, std::vector<Row>& out);

  const std::string& last_term() const { return terms_.empty() ? kNone : terms_.back(); }
  // The `n` letters (a term's first character) most of the index's words start with, each with its longest
  // term: what CheckSearchQueries asks about. Most words first, then by the letter's bytes.
  struct Letter {
    std::string letter, longest;
    uint64_t words = 0;  // the instances of its terms
  };
  std::vector<Letter> CommonLetters(size_t n) const;

 private:
  struct Posting {
    uint32_t rowid;
    uint32_t name;  // instances in the name column; the top bit: one of them is the name's first token
    uint32_t body;  // instances in the other text
  };
  static constexpr uint32_t kFirst = 0x80000000u;
  static inline const std::string kNone;

  std::vector<std::string> terms_;     // sorted as FTS5 sorts them (bytes)
  std::vector<uint32_t> term_begin_;   // postings of terms_[i]: [term_begin_[i], term_begin_[i + 1])
  std::vector<Posting> postings_;
  // The prefix lists: prefixes_[i]'s rows are prefix_postings_[prefix_begin_[i], prefix_begin_[i + 1]),
  // one Posting per row (rowid order) with the sums over the prefix's terms.
  std::vector<std::string> prefixes_;
  std::vector<uint32_t> prefix_begin_;
  std::vector<Posting> prefix_postings_;
  void MakePrefixLists(size_t min_postings);
  std::vector<uint32_t> length_;       // by rowid: tokens of the row over all columns (FTS5's xColumnSize(-1))
  size_t rows_ = 0;                    // rows in the table (FTS5's xRowCount)
  double avgdl_ = 0;                   // tokens per row (FTS5's xColumnTotalSize(-1) / xRowCount)

  // Scratch, by rowid (see Match): the word that last counted the row, what that word found in it, how
  // many words the row has held so far in this call, and its state.
  std::vector<uint32_t> word_stamp_, call_stamp_;
  std::vector<uint32_t> acc_name_, acc_body_;
  std::vector<uint8_t> held_, in_name_, first_;
  std::vector<double> score_;
  std::vector<uint32_t> touched_;
  uint32_t stamp_ = 0;
  uint32_t NextStamp();

  // bm25's parts: a word's IDF from the rows holding it, and its saturated frequency in one row (the score
  // adds idf * Saturated over the words).
  double Idf(int64_t hits) const;
  double Saturated(uint32_t name, uint32_t body, uint32_t rowid) const;
  static uint8_t Where(bool in_name, bool first) { return in_name ? (first ? 0 : 1) : 2; }
};

}  // namespace db
