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
    d.Name(p.name), d.Body(p.title);
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
  Statement ranked, source;
  explicit Impl(Database d)
      : db(std::move(d)),
        ranked(db.Prepare("SELECT kind, ref, lang, bm25(search, 0.0, 0.0, 0.0, 10.0, 1.0) AS score FROM search "
                          "WHERE search MATCH ?1 ORDER BY score LIMIT ?2")),
        source(db.Prepare("SELECT kind, ref, lang, 0.0 FROM search WHERE search MATCH ?1 ORDER BY rowid LIMIT ?2")) {}
};

SearchIndex::SearchIndex(Database db) : impl_(std::make_unique<Impl>(std::move(db))) {}
SearchIndex::~SearchIndex() = default;

Result<std::vector<SearchIndex::Match>> SearchIndex::Find(const std::vector<std::string>& words, size_t limit, Order order) {
  std::vector<Match> out;
  std::string expr;
  for (const auto& w : words) {
    std::string clean;
    for (char ch : w)
      if (ch != '"' && ch != ' ') clean += ch;  // folded words never hold these; a guard all the same
    if (!clean.empty()) expr += (expr.empty() ? "\"" : " \"") + clean + "\"*";
  }
  if (expr.empty()) return out;
  // NameStart: the first word must begin the name column (FTS5's ^), the others anywhere in it.
  if (order == Order::NameStart) expr = "name : ^" + expr;
  std::lock_guard<std::mutex> lock(impl_->mu);
  Statement& st = order == Order::Ranked ? impl_->ranked : impl_->source;
  try {
    st.Reset();
    st.Bind(1, std::string_view(expr)).Bind(2, static_cast<int64_t>(limit));
    while (st.Step()) {
      Match m;
      if (!KindFromName(st.Text(0), m.kind)) continue;
      m.ref = st.Text(1);
      m.lang = st.Text(2);
      m.bm25 = st.Real(3);
      out.push_back(std::move(m));
    }
    st.Reset();
  } catch (const SqliteError& e) {
    try {
      st.Reset();
    } catch (const SqliteError&) {  // Reset reports the failed step again; the statement is reusable anyway
    }
    return Error{std::string("search failed: ") + e.what()};
  }
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

Result<std::vector<SearchHit>> Search(const Catalog& c, std::string_view query, std::string_view lang, size_t per_group) {
  std::vector<SearchHit> out;
  if (!c.search_index) return out;
  std::vector<std::string> words = SearchWords(query.substr(0, 4096));
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  for (auto& w : words) w = Cut(std::move(w));
  if (words.empty()) return out;
  // A name that starts with what was typed is what a visitor most likely wants: those first, cheaply, in
  // index order. Then the rest: in index order, stopping after 150 rows; when that finds every match (a
  // specific query), the matches are ranked by bm25 instead. Scoring thousands of rows for a letter or two
  // ("a", "Технопарк Т") would take tens of milliseconds per keystroke.
  using Order = SearchIndex::Order;
  const size_t kRows = 150;
  auto start = c.search_index->Find(words, 60, Order::NameStart);
  if (!start) return start.error();
  std::vector<SearchIndex::Match> matches = std::move(start.value());
  for (auto& m : matches) m.bm25 -= 50;
  auto more = c.search_index->Find(words, kRows, Order::Source);
  if (more && more.value().size() < kRows) more = c.search_index->Find(words, kRows, Order::Ranked);
  if (!more) return more.error();
  matches.insert(matches.end(), more.value().begin(), more.value().end());

  // One hit per thing: its best row, remembering which came first (index order breaks ties).
  struct Best {
    double bm25;
    size_t first;
  };
  std::map<std::pair<SearchHit::Kind, std::string>, Best> best;
  for (size_t i = 0; i < matches.size(); ++i) {
    const auto& m = matches[i];
    auto [it, added] = best.try_emplace({m.kind, m.ref}, Best{m.bm25, i});
    if (!added && m.bm25 < it->second.bm25) it->second.bm25 = m.bm25;
  }
  std::string typed;
  for (const auto& w : words) typed += (typed.empty() ? "" : " ") + w;
  std::vector<std::pair<size_t, SearchHit>> ranked;
  for (const auto& [key, b] : best) {
    SearchHit h{key.first, key.second, -b.bm25};
    // What the visitor sees decides among close matches: the name in their language (or the short name).
    std::string shown = FoldForSearch(HitTitle(c, h, lang));
    if (h.kind == SearchHit::Kind::Exhibitor || h.kind == SearchHit::Kind::Organization)
      if (const Organization* o = c.FindOrganization(h.ref)) shown += " | " + FoldForSearch(c.Tr(o->short_name, lang));
    if (shown.rfind(typed, 0) == 0 || shown.find("| " + typed) != std::string::npos) h.score += 100;
    else if (shown.find(" " + words[0]) != std::string::npos) h.score += 40;
    if (h.kind == SearchHit::Kind::Exhibitor) h.score += 5;  // what most visitors look for
    ranked.push_back({b.first, std::move(h)});
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score) return a.second.score > b.second.score;
    return a.first < b.first;
  });
  for (auto& [first, h] : ranked) out.push_back(std::move(h));

  // Groups in the order of their best hit, best first within each.
  std::vector<SearchGroup> order;
  std::map<SearchGroup, std::vector<SearchHit>> groups;
  for (auto& h : out) {
    SearchGroup g = GroupOf(h.kind);
    if (!groups.count(g)) order.push_back(g);
    if (groups[g].size() < per_group) groups[g].push_back(std::move(h));
  }
  out.clear();
  for (SearchGroup g : order)
    for (auto& h : groups[g]) out.push_back(std::move(h));
  return out;
}

std::optional<std::string> CheckSearchQueries(const Catalog& c) {
  if (!c.search_index) return std::nullopt;
  // FTS5's integrity-check has already read every doclist against the rows; what it does not read is what
  // only queries use: the averages and sizes bm25 ranks with, and the prefix and column-filter paths. So:
  // the three letters most words start with (in the texts the index was built from, folded as the writer
  // folds them), each alone (a prefix query over many rows; ranking it scores every one) and its longest
  // word, in every order Search uses. A dozen queries: this runs every time the kiosk opens a snapshot.
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
  using O = SearchIndex::Order;
  for (const auto& [letter, l] : common)
    for (const std::string& probe : {letter, l.longest})
      for (O order : {O::NameStart, O::Source, O::Ranked}) {
        auto found = c.search_index->Find({probe}, 20, order);
        if (!found) return found.error().message + " (for \"" + probe + "\")";
      }
  return std::nullopt;
}

}  // namespace db
