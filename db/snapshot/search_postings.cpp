#include "db/snapshot/search_postings.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "db/base/text.h"
#include "db/snapshot/sqlite.h"

namespace db {

namespace {
// One posting's counts added to another's (the name's first-token bit kept when either has it).
void Add(uint32_t& name, uint32_t& body, uint32_t more_name, uint32_t more_body, uint32_t first_bit) {
  name = ((name & ~first_bit) + (more_name & ~first_bit)) | ((name | more_name) & first_bit);
  body += more_body;
}
}  // namespace

SearchPostings SearchPostings::Read(Database& db, size_t prefix_list_min) {
  SearchPostings p;
  p.rows_ = static_cast<size_t>(db.QueryInt("SELECT count(*) FROM search"));
  p.length_.assign(p.rows_ + 1, 0);  // rowids 1 to rows_ (SearchIndex refuses a table numbered otherwise)
  db.Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instance USING fts5vocab(main, search, 'instance')");
  {
    // One row per token of the index, in FTS5's order: by term, then row, then column and offset.
    Statement st = db.Prepare("SELECT term, doc, col, offset FROM temp.search_instance");
    sqlite3_stmt* s = st.handle();
    uint64_t tokens = 0;
    while (st.Step()) {
      const auto* term = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      const size_t term_size = static_cast<size_t>(sqlite3_column_bytes(s, 0));
      const int64_t rowid = sqlite3_column_int64(s, 1);
      if (rowid < 1 || static_cast<uint64_t>(rowid) > p.rows_) continue;  // not a row of the table: never found (the opening probes compare with FTS5)
      const auto* col = reinterpret_cast<const char*>(sqlite3_column_text(s, 2));
      const bool in_name = col && std::strcmp(col, "name") == 0;
      const bool first = in_name && sqlite3_column_int64(s, 3) == 0;
      if (p.terms_.empty() || p.terms_.back().size() != term_size || std::memcmp(p.terms_.back().data(), term, term_size) != 0) {
        p.terms_.emplace_back(term ? term : "", term_size);
        p.term_begin_.push_back(static_cast<uint32_t>(p.postings_.size()));
      }
      const auto r = static_cast<uint32_t>(rowid);
      if (p.postings_.size() == p.term_begin_.back() || p.postings_.back().rowid != r) p.postings_.push_back({r, 0, 0});
      Posting& at = p.postings_.back();
      Add(at.name, at.body, in_name ? 1 | (first ? kFirst : 0) : 0, in_name ? 0 : 1, kFirst);
      ++p.length_[r];
      ++tokens;
    }
    p.term_begin_.push_back(static_cast<uint32_t>(p.postings_.size()));
    p.avgdl_ = p.rows_ ? static_cast<double>(tokens) / static_cast<double>(p.rows_) : 0;
  }
  db.Exec("DROP TABLE temp.search_instance");
  // FTS5 lists its terms in byte order; the prefix ranges below rely on it.
  for (size_t i = 1; i < p.terms_.size(); ++i)
    if (!(p.terms_[i - 1] < p.terms_[i])) throw SqliteError("the search index lists its terms out of order");
  p.terms_.shrink_to_fit(), p.postings_.shrink_to_fit();
  p.MakePrefixLists(prefix_list_min);
  return p;
}

void SearchPostings::MakePrefixLists(size_t min_postings) {
  std::vector<uint32_t> seen(length_.size(), 0), rows;
  std::vector<Posting> sum(length_.size());
  uint32_t stamp = 0;
  // The terms [lo, hi) sharing terms_[lo]'s first `len` bytes.
  auto end = [&](size_t lo, size_t len) {
    size_t hi = lo + 1;
    while (hi < terms_.size() && terms_[hi].compare(0, len, terms_[lo], 0, len) == 0) ++hi;
    return hi;
  };
  // Their rows merged into one list, when they are busy enough to need one.
  auto add = [&](size_t lo, size_t hi, size_t len) {
    if (hi - lo < 2 || term_begin_[hi] - term_begin_[lo] < min_postings) return;
    ++stamp, rows.clear();
    for (uint32_t i = term_begin_[lo]; i < term_begin_[hi]; ++i) {
      const Posting& q = postings_[i];
      if (seen[q.rowid] != stamp)
        seen[q.rowid] = stamp, sum[q.rowid] = q, rows.push_back(q.rowid);
      else
        Add(sum[q.rowid].name, sum[q.rowid].body, q.name, q.body, kFirst);
    }
    std::sort(rows.begin(), rows.end());
    for (uint32_t r : rows) prefix_postings_.push_back(sum[r]);
    prefixes_.push_back(terms_[lo].substr(0, len));
    prefix_begin_.push_back(static_cast<uint32_t>(prefix_postings_.size()));
  };
  // A one-byte prefix, then its two-byte ones: prefixes_ comes out sorted ("t" < "ta" < "tb" < "u").
  prefix_begin_.push_back(0);
  for (size_t lo = 0; lo < terms_.size();) {
    if (terms_[lo].empty()) {
      ++lo;
      continue;
    }
    const size_t hi = end(lo, 1);
    add(lo, hi, 1);
    for (size_t two = lo; two < hi;) {
      if (terms_[two].size() < 2) {
        ++two;
        continue;
      }
      const size_t two_hi = end(two, 2);
      add(two, two_hi, 2);
      two = two_hi;
    }
    lo = hi;
  }
}

uint32_t SearchPostings::NextStamp() {
  if (++stamp_ == 0) {  // after 2^32 words: start the stamps again
    std::fill(word_stamp_.begin(), word_stamp_.end(), 0);
    std::fill(call_stamp_.begin(), call_stamp_.end(), 0);
    stamp_ = 1;
  }
  return stamp_;
}

// fts5_aux.c's constants and arithmetic, in its order, so that the doubles are FTS5's to the last bit.
double SearchPostings::Idf(int64_t hits) const {
  const auto nRow = static_cast<int64_t>(rows_);
  double idf = log((nRow - hits + 0.5) / (hits + 0.5));
  if (idf <= 0.0) idf = 1e-6;
  return idf;
}

double SearchPostings::Saturated(uint32_t name, uint32_t body, uint32_t rowid) const {
  const double k1 = 1.2;
  const double b = 0.75;
  // FTS5 adds the weight of each instance; the weights are whole numbers, so the sum is exact either way.
  const double f = static_cast<double>(name) * kNameWeight + static_cast<double>(body) * kBodyWeight;
  const auto D = static_cast<double>(length_[rowid]);
  return (f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / avgdl_));
}

