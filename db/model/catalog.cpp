#include "db/model/catalog.h"

#include <algorithm>
#include <unordered_set>

#include "db/snapshot/search.h"
#include "db/snapshot/snapshot_file.h"
#include "db/snapshot/sqlite.h"
#include "db/base/text.h"

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

void ForEachText(const Catalog& c, const std::function<void(const TextRef&)>& fn) {
  static const Origin kNowhere;
  auto tr = [&](std::string_view table, const std::string& id, std::string_view field, const Text& t,
                const Origin& o) {
    for (const auto& [lang, text] : t.by_lang) fn({table, id, field, lang, text, o});
  };
  auto plain = [&](std::string_view table, const std::string& id, std::string_view field, const std::string& text,
                   const Origin& o) {
    if (!text.empty()) fn({table, id, field, {}, text, o});
  };
  const Forum& f = c.forum;
  tr("forum", f.code, "title", f.title, f.origin), tr("forum", f.code, "venue", f.venue, f.origin);
  tr("forum", f.code, "city", f.city, f.origin);
  for (const auto& x : c.languages) plain("language", x.code, "native_name", x.native_name, x.origin);
  for (const auto& x : c.countries) tr("country", x.code, "name", x.name, x.origin);
  for (const auto& x : c.organizations) {
    const Origin& o = x.origin;
    tr("organization", x.id, "name", x.name, o), tr("organization", x.id, "short_name", x.short_name, o);
    tr("organization", x.id, "description", x.description, o), tr("organization", x.id, "city", x.city, o);
    plain("organization", x.id, "website", x.website, o), plain("organization", x.id, "email", x.email, o);
    plain("organization", x.id, "phone", x.phone, o);
  }
  for (const auto& x : c.locations)
    tr("location", x.id, "name", x.name, x.origin), plain("location", x.id, "label", x.label, x.origin);
  for (const auto& x : c.sources)
    plain("source", x.id, "title", x.title, x.origin), plain("source", x.id, "publisher", x.publisher, x.origin);
  for (const auto& x : c.agreements) {
    const Origin& o = x.origin;
    tr("agreement", x.id, "title", x.title, o), tr("agreement", x.id, "summary", x.summary, o);
    tr("agreement", x.id, "place", x.place, o), tr("agreement", x.id, "scope", x.scope, o);
    for (const auto& p : x.parties) {
      std::string id = x.id + "/" + p.organization_id;
      tr("agreement_party", id, "signatory_name", p.signatory_name, p.origin);
      tr("agreement_party", id, "signatory_title", p.signatory_title, p.origin);
    }
  }
  for (const auto& x : c.rooms) tr("room", x.id, "name", x.name, x.origin);
  for (const auto& x : c.tracks) tr("track", x.id, "name", x.name, x.origin);
  for (const auto& x : c.people) tr("person", x.id, "name", x.name, x.origin), tr("person", x.id, "title", x.title, x.origin);
  for (const auto& x : c.sessions) {
    tr("session", x.id, "title", x.title, x.origin), tr("session", x.id, "subtitle", x.subtitle, x.origin);
    tr("session", x.id, "description", x.description, x.origin);
  }
  for (const auto& [key, t] : c.ui_strings) tr("ui_string", key, "text", t, kNowhere);
}

// [SECTION] Loading a snapshot ---------------------------------------------------------------------------

