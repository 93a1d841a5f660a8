#include "db/snapshot/search.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <unordered_map>

#include "db/snapshot/search_fold.h"
#include "db/snapshot/search_postings.h"
#include "db/snapshot/sqlite.h"
#include "db/base/text.h"

namespace db {

namespace {

const char* const kKindNames[] = {"exhibitor", "organization", "country", "agreement", "session", "person", "place"};
static_assert(std::size(kKindNames) == static_cast<size_t>(SearchHit::Kind::Place) + 1, "kKindNames: one name per SearchHit::Kind");

bool KindFromName(const std::string& name, SearchHit::Kind& out) {
  for (size_t i = 0; i < std::size(kKindNames); ++i)
    if (name == kKindNames[i]) {
      out = static_cast<SearchHit::Kind>(i);
      return true;
    }
  return false;
}

// The texts of one thing, per language, before folding: what goes into `name` and into `body`.
struct Doc {
  std::map<std::string, std::pair<std::string, std::string>> by_lang;  // lang -> (name, body)
  std::string plain;  // untranslated words of the name (a booth label), added to every language
  void Add(const Text& t, bool name) {
    for (const auto& [lang, s] : t.by_lang) {
      std::string& dst = name ? by_lang[lang].first : by_lang[lang].second;
      dst += (dst.empty() ? "" : " ") + s;
    }
  }
  void Name(const Text& t) { Add(t, true); }
  void Body(const Text& t) { Add(t, false); }
};

// Cuts a folded word to at most kMaxWordBytes without splitting a UTF-8 sequence.
std::string Cut(std::string w) {
  if (w.size() <= kMaxWordBytes) return w;
  return w.substr(0, PrevCodepoint(w, kMaxWordBytes + 1));
}

// The words as FTS5 terms: what FTS5's ascii tokenizer would not keep inside a quoted term is dropped
// (folded words never hold quotes or spaces; a guard all the same), and a word left empty is no word.
std::vector<std::string> Terms(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    std::string clean;
    for (char ch : w)
      if (ch != '"' && ch != ' ') clean += ch;
    if (!clean.empty()) out.push_back(std::move(clean));
  }
  return out;
}

// The FTS5 expression of those terms: each a quoted prefix term, all of them required.
std::string Expression(const std::vector<std::string>& terms) {
  std::string expr;
  for (const auto& t : terms) expr += (expr.empty() ? "\"" : " \"") + t + "\"*";
  return expr;
}

// FTS5's bm25 with the weights SearchPostings ranks with (kind, ref and lang are not indexed).
const std::string kBm25Sql = "bm25(search, 0.0, 0.0, 0.0, " + std::to_string(kNameWeight) + ", " + std::to_string(kBodyWeight) + ")";

}  // namespace

const char* KindName(SearchHit::Kind k) { return kKindNames[static_cast<size_t>(k)]; }

SearchGroup GroupOf(SearchHit::Kind k) {
  switch (k) {
    case SearchHit::Kind::Exhibitor:
    case SearchHit::Kind::Organization:
    case SearchHit::Kind::Country: return SearchGroup::Exhibitors;
    case SearchHit::Kind::Session: return SearchGroup::Sessions;
    case SearchHit::Kind::Agreement: return SearchGroup::Agreements;
    case SearchHit::Kind::Person: return SearchGroup::People;
    case SearchHit::Kind::Place: return SearchGroup::Places;
  }
  return SearchGroup::Exhibitors;
}

const char* GroupName(SearchGroup g) {
  static const char* const names[] = {"exhibitors", "sessions", "agreements", "people", "places"};
  static_assert(std::size(names) == static_cast<size_t>(SearchGroup::Places) + 1, "names: one per SearchGroup");
  return names[static_cast<size_t>(g)];
}

// [SECTION] Writing ---------------------------------------------------------------------------------------

