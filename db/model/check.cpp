#include "db/model/check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "db/model/caps.h"
#include "db/model/geometry.h"
#include "db/model/image_check.h"
#include "db/model/plural.h"
#include "db/model/rich_text.h"
#include "db/base/text.h"
#include "db/model/text_rules.h"

namespace db {

namespace {

const std::set<std::string> kOrganizationKinds = {"technopark", "agency", "government", "company",
                                                  "international", "association", "other"};
const std::set<std::string> kAmenities = {"toilet", "accessible_toilet", "cafe", "info", "first_aid", "cloakroom",
                                          "prayer_room", "elevator", "charging"};
const std::set<std::string> kAgreementKinds = {"mou", "memorandum_of_cooperation", "agreement", "other"};
const std::set<std::string> kPartyRoles = {"party", "witness", "organizer"};

class Checker {
 public:
  Checker(const Catalog& c, Diagnostics& d) : c_(c), d_(d) {
    for (const auto& l : c_.languages) chains_.push_back(c_.Chain(l.code));
  }

  void Run() {
    Counts();
    Texts();
    Languages();
    Forum();
    Countries();
    Images();
    Organizations();
    Levels();
    Locations();
    Exhibitors();
    Agreements();
    Program();
    Strings();
  }

 private:
  const Catalog& c_;
  Diagnostics& d_;
  std::vector<std::vector<std::string>> chains_;  // Chain() of each offered language, in order: once, not per text

  // Rows from sources carry file and line; rows from a snapshot are named by table.
  void Err(const Origin& o, const char* table, const std::string& field, const std::string& msg) {
    d_.Error(o.file.empty() ? table : o.file, o.line, field, msg);
  }
  void Warn(const Origin& o, const char* table, const std::string& field, const std::string& msg) {
    d_.Warning(o.file.empty() ? table : o.file, o.line, field, msg);
  }

  static std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }

  // The anchor a snapshot stores is the centroid of its outline (db/sources/floorplan.cpp computes it); one that is
  // not (a hand-edited 1e308) would put the label far off the map.
  void AnchorIsCentroid(const Location& x) {
    Point c = Centroid(x.ring);
    double scale = 1;
    for (const auto& p : x.ring) scale = std::max({scale, std::fabs(p.x), std::fabs(p.y)});
    double tolerance = 1e-6 * scale;
    if (!(std::fabs(c.x - x.anchor.x) <= tolerance && std::fabs(c.y - x.anchor.y) <= tolerance))
      Err(x.origin, "location", "anchor", "'" + x.id + "': the label anchor (" + Num(x.anchor.x) + ", " + Num(x.anchor.y) +
                                              ") is not the centroid of the outline (" + Num(c.x) + ", " + Num(c.y) + ")");
  }

  template <class Vec, class Key>
  void Unique(const Vec& rows, const char* table, const char* field, Key key) {
    std::unordered_map<std::string, const Origin*> seen;
    for (const auto& row : rows) {
      std::string k = key(row);
      if (k.empty()) continue;  // reported where the id is read
      auto [it, fresh] = seen.emplace(k, &row.origin);
      if (!fresh) {
        const Origin& first = *it->second;
        std::string where = first.line > 0 ? " (first on line " + std::to_string(first.line) + ")" : "";
        Err(row.origin, table, field, "duplicate id '" + k + "'" + where);
      }
    }
  }

  // A required text must be reachable from every offered language along its fallback chain, so that no
  // visitor ever sees an empty label.
  // `partial`, when given, counts a text that some languages cannot reach instead of an error (a place's name
  // from a venue's plan, written in the venue's language only: Catalog::Tr shows it as written); one warning
  // for all of them follows.
  struct Partial {
    int count = 0;
    Origin first;
    std::string first_id, first_missing;
  };
  void Required(const Text& t, const Origin& o, const char* table, const std::string& id, const char* field, Partial* partial = nullptr) {
    TextValid(t, o, table, id, field);
    std::string missing;
    for (size_t i = 0; i < c_.languages.size(); ++i) {
      if (chains_[i].empty()) continue;  // a language without a code: reported by Languages()
      bool found = false;
      for (const auto& code : chains_[i])
        if (const auto* s = t.Find(code); s && !s->empty()) found = true;
      if (!found) missing += (missing.empty() ? "" : ", ") + c_.languages[i].code;
    }
    if (!missing.empty()) {
      if (t.empty()) Err(o, table, field, "'" + id + "' has no " + field + " in any language");
      else if (partial) {
        if (partial->count++ == 0) partial->first = o, partial->first_id = id, partial->first_missing = missing;
      } else
        Err(o, table, field, "'" + id + "' has no " + field + " reachable for " + missing +
                                  " (fill " + field + "_<lang> for a language on their fallback chain)");
    }
  }

