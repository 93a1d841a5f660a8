#include "db/snapshot/search_postings.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "db/snapshot/sqlite.h"

namespace db {

SearchPostings SearchPostings::Read(Database& db) {
  SearchPostings p;
  p.rows_ = static_cast<size_t>(db.QueryInt("SELECT count(*) FROM search"));
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
      if (rowid < 0 || rowid > (int64_t{1} << 28)) continue;  // not the writer's rowids: never found
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
      if (in_name)
        at.name = ((at.name & ~kFirst) + 1) | (at.name & kFirst) | (first ? kFirst : 0);
      else
        ++at.body;
      if (r >= p.length_.size()) p.length_.resize(r + 1, 0);
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
  return p;
}

uint32_t SearchPostings::NextStamp() {
  if (++stamp_ == 0) {  // after 2^32 words: start the stamps again
    std::fill(word_stamp_.begin(), word_stamp_.end(), 0);
    std::fill(call_stamp_.begin(), call_stamp_.end(), 0);
    stamp_ = 1;
  }
  return stamp_;
}

void SearchPostings::Match(const std::vector<std::string>& words, std::vector<Row>& out) {
  out.clear();
  if (words.empty() || rows_ == 0 || words.size() > 255) return;  // held_ counts words in a byte (SearchIndex asks 8 at most)
  if (word_stamp_.size() != length_.size()) {  // the scratch, on the first call
    const size_t n = length_.size();
    word_stamp_.assign(n, 0), call_stamp_.assign(n, 0), acc_name_.assign(n, 0), acc_body_.assign(n, 0);
    held_.assign(n, 0), in_name_.assign(n, 0), first_.assign(n, 0), score_.assign(n, 0);
  }
  // fts5_aux.c's constants and arithmetic, in its order, so the doubles are the same.
  const double k1 = 1.2;
  const double b = 0.75;
  const uint32_t call = NextStamp();
  std::vector<uint32_t> next;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const uint32_t word = NextStamp();
    auto lo = std::lower_bound(terms_.begin(), terms_.end(), w);
    auto hi = std::partition_point(lo, terms_.end(), [&](const std::string& t) { return t.compare(0, w.size(), w) == 0; });
    const Posting* from = postings_.data() + term_begin_[static_cast<size_t>(lo - terms_.begin())];
    const Posting* to = postings_.data() + term_begin_[static_cast<size_t>(hi - terms_.begin())];
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
        acc_name_[r] = ((acc_name_[r] & ~kFirst) + (p->name & ~kFirst)) | ((acc_name_[r] | p->name) & kFirst);
        acc_body_[r] += p->body;
      }
    }
    const auto nRow = static_cast<int64_t>(rows_);
    double idf = log((nRow - hits + 0.5) / (hits + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    for (uint32_t r : next) {
      const uint32_t name = acc_name_[r] & ~kFirst;
      // FTS5 adds the weight of each instance; the weights are whole numbers, so the sum is exact either way.
      const double f = static_cast<double>(name) * kNameWeight + static_cast<double>(acc_body_[r]) * kBodyWeight;
      const auto D = static_cast<double>(length_[r]);
      const double term = idf * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / avgdl_)));
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
  for (uint32_t r : touched_) out.push_back({r, static_cast<uint8_t>(in_name_[r] ? (first_[r] ? 0 : 1) : 2), -1.0 * score_[r]});
}

}  // namespace db