void WriteSearchIndex(Database& db, const Catalog& c) {
  // (kind, ref) -> texts, in the order things are added (exhibitors first): the insert order is the rowid
  // order, which also breaks ties.
  std::vector<std::pair<std::pair<SearchHit::Kind, std::string>, Doc>> docs;
  std::map<std::pair<SearchHit::Kind, std::string>, size_t> at;
  auto doc = [&](SearchHit::Kind k, const std::string& ref) -> Doc& {
    auto key = std::make_pair(k, ref);
    auto it = at.find(key);
    if (it != at.end()) return docs[it->second].second;
    at[key] = docs.size();
    docs.push_back({key, Doc{}});
    return docs.back().second;
  };
  using K = SearchHit::Kind;
  for (const auto& e : c.exhibitors) {
    const Organization* o = c.FindOrganization(e.organization_id);
    if (!o) continue;
    Doc& d = doc(K::Exhibitor, o->id);
    d.Name(o->name), d.Name(o->short_name), d.Body(o->description), d.Body(o->city);
    if (const Location* booth = c.FindLocation(e.booth_id)) d.plain += " " + booth->label;
  }
  for (const auto& o : c.organizations) {
    if (c.FindExhibitor(o.id)) continue;
    Doc& d = doc(K::Organization, o.id);
    d.Name(o.name), d.Name(o.short_name), d.Body(o.description), d.Body(o.city);
  }
  for (const Country* x : c.ExhibitingCountries()) doc(K::Country, x->code).Name(x->name);
  for (const auto& a : c.agreements) {
    Doc& d = doc(K::Agreement, a.id);
    d.Name(a.title), d.Body(a.summary), d.Body(a.place), d.Body(a.scope);
    for (const auto& p : a.parties) {
      if (const Organization* o = c.FindOrganization(p.organization_id)) d.Body(o->name), d.Body(o->short_name);
      d.Body(p.signatory_name), d.Body(p.signatory_title);
    }
  }
  for (const auto& x : c.sessions) {
    Doc& d = doc(K::Session, x.id);
    d.Name(x.title), d.Name(x.subtitle), d.Body(x.description);
    for (const auto& sp : x.people)
      if (const Person* p = c.FindPerson(sp.person_id)) d.Body(p->name);
    if (const Room* r = c.FindRoom(x.room_id)) d.Body(r->name);
    if (const Track* t = c.FindTrack(x.track_id)) d.Body(t->name);
  }
  for (const auto& p : c.people) {
    Doc& d = doc(K::Person, p.id);
    d.Name(p.name), d.Body(p.title), d.Body(p.biography);
    if (const Organization* o = c.FindOrganization(p.organization_id)) d.Body(o->name);
  }
  // Places: rooms on the plan and named features that are not booths (booths are found as exhibitors).
  for (const auto& r : c.rooms)
    if (!r.location_id.empty() && c.FindLocation(r.location_id)) doc(K::Place, r.location_id).Name(r.name);
  for (const auto& l : c.locations) {
    if (l.kind == LocationKind::Booth || l.kind == LocationKind::Hall) continue;
    Doc& d = doc(K::Place, l.id);
    d.Name(l.name);
    d.plain += " " + l.label;
    // Amenities are found by what they are, in every language: "toilet", "туалет", "tuvalet".
    std::string what = l.kind == LocationKind::Amenity ? "map.legend." + l.amenity : "map.legend." + std::string(NameOf(l.kind));
    if (auto it = c.ui_strings.find(what); it != c.ui_strings.end()) d.Body(it->second);
  }

  auto st = db.Prepare("INSERT INTO search (kind, ref, lang, name, body) VALUES (?,?,?,?,?)");
  for (auto& [key, d] : docs) {
    if (d.by_lang.empty()) d.by_lang[""];
    std::vector<std::pair<std::string, std::string>> written;  // a language with the same words adds nothing
    for (const auto& [lang, texts] : d.by_lang) {
      std::string name = FoldForSearch(texts.first + " " + d.plain), body = FoldForSearch(texts.second);
      if (name.empty() && body.empty()) continue;
      if (std::find(written.begin(), written.end(), std::make_pair(name, body)) != written.end()) continue;
      written.emplace_back(name, body);
      st.Bind(1, std::string_view(KindName(key.first))).Bind(2, std::string_view(key.second));
      st.Bind(3, std::string_view(lang)).Bind(4, std::string_view(name)).Bind(5, std::string_view(body));
      st.Run();
    }
  }
}

// [SECTION] Reading ---------------------------------------------------------------------------------------

