#include "db/snapshot/search.h"

#include <sqlite3.h>

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
  // What each row is, read on the first Find (rowid -> thing) and kept: reading `kind` and `ref` of every
  // match from the content table would cost more than the whole FTS5 query (2 ms for "a" at FOSDEM's size).
  struct Thing {
    SearchHit::Kind kind;
    std::string ref;
  };
  bool read = false;
  std::vector<Thing> things;
  static constexpr uint32_t kNoThing = UINT32_MAX;
  std::vector<uint32_t> thing_of_row;  // by rowid (the writer's rowids run from 1): a hash lookup per row cost more
  uint32_t ThingOf(int64_t rowid) const {
    return rowid >= 0 && static_cast<uint64_t>(rowid) < thing_of_row.size() ? thing_of_row[static_cast<size_t>(rowid)] : kNoThing;
  }
  std::vector<int32_t> slot;  // per thing: its index in the current Find's or Score's answer, or -1 (scratch)
  // bm25 is evaluated only where kiosk_scored(rowid) is true (SQL's CASE is lazy): the rows of the things
  // Score was asked for. The same MATCH expression as Find's, so the scores are those of the whole query.
  Statement rowids, scored, table;
  explicit Impl(Database d)
      : db(std::move(d)),
        rowids(db.Prepare("SELECT rowid FROM search WHERE search MATCH ?1")),
        scored(Register(db).Prepare("SELECT rowid, CASE WHEN kiosk_scored(rowid) THEN bm25(search, 0.0, 0.0, 0.0, 10.0, 1.0) END"
                                    " FROM search WHERE search MATCH ?1")),
        table(db.Prepare("SELECT rowid, kind, ref FROM search")) {}

  // kiosk_scored(rowid): whether the row's thing has a slot in the current Score.
  Database& Register(Database& d) {
    auto fn = [](sqlite3_context* ctx, int, sqlite3_value** argv) {
      const Impl& x = *static_cast<const Impl*>(sqlite3_user_data(ctx));
      uint32_t thing = x.ThingOf(sqlite3_value_int64(argv[0]));
      sqlite3_result_int(ctx, thing != kNoThing && x.slot[thing] >= 0);
    };
    if (sqlite3_create_function_v2(d.handle(), "kiosk_scored", 1, SQLITE_UTF8, this, fn, nullptr, nullptr, nullptr) != SQLITE_OK)
      throw SqliteError(std::string("kiosk_scored: ") + sqlite3_errmsg(d.handle()));
    return d;
  }

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
      int64_t rowid = table.Int(0);
      if (rowid < 0 || rowid > (int64_t{1} << 28)) continue;  // not the writer's rowids: never found
      if (static_cast<size_t>(rowid) >= thing_of_row.size()) thing_of_row.resize(static_cast<size_t>(rowid) + 1, kNoThing);
      thing_of_row[static_cast<size_t>(rowid)] = it->second;
    }
    table.Reset();
    slot.assign(things.size(), -1);
    read = true;
  }
  // The thing of the current row of `st` (column 0, a rowid) and its slot; null when it has none.
  int32_t* SlotOf(Statement& st, uint32_t& thing) {
    thing = ThingOf(st.Int(0));
    if (thing == kNoThing) return nullptr;
    return &slot[thing];
  }
  // Runs `body` on the statements of one call; a SqliteError becomes an Error. `touched` holds the things
  // given a slot, set back to -1 in any case.
  template <typename F>
  std::optional<Error> Guarded(std::vector<uint32_t>& touched, F&& body) {
    Statement* running = &table;
    std::optional<Error> failed;
    try {
      ReadTable();
      body(running);
    } catch (const SqliteError& e) {
      try {
        running->Reset();
      } catch (const SqliteError&) {  // Reset reports the failed step again; the statement is reusable anyway
      }
      failed = Error{std::string("search failed: ") + e.what()};
    }
    for (uint32_t t : touched) slot[t] = -1;  // the scratch back to -1, touching only what this call set
    return failed;
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
  std::vector<uint32_t> touched;  // the things of `out`, in its order
  auto failed = x.Guarded(touched, [&](Statement*& running) {
    // Every match (one Match per thing), then where the words are: every one in the name column, and the
    // name starting with the first.
    running = &x.rowids;
    for (auto [where, filter] : {std::pair{SearchHit::Where::Text, ""}, std::pair{SearchHit::Where::Name, "name : ("},
                                 std::pair{SearchHit::Where::NameStart, "name : (^"}}) {
      x.rowids.Reset();
      x.rowids.Bind(1, *filter ? std::string_view(filter + expr + ")") : std::string_view(expr));
      while (x.rowids.Step()) {
        uint32_t thing;
        int32_t* at = x.SlotOf(x.rowids, thing);
        if (!at) continue;
        if (where == SearchHit::Where::Text && *at < 0) {
          *at = static_cast<int32_t>(out.size());
          touched.push_back(thing);
          out.push_back({x.things[thing].kind, x.things[thing].ref, where, 0, thing});
        } else if (*at >= 0) {
          out[*at].where = where;
        }
      }
      x.rowids.Reset();
    }
  });
  if (failed) return *failed;
  return out;
}

