#include "db/snapshot/search.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

#include "db/snapshot/search_fold.h"
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
  Database db;
  Statement all, rowids, table;
  // What each row is, read on the first Find (rowid -> thing) and kept: reading `kind` and `ref` of every
  // match from the content table would cost more than the whole FTS5 query (2 ms for "a" at FOSDEM's size).
  struct Thing {
    SearchHit::Kind kind;
    std::string ref;
  };
  bool read = false;
  std::vector<Thing> things;
  std::unordered_map<int64_t, uint32_t> thing_of_row;
  std::vector<int32_t> slot;  // per thing: its index in the current Find's answer, or -1 (scratch)
  explicit Impl(Database d)
      : db(std::move(d)),
        all(db.Prepare("SELECT rowid, bm25(search, 0.0, 0.0, 0.0, 10.0, 1.0) FROM search WHERE search MATCH ?1")),
        rowids(db.Prepare("SELECT rowid FROM search WHERE search MATCH ?1")),
        table(db.Prepare("SELECT rowid, kind, ref FROM search")) {}

  void ReadTable() {
    if (read) return;
    things.clear();
    thing_of_row.clear();
    std::map<std::pair<SearchHit::Kind, std::string>, uint32_t> at;
    table.Reset();
    while (table.Step()) {
      SearchHit::Kind kind;
      if (!KindFromName(table.Text(1), kind)) continue;  // the writer writes none; a row of no kind is never found
      auto [it, added] = at.try_emplace({kind, table.Text(2)}, static_cast<uint32_t>(things.size()));
      if (added) things.push_back({kind, it->first.second});
      thing_of_row[table.Int(0)] = it->second;
    }
    table.Reset();
    slot.assign(things.size(), -1);
    read = true;
  }
};

SearchIndex::SearchIndex(Database db) : impl_(std::make_unique<Impl>(std::move(db))) {}
SearchIndex::~SearchIndex() = default;

namespace {
// The FTS5 expression of folded words: each a quoted prefix term, all of them required.
std::string Expression(const std::vector<std::string>& words) {
  std::string expr;
  for (const auto& w : words) {
    std::string clean;
    for (char ch : w)
      if (ch != '"' && ch != ' ') clean += ch;  // folded words never hold these; a guard all the same
    if (!clean.empty()) expr += (expr.empty() ? "\"" : " \"") + clean + "\"*";
  }
  return expr;
}
}  // namespace

Result<std::vector<SearchIndex::Match>> SearchIndex::Find(const std::vector<std::string>& words) {
  std::vector<Match> out;
  const std::string expr = Expression(words);
  if (expr.empty()) return out;
  std::lock_guard<std::mutex> lock(impl_->mu);
  Impl& x = *impl_;
  Statement* running = &x.table;
  std::vector<uint32_t> touched;  // the things of `out`, in its order
  try {
    x.ReadTable();
    // Every match, with its bm25: one Match per thing, its best row's score.
    running = &x.all;
    x.all.Reset();
    x.all.Bind(1, std::string_view(expr));
    while (x.all.Step()) {
      auto it = x.thing_of_row.find(x.all.Int(0));
      if (it == x.thing_of_row.end()) continue;
      double bm25 = x.all.Real(1);
      int32_t& at = x.slot[it->second];
      if (at < 0) {
        at = static_cast<int32_t>(out.size());
        touched.push_back(it->second);
        out.push_back({x.things[it->second].kind, x.things[it->second].ref, SearchHit::Where::Text, bm25});
      } else if (bm25 < out[at].bm25) {
        out[at].bm25 = bm25;
      }
    }
    x.all.Reset();
    // Then where the words are: every one in the name column, and the name starting with the first.
    running = &x.rowids;
    for (auto [where, filter] : {std::pair{SearchHit::Where::Name, "name : ("}, std::pair{SearchHit::Where::NameStart, "name : (^"}}) {
      x.rowids.Reset();
      x.rowids.Bind(1, std::string_view(filter + expr + ")"));
      while (x.rowids.Step()) {
        auto it = x.thing_of_row.find(x.rowids.Int(0));
        if (it == x.thing_of_row.end() || x.slot[it->second] < 0) continue;
        out[x.slot[it->second]].where = where;
      }
      x.rowids.Reset();
    }
  } catch (const SqliteError& e) {
    try {
      running->Reset();
    } catch (const SqliteError&) {  // Reset reports the failed step again; the statement is reusable anyway
    }
    for (uint32_t t : touched) x.slot[t] = -1;
    return Error{std::string("search failed: ") + e.what()};
  }
  for (uint32_t t : touched) x.slot[t] = -1;  // the scratch back to -1, touching only what this call set
  return out;
}

std::string HitTitle(const Catalog& c, const SearchHit& h, std::string_view lang) {
  using K = SearchHit::Kind;
  switch (h.kind) {
    case K::Exhibitor:
    case K::Organization:
      if (const Organization* o = c.FindOrganization(h.ref)) return c.Tr(o->name, lang);
      break;
    case K::Country:
      if (const Country* x = c.FindCountry(h.ref)) return c.Tr(x->name, lang);
      break;
    case K::Agreement:
      if (const Agreement* a = c.FindAgreement(h.ref)) return c.Tr(a->title, lang);
      break;
    case K::Session:
      if (const Session* x = c.FindSession(h.ref)) return c.Tr(x->title, lang);
      break;
    case K::Person:
      if (const Person* p = c.FindPerson(h.ref)) return c.Tr(p->name, lang);
      break;
    case K::Place:
      if (const Location* l = c.FindLocation(h.ref)) {
        for (const auto& r : c.rooms)
          if (r.location_id == l->id && !c.Tr(r.name, lang).empty()) return c.Tr(r.name, lang);
        return c.Tr(l->name, lang).empty() ? l->label : c.Tr(l->name, lang);
      }
      break;
  }
  return {};
}