struct SearchIndex::Impl {
  std::mutex mu;  // guards everything below: one search at a time
  std::optional<Database> db;  // the snapshot in memory; gone after CloseFts5
  // What each row is (rowid -> thing), read on the first Find and kept.
  struct Thing {
    SearchHit::Kind kind;
    std::string ref;
  };
  bool read = false;
  std::optional<Error> broken;  // why this index cannot answer, found on the first Find; every Find then says it
  std::vector<Thing> things;
  static constexpr uint32_t kNoThing = UINT32_MAX;
  std::vector<uint32_t> thing_of_row;  // by rowid (the writer's rowids run from 1): a hash lookup per row cost more
  uint32_t ThingOf(int64_t rowid) const {
    return rowid >= 0 && static_cast<uint64_t>(rowid) < thing_of_row.size() ? thing_of_row[static_cast<size_t>(rowid)] : kNoThing;
  }
  SearchPostings postings;
  std::vector<SearchPostings::Row> rows;  // scratch of one Find
  std::vector<int32_t> slot;  // per thing: its index in the current answer, or -1 (scratch)
  std::map<std::string, Names, std::less<>> names;  // by language; never erased (NamesIn hands out references)

  explicit Impl(Database d) : db(std::move(d)) {}

  // Reads the table of things and the postings once; nullopt when the index can answer.
  const std::optional<Error>& Ready() {
    if (read) return broken;
    read = true;
    try {
      ReadTable();
      postings = SearchPostings::Read(*db);
      CheckStatistics();
    } catch (const SqliteError& e) {
      broken = Error{std::string("search failed: ") + e.what()};
    }
    return broken;
  }

  void ReadTable() {
    // The writer numbers the rows 1 to N in the order it adds them; everything by rowid below (this table,
    // the postings' arrays) is sized by N, so a damaged file claiming a rowid of 2^40 costs nothing.
    const int64_t n = db->QueryInt("SELECT count(*) FROM search");
    if (n > 0 && (db->QueryInt("SELECT min(rowid) FROM search") != 1 || db->QueryInt("SELECT max(rowid) FROM search") != n))
      throw SqliteError("its rows are not numbered 1 to " + std::to_string(n) + " as the staff tool numbers them");
    thing_of_row.assign(static_cast<size_t>(n) + 1, kNoThing);
    std::map<std::pair<SearchHit::Kind, std::string>, uint32_t> at;
    Statement table = db->Prepare("SELECT rowid, kind, ref FROM search");
    while (table.Step()) {
      SearchHit::Kind kind;
      if (!KindFromName(table.Text(1), kind)) continue;  // the writer writes none; a row of no kind is never found
      auto [it, added] = at.try_emplace({kind, table.Text(2)}, static_cast<uint32_t>(things.size()));
      if (added) things.push_back({kind, it->first.second});
      thing_of_row[static_cast<size_t>(table.Int(0))] = it->second;
    }
    slot.assign(things.size(), -1);
  }

  // FTS5's own answer for one term against the postings': the statistics bm25 ranks with (the averages
  // record, the rows' sizes) are read by FTS5 only when it ranks, and its integrity-check does not look at
  // them. One term, the last: a rare one, so this costs little.
  void CheckStatistics() {
    const std::string& term = postings.last_term();
    if (term.empty()) return;
    if (auto differs = SameMatches(FromPostings({term}), FromFts5({term})))
      throw SqliteError("the index's statistics do not match its rows (" + *differs + ")");
  }

  // A matching row into `out`, one Match per thing: where its best row has the words, and its best bm25.
  // A thing's rows are written one after another, so they mostly come one after another.
  void Gather(std::vector<Match>& out, int64_t rowid, SearchHit::Where where, double bm25) {
    const uint32_t thing = ThingOf(rowid);
    if (thing == kNoThing) return;
    Match* m = !out.empty() && out.back().thing == thing ? &out.back() : slot[thing] >= 0 ? &out[static_cast<size_t>(slot[thing])] : nullptr;
    if (!m) {
      slot[thing] = static_cast<int32_t>(out.size());
      out.push_back({things[thing].kind, &things[thing].ref, where, bm25, thing});
      return;
    }
    m->where = std::min(m->where, where);
    m->bm25 = std::min(m->bm25, bm25);
  }
  // The slots Gather gave back to -1.
  void Done(const std::vector<Match>& out) {
    for (const auto& m : out) slot[m.thing] = -1;
  }

