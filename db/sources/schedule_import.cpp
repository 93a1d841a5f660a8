#include "db/sources/schedule_import.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "db/model/caps.h"
#include "db/base/files.h"
#include "db/sources/json_errors.h"
#include "db/base/text.h"

namespace db {

namespace {

// Collects events while keeping rooms, tracks and people unique and in first-seen order.
class Builder {
 public:
  Builder(std::string file, std::string lang, Diagnostics& diags) : file_(std::move(file)), lang_(std::move(lang)), diags_(diags) {}

  struct Raw {
    int line = 0;
    std::string id, guid, date_time, start_hhmm, duration, room, track, type, language, title, subtitle, abstract,
        description;
    std::vector<SchedulePerson> persons;
  };

  void AddRoom(const std::string& name) {
    if (!name.empty() && rooms_seen_.insert(name).second) out_.rooms.push_back(name);
  }

  // `day_date`: YYYY-MM-DD of the conference day; `day_start`: its start instant (for events without a
  // full date, as older frab exports have).
  void AddEvent(Raw r, int day_index, const std::string& day_date, const std::string& day_start) {
    std::string what = r.id.empty() ? "event" : "event " + r.id;
    bool ok = true;
    for (const std::string* s : {&r.id, &r.guid, &r.room, &r.track, &r.type, &r.language, &r.title, &r.subtitle,
                                 &r.abstract, &r.description})
      if (!IsValidUtf8(*s)) {
        diags_.Error(file_, r.line, what, "text is not valid UTF-8");
        return;
      }
    for (std::string* s : {&r.title, &r.subtitle, &r.abstract, &r.description}) NormalizeLineBreaks(*s);
    for (auto& p : r.persons) NormalizeLineBreaks(p.biography);
    if (r.id.empty()) r.id = r.guid;
    if (r.id.empty()) {
      diags_.Error(file_, r.line, "id", "the event has neither an id nor a guid");
      return;
    }
    if (!ids_.insert(r.id).second) {
      diags_.Error(file_, r.line, "id", "event id " + r.id + " appears twice");
      return;
    }
    std::optional<Instant> start;
    if (!r.date_time.empty()) {
      start = ParseInstant(r.date_time);
      if (!start) {
        diags_.Error(file_, r.line, "date", what + ": '" + r.date_time + "' is not a date and time with a UTC offset (2022-09-28T10:00:00+06:00)");
        ok = false;
      }
    } else {
      // Older frab: only HH:MM, on the conference day, in the day's offset; past midnight belongs to the
      // same conference day.
      auto ds = ParseInstant(day_start);
      auto hhmm = ParseDurationMinutes(r.start_hhmm);
      auto day = DaysFromDate(day_date);
      if (ds && hhmm && day) {
        Instant in;
        in.offset_min = ds->offset_min;
        in.utc = *day * 86400 + int64_t{*hhmm} * 60 - int64_t{ds->offset_min} * 60;
        if (in.utc < ds->utc) in.utc += 86400;
        start = in;
      } else {
        diags_.Error(file_, r.line, "date", what + ": no <date> with offset, and the day's start does not give one");
        ok = false;
      }
    }
    auto minutes = ParseDurationMinutes(r.duration);
    if (!minutes) {
      diags_.Error(file_, r.line, "duration", what + ": '" + r.duration + "' is not a duration (HH:MM)");
      ok = false;
    } else if (*minutes <= 0) {
      diags_.Error(file_, r.line, "duration", what + ": the duration must be longer than zero");
      ok = false;
    }
    if (r.title.empty()) {
      diags_.Error(file_, r.line, "title", what + ": the event has no title");
      ok = false;
    }
    if (!IsDate(day_date)) {
      diags_.Error(file_, r.line, "day", what + ": the conference day '" + day_date + "' is not a date");
      ok = false;
    }
    if (!ok) return;

    ScheduleEvent e;
    Session& s = e.session;
    s.id = r.id;
    s.guid = r.guid;
    s.day_index = day_index;
    s.day_date = day_date;
    s.starts_utc = start->utc;
    s.ends_utc = start->utc + int64_t{*minutes} * 60;
    s.starts_at = FormatInstant(s.starts_utc, start->offset_min);
    s.ends_at = FormatInstant(s.ends_utc, start->offset_min);
    s.kind = r.type;
    s.language = r.language;
    s.title.by_lang[lang_] = r.title;
    if (!r.subtitle.empty()) s.subtitle.by_lang[lang_] = r.subtitle;
    std::string desc = r.abstract;
    if (!r.description.empty() && r.description != r.abstract) desc += (desc.empty() ? "" : "\n\n") + r.description;
    if (!desc.empty()) s.description.by_lang[lang_] = desc;
    s.origin = {file_, r.line};
    e.room_name = r.room;
    e.track_name = r.track;
    AddRoom(r.room);
    if (!r.track.empty() && tracks_seen_.insert(r.track).second) out_.tracks.push_back(r.track);
    std::unordered_set<std::string> in_event;
    for (auto& p : r.persons) {
      if (p.name.empty() && p.id.empty()) continue;
      if (p.id.empty()) p.id = "name-" + Slug(p.name);
      if (!in_event.insert(p.id).second) continue;
      s.people.push_back({p.id, "speaker"});
      if (people_seen_.insert(p.id).second) out_.people.push_back(p);
    }
    out_.events.push_back(std::move(e));
  }