  // The bytes of every text are Texts()'s; this checks that each translation is in an offered language.
  void TextValid(const Text& t, const Origin& o, const char* table, const std::string& id, const char* field) {
    for (const auto& [lang, s] : t.by_lang)
      if (!c_.FindLanguage(lang))
        Err(o, table, std::string(field) + "_" + Printable(lang), "'" + Printable(id) + "': language '" + Printable(lang) + "' is not offered");
  }

  // The rich form of `plain` (description_rich, biography_rich) decodes, and its visible text is the plain
  // text in the same language: search, inspect and the text rules read the plain text, the kiosk draws the
  // rich one, so the two must be the same text (a damaged snapshot never shows).
  void RichValid(const Text& rich, const Text& plain, const Origin& o, const char* table, const std::string& id,
                 const char* field) {
    for (const auto& [lang, stored] : rich.by_lang) {
      std::string where = std::string(table) + " '" + Printable(id) + "', " + field + " (" + Printable(lang) + "): ";
      Result<RichText> r = DecodeRichText(stored);
      if (!r) {
        Err(o, table, field, where + "the rich form does not decode: " + r.error().message + " (rebuild the snapshot)");
        continue;
      }
      const std::string* text = plain.Find(lang);
      std::string visible = PlainText(r.value());
      if (!text) {
        Err(o, table, field, where + "a rich form with no plain text in that language");
      } else if (visible != *text) {
        size_t at = std::mismatch(visible.begin(), visible.end(), text->begin(), text->end()).first - visible.begin();
        Err(o, table, field, where + "the rich form's text is not the plain text (they differ from byte " +
                                 std::to_string(at) + " on; rebuild the snapshot)");
      }
    }
  }

  // [SECTION] The caps on counts, and the text rule on every string ----------------------------------------

  void Counts() {
    auto cap = [&](size_t n, size_t max, const char* table, const char* what) {
      if (n > max)
        d_.Error(table, 0, "", std::to_string(n) + " " + what + ", more than the " + std::to_string(max) +
                                   " allowed (docs/SOURCES.md, caps)");
    };
    cap(c_.languages.size(), caps::kLanguages, "language", "languages");
    cap(c_.countries.size(), caps::kCountries, "country", "countries");
    cap(c_.images.size(), caps::kTableRows, "image", "images");
    cap(c_.organizations.size(), caps::kTableRows, "organization", "organizations");
    cap(c_.exhibitors.size(), caps::kTableRows, "exhibitor", "exhibitors");
    cap(c_.locations.size(), caps::kTableRows, "location", "places on the floor plan");
    cap(c_.walkways.size(), caps::kTableRows, "walkway", "walkways");
    cap(c_.sources.size(), caps::kTableRows, "source", "sources");
    cap(c_.agreements.size(), caps::kTableRows, "agreement", "agreements");
    cap(c_.rooms.size(), caps::kTableRows, "room", "rooms");
    cap(c_.tracks.size(), caps::kTableRows, "track", "tracks");
    cap(c_.people.size(), caps::kTableRows, "person", "people");
    cap(c_.sessions.size(), caps::kTableRows, "session", "sessions");
    cap(c_.ui_strings.size(), caps::kTableRows, "ui_string", "interface strings");
    size_t parties = 0, facts = 0, vertices = 0, session_links = 0;
    for (const auto& a : c_.agreements) parties += a.parties.size(), facts += a.facts.size();
    for (const auto& l : c_.locations) {
      vertices += l.ring.size();
      for (const auto& h : l.holes) vertices += h.ring.size();
    }
    for (const auto& x : c_.sessions) session_links += x.people.size() + x.organizations.size();
    cap(parties, caps::kTableRows, "agreement_party", "agreement parties");
    cap(facts, caps::kTableRows, "agreement_fact", "agreement facts");
    cap(session_links, caps::kTableRows, "session_person", "people and organizations of sessions");
    cap(vertices, caps::kTotalVertices, "location_vertex", "polygon corners on the floor plan");
  }