namespace {

// Reads `SELECT id, lang, <nfields fields> FROM <table>_i18n` into the Text members of rows found by `find`.
template <class FindRow>
void LoadI18n(Database& db, const std::string& sql, int nfields, FindRow find) {
  auto st = db.Prepare(sql);
  while (st.Step()) {
    std::vector<Text*> texts = find(st);  // the row's Text members, in column order; empty: no such row
    std::string lang = st.Text(1);
    for (int f = 0; f < nfields && f < static_cast<int>(texts.size()); ++f)
      if (texts[f] && !st.IsNull(2 + f)) texts[f]->by_lang[lang] = st.Text(2 + f);
  }
}

template <class T>
T* Mutable(const T* p) {
  return const_cast<T*>(p);
}

void LoadAll(Database& db, Catalog& c) {
  // Metadata.
  {
    auto st = db.Prepare("SELECT key, value FROM meta");
    while (st.Step()) {
      std::string k = st.Text(0), v = st.Text(1);
      if (k == "schema_version") c.info.schema_version = std::atoi(v.c_str());
      else if (k == "content_version") c.info.content_version = std::atoll(v.c_str());
      else if (k == "content_checksum") c.info.content_checksum = v;
      else if (k == "built_at") c.info.built_at = v;
      else if (k == "generator") c.info.generator = v;
    }
  }
  {
    auto st = db.Prepare("SELECT code, native_name, english_name, fallback, plural_rule FROM language ORDER BY position");
    while (st.Step()) c.languages.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), {}, st.Text(4)});
  }
  {
    auto st = db.Prepare(
        "SELECT code, start_date, end_date, time_zone, utc_offset_min, default_language, idle_timeout_s, "
        "website FROM forum WHERE id = 1");
    if (st.Step()) {
      Forum& f = c.forum;
      f.code = st.Text(0);
      f.start_date = st.Text(1);
      f.end_date = st.Text(2);
      f.time_zone = st.Text(3);
      f.utc_offset_min = static_cast<int>(st.Int(4));
      f.default_language = st.Text(5);
      f.idle_timeout_s = static_cast<int>(st.Int(6));
      f.website = st.Text(7);
    }
    auto tr = db.Prepare("SELECT lang, title, venue, city FROM forum_i18n");
    while (tr.Step()) {
      std::string lang = tr.Text(0);
      if (!tr.IsNull(1)) c.forum.title.by_lang[lang] = tr.Text(1);
      if (!tr.IsNull(2)) c.forum.venue.by_lang[lang] = tr.Text(2);
      if (!tr.IsNull(3)) c.forum.city.by_lang[lang] = tr.Text(3);
    }
  }
  {
    auto st = db.Prepare("SELECT code, color FROM country ORDER BY rowid");
    while (st.Step()) {
      Country x;
      x.code = st.Text(0);
      std::string color = st.Text(1);
      x.color = static_cast<uint32_t>(std::strtoul(color.c_str() + (color.empty() ? 0 : 1), nullptr, 16));
      c.countries.push_back(std::move(x));
    }
  }
  {
    auto st = db.Prepare("SELECT id, mime, width, height, sha256, bytes FROM image ORDER BY rowid");
    while (st.Step()) {
      Image x;
      x.id = st.Text(0);
      x.mime = st.Text(1);
      x.width = static_cast<int>(st.Int(2));
      x.height = static_cast<int>(st.Int(3));
      x.sha256 = st.Text(4);
      x.bytes = st.Blob(5);
      c.images.push_back(std::move(x));
    }
  }
  {
    auto st = db.Prepare(
        "SELECT id, kind, country_code, website, email, phone, logo_image_id, sample FROM organization ORDER BY rowid");
    while (st.Step()) {
      Organization x;
      x.id = st.Text(0);
      x.kind = st.Text(1);
      x.country_code = st.Text(2);
      x.website = st.Text(3);
      x.email = st.Text(4);
      x.phone = st.Text(5);
      x.logo_image_id = st.Text(6);
      x.sample = st.Int(7) != 0;
      c.organizations.push_back(std::move(x));
    }
  }
  {
    auto st = db.Prepare("SELECT organization_id, booth_id, category, featured, sample FROM exhibitor ORDER BY rowid");
    while (st.Step())
      c.exhibitors.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3) != 0, st.Int(4) != 0, {}});
  }
  {
    auto st = db.Prepare(
        "SELECT id, kind, level, shape, cx, cy, label, amenity, hall_id, sample FROM location ORDER BY rowid");
    while (st.Step()) {
      Location x;
      x.id = st.Text(0);
      x.kind = st.Text(1);
      x.level = static_cast<int>(st.Int(2));
      x.is_polygon = st.Text(3) == "polygon";
      x.anchor = {st.Real(4), st.Real(5)};
      x.label = st.Text(6);
      x.amenity = st.Text(7);
      x.hall_id = st.Text(8);
      x.sample = st.Int(9) != 0;
      c.locations.push_back(std::move(x));
    }
  }
  {
    auto st = db.Prepare("SELECT id, from_id, to_id, length_m, accessible FROM walkway ORDER BY rowid");
    while (st.Step()) c.walkways.push_back({st.Text(0), st.Text(1), st.Text(2), st.Real(3), st.Int(4) != 0, {}});
  }
  {
    auto st = db.Prepare("SELECT id, title, publisher, url, published_date, lang, note FROM source ORDER BY rowid");
    while (st.Step())
      c.sources.push_back(
          {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6), {}});
  }
  {
    auto st = db.Prepare("SELECT id, kind, signed_date, online, source_id, sample FROM agreement ORDER BY rowid");
    while (st.Step()) {
      Agreement x;
      x.id = st.Text(0);
      x.kind = st.Text(1);
      x.signed_date = st.Text(2);
      x.online = st.Int(3) != 0;
      x.source_id = st.Text(4);
      x.sample = st.Int(5) != 0;
      c.agreements.push_back(std::move(x));
    }
  }
  {
    auto st = db.Prepare("SELECT id, location_id FROM room ORDER BY position");
    while (st.Step()) c.rooms.push_back({st.Text(0), st.Text(1), {}, {}});
  }
  {
    auto st = db.Prepare("SELECT id, color FROM track ORDER BY rowid");
    while (st.Step()) c.tracks.push_back({st.Text(0), st.Text(1), {}, {}});
  }
  {
    auto st = db.Prepare("SELECT id, organization_id, sample FROM person ORDER BY rowid");
    while (st.Step()) {
      Person x;
      x.id = st.Text(0);
      x.organization_id = st.Text(1);
      x.sample = st.Int(2) != 0;
      c.people.push_back(std::move(x));
    }
  }
  {
    auto st = db.Prepare(
        "SELECT id, guid, day_index, day_date, starts_at, ends_at, starts_utc, ends_utc, room_id, track_id, "
        "kind, language, sample FROM session ORDER BY starts_utc, rowid");
    while (st.Step()) {
      Session x;
      x.id = st.Text(0);
      x.guid = st.Text(1);
      x.day_index = static_cast<int>(st.Int(2));
      x.day_date = st.Text(3);
      x.starts_at = st.Text(4);
      x.ends_at = st.Text(5);
      x.starts_utc = st.Int(6);
      x.ends_utc = st.Int(7);
      x.room_id = st.Text(8);
      x.track_id = st.Text(9);
      x.kind = st.Text(10);
      x.language = st.Text(11);
      x.sample = st.Int(12) != 0;
      c.sessions.push_back(std::move(x));
    }
  }
  c.BuildIndexes();

  // Children and translations, attached through the indexes.
  {
    auto st = db.Prepare("SELECT location_id, x, y FROM location_vertex ORDER BY location_id, seq");
    while (st.Step())
      if (auto* l = Mutable(c.FindLocation(st.Text(0)))) l->ring.push_back({st.Real(1), st.Real(2)});
  }
  {
    auto st = db.Prepare(
        "SELECT agreement_id, organization_id, role, source_id FROM agreement_party "
        "ORDER BY agreement_id, position");
    while (st.Step())
      if (auto* a = Mutable(c.FindAgreement(st.Text(0)))) {
        AgreementParty p;
        p.organization_id = st.Text(1);
        p.role = st.Text(2);
        p.source_id = st.Text(3);
        a->parties.push_back(std::move(p));
      }
  }
  {
    auto st = db.Prepare(
        "SELECT agreement_id, field, value, source_id, note FROM agreement_fact ORDER BY agreement_id, position");
    while (st.Step())
      if (auto* a = Mutable(c.FindAgreement(st.Text(0))))
        a->facts.push_back({st.Text(1), st.Text(2), st.Text(3), st.Text(4), {}});
  }
  {
    auto st = db.Prepare("SELECT session_id, person_id, role FROM session_person ORDER BY session_id, position");
    while (st.Step())
      if (auto* s = Mutable(c.FindSession(st.Text(0)))) s->people.push_back({st.Text(1), st.Text(2)});
  }
  {
    auto st = db.Prepare("SELECT session_id, organization_id, role FROM session_organization ORDER BY rowid");
    while (st.Step())
      if (auto* s = Mutable(c.FindSession(st.Text(0)))) s->organizations.push_back({st.Text(1), st.Text(2), {}});
  }

  auto one = [](Text* t) { return std::vector<Text*>{t}; };
  LoadI18n(db, "SELECT country_code, lang, name FROM country_i18n", 1, [&](Statement& st) {
    auto* x = Mutable(c.FindCountry(st.Text(0)));
    return one(x ? &x->name : nullptr);
  });
  LoadI18n(db, "SELECT organization_id, lang, name, short_name, description, city FROM organization_i18n", 4,
           [&](Statement& st) {
             auto* x = Mutable(c.FindOrganization(st.Text(0)));
             return x ? std::vector<Text*>{&x->name, &x->short_name, &x->description, &x->city}
                      : std::vector<Text*>{};
           });
  LoadI18n(db, "SELECT location_id, lang, name FROM location_i18n", 1, [&](Statement& st) {
    auto* x = Mutable(c.FindLocation(st.Text(0)));
    return one(x ? &x->name : nullptr);
  });
  LoadI18n(db, "SELECT agreement_id, lang, title, summary, place, scope FROM agreement_i18n", 4,
           [&](Statement& st) {
             auto* x = Mutable(c.FindAgreement(st.Text(0)));
             return x ? std::vector<Text*>{&x->title, &x->summary, &x->place, &x->scope} : std::vector<Text*>{};
           });
  {
    auto st = db.Prepare(
        "SELECT agreement_id, organization_id, lang, signatory_name, signatory_title FROM agreement_party_i18n");
    while (st.Step())
      if (auto* a = Mutable(c.FindAgreement(st.Text(0))))
        for (auto& p : a->parties)
          if (p.organization_id == st.Text(1)) {
            if (!st.IsNull(3)) p.signatory_name.by_lang[st.Text(2)] = st.Text(3);
            if (!st.IsNull(4)) p.signatory_title.by_lang[st.Text(2)] = st.Text(4);
          }
  }
  LoadI18n(db, "SELECT room_id, lang, name FROM room_i18n", 1, [&](Statement& st) {
    auto* x = Mutable(c.FindRoom(st.Text(0)));
    return one(x ? &x->name : nullptr);
  });
  LoadI18n(db, "SELECT track_id, lang, name FROM track_i18n", 1, [&](Statement& st) {
    auto* x = Mutable(c.FindTrack(st.Text(0)));
    return one(x ? &x->name : nullptr);
  });
  LoadI18n(db, "SELECT person_id, lang, name, title, biography FROM person_i18n", 3, [&](Statement& st) {
    auto* x = Mutable(c.FindPerson(st.Text(0)));
    return x ? std::vector<Text*>{&x->name, &x->title, &x->biography} : std::vector<Text*>{};
  });
  LoadI18n(db, "SELECT session_id, lang, title, subtitle, description FROM session_i18n", 3, [&](Statement& st) {
    auto* x = Mutable(c.FindSession(st.Text(0)));
    return x ? std::vector<Text*>{&x->title, &x->subtitle, &x->description} : std::vector<Text*>{};
  });
  {
    auto st = db.Prepare("SELECT key, lang, text FROM ui_string");
    while (st.Step()) c.ui_strings[st.Text(0)].by_lang[st.Text(1)] = st.Text(2);
  }
}

}  // namespace