  // Find's answer, from the postings.
  std::vector<Match> FromPostings(const std::vector<std::string>& terms) {
    std::vector<Match> out;
    postings.Match(terms, rows);
    out.reserve(rows.size() / 4);
    for (const auto& r : rows) Gather(out, r.rowid, static_cast<SearchHit::Where>(r.where), r.bm25);
    Done(out);
    return out;
  }

  // The same answer from FTS5's own queries: every match with its bm25, then where the words are (every one
  // in the name column, and the name starting with the first). Throws SqliteError.
  std::vector<Match> FromFts5(const std::vector<std::string>& terms) {
    std::vector<Match> out;
    const std::string expr = Expression(terms);
    try {
      Statement all = db->Prepare(std::string("SELECT rowid, ") + kBm25Sql + " FROM search WHERE search MATCH ?1");
      all.Bind(1, std::string_view(expr));
      while (all.Step()) Gather(out, all.Int(0), SearchHit::Where::Text, all.Real(1));
      Statement rowids = db->Prepare("SELECT rowid FROM search WHERE search MATCH ?1");
      for (auto [where, filter] : {std::pair{SearchHit::Where::Name, "name : ("}, std::pair{SearchHit::Where::NameStart, "name : (^"}}) {
        rowids.Reset();
        rowids.Bind(1, std::string_view(filter + expr + ")"));
        while (rowids.Step()) {
          const uint32_t thing = ThingOf(rowids.Int(0));
          if (thing != kNoThing && slot[thing] >= 0) out[static_cast<size_t>(slot[thing])].where = where;
        }
      }
    } catch (const SqliteError&) {
      Done(out);
      throw;
    }
    Done(out);
    return out;
  }
};

SearchIndex::SearchIndex(Database db) : impl_(std::make_unique<Impl>(std::move(db))) {}

bool SearchIndex::Fts5Open() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->db.has_value();
}

void SearchIndex::CloseFts5() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->Ready();
  impl_->db.reset();
}
SearchIndex::~SearchIndex() = default;

Result<std::vector<SearchIndex::Match>> SearchIndex::Find(const std::vector<std::string>& words) {
  const std::vector<std::string> terms = Terms(words);
  if (terms.empty()) return std::vector<Match>{};
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (const auto& broken = impl_->Ready()) return *broken;
  return impl_->FromPostings(terms);
}

Result<std::vector<SearchPostings::Letter>> SearchIndex::CommonLetters(size_t n) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (const auto& broken = impl_->Ready()) return *broken;
  return impl_->postings.CommonLetters(n);
}

Result<std::vector<SearchIndex::Match>> SearchIndex::FindWithFts5(const std::vector<std::string>& words) {
  const std::vector<std::string> terms = Terms(words);
  if (terms.empty()) return std::vector<Match>{};
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (const auto& broken = impl_->Ready()) return *broken;
  if (!impl_->db) return Error{"search failed: FTS5 is closed (the index keeps only its postings)"};
  try {
    return impl_->FromFts5(terms);
  } catch (const SqliteError& e) {
    return Error{std::string("search failed: ") + e.what()};
  }
}

namespace {
// HitTitle without a copy: every name is the catalog's own string.
std::string_view TitleOf(const Catalog& c, SearchHit::Kind kind, const std::string& ref, std::string_view lang) {
  using K = SearchHit::Kind;
  switch (kind) {
    case K::Exhibitor:
    case K::Organization:
      if (const Organization* o = c.FindOrganization(ref)) return c.Tr(o->name, lang);
      break;
    case K::Country:
      if (const Country* x = c.FindCountry(ref)) return c.Tr(x->name, lang);
      break;
    case K::Agreement:
      if (const Agreement* a = c.FindAgreement(ref)) return c.Tr(a->title, lang);
      break;
    case K::Session:
      if (const Session* x = c.FindSession(ref)) return c.Tr(x->title, lang);
      break;
    case K::Person:
      if (const Person* p = c.FindPerson(ref)) return c.Tr(p->name, lang);
      break;
    case K::Place:
      if (const Location* l = c.FindLocation(ref)) {
        for (const auto& r : c.rooms)
          if (r.location_id == l->id && !c.Tr(r.name, lang).empty()) return c.Tr(r.name, lang);
        return c.Tr(l->name, lang).empty() ? l->label : c.Tr(l->name, lang);
      }
      break;
  }
  return {};
}
}  // namespace