  // One string against the text rule (db/model/text_rules.h), by the kind of its field.
  void Check(const Origin& o, std::string_view table, std::string_view id, std::string_view field,
             std::string_view lang, const std::string& s) {
    auto problem = CheckText(s, KindOfField(field));
    if (!problem) return;
    std::string column = std::string(field) + (lang.empty() ? "" : "_" + Printable(lang));
    std::string in_lang = lang.empty() ? "" : " in '" + Printable(lang) + "'";
    std::string table_s(table);
    Err(o, table_s.c_str(), column, table_s + " '" + Printable(id) + "', " + std::string(field) + in_lang + ": " + problem->message);
  }

  // Every string of the catalog: the visible texts (ForEachText) and everything else a row holds.
  void Texts() {
    ForEachText(c_, [&](const TextRef& t) { Check(t.origin, t.table, t.id, t.field, t.lang, t.text); });
    auto text = [&](const Origin& o, const char* table, const std::string& id, const char* field, const Text& t) {
      for (const auto& [lang, s] : t.by_lang) Check(o, table, id, field, lang, s);
    };
    auto one = [&](const Origin& o, const char* table, const std::string& id, const char* field, const std::string& s) {
      Check(o, table, id, field, "", s);
    };
    static const Origin kNowhere;
    one(kNowhere, "meta", "content_checksum", "value", c_.info.content_checksum);
    one(kNowhere, "meta", "built_at", "value", c_.info.built_at);
    one(kNowhere, "meta", "generator", "value", c_.info.generator);
    const db::Forum& f = c_.forum;
    for (auto [field, v] : {std::pair{"id", &f.code}, {"start_date", &f.start_date}, {"end_date", &f.end_date},
                            {"time_zone", &f.time_zone}, {"default_language", &f.default_language}, {"website", &f.website},
                            {"map_url", &f.map_url}})
      one(f.origin, "forum", f.code, field, *v);
    for (const auto& x : c_.languages) {
      one(x.origin, "language", x.code, "code", x.code), one(x.origin, "language", x.code, "english_name", x.english_name);
      one(x.origin, "language", x.code, "fallback", x.fallback), one(x.origin, "language", x.code, "plural", x.plural_rule);
    }
    for (const auto& x : c_.countries) one(x.origin, "country", x.code, "code", x.code);
    for (const auto& x : c_.images)
      one(x.origin, "image", x.id, "id", x.id), one(x.origin, "image", x.id, "mime", x.mime), one(x.origin, "image", x.id, "sha256", x.sha256);
    for (const auto& x : c_.organizations)
      for (auto [field, v] : {std::pair{"id", &x.id}, {"kind", &x.kind}, {"country", &x.country_code}, {"logo", &x.logo_image_id}})
        one(x.origin, "organization", x.id, field, *v);
    for (const auto& x : c_.exhibitors)
      for (auto [field, v] : {std::pair{"organization", &x.organization_id}, {"booth", &x.booth_id}, {"category", &x.category}})
        one(x.origin, "exhibitor", x.organization_id, field, *v);
    for (const auto& x : c_.locations)
      for (auto [field, v] : {std::pair{"id", &x.id}, {"amenity", &x.amenity}, {"hall", &x.hall_id}})
        one(x.origin, "location", x.id, field, *v);
    for (const auto& x : c_.walkways)
      for (auto [field, v] : {std::pair{"id", &x.id}, {"from", &x.from_id}, {"to", &x.to_id}}) one(x.origin, "walkway", x.id, field, *v);
    for (const auto& x : c_.sources)
      for (auto [field, v] : {std::pair{"id", &x.id}, {"url", &x.url}, {"published_date", &x.published_date},
                              {"language", &x.lang}, {"note", &x.note}})
        one(x.origin, "source", x.id, field, *v);
    for (const auto& a : c_.agreements) {
      for (auto [field, v] : {std::pair{"id", &a.id}, {"kind", &a.kind}, {"signed_date", &a.signed_date}, {"source", &a.source_id}})
        one(a.origin, "agreement", a.id, field, *v);
      for (const auto& p : a.parties)
        for (auto [field, v] : {std::pair{"organization", &p.organization_id}, {"role", &p.role}, {"source", &p.source_id}})
          one(p.origin, "agreement_party", a.id, field, *v);
      for (const auto& x : a.facts)
        for (auto [field, v] : {std::pair{"field", &x.field}, {"value", &x.value}, {"source", &x.source_id}, {"note", &x.note}})
          one(x.origin, "agreement_fact", a.id, field, *v);
    }
    for (const auto& x : c_.rooms) one(x.origin, "room", x.id, "id", x.id), one(x.origin, "room", x.id, "location", x.location_id);
    for (const auto& x : c_.tracks) one(x.origin, "track", x.id, "id", x.id), one(x.origin, "track", x.id, "color", x.color);
    for (const auto& x : c_.people) {
      one(x.origin, "person", x.id, "id", x.id), one(x.origin, "person", x.id, "organization", x.organization_id);
      text(x.origin, "person", x.id, "biography", x.biography);
    }
    for (const auto& x : c_.sessions) {
      for (auto [field, v] : {std::pair{"id", &x.id}, {"guid", &x.guid}, {"day", &x.day_date}, {"starts_at", &x.starts_at},
                              {"ends_at", &x.ends_at}, {"room", &x.room_id}, {"track", &x.track_id}, {"kind", &x.kind},
                              {"language", &x.language}})
        one(x.origin, "session", x.id, field, *v);
      for (const auto& p : x.people)
        one(x.origin, "session_person", x.id, "person", p.person_id), one(x.origin, "session_person", x.id, "role", p.role);
      for (const auto& o : x.organizations)
        one(x.origin, "session_organization", x.id, "organization", o.organization_id),
            one(x.origin, "session_organization", x.id, "role", o.role);
    }
    for (const auto& [key, t] : c_.ui_strings) one(kNowhere, "ui_string", key, "key", key);
  }

