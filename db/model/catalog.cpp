#include "db/model/catalog.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "db/model/geometry.h"
#include "db/model/router.h"


namespace db {

// [SECTION] Indexes and lookups --------------------------------------------------------------------------

namespace {

template <class Vec, class Key>
void Fill(std::unordered_map<std::string, size_t>& ix, const Vec& v, Key key) {
  ix.clear();
  ix.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) ix.emplace(key(v[i]), i);  // emplace keeps the first duplicate
}

template <class Vec>
const typename Vec::value_type* Lookup(const std::unordered_map<std::string, size_t>& ix, const Vec& v,
                                       std::string_view id) {
  auto it = ix.find(std::string(id));
  return it == ix.end() ? nullptr : &v[it->second];
}

const std::string kEmpty;

}  // namespace

std::shared_ptr<const Catalog> Catalog::Make(CatalogData data) {
  return std::make_shared<const Catalog>(Key{}, std::move(data));
}

Catalog::Catalog(Key, CatalogData data) : CatalogData(std::move(data)) { BuildIndexes(); }

void Catalog::BuildIndexes() {
  Fill(language_ix_, languages, [](const Language& x) { return x.code; });
  Fill(country_ix_, countries, [](const Country& x) { return x.code; });
  Fill(image_ix_, images, [](const Image& x) { return x.id; });
  Fill(organization_ix_, organizations, [](const Organization& x) { return x.id; });
  Fill(exhibitor_ix_, exhibitors, [](const Exhibitor& x) { return x.organization_id; });
  booth_ix_.clear();
  for (size_t i = 0; i < exhibitors.size(); ++i)
    if (!exhibitors[i].booth_id.empty()) booth_ix_.emplace(exhibitors[i].booth_id, i);
  Fill(location_ix_, locations, [](const Location& x) { return x.id; });
  Fill(building_ix_, buildings, [](const Building& x) { return x.id; });
  Fill(level_ix_, levels, [](const Level& x) { return x.id; });
  std::set<int> ordinals;
  for (const auto& l : levels) ordinals.insert(l.ordinal);
  for (const auto& l : locations) ordinals.insert(l.level);
  ordinals_.assign(ordinals.begin(), ordinals.end());
  triangles_ = TriangulateAll(locations);
  auto router = Router::Make(route_tiles);
  router_ = router ? router.value() : Router::Make({}).value();
  Fill(source_ix_, sources, [](const Source& x) { return x.id; });
  Fill(agreement_ix_, agreements, [](const Agreement& x) { return x.id; });
  Fill(room_ix_, rooms, [](const Room& x) { return x.id; });
  Fill(track_ix_, tracks, [](const Track& x) { return x.id; });
  Fill(person_ix_, people, [](const Person& x) { return x.id; });
  Fill(session_ix_, sessions, [](const Session& x) { return x.id; });
  exhibiting_ix_.clear();
  std::unordered_set<std::string_view> exhibiting;  // linear in exhibitors + countries
  for (const auto& e : exhibitors)
    if (const Organization* o = FindOrganization(e.organization_id)) exhibiting.insert(o->country_code);
  for (size_t i = 0; i < countries.size(); ++i)
    if (exhibiting.count(countries[i].code)) exhibiting_ix_.push_back(i);
  std::map<int, std::string> days;
  for (const auto& x : sessions) days.emplace(x.day_index, x.day_date);
  days_.assign(days.begin(), days.end());
  lookup_order_.clear();
  for (const auto& l : languages) {
    auto order = Chain(l.code);
    for (auto& code : Chain(forum.default_language))
      if (std::find(order.begin(), order.end(), code) == order.end()) order.push_back(code);
    lookup_order_[l.code] = std::move(order);
  }
}

std::vector<const Country*> Catalog::ExhibitingCountries() const {
  std::vector<const Country*> out;
  for (size_t i : exhibiting_ix_) out.push_back(&countries[i]);
  return out;
}

const Language* Catalog::FindLanguage(std::string_view c) const { return Lookup(language_ix_, languages, c); }
const Country* Catalog::FindCountry(std::string_view c) const { return Lookup(country_ix_, countries, c); }
const Image* Catalog::FindImage(std::string_view id) const { return Lookup(image_ix_, images, id); }
const Organization* Catalog::FindOrganization(std::string_view id) const {
  return Lookup(organization_ix_, organizations, id);
}
const Exhibitor* Catalog::FindExhibitor(std::string_view id) const {
  return Lookup(exhibitor_ix_, exhibitors, id);
}
const Exhibitor* Catalog::FindExhibitorAtBooth(std::string_view id) const {
  return Lookup(booth_ix_, exhibitors, id);
}
const Location* Catalog::FindLocation(std::string_view id) const { return Lookup(location_ix_, locations, id); }
const Building* Catalog::FindBuilding(std::string_view id) const { return Lookup(building_ix_, buildings, id); }
const Level* Catalog::FindLevel(std::string_view id) const { return Lookup(level_ix_, levels, id); }
const Level* Catalog::LevelAt(int ordinal) const {
  for (const auto& l : levels)
    if (l.ordinal == ordinal) return &l;
  return nullptr;
}
const Source* Catalog::FindSource(std::string_view id) const { return Lookup(source_ix_, sources, id); }
const Agreement* Catalog::FindAgreement(std::string_view id) const {
  return Lookup(agreement_ix_, agreements, id);
}
const Room* Catalog::FindRoom(std::string_view id) const { return Lookup(room_ix_, rooms, id); }
const Track* Catalog::FindTrack(std::string_view id) const { return Lookup(track_ix_, tracks, id); }
const Person* Catalog::FindPerson(std::string_view id) const { return Lookup(person_ix_, people, id); }
const Session* Catalog::FindSession(std::string_view id) const { return Lookup(session_ix_, sessions, id); }

std::vector<std::string> Catalog::Chain(std::string_view lang) const {
  std::vector<std::string> chain;
  std::string cur(lang);
  while (!cur.empty() && std::find(chain.begin(), chain.end(), cur) == chain.end()) {
    chain.push_back(cur);
    const Language* l = FindLanguage(cur);
    cur = l ? l->fallback : std::string();
  }
  return chain;
}

const std::string& Catalog::Tr(const Text& text, std::string_view lang, std::string_view* from) const {
  auto found = [&](const std::string& code, const std::string& s) -> const std::string& {
    if (from) *from = code;
    return s;
  };
  if (auto it = lookup_order_.find(std::string(lang)); it != lookup_order_.end()) {
    for (const auto& code : it->second)
      if (const auto* s = text.Find(code); s && !s->empty()) return found(code, *s);
  } else {
    // A language the snapshot does not offer: its own chain, then the default's. `from` views the key
    // stored in `text` (the chain is a temporary).
    for (std::string_view start : {lang, std::string_view(forum.default_language)})
      for (const auto& code : Chain(start))
        if (auto it = text.by_lang.find(code); it != text.by_lang.end() && !it->second.empty())
          return found(it->first, it->second);
  }
  for (const auto& [code, s] : text.by_lang)
    if (!s.empty()) return found(code, s);
  if (from) *from = {};
  return kEmpty;
}

const std::string& Catalog::Ui(std::string_view key, std::string_view lang, std::string_view* from) const {
  auto it = ui_strings.find(key);
  if (it == ui_strings.end()) {
    if (from) *from = {};
    return kEmpty;
  }
  return Tr(it->second, lang, from);
}

}  // namespace db