  ImportedSchedule Take() { return std::move(out_); }

 private:
  std::string file_, lang_;
  Diagnostics& diags_;
  ImportedSchedule out_;
  std::unordered_set<std::string> ids_, rooms_seen_, tracks_seen_, people_seen_;
};

std::string Child(const pugi::xml_node& n, const char* name) { return Trim(n.child(name).text().as_string()); }

}  // namespace

ImportedSchedule ParseScheduleXml(const std::string& data, const std::string& file, const std::string& lang,
                                  Diagnostics& diags) {
  pugi::xml_document doc;
  pugi::xml_parse_result res = doc.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) {
    diags.Error(file, LineAt(data, static_cast<size_t>(res.offset)), "", std::string("not valid XML: ") + res.description());
    return {};
  }
  pugi::xml_node schedule = doc.child("schedule");
  if (!schedule) {
    diags.Error(file, 1, "schedule", "not a frab schedule: the root element must be <schedule>");
    return {};
  }
  Builder b(file, lang, diags);
  const LineIndex lines(data);
  int day_count = 0;
  for (pugi::xml_node day : schedule.children("day")) {
    ++day_count;
    int index = day.attribute("index").as_int(day_count);
    std::string date = day.attribute("date").as_string();
    std::string day_start = day.attribute("start").as_string();
    for (pugi::xml_node room : day.children("room")) {
      std::string room_name = Trim(room.attribute("name").as_string());
      b.AddRoom(room_name);
      for (pugi::xml_node ev : room.children("event")) {
        Builder::Raw r;
        r.line = lines.At(static_cast<size_t>(ev.offset_debug()));
        r.id = Trim(ev.attribute("id").as_string());
        r.guid = Trim(ev.attribute("guid").as_string());
        r.date_time = Child(ev, "date");
        r.start_hhmm = Child(ev, "start");
        r.duration = Child(ev, "duration");
        r.room = Child(ev, "room");
        if (r.room.empty()) r.room = room_name;
        r.track = Child(ev, "track");
        r.type = Child(ev, "type");
        r.language = Child(ev, "language");
        r.title = Child(ev, "title");
        r.subtitle = Child(ev, "subtitle");
        r.abstract = Child(ev, "abstract");
        r.description = Child(ev, "description");
        for (pugi::xml_node p : ev.child("persons").children("person"))
          r.persons.push_back({Trim(p.attribute("id").as_string()), Trim(p.text().as_string()), {}});
        b.AddEvent(std::move(r), index, date, day_start);
      }
    }
  }
  if (day_count == 0) diags.Warning(file, 1, "day", "the schedule has no <day>: the program is empty");
  auto out = b.Take();
  out.title = Child(schedule.child("conference"), "title");
  return out;
}

namespace {
ImportedSchedule ParseScheduleJsonDoc(const nlohmann::json& doc, const std::string& data, const std::string& file,
                                      const std::string& lang, Diagnostics& diags);
}  // namespace

ImportedSchedule ParseScheduleJson(const std::string& data, const std::string& file, const std::string& lang,
                                   Diagnostics& diags) {
  using nlohmann::json;
  try {  // every nlohmann exception (syntax, a number too large, a value of the wrong type) is reported
    return ParseScheduleJsonDoc(json::parse(data), data, file, lang, diags);
  } catch (const json::exception& e) {
    ReportJsonError(e, data, file, diags);
    return {};
  }
}