Result<std::shared_ptr<const Catalog>> LoadCatalog(const std::string& path) {
  try {
    if (auto problem = CheckSnapshotFile(path)) return Error{path + ": " + *problem};
    // Read once, then work in memory: later searches never touch the disk, and a file replaced or removed
    // after this point cannot change what is shown.
    auto bytes = ReadWholeFile(path);
    if (!bytes) return Error{path + ": cannot read the file"};
    Database db = Database::FromBytes(*bytes, path);
    bytes.reset();
    if (auto problem = CheckSnapshotHeader(db)) return Error{path + ": " + *problem};
    return LoadCatalogFrom(std::move(db), path);
  } catch (const SqliteError& e) {
    return Error{path + ": cannot read the snapshot: " + e.what()};
  } catch (const std::bad_alloc&) {
    return Error{path + ": out of memory while loading the snapshot"};
  }
}

Result<std::shared_ptr<const Catalog>> LoadCatalogFrom(Database db, const std::string& name) {
  try {
    auto catalog = std::make_shared<Catalog>();
    LoadAll(db, *catalog);
    catalog->search_index = std::make_shared<const SearchIndex>(std::move(db));
    return std::shared_ptr<const Catalog>(std::move(catalog));
  } catch (const SqliteError& e) {
    return Error{name + ": cannot read the snapshot: " + e.what()};
  } catch (const std::bad_alloc&) {
    return Error{name + ": out of memory while loading the snapshot"};
  }
}

}  // namespace db