std::string HitTitle(const Catalog& c, const SearchHit& h, std::string_view lang) { return std::string(TitleOf(c, h.kind, h.ref, lang)); }

const SearchIndex::Names& SearchIndex::NamesIn(const Catalog& c, std::string_view lang) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Impl& x = *impl_;
  if (auto it = x.names.find(lang); it != x.names.end()) return it->second;
  x.Ready();  // the things (empty when the index is broken: Find has said so)
  const size_t n = x.things.size();
  Names out;
  out.name_rank.assign(n, 0), out.starts.assign(n, 0), out.short_at.assign(n + 1, 0);
  std::vector<std::string_view> titles(n);
  for (uint32_t t = 0; t < n; ++t) {
    const Impl::Thing& th = x.things[t];
    titles[t] = TitleOf(c, th.kind, th.ref, lang);
    if (th.kind == SearchHit::Kind::Session)
      if (const Session* s = c.FindSession(th.ref)) out.starts[t] = s->starts_utc;
    if (th.kind == SearchHit::Kind::Exhibitor || th.kind == SearchHit::Kind::Organization)
      if (const Organization* o = c.FindOrganization(th.ref)) out.short_names += FoldForSearch(c.Tr(o->short_name, lang));
    out.short_at[t + 1] = static_cast<uint32_t>(out.short_names.size());
  }
  std::vector<uint32_t> order(n);
  for (uint32_t t = 0; t < n; ++t) order[t] = t;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return titles[a] < titles[b]; });
  for (size_t i = 1; i < n; ++i)
    out.name_rank[order[i]] = out.name_rank[order[i - 1]] + (titles[order[i]] != titles[order[i - 1]] ? 1 : 0);
  return x.names.emplace(std::string(lang), std::move(out)).first->second;
}

const SearchResults::Group* SearchResults::Find(SearchGroup g) const {
  for (const auto& x : groups)
    if (x.group == g) return &x;
  return nullptr;
}

namespace {

// A match with what orders it. Its id is the index's (SearchIndex::Match::ref): copied only for the hits shown.
struct Ranked {
  SearchHit::Kind kind;
  const std::string* ref;
  SearchHit::Where where;
  double bm25;
  uint32_t thing;
  SearchHit Hit() const { return SearchHit{kind, *ref, where, bm25}; }
};

// The order of search.h (rules 1 to 3), from the index's answer and the language's Names.
struct Before {
  const SearchIndex::Names& n;
  bool operator()(const Ranked& a, const Ranked& b) const {
    if (a.where != b.where) return a.where < b.where;
    bool a_exhibits = a.kind == SearchHit::Kind::Exhibitor, b_exhibits = b.kind == SearchHit::Kind::Exhibitor;
    if (a_exhibits != b_exhibits) return a_exhibits;  // what most visitors look for
    if (a.bm25 != b.bm25) return a.bm25 < b.bm25;
    if (n.starts[a.thing] != n.starts[b.thing]) return n.starts[a.thing] < n.starts[b.thing];
    // Sessions at one time are not ordered by their titles.
    if ((a.kind != b.kind || a.kind != SearchHit::Kind::Session) && n.name_rank[a.thing] != n.name_rank[b.thing])
      return n.name_rank[a.thing] < n.name_rank[b.thing];
    return *a.ref < *b.ref;
  }
};

}  // namespace

const char* WhereName(SearchHit::Where w) {
  static const char* const names[] = {"name_start", "name", "text"};
  static_assert(std::size(names) == static_cast<size_t>(SearchHit::Where::Text) + 1, "names: one per SearchHit::Where");
  return names[static_cast<size_t>(w)];
}