  void Languages() {
    if (c_.languages.empty()) d_.Error("languages.csv", 0, "", "no language is offered");
    Unique(c_.languages, "language", "code", [](const Language& l) { return l.code; });
    for (const auto& l : c_.languages) {
      if (l.native_name.empty()) Err(l.origin, "language", "native_name", "'" + l.code + "' has no native name (the picker shows it)");
      if (!IsPluralRule(l.plural_rule))
        Err(l.origin, "language", "plural", "'" + l.code + "': unknown plural rule '" + l.plural_rule + "' (one of " +
                                               PluralRuleNames() + ")");
      if (!l.fallback.empty() && !c_.FindLanguage(l.fallback))
        Err(l.origin, "language", "fallback", "'" + l.code + "' falls back to '" + l.fallback + "', which is not offered");
      // A loop: following fallbacks comes back to a language already on the chain.
      if (!IsValidId(l.code)) {
        Err(l.origin, "language", "code", "'" + Printable(l.code) + "' is not a language code (en, kk, ...)");
        continue;  // an empty code has no chain to follow
      }
      std::vector<std::string> chain = c_.Chain(l.code);
      const Language* last = c_.FindLanguage(chain.back());
      if (last && !last->fallback.empty() && c_.FindLanguage(last->fallback))
        Err(l.origin, "language", "fallback", "the fallback chain of '" + l.code + "' loops back to '" + last->fallback + "'");
    }
  }

  void Forum() {
    const auto& f = c_.forum;
    if (!c_.FindLanguage(f.default_language))
      Err(f.origin, "forum", "default_language", "'" + f.default_language + "' is not in languages");
    if (!IsDate(f.start_date)) Err(f.origin, "forum", "start_date", "'" + f.start_date + "' is not a date (YYYY-MM-DD)");
    if (!IsDate(f.end_date)) Err(f.origin, "forum", "end_date", "'" + f.end_date + "' is not a date (YYYY-MM-DD)");
    if (IsDate(f.start_date) && IsDate(f.end_date) && f.end_date < f.start_date)
      Err(f.origin, "forum", "end_date", "the forum ends (" + f.end_date + ") before it starts (" + f.start_date + ")");
    bool tz_ok = f.time_zone == "UTC" || (f.time_zone.find('/') != std::string::npos && IsValidUtf8(f.time_zone) &&
                                          f.time_zone.find(' ') == std::string::npos);
    if (!tz_ok) Err(f.origin, "forum", "time_zone", "'" + f.time_zone + "' is not an IANA time zone like Asia/Almaty");
    if (f.utc_offset_min < -14 * 60 || f.utc_offset_min > 14 * 60) Err(f.origin, "forum", "utc_offset", "out of range");
    if (f.idle_timeout_s < caps::kMinIdleTimeoutS || f.idle_timeout_s > caps::kMaxIdleTimeoutS)
      Err(f.origin, "forum", "idle_timeout_s", std::to_string(f.idle_timeout_s) + " is not a number of seconds between " +
                                                   std::to_string(caps::kMinIdleTimeoutS) + " and " + std::to_string(caps::kMaxIdleTimeoutS));
    if (!f.map_url.empty() && ((f.map_url.rfind("http://", 0) != 0 && f.map_url.rfind("https://", 0) != 0) ||
                               f.map_url.find("{place}") == std::string::npos))
      Err(f.origin, "forum", "map_url", "'" + f.map_url + "' is not a web address with {place} in it (like https://map.example.org/?to={place})");
    Required(f.title, f.origin, "forum", f.code, "title");
    TextValid(f.venue, f.origin, "forum", f.code, "venue");
    TextValid(f.city, f.origin, "forum", f.code, "city");
  }