void SearchPostings::Match(const std::vector<std::string>& words, std::vector<Row>& out) {
  out.clear();
  if (words.empty() || rows_ == 0 || words.size() > 255) return;  // held_ counts words in a byte (SearchIndex asks 8 at most)
  if (word_stamp_.size() != length_.size()) {  // the scratch, on the first call
    const size_t n = length_.size();
    word_stamp_.assign(n, 0), call_stamp_.assign(n, 0), acc_name_.assign(n, 0), acc_body_.assign(n, 0);
    held_.assign(n, 0), in_name_.assign(n, 0), first_.assign(n, 0), score_.assign(n, 0);
  }
  const uint32_t call = NextStamp();
  std::vector<uint32_t> next;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const uint32_t word = NextStamp();
    const Posting* from;
    const Posting* to;
    bool one_list;  // every row at most once between from and to
    if (auto pl = std::lower_bound(prefixes_.begin(), prefixes_.end(), w); pl != prefixes_.end() && *pl == w) {
      const auto i = static_cast<size_t>(pl - prefixes_.begin());
      from = prefix_postings_.data() + prefix_begin_[i], to = prefix_postings_.data() + prefix_begin_[i + 1];
      one_list = true;
    } else {
      auto lo = std::lower_bound(terms_.begin(), terms_.end(), w);
      auto hi = std::partition_point(lo, terms_.end(), [&](const std::string& t) { return t.compare(0, w.size(), w) == 0; });
      from = postings_.data() + term_begin_[static_cast<size_t>(lo - terms_.begin())];
      to = postings_.data() + term_begin_[static_cast<size_t>(hi - terms_.begin())];
      one_list = hi - lo <= 1;
    }
    if (words.size() == 1 && one_list) {
      // One word from one list (most of a visitor's first letters): each row is answered as it is read.
      const double idf = Idf(to - from);
      out.reserve(static_cast<size_t>(to - from));
      for (const Posting* p = from; p != to; ++p) {
        const uint32_t name = p->name & ~kFirst;
        const double term = idf * Saturated(name, p->body, p->rowid);
        out.push_back({p->rowid, Where(name > 0, (p->name & kFirst) != 0), -1.0 * (0.0 + term)});
      }
      return;
    }
    int64_t hits = 0;  // rows holding the word anywhere: FTS5's nHit, for the IDF
    next.clear();
    for (const Posting* p = from; p != to; ++p) {
      const uint32_t r = p->rowid;
      const bool alive = i == 0 || (call_stamp_[r] == call && held_[r] == i);
      if (word_stamp_[r] != word) {
        word_stamp_[r] = word;
        ++hits;
        if (!alive) continue;
        acc_name_[r] = p->name, acc_body_[r] = p->body;
        next.push_back(r);
      } else if (alive) {
        Add(acc_name_[r], acc_body_[r], p->name, p->body, kFirst);
      }
    }
    const double idf = Idf(hits);
    for (uint32_t r : next) {
      const uint32_t name = acc_name_[r] & ~kFirst;
      const double term = idf * Saturated(name, acc_body_[r], r);
      if (i == 0) {
        call_stamp_[r] = call;
        score_[r] = 0.0 + term;
        in_name_[r] = name > 0;
        first_[r] = (acc_name_[r] & kFirst) != 0;
      } else {
        score_[r] += term;
        in_name_[r] = in_name_[r] && name > 0;
      }
      held_[r] = static_cast<uint8_t>(i + 1);
    }
    next.swap(touched_);
  }
  out.reserve(touched_.size());
  for (uint32_t r : touched_) out.push_back({r, Where(in_name_[r], first_[r]), -1.0 * score_[r]});
}

std::vector<SearchPostings::Letter> SearchPostings::CommonLetters(size_t n) const {
  std::vector<Letter> letters;
  for (size_t t = 0; t < terms_.size(); ++t) {  // sorted by bytes: one letter's terms come together
    size_t end = 0;
    char32_t cp;
    if (!NextCodepoint(terms_[t], end, cp)) continue;
    std::string_view letter(terms_[t].data(), end);
    if (letters.empty() || letters.back().letter != letter) letters.push_back({std::string(letter), terms_[t], 0});
    Letter& l = letters.back();
    if (terms_[t].size() > l.longest.size()) l.longest = terms_[t];
    for (uint32_t p = term_begin_[t]; p < term_begin_[t + 1]; ++p) l.words += (postings_[p].name & ~kFirst) + postings_[p].body;
  }
  std::stable_sort(letters.begin(), letters.end(), [](const Letter& a, const Letter& b) { return a.words > b.words; });
  if (letters.size() > n) letters.resize(n);
  return letters;
}

}  // namespace db