const SearchResults::Group* SearchResults::Find(SearchGroup g) const {
  for (const auto& x : groups)
    if (x.group == g) return &x;
  return nullptr;
}

namespace {

// A hit with what breaks its ties (rule 3): a session's start; the name shown is looked up only when all
// else is equal (rare: hundreds of names per keystroke would cost more than the FTS5 queries).
struct Ranked {
  SearchHit hit;
  int64_t starts = 0;
};

struct Before {
  const Catalog& c;
  std::string_view lang;
  bool operator()(const Ranked& a, const Ranked& b) const {
    if (a.hit.where != b.hit.where) return a.hit.where < b.hit.where;
    bool a_exhibits = a.hit.kind == SearchHit::Kind::Exhibitor, b_exhibits = b.hit.kind == SearchHit::Kind::Exhibitor;
    if (a_exhibits != b_exhibits) return a_exhibits;  // what most visitors look for
    if (a.hit.bm25 != b.hit.bm25) return a.hit.bm25 < b.hit.bm25;
    if (a.starts != b.starts) return a.starts < b.starts;
    if (a.hit.kind != b.hit.kind || a.hit.kind != SearchHit::Kind::Session) {
      std::string x = HitTitle(c, a.hit, lang), y = HitTitle(c, b.hit, lang);
      if (x != y) return x < y;
    }
    return a.hit.ref < b.hit.ref;
  }
};

// An exhibitor's or organization's short name in `lang` ("HTP", "ПВТ") that starts with the typed words
// counts as its name starting with them: the index's name column holds the full name first.
bool ShortNameStarts(const Catalog& c, const SearchHit& h, std::string_view lang, const std::string& typed) {
  if (h.kind != SearchHit::Kind::Exhibitor && h.kind != SearchHit::Kind::Organization) return false;
  const Organization* o = c.FindOrganization(h.ref);
  return o && FoldForSearch(c.Tr(o->short_name, lang)).rfind(typed, 0) == 0;
}

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

  // Each match into its group, with what breaks its ties.
  std::vector<std::vector<Ranked>> groups(static_cast<size_t>(SearchGroup::Places) + 1);
  for (auto& m : found.value()) {
    Ranked r{SearchHit{m.kind, std::move(m.ref), m.where, m.bm25}, 0};
    if (r.hit.where == SearchHit::Where::Name && ShortNameStarts(c, r.hit, lang, typed)) r.hit.where = SearchHit::Where::NameStart;
    if (r.hit.kind == SearchHit::Kind::Session)
      if (const Session* x = c.FindSession(r.hit.ref)) r.starts = x->starts_utc;
    groups[static_cast<size_t>(GroupOf(r.hit.kind))].push_back(std::move(r));
  }
  const Before before{c, lang};
  // Within a group the first per_group in order (the rest only counted); groups in the order of their best.
  std::vector<std::pair<Ranked, SearchResults::Group>> ordered;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto& list = groups[g];
    if (list.empty()) continue;
    size_t shown = std::min(per_group, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(shown), list.end(), before);
    SearchResults::Group group{static_cast<SearchGroup>(g), list.size(), {}};
    for (size_t i = 0; i < shown; ++i) group.hits.push_back(list[i].hit);
    if (group.hits.empty()) continue;  // per_group 0: nothing to show, nothing to order
    ordered.emplace_back(std::move(list[0]), std::move(group));
  }
  std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) { return before(a.first, b.first); });
  for (auto& [best, group] : ordered) out.groups.push_back(std::move(group));
  return out;
}

std::optional<std::string> CheckSearchQueries(const Catalog& c) {
  if (!c.search_index) return std::nullopt;
  // FTS5's integrity-check has already read every doclist against the rows; what it does not read is what
  // only queries use: the averages and sizes bm25 ranks with, and the prefix and column-filter paths. So:
  // the three letters most words start with (in the texts the index was built from, folded as the writer
  // folds them), each alone (a prefix query over many rows; ranking it scores every one) and its longest
  // word, each through every query Find steps. Half a dozen Finds: this runs every time the kiosk opens a snapshot.
  struct Letter {
    size_t words = 0;
    std::string longest;
  };
  std::map<std::string, Letter> letters;
  ForEachText(c, [&](const TextRef& t) {
    for (const auto& w : SearchWords(t.text)) {
      std::string word = Cut(w);
      size_t end = 0;
      char32_t cp;
      if (!NextCodepoint(word, end, cp)) continue;
      Letter& l = letters[word.substr(0, end)];
      ++l.words;
      if (word.size() > l.longest.size()) l.longest = word;
    }
  });
  std::vector<std::pair<std::string, Letter>> common(letters.begin(), letters.end());
  std::sort(common.begin(), common.end(), [](const auto& a, const auto& b) { return a.second.words > b.second.words; });
  if (common.size() > 3) common.resize(3);
  for (const auto& [letter, l] : common)
    for (const std::string& probe : {letter, l.longest}) {
      auto found = c.search_index->Find({probe});
      if (!found) return found.error().message + " (for \"" + probe + "\")";
    }
  return std::nullopt;
}

}  // namespace db