Result<SearchResults> Search(const Catalog& c, std::string_view query, std::string_view lang, size_t per_group) {
  SearchResults out;
  if (!c.search_index) return out;
  std::vector<std::string> words = SearchWords(query.substr(0, 4096));
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  for (auto& w : words) w = Cut(std::move(w));
  if (words.empty()) return out;
  auto found = c.search_index->Find(words);
  if (!found) return found.error();
  std::string typed;
  for (const auto& w : words) typed += (typed.empty() ? "" : " ") + w;

  const SearchIndex::Names& names = c.search_index->NamesIn(c, lang);

  // Each match into its group. An exhibitor's or organization's short name in the visitor's language ("HTP",
  // "ПВТ") that starts with the typed words counts as its name starting with them (the index's name column
  // holds the full name first).
  std::vector<std::vector<Ranked>> groups(static_cast<size_t>(SearchGroup::Places) + 1);
  for (const auto& m : found.value()) {
    Ranked r{m.kind, m.ref, m.where, m.bm25, m.thing};
    if (r.where == SearchHit::Where::Name && names.ShortName(r.thing).substr(0, typed.size()) == typed) r.where = SearchHit::Where::NameStart;
    groups[static_cast<size_t>(GroupOf(r.kind))].push_back(r);
  }
  const Before before{names};
  // Within a group the first per_group in order (the rest only counted); groups in the order of their best.
  std::vector<std::pair<Ranked, SearchResults::Group>> ordered;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto& list = groups[g];
    if (list.empty()) continue;
    size_t shown = std::min(per_group, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(shown), list.end(), before);
    SearchResults::Group group{static_cast<SearchGroup>(g), list.size(), {}};
    for (size_t i = 0; i < shown; ++i) group.hits.push_back(list[i].Hit());
    if (group.hits.empty()) continue;  // per_group 0: nothing to show, nothing to order
    ordered.emplace_back(list[0], std::move(group));
  }
  std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) { return before(a.first, b.first); });
  for (auto& [best, group] : ordered) out.groups.push_back(std::move(group));
  return out;
}

std::optional<std::string> SameMatches(std::vector<SearchIndex::Match> a, std::vector<SearchIndex::Match> b) {
  auto by_thing = [](const SearchIndex::Match& x, const SearchIndex::Match& y) { return x.thing < y.thing; };
  std::sort(a.begin(), a.end(), by_thing), std::sort(b.begin(), b.end(), by_thing);
  if (a.size() != b.size()) return std::to_string(a.size()) + " matches against " + std::to_string(b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string what = std::string(KindName(a[i].kind)) + " '" + *a[i].ref + "'";
    if (a[i].thing != b[i].thing) return what + " is not among FTS5's matches";
    if (a[i].where != b[i].where) return what + ": " + WhereName(a[i].where) + " against " + WhereName(b[i].where);
    if (a[i].bm25 != b[i].bm25) {
      char scores[64];
      std::snprintf(scores, sizeof scores, "%.17g against %.17g", a[i].bm25, b[i].bm25);
      return what + ": bm25 " + scores;
    }
  }
  return std::nullopt;
}

std::optional<std::string> CheckSearchQueries(const Catalog& c) {
  if (!c.search_index) return std::nullopt;
  // FTS5's integrity-check has already read every doclist against the rows; what it does not read is what
  // only queries use: the averages and sizes bm25 ranks with, and the prefix and column-filter paths. So:
  // the three letters most of the index's words start with (its terms are the writer's folded words of the
  // texts; FTS5's integrity-check has proved them the rows'), each alone (a prefix query over many rows;
  // ranking it scores every one) and its longest word, each asked of the postings (Find) and of FTS5
  // (FindWithFts5, every query of the reference path), and the answers compared: the postings are what the
  // kiosk searches. Half a dozen questions: this runs every time the kiosk opens a snapshot (about 2 s at
  // 20,000 exhibitors, most of it reading the postings; 15 ms for the demo, off the UI thread).
  auto common = c.search_index->CommonLetters(3);
  if (!common) return common.error().message;
  for (const SearchPostings::Letter& l : common.value())
    for (const std::string& probe : {l.letter, l.longest}) {
      auto found = c.search_index->Find({probe});
      if (!found) return found.error().message + " (for \"" + probe + "\")";
      if (!c.search_index->Fts5Open()) continue;  // closed once checked (OpenSnapshot): the postings alone answer
      auto reference = c.search_index->FindWithFts5({probe});
      if (!reference) return reference.error().message + " (for \"" + probe + "\")";
      if (auto differs = SameMatches(found.value(), reference.value())) return "FTS5 and its postings disagree for \"" + probe + "\": " + *differs;
    }
  return std::nullopt;
}

void PrepareSearch(const Catalog& c) {
  if (!c.search_index) return;
  for (const Language& l : c.languages) c.search_index->NamesIn(c, l.code);
  c.search_index->CloseFts5();
}

}  // namespace db