namespace {

ImportedSchedule ParseScheduleJsonDoc(const nlohmann::json& doc, const std::string& data, const std::string& file,
                                      const std::string& lang, Diagnostics& diags) {
  using nlohmann::json;
  const json* conf = nullptr;
  if (doc.is_object() && doc.contains("schedule") && doc["schedule"].is_object() &&
      doc["schedule"].contains("conference") && doc["schedule"]["conference"].is_object())
    conf = &doc["schedule"]["conference"];
  if (!conf) {
    diags.Error(file, 1, "schedule.conference", "not a schedule JSON: expected {\"schedule\": {\"conference\": ...}}");
    return {};
  }
  auto text = [](const json& o, const char* key) -> std::string {
    if (!o.is_object() || !o.contains(key)) return {};
    const json& v = o[key];
    if (v.is_string()) return Trim(v.get<std::string>());
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return {};
  };
  Builder b(file, lang, diags);
  if (conf->contains("rooms") && (*conf)["rooms"].is_array())
    for (const auto& r : (*conf)["rooms"]) b.AddRoom(text(r, "name"));
  size_t search_from = 0;
  const LineIndex lines(data);
  int day_count = 0;
  if (conf->contains("days") && (*conf)["days"].is_array()) {
    for (const auto& day : (*conf)["days"]) {
      ++day_count;
      int index = day.is_object() && day.contains("index") && day["index"].is_number_integer() ? day["index"].get<int>() : day_count;
      std::string date = text(day, "date");
      std::string day_start = text(day, "day_start");
      if (!day.is_object() || !day.contains("rooms") || !day["rooms"].is_object()) continue;
      for (auto room = day["rooms"].begin(); room != day["rooms"].end(); ++room) {
        b.AddRoom(Trim(room.key()));
        if (!room->is_array()) continue;
        for (const auto& ev : *room) {
          Builder::Raw r;
          r.id = text(ev, "id");
          r.guid = text(ev, "guid");
          // JSON has no line numbers: find the event in the text by its guid (or id), in file order.
          std::string needle = !r.guid.empty() ? "\"" + r.guid + "\"" : "\"id\": " + r.id;
          size_t at = FindNear(data, needle, search_from);
          if (at != std::string::npos) {
            r.line = lines.At(at);
            search_from = at + 1;
          }
          r.date_time = text(ev, "date");
          r.start_hhmm = text(ev, "start");
          r.duration = text(ev, "duration");
          r.room = text(ev, "room");
          if (r.room.empty()) r.room = Trim(room.key());
          r.track = text(ev, "track");
          r.type = text(ev, "type");
          r.language = text(ev, "language");
          r.title = text(ev, "title");
          r.subtitle = text(ev, "subtitle");
          r.abstract = text(ev, "abstract");
          r.description = text(ev, "description");
          if (ev.is_object() && ev.contains("persons") && ev["persons"].is_array())
            for (const auto& p : ev["persons"]) {
              SchedulePerson sp;
              // pretalx: code; frab: id; c3voc: guid. Prefer the most stable.
              sp.id = text(p, "guid");
              if (sp.id.empty()) sp.id = text(p, "code");
              if (sp.id.empty()) sp.id = text(p, "id");
              sp.name = text(p, "public_name");
              if (sp.name.empty()) sp.name = text(p, "name");
              sp.biography = text(p, "biography");
              r.persons.push_back(std::move(sp));
            }
          b.AddEvent(std::move(r), index, date, day_start);
        }
      }
    }
  }
  if (day_count == 0) diags.Warning(file, 1, "days", "the schedule has no days: the program is empty");
  auto out = b.Take();
  out.title = text(*conf, "title");
  return out;
}

}  // namespace

ImportedSchedule ImportSchedule(const std::filesystem::path& path, const std::string& display_name,
                                const std::string& text_language, Diagnostics& diags) {
  auto data = ReadSourceFile(path, caps::kScheduleFileBytes);
  if (!data) {
    diags.Error(display_name, 0, "", data.error().message);
    return {};
  }
  if (path.extension() == ".json") return ParseScheduleJson(data.value(), display_name, text_language, diags);
  return ParseScheduleXml(data.value(), display_name, text_language, diags);
}

}  // namespace db