  void Countries() {
    Unique(c_.countries, "country", "code", [](const Country& x) { return x.code; });
    for (const auto& x : c_.countries) {
      bool ok = x.code.size() == 2 && std::all_of(x.code.begin(), x.code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
      if (!ok) Err(x.origin, "country", "code", "'" + Printable(x.code) + "' is not an ISO 3166 code of two capital letters (KZ)");
      if (x.color > caps::kMaxColor) Err(x.origin, "country", "color", "'" + x.code + "': the colour is not #RRGGBB");
      Required(x.name, x.origin, "country", x.code, "name");
    }
  }

  void Images() {
    Unique(c_.images, "image", "id", [](const Image& x) { return x.id; });
    for (const auto& x : c_.images) {
      auto info = CheckImage(x.bytes);
      if (!info) {
        Err(x.origin, "image", "bytes", "image '" + x.id + "': " + info.error().message);
        continue;
      }
      if (info.value().sha256 != x.sha256 || info.value().width != x.width || info.value().height != x.height ||
          info.value().mime != x.mime)
        Err(x.origin, "image", "sha256", "image '" + x.id + "': the bytes do not match the recorded type, size or checksum");
    }
  }

  void Organizations() {
    Unique(c_.organizations, "organization", "id", [](const Organization& x) { return x.id; });
    for (const auto& x : c_.organizations) {
      if (!kOrganizationKinds.count(x.kind))
        Err(x.origin, "organization", "kind", "'" + x.id + "': kind '" + x.kind + "' is not one of technopark, agency, government, company, international, association, other");
      if (!x.country_code.empty() && !c_.FindCountry(x.country_code))
        Err(x.origin, "organization", "country", "'" + x.id + "': country '" + x.country_code + "' is not in countries");
      if (!x.logo_image_id.empty() && !c_.FindImage(x.logo_image_id))
        Err(x.origin, "organization", "logo", "'" + x.id + "': logo '" + x.logo_image_id + "' is not among the images");
      if (!x.email.empty() && x.email.find('@') == std::string::npos)
        Err(x.origin, "organization", "email", "'" + x.email + "' is not an e-mail address");
      if (!x.website.empty() && x.website.rfind("http://", 0) != 0 && x.website.rfind("https://", 0) != 0)
        Warn(x.origin, "organization", "website", "'" + x.website + "' does not start with https://");
      Required(x.name, x.origin, "organization", x.id, "name");
      TextValid(x.short_name, x.origin, "organization", x.id, "short_name");
      TextValid(x.description, x.origin, "organization", x.id, "description");
      TextValid(x.city, x.origin, "organization", x.id, "city");
    }
  }

  void Levels() {
    Unique(c_.buildings, "building", "id", [](const Building& x) { return x.id; });
    for (const auto& b : c_.buildings) TextValid(b.name, b.origin, "building", b.id, "name");
    Unique(c_.levels, "level", "id", [](const Level& x) { return x.id; });
    Unique(c_.levels, "level", "ordinal", [](const Level& x) { return x.building_id + " " + std::to_string(x.ordinal); });
    for (const auto& l : c_.levels) {
      if (l.ordinal < caps::kMinLevel || l.ordinal > caps::kMaxLevel)
        Err(l.origin, "level", "ordinal", "level '" + l.id + "': ordinal " + std::to_string(l.ordinal) + " is not from " +
                                              std::to_string(caps::kMinLevel) + " to " + std::to_string(caps::kMaxLevel));
      if (l.short_name.empty()) Err(l.origin, "level", "short_name", "level '" + l.id + "' needs a short name (\"1\", \"M\")");
      if (!l.building_id.empty() && !c_.FindBuilding(l.building_id))
        Err(l.origin, "level", "building", "level '" + l.id + "': building '" + l.building_id + "' is not in buildings");
      TextValid(l.name, l.origin, "level", l.id, "name");
    }
  }

  // A place (or an opening) is on a listed level; with none listed, on level 0.
  void OnLevel(int level, const Origin& o, const char* table, const std::string& id) {
    bool listed = c_.levels.empty() ? level == 0 : c_.LevelAt(level) != nullptr;
    if (listed) return;
    if (c_.levels.empty())
      Err(o, table, "level", "'" + id + "' is on level " + std::to_string(level) + ", but no levels are listed (add them to levels.csv)");
    else
      Err(o, table, "level", "'" + id + "' is on level " + std::to_string(level) + ", which is not a level's ordinal in levels");
  }

  void Locations() {
    Partial partial;
    Unique(c_.locations, "location", "id", [](const Location& x) { return x.id; });
    Unique(c_.openings, "opening", "id", [](const Opening& x) { return x.id; });
    for (const auto& x : c_.openings) {
      OnLevel(x.level, x.origin, "opening", x.id);
      for (const Point* p : {&x.a, &x.b})
        if (auto problem = PositionProblem(*p)) Err(x.origin, "opening", "geometry", "'" + x.id + "': " + *problem);
    }
    for (const auto& x : c_.locations) {
      OnLevel(x.level, x.origin, "location", x.id);
      if (auto problem = PositionProblem(x.anchor)) {
        Err(x.origin, "location", "anchor", "'" + x.id + "': the label anchor: " + *problem);
      } else if (x.is_polygon) {
        if (auto problem = PolygonProblem(x.ring)) Err(x.origin, "location", "geometry", "'" + x.id + "': " + *problem);
        else if (auto holes = HolesProblem(x.ring, x.holes)) Err(x.origin, "location", "geometry", "'" + x.id + "': " + *holes);
        else AnchorIsCentroid(x);
      } else if (!x.ring.empty()) {
        Err(x.origin, "location", "geometry", "'" + x.id + "': a point with polygon corners");
      }
      if ((x.kind == LocationKind::Hall || x.kind == LocationKind::Booth || x.kind == LocationKind::Stage || x.kind == LocationKind::Room) && !x.is_polygon)
        Err(x.origin, "location", "geometry", "'" + x.id + "': a " + std::string(NameOf(x.kind)) + " must be a Polygon (its outline on the map)");
      if (!x.hall_id.empty()) {
        const Location* h = c_.FindLocation(x.hall_id);
        if (!h) Err(x.origin, "location", "hall", "'" + x.id + "': hall '" + x.hall_id + "' is not on the floor plan");
        else if (h->kind != LocationKind::Hall) Err(x.origin, "location", "hall", "'" + x.id + "': '" + x.hall_id + "' is a " + std::string(NameOf(h->kind)) + ", not a hall");
      }
      if (x.kind == LocationKind::Amenity && !kAmenities.count(x.amenity))
        Err(x.origin, "location", "amenity", "'" + x.id + "': amenity '" + x.amenity + "' is not one of toilet, accessible_toilet, cafe, info, first_aid, cloakroom, prayer_room, elevator, charging");
      if (x.kind == LocationKind::Hall || x.kind == LocationKind::Stage || x.kind == LocationKind::Room) Required(x.name, x.origin, "location", x.id, "name", &partial);
      else TextValid(x.name, x.origin, "location", x.id, "name");
    }
    if (partial.count)
      Warn(partial.first, "location", "name", std::to_string(partial.count) + " place name(s) are not in every language (the first, '" +
                                                  partial.first_id + "', none reachable for " + partial.first_missing +
                                                  "): those visitors see the name as written; fill name_<lang> to translate it");
    Unique(c_.walkways, "walkway", "id", [](const Walkway& x) { return x.id; });
    for (const auto& w : c_.walkways)
      if (!std::isfinite(w.length_m) || w.length_m < 0 || w.length_m > caps::kMaxWalkwayMetres)
        Err(w.origin, "walkway", "length_m", "walkway '" + w.id + "': a length of " + Num(w.length_m) +
                                                 " m is not between 0 and " + Num(caps::kMaxWalkwayMetres) + " m");
    for (const auto& w : c_.walkways)
      for (const auto* end : {&w.from_id, &w.to_id})
        if (!c_.FindLocation(*end)) Err(w.origin, "walkway", *end == w.from_id ? "from" : "to", "walkway '" + w.id + "': '" + *end + "' is not on the floor plan");
  }

  void Exhibitors() {
    Unique(c_.exhibitors, "exhibitor", "organization", [](const Exhibitor& x) { return x.organization_id; });
    Unique(c_.exhibitors, "exhibitor", "booth", [](const Exhibitor& x) { return x.booth_id; });
    for (const auto& x : c_.exhibitors) {
      if (!c_.FindOrganization(x.organization_id))
        Err(x.origin, "exhibitor", "organization", "'" + x.organization_id + "' is not in organizations");
      if (x.booth_id.empty()) {
        Warn(x.origin, "exhibitor", "booth", "'" + x.organization_id + "' has no booth: the map cannot show it");
        continue;
      }
      const Location* b = c_.FindLocation(x.booth_id);
      if (!b) Err(x.origin, "exhibitor", "booth", "booth '" + x.booth_id + "' of '" + x.organization_id + "' is not on the floor plan");
      else if (b->kind != LocationKind::Booth) Err(x.origin, "exhibitor", "booth", "'" + x.booth_id + "' is a " + std::string(NameOf(b->kind)) + ", not a booth");
    }
    for (const auto& l : c_.locations)
      if (l.kind == LocationKind::Booth && !c_.FindExhibitorAtBooth(l.id))
        Warn(l.origin, "location", "id", "booth '" + l.id + "' has no exhibitor: the map shows it empty");
  }

  void SourceRef(const std::string& id, const Origin& o, const char* table, const char* field) {
    if (!id.empty() && !c_.FindSource(id)) Err(o, table, field, "source '" + id + "' is not in sources");
  }

  void Agreements() {
    Unique(c_.sources, "source", "id", [](const Source& x) { return x.id; });
    for (const auto& s : c_.sources) {
      if (s.title.empty()) Err(s.origin, "source", "title", "'" + s.id + "' has no title");
      if (!s.published_date.empty() && !IsDate(s.published_date))
        Err(s.origin, "source", "published_date", "'" + s.published_date + "' is not a date (YYYY-MM-DD)");
    }
    Unique(c_.agreements, "agreement", "id", [](const Agreement& x) { return x.id; });
    for (const auto& a : c_.agreements) {
      if (!kAgreementKinds.count(a.kind))
        Err(a.origin, "agreement", "kind", "'" + a.id + "': kind '" + a.kind + "' is not one of mou, memorandum_of_cooperation, agreement, other");
      if (!a.signed_date.empty() && !IsDateOrMonth(a.signed_date))
        Err(a.origin, "agreement", "signed_date", "'" + a.signed_date + "' is not a date (YYYY-MM-DD, or YYYY-MM when the day is not known)");
      SourceRef(a.source_id, a.origin, "agreement", "source");
      Required(a.title, a.origin, "agreement", a.id, "title");
      TextValid(a.summary, a.origin, "agreement", a.id, "summary");
      TextValid(a.place, a.origin, "agreement", a.id, "place");
      TextValid(a.scope, a.origin, "agreement", a.id, "scope");
      std::set<std::string> parties;
      for (const auto& p : a.parties) {
        if (!c_.FindOrganization(p.organization_id))
          Err(p.origin, "agreement_party", "organization", "party '" + p.organization_id + "' of '" + a.id + "' is not in organizations");
        if (!parties.insert(p.organization_id).second)
          Err(p.origin, "agreement_party", "organization", "'" + p.organization_id + "' is listed twice as a party of '" + a.id + "'");
        if (!kPartyRoles.count(p.role)) Err(p.origin, "agreement_party", "role", "'" + p.role + "' is not one of party, witness, organizer");
        SourceRef(p.source_id, p.origin, "agreement_party", "source");
        TextValid(p.signatory_name, p.origin, "agreement_party", a.id, "signatory_name");
        TextValid(p.signatory_title, p.origin, "agreement_party", a.id, "signatory_title");
      }
      for (const auto& f : a.facts) {
        if (f.field.empty()) Err(f.origin, "agreement_fact", "field", "a fact about '" + a.id + "' names no field");
        SourceRef(f.source_id, f.origin, "agreement_fact", "source");
      }
    }
  }

  void Program() {
    Unique(c_.rooms, "room", "id", [](const Room& x) { return x.id; });
    for (const auto& r : c_.rooms) {
      if (!r.location_id.empty() && !c_.FindLocation(r.location_id))
        Err(r.origin, "room", "location", "room '" + r.id + "': '" + r.location_id + "' is not on the floor plan");
      Required(r.name, r.origin, "room", r.id, "name");
    }
    Unique(c_.tracks, "track", "id", [](const Track& x) { return x.id; });
    for (const auto& t : c_.tracks) {
      if (!t.color.empty() && !ParseColor(t.color)) Err(t.origin, "track", "color", "'" + t.color + "' is not a colour like #3A7BD5");
      Required(t.name, t.origin, "track", t.id, "name");
    }
    Unique(c_.people, "person", "id", [](const Person& x) { return x.id; });
    for (const auto& p : c_.people) {
      if (!p.organization_id.empty() && !c_.FindOrganization(p.organization_id))
        Err(p.origin, "person", "organization", "'" + p.id + "': '" + p.organization_id + "' is not in organizations");
      Required(p.name, p.origin, "person", p.id, "name");
      TextValid(p.title, p.origin, "person", p.id, "title");
      TextValid(p.biography, p.origin, "person", p.id, "biography");
      RichValid(p.biography_rich, p.biography, p.origin, "person", p.id, "biography_rich");
    }
    Unique(c_.sessions, "session", "id", [](const Session& x) { return x.id; });
    auto first_day = DaysFromDate(c_.forum.start_date), last_day = DaysFromDate(c_.forum.end_date);
    int outside = 0;
    const Origin* first_outside = nullptr;
    for (const auto& s : c_.sessions) {
      auto start = ParseInstant(s.starts_at), end = ParseInstant(s.ends_at);
      if (!start || start->utc != s.starts_utc) Err(s.origin, "session", "starts_at", "session '" + s.id + "': start '" + s.starts_at + "' is not a valid time with offset");
      if (!end || end->utc != s.ends_utc) Err(s.origin, "session", "ends_at", "session '" + s.id + "': end '" + s.ends_at + "' is not a valid time with offset");
      if (s.ends_utc < s.starts_utc) Err(s.origin, "session", "ends_at", "session '" + s.id + "' ends before it starts");
      if (!IsDate(s.day_date)) Err(s.origin, "session", "day", "session '" + s.id + "': day '" + s.day_date + "' is not a date");
      if (s.day_index < caps::kMinDayIndex || s.day_index > caps::kMaxDayIndex)
        Err(s.origin, "session", "day_index", "session '" + s.id + "': day number " + std::to_string(s.day_index) +
                                                  " is not between " + std::to_string(caps::kMinDayIndex) + " and " +
                                                  std::to_string(caps::kMaxDayIndex));
      if (!s.room_id.empty() && !c_.FindRoom(s.room_id)) Err(s.origin, "session", "room", "session '" + s.id + "': room '" + s.room_id + "' does not exist");
      if (!s.track_id.empty() && !c_.FindTrack(s.track_id)) Err(s.origin, "session", "track", "session '" + s.id + "': track '" + s.track_id + "' does not exist");
      for (const auto& p : s.people)
        if (!c_.FindPerson(p.person_id)) Err(s.origin, "session_person", "person", "session '" + s.id + "': person '" + p.person_id + "' does not exist");
      for (const auto& o : s.organizations)
        if (!c_.FindOrganization(o.organization_id))
          Err(o.origin.file.empty() ? s.origin : o.origin, "session_organization", "organization", "session '" + s.id + "': '" + o.organization_id + "' is not in organizations");
      Required(s.title, s.origin, "session", s.id, "title");
      TextValid(s.subtitle, s.origin, "session", s.id, "subtitle");
      TextValid(s.description, s.origin, "session", s.id, "description");
      RichValid(s.description_rich, s.description, s.origin, "session", s.id, "description_rich");
      if (first_day && last_day) {
        int64_t local_day = (s.starts_utc + int64_t{c_.forum.utc_offset_min} * 60) / 86400;
        if (local_day < *first_day || local_day > *last_day + 1) {  // +1: late-night sessions past midnight
          if (!outside++) first_outside = &s.origin;
        }
      }
    }
    if (outside)
      Warn(*first_outside, "session", "date", std::to_string(outside) + " session(s) are outside the forum's dates " +
                                                  c_.forum.start_date + " .. " + c_.forum.end_date + " (check forum.csv)");
  }

  void Strings() {
    for (const auto& [key, text] : c_.ui_strings) Required(text, {}, "ui_string", key, "text");
  }
};

}  // namespace

void CheckCatalog(const Catalog& c, Diagnostics& diags) { Checker(c, diags).Run(); }

}  // namespace db