Result<std::vector<double>> SearchIndex::Score(const std::vector<std::string>& words, const std::vector<uint32_t>& things) {
  std::vector<double> out(things.size(), 0);
  const std::string expr = Expression(words);
  if (expr.empty() || things.empty()) return out;
  std::lock_guard<std::mutex> lock(impl_->mu);
  Impl& x = *impl_;
  std::vector<uint32_t> touched;
  std::vector<bool> seen(things.size(), false);
  auto failed = x.Guarded(touched, [&](Statement*& running) {
    for (size_t i = 0; i < things.size(); ++i)
      if (things[i] < x.slot.size() && x.slot[things[i]] < 0) x.slot[things[i]] = static_cast<int32_t>(i), touched.push_back(things[i]);
    running = &x.scored;
    x.scored.Reset();
    x.scored.Bind(1, std::string_view(expr));
    while (x.scored.Step()) {
      if (x.scored.IsNull(1)) continue;
      uint32_t thing;
      int32_t* at = x.SlotOf(x.scored, thing);
      if (!at || *at < 0) continue;
      double bm25 = x.scored.Real(1);
      if (!seen[*at] || bm25 < out[*at]) out[*at] = bm25, seen[*at] = true;
    }
    x.scored.Reset();
  });
  if (failed) return *failed;
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
  uint32_t thing = 0;  // SearchIndex::Match::thing, to score it
};

// Rule 1 and the exhibitors first, as one number: the hits of a lower tier come before any of a higher one,
// whatever their bm25.
size_t Tier(const SearchHit& h) { return static_cast<size_t>(h.where) * 2 + (h.kind == SearchHit::Kind::Exhibitor ? 0 : 1); }
constexpr size_t kTiers = (static_cast<size_t>(SearchHit::Where::Text) + 1) * 2;

// The things bm25 has to order: in each group, the tiers that reach into its first `per_group` (the rest
// come after them whatever their score, and are only counted).
std::vector<uint32_t> ToScore(const std::vector<std::vector<Ranked>>& groups, size_t per_group) {
  std::vector<uint32_t> out;
  for (const auto& list : groups) {
    size_t in_tier[kTiers] = {};
    for (const auto& r : list) ++in_tier[Tier(r.hit)];
    size_t before = 0, scored = 0;  // tiers [0, scored) are scored
    while (scored < kTiers && before < std::min(per_group, list.size())) before += in_tier[scored++];
    for (const auto& r : list)
      if (Tier(r.hit) < scored) out.push_back(r.thing);
  }
  return out;
}

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
    Ranked r{SearchHit{m.kind, std::move(m.ref), m.where, 0}, 0, m.thing};
    if (r.hit.where == SearchHit::Where::Name && ShortNameStarts(c, r.hit, lang, typed)) r.hit.where = SearchHit::Where::NameStart;
    if (r.hit.kind == SearchHit::Kind::Session)
      if (const Session* x = c.FindSession(r.hit.ref)) r.starts = x->starts_utc;
    groups[static_cast<size_t>(GroupOf(r.hit.kind))].push_back(std::move(r));
  }
  // bm25 only where it decides what is shown; the hits not scored keep 0 and sort after every scored one.
  const std::vector<uint32_t> scored = ToScore(groups, per_group);
  auto scores = c.search_index->Score(words, scored);
  if (!scores) return scores.error();
  std::unordered_map<uint32_t, double> score_of;
  for (size_t i = 0; i < scored.size(); ++i) score_of[scored[i]] = scores.value()[i];
  for (auto& list : groups)
    for (auto& r : list)
      if (auto it = score_of.find(r.thing); it != score_of.end()) r.hit.bm25 = it->second;
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
      std::vector<uint32_t> every;  // and bm25 of every match: what a full list scores
      for (const auto& m : found.value()) every.push_back(m.thing);
      auto scored = c.search_index->Score({probe}, every);
      if (!scored) return scored.error().message + " (for \"" + probe + "\")";
    }
  return std::nullopt;
}

}  // namespace db
