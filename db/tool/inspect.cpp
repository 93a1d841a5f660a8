#include "db/tool/inspect.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "db/base/text.h"
#include "db/model/text_rules.h"

namespace db {

using nlohmann::json;

namespace {

// Every text that breaks the text rule (invalid UTF-8, NUL, control characters, over its cap), with where it
// is and the text escaped, so that inspect reports what validate would refuse instead of failing on it.
json TextProblems(const Catalog& c) {
  json out = json::array();
  auto add = [&](std::string_view table, std::string_view id, std::string_view field, std::string_view lang,
                 const std::string& text) {
    auto problem = CheckText(text, KindOfField(field));
    if (!problem) return;
    std::string shown = Printable(text.size() > 200 ? std::string_view(text).substr(0, 200) : std::string_view(text), true);
    out.push_back({{"table", Printable(table)}, {"id", Printable(id)}, {"field", Printable(field)},
                   {"lang", Printable(lang)}, {"offset", problem->offset}, {"problem", problem->message},
                   {"text", shown}});
  };
  ForEachText(c, [&](const TextRef& t) { add(t.table, t.id, t.field, t.lang, t.text); });
  for (auto [key, v] : {std::pair{"content_checksum", &c.info.content_checksum}, {"built_at", &c.info.built_at},
                        {"generator", &c.info.generator}})
    add("meta", key, "value", "", *v);
  for (auto [key, v] : {std::pair{"id", &c.forum.code}, {"start_date", &c.forum.start_date},
                        {"end_date", &c.forum.end_date}, {"time_zone", &c.forum.time_zone},
                        {"default_language", &c.forum.default_language}})
    add("forum", c.forum.code, key, "", *v);
  for (const auto& l : c.languages) add("language", l.code, "code", "", l.code);
  return out;
}

// Dumps without ever throwing: the texts were escaped, and anything left that is not UTF-8 becomes U+FFFD.
std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace

namespace {

// The language the schedule's texts are in: the one most session titles have (an export writes all of its
// titles in one); the forum's default language when there is no session.
std::string ScheduleLanguage(const Catalog& c) {
  std::map<std::string, size_t> n;
  for (const auto& s : c.sessions)
    for (const auto& [lang, text] : s.title.by_lang) ++n[lang];
  std::string best = c.forum.default_language;
  size_t most = 0;
  for (const auto& [lang, count] : n)
    if (count > most) best = lang, most = count;
  return best;
}

std::vector<const Session*> ByStart(const Catalog& c) {
  std::vector<const Session*> out;
  for (const auto& s : c.sessions) out.push_back(&s);
  std::sort(out.begin(), out.end(), [](const Session* a, const Session* b) {
    return a->starts_utc != b->starts_utc ? a->starts_utc < b->starts_utc : a->id < b->id;
  });
  return out;
}

nlohmann::ordered_json NameOrNull(const Catalog& c, const Text* name, const std::string& lang) {
  if (!name) return nullptr;
  return Printable(c.Tr(*name, lang));
}

}  // namespace

std::string SessionsJson(const Catalog& c) {
  std::string lang = ScheduleLanguage(c);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Session* s : ByStart(c)) {
    const Room* room = s->room_id.empty() ? nullptr : c.FindRoom(s->room_id);
    const Track* track = s->track_id.empty() ? nullptr : c.FindTrack(s->track_id);
    nlohmann::ordered_json people = nlohmann::ordered_json::array();
    for (const auto& p : s->people) {
      const Person* person = c.FindPerson(p.person_id);
      people.push_back({{"id", Printable(p.person_id)}, {"name", NameOrNull(c, person ? &person->name : nullptr, lang)}});
    }
    list.push_back({{"id", Printable(s->id)},
                    {"title", Printable(c.Tr(s->title, lang))},
                    {"starts_at", s->starts_at},
                    {"ends_at", s->ends_at},
                    {"room", NameOrNull(c, room ? &room->name : nullptr, lang)},
                    {"track", NameOrNull(c, track ? &track->name : nullptr, lang)},
                    {"people", std::move(people)},
                    {"description", Printable(c.Tr(s->description, lang), true)}});
  }
  nlohmann::ordered_json out = {{"sessions", std::move(list)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SessionsTable(const Catalog& c) {
  std::string lang = ScheduleLanguage(c);
  std::string out;
  for (const Session* s : ByStart(c)) {
    const Room* room = s->room_id.empty() ? nullptr : c.FindRoom(s->room_id);
    std::string people;
    for (const auto& p : s->people)
      if (const Person* person = c.FindPerson(p.person_id))
        people += (people.empty() ? "" : ", ") + c.Tr(person->name, lang);
    out += s->starts_at + "  " + s->ends_at.substr(11, 5) + "  " + (room ? c.Tr(room->name, lang) : "-") + "  " +
           c.Tr(s->title, lang) + (people.empty() ? "" : "  (" + people + ")") + "\n";
  }
  out += std::to_string(c.sessions.size()) + " session(s)\n";
  return Printable(out, true);
}

std::string InspectJson(const Catalog& c) {
  int booths = 0, sample_rows = 0;
  for (const auto& l : c.locations) booths += l.kind == LocationKind::Booth;
  for (const auto& o : c.organizations) sample_rows += o.sample;
  for (const auto& e : c.exhibitors) sample_rows += e.sample;
  for (const auto& a : c.agreements) sample_rows += a.sample;
  for (const auto& s : c.sessions) sample_rows += s.sample;
  for (const auto& l : c.locations) sample_rows += l.sample;
  for (const auto& p : c.people) sample_rows += p.sample;
  for (const auto& l : c.levels) sample_rows += l.sample;
  json langs = json::array();
  for (const auto& l : c.languages) langs.push_back(Printable(l.code));
  json j = {
      {"schema_version", c.info.schema_version},
      {"content_version", c.info.content_version},
      {"content_checksum", Printable(c.info.content_checksum)},
      {"built_at", Printable(c.info.built_at)},
      {"generator", Printable(c.info.generator)},
      {"forum", Printable(c.forum.code)},
      {"title", Printable(c.Tr(c.forum.title, c.forum.default_language))},
      {"start_date", Printable(c.forum.start_date)},
      {"end_date", Printable(c.forum.end_date)},
      {"time_zone", Printable(c.forum.time_zone)},
      {"languages", langs},
      {"default_language", Printable(c.forum.default_language)},
      {"exhibitors", c.exhibitors.size()},
      {"organizations", c.organizations.size()},
      {"countries", c.ExhibitingCountries().size()},
      {"countries_total", c.countries.size()},
      {"agreements", c.agreements.size()},
      {"sessions", c.sessions.size()},
      {"rooms", c.rooms.size()},
      {"tracks", c.tracks.size()},
      {"people", c.people.size()},
      {"booths", booths},
      {"buildings", c.buildings.size()},
      {"levels", c.levels.size()},
      {"locations", c.locations.size()},
      {"walkways", c.walkways.size()},
      {"openings", c.openings.size()},
      {"images", c.images.size()},
      {"ui_strings", c.ui_strings.size()},
      {"sample_rows", sample_rows},
      {"text_problems", TextProblems(c)},
  };
  return Dump(j);
}

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

void AddText(Fields& f, const std::string& name, const Text& t) {
  for (const auto& [lang, s] : t.by_lang) f.emplace_back(name + " (" + lang + ")", s);
}

Fields ExhibitorFields(const Catalog& c, const Exhibitor& e) {
  Fields f{{"booth", e.booth_id}, {"category", e.category}, {"featured", e.featured ? "1" : "0"}};
  if (const auto* o = c.FindOrganization(e.organization_id)) {
    f.insert(f.end(), {{"country", o->country_code}, {"website", o->website}, {"email", o->email},
                       {"phone", o->phone}, {"logo", o->logo_image_id}});
    AddText(f, "name", o->name);
    AddText(f, "description", o->description);
  }
  return f;
}

Fields SessionFields(const Catalog&, const Session& s) {
  Fields f{{"start", s.starts_at}, {"end", s.ends_at}, {"room", s.room_id}, {"track", s.track_id}, {"kind", s.kind}};
  std::string people;
  for (const auto& p : s.people) people += (people.empty() ? "" : ", ") + p.person_id;
  f.emplace_back("people", people);
  AddText(f, "title", s.title);
  AddText(f, "description", s.description);
  return f;
}

Fields AgreementFields(const Catalog&, const Agreement& a) {
  Fields f{{"kind", a.kind}, {"signed_date", a.signed_date}, {"online", a.online ? "1" : "0"}, {"source", a.source_id}};
  std::string parties;
  for (const auto& p : a.parties) parties += (parties.empty() ? "" : ", ") + p.organization_id;
  f.emplace_back("parties", parties);
  AddText(f, "title", a.title);
  AddText(f, "summary", a.summary);
  AddText(f, "scope", a.scope);
  return f;
}

std::string Short(const std::string& s) { return s.size() > 40 ? s.substr(0, 37) + "..." : s; }

template <class Vec, class Key, class Name, class FieldsOf, class FindOld, class FindNew>
void DiffKind(const char* kind, const Catalog& a, const Catalog& b, const Vec& old_rows, const Vec& new_rows,
              Key key, Name name, FieldsOf fields, FindOld find_in_old, FindNew find_in_new, std::vector<Change>& out) {
  for (const auto& n : new_rows)
    if (!find_in_old(key(n))) out.push_back({kind, key(n), name(b, n), Change::What::Added, {}});
  for (const auto& o : old_rows)
    if (!find_in_new(key(o))) out.push_back({kind, key(o), name(a, o), Change::What::Removed, {}});
  for (const auto& n : new_rows) {
    const auto* o = find_in_old(key(n));
    if (!o) continue;
    Fields fo = fields(a, *o), fn = fields(b, n);
    std::vector<std::string> details;
    std::map<std::string, std::string> old_map(fo.begin(), fo.end()), new_map(fn.begin(), fn.end());
    for (const auto& [field, v] : new_map) {
      auto it = old_map.find(field);
      std::string ov = it == old_map.end() ? "" : it->second;
      if (ov != v) details.push_back(field + ": " + (ov.empty() ? "(none)" : Short(ov)) + " -> " + (v.empty() ? "(none)" : Short(v)));
    }
    for (const auto& [field, v] : old_map)
      if (!new_map.count(field)) details.push_back(field + ": " + Short(v) + " -> (none)");
    if (!details.empty()) out.push_back({kind, key(n), name(b, n), Change::What::Changed, details});
  }
}

}  // namespace

std::vector<Change> Diff(const Catalog& a, const Catalog& b) {
  std::vector<Change> out;
  auto lang = [](const Catalog& c) { return c.forum.default_language; };
  DiffKind("exhibitor", a, b, a.exhibitors, b.exhibitors, [](const Exhibitor& e) { return e.organization_id; },
           [&](const Catalog& c, const Exhibitor& e) {
             const auto* o = c.FindOrganization(e.organization_id);
             return o ? c.Tr(o->name, lang(c)) : e.organization_id;
           },
           ExhibitorFields, [&](const std::string& id) { return a.FindExhibitor(id); },
           [&](const std::string& id) { return b.FindExhibitor(id); }, out);
  DiffKind("session", a, b, a.sessions, b.sessions, [](const Session& s) { return s.id; },
           [&](const Catalog& c, const Session& s) { return c.Tr(s.title, lang(c)); }, SessionFields,
           [&](const std::string& id) { return a.FindSession(id); }, [&](const std::string& id) { return b.FindSession(id); }, out);
  DiffKind("agreement", a, b, a.agreements, b.agreements, [](const Agreement& x) { return x.id; },
           [&](const Catalog& c, const Agreement& x) { return c.Tr(x.title, lang(c)); }, AgreementFields,
           [&](const std::string& id) { return a.FindAgreement(id); },
           [&](const std::string& id) { return b.FindAgreement(id); }, out);
  return out;
}

std::string FormatDiff(const std::vector<Change>& changes) {
  if (changes.empty()) return "no changes to exhibitors, sessions or agreements\n";
  std::string out;
  for (const auto& c : changes) {
    const char* what = c.what == Change::What::Added ? "added" : c.what == Change::What::Removed ? "removed" : "changed";
    out += std::string(what) + " " + c.kind + " " + c.id + " \"" + c.name + "\"\n";
    for (const auto& d : c.details) out += "    " + d + "\n";
  }
  return out;
}

std::string DiffJson(const std::vector<Change>& changes) {
  json arr = json::array();
  for (const auto& c : changes) {
    json details = json::array();
    for (const auto& d : c.details) details.push_back(Printable(d));
    arr.push_back({{"kind", c.kind},
                   {"id", Printable(c.id)},
                   {"name", Printable(c.name)},
                   {"change", c.what == Change::What::Added ? "added" : c.what == Change::What::Removed ? "removed" : "changed"},
                   {"details", details}});
  }
  return Dump(arr);
}

}  // namespace db
