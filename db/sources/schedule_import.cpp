// Index of this file:
// [SECTION] Builder: events into a program, with rooms, tracks and people unique, times checked
// [SECTION] frab/pentabarf XML (also the CCC hub's and pretalx's XML)
// [SECTION] schedule JSON (frab, pretalx) and c3voc schema2 JSON (the CCC hub)
// [SECTION] ImportSchedule
#include "db/sources/schedule_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <unordered_map>
#include <unordered_set>
#include <tuple>
#include <utility>

#include "db/base/files.h"
#include "db/base/text.h"
#include "db/base/time_zone.h"
#include "db/model/caps.h"
#include "db/sources/json_errors.h"
#include "db/sources/rich_text_import.h"

namespace db {

namespace {

//-----------------------------------------------------------------------------------------------------------
// [SECTION] Builder: events into a program, with rooms, tracks and people unique, times checked
//-----------------------------------------------------------------------------------------------------------

// A conference day as the export gives it: the events under it belong to it, even those after midnight.
struct Day {
  int index = 0;
  std::string date;   // YYYY-MM-DD
  std::string start;  // the day's start instant when the export gives one ("2014-12-27T11:00:00+01:00"), else ""
};

// A person of an event as read: the export's guid and id (pretalx: code), either or both may be empty.
struct RawPerson {
  std::string guid, id, name, biography;
};

// One event as read, before any check: every format fills what it has.
struct RawEvent {
  int line = 0;
  std::string id, guid;
  std::string date_time;  // the start instant with offset, when the export gives one
  std::string start_hhmm; // the start as HH:MM on the conference day, in the venue's zone (older pentabarf)
  std::string end_time;   // the end instant (schema2), when there is no duration
  std::string duration;   // HH:MM
  std::string room, track, type, language, title, subtitle, abstract, description;
  std::vector<RawPerson> persons;
};

// The event's texts that every format names alike, read the same way from XML elements and JSON members.
constexpr std::pair<std::string RawEvent::*, const char*> kPlainFields[] = {
    {&RawEvent::type, "type"},         {&RawEvent::language, "language"}, {&RawEvent::title, "title"},
    {&RawEvent::subtitle, "subtitle"}, {&RawEvent::abstract, "abstract"}, {&RawEvent::description, "description"},
};

int MinutesOfDay(const Instant& in) {
  int64_t local = in.utc + int64_t{in.offset_min} * 60;
  return int(((local % 86400) + 86400) % 86400 / 60);
}

// Collects events while keeping rooms, tracks and people unique and in first-seen order, and checks the
// export's times against the forum's time zone (decided in Take, once every event is known).
class Builder {
 public:
  Builder(std::string file, const ScheduleContext& context, Diagnostics& diags)
      : file_(std::move(file)), ctx_(context), diags_(diags), zone_(CanonicalZone(context.time_zone)) {}

  // The export's own time zone name (frab <time_zone_name>, JSON conference.time_zone_name).
  void ExportZone(std::string zone, int line) {
    export_zone_ = std::move(zone);
    export_zone_line_ = line;
  }

  // A person listed apart from the events (FOSDEM's top-level <persons>), for the biography.
  void KnownPerson(const std::string& id, std::string biography) {
    if (id.empty() || biography.empty() || !IsValidUtf8(biography)) return;
    NormalizeLineBreaks(biography);
    RichText rich = ParseDescription(biography);
    if (!rich.empty()) biographies_.emplace(id, std::pair{PlainText(rich), EncodeRichText(rich)});
  }

  void AddEvent(RawEvent r, const Day& day) {
    ++events_seen_;
    std::string what = r.id.empty() ? (r.guid.empty() ? "event" : "event " + r.guid) : "event " + r.id;
    if (!ValidText(r, what)) return;
    if (r.id.empty()) r.id = r.guid;
    if (r.id.empty()) {
      diags_.Error(file_, r.line, "id", "the event has neither an id nor a guid");
      return;
    }
    if (!TakeId(r, day, what)) return;
    std::optional<Instant> start = Start(r, day, what);
    int64_t ends_utc = 0;
    bool ok = false;
    if (start)
      if (auto end = End(r, *start, what)) {
        ends_utc = *end;
        ok = true;
      }
    if (r.title.empty()) {
      diags_.Error(file_, r.line, "title", what + ": the event has no title");
      ok = false;
    }
    if (!IsDate(day.date)) {
      diags_.Error(file_, r.line, "day", what + ": the conference day '" + day.date + "' is not a date");
      ok = false;
    }
    if (!ok) return;

    ScheduleEvent e;
    Session& s = e.session;
    s.id = r.id;
    s.guid = r.guid;
    s.day_index = day.index;
    s.day_date = day.date;
    s.starts_utc = start->utc;
    s.ends_utc = ends_utc;
    // In the venue's offset (inspect's contract; a remote session's export offset is reported by ReportOffsets).
    s.starts_at = FormatInstant(s.starts_utc, OffsetFor(s.starts_utc, start->offset_min));
    s.ends_at = FormatInstant(s.ends_utc, OffsetFor(ends_utc, start->offset_min));
    s.kind = r.type;
    s.language = r.language;
    s.title.by_lang[ctx_.text_language] = r.title;
    if (!r.subtitle.empty()) s.subtitle.by_lang[ctx_.text_language] = r.subtitle;
    // What a visitor reads: the abstract, then the description (when it is not the same text), parsed from
    // their HTML or Markdown (db/sources/rich_text_import.h) into plain paragraphs and list items.
    RichText text = ParseDescription(r.abstract);
    if (!r.description.empty() && r.description != r.abstract)
      for (auto& b : ParseDescription(r.description).blocks) text.blocks.push_back(std::move(b));
    // Both forms are stored: the plain text for search and inspect, the rich one for the kiosk to draw.
    if (std::string desc = PlainText(text); !desc.empty()) {
      s.description.by_lang[ctx_.text_language] = std::move(desc);
      s.description_rich.by_lang[ctx_.text_language] = EncodeRichText(text);
    }
    s.origin = {file_, r.line};
    e.room_name = r.room;
    e.track_name = r.track;
    if (!r.room.empty() && rooms_seen_.insert(r.room).second) out_.rooms.push_back(r.room);
    if (!r.track.empty() && tracks_seen_.insert(r.track).second) out_.tracks.push_back(r.track);
    for (auto& p : r.persons) p.name = Trim(p.name);
    persons_.push_back({r.line, std::move(r.persons)});
    out_.events.push_back(std::move(e));
  }

  // Whether the event is taken, with the id it is known by. Merged exports (c3voc's everything.schedule.*)
  // reuse an id for different events, each with its own guid: those are known by their guid (KeyBySharedIds).
  // The same event listed twice at other times or places (36C3's event 367, at 16:10 and at 17:15) is two
  // showings, the later known as "367/2"; listed twice identically, it is taken once. Each is one warning.
  bool TakeId(RawEvent& r, const Day& day, const std::string& what) {
    std::string showing = day.date + "|" + r.date_time + "|" + r.start_hhmm + "|" + r.duration + "|" + r.end_time +
                          "|" + r.room + "|" + r.title;
    auto [first, fresh] = event_firsts_.emplace(r.id, std::pair{r.guid, showing});
    if (fresh) {
      if (!r.guid.empty()) guids_.insert(r.guid);
      showings_[r.id].insert(showing);
      return true;
    }
    if (!r.guid.empty() && first->second.first != r.guid && guids_.insert(r.guid).second) {
      if (shared_ids_.emplace(r.id, r.line).second) shared_first_guid_.emplace(r.id, first->second.first);
      return true;
    }
    std::set<std::string>& seen = showings_[r.id];
    if (!seen.insert(showing).second) {
      Once(copies_, r.line, what + " is listed twice, identically: taken once");
      return false;
    }
    r.id += "/" + std::to_string(seen.size());
    Once(repeats_, r.line, what + " is listed again at another time or place: both are shown, the later as " + r.id);
    return true;
  }

  // A problem that real exports repeat, reported once per export with how often it occurred.
  struct Repeated {
    int count = 0, line = 0;
    std::string first;
  };
  static void Once(Repeated& r, int line, std::string what) {
    if (r.count++ == 0) {
      r.line = line;
      r.first = std::move(what);
    }
  }
  void Report(const Repeated& r, const char* column) {
    if (r.count)
      diags_.Warning(file_, r.line, column, r.first + (r.count > 1 ? " (" + std::to_string(r.count) + " events in all)" : ""));
  }

  // `found`: what the export holds, for the error when it yields no event ("3 <day>, 12 <room>, no <event>").
  ImportedSchedule Take(const std::string& found) {
    if (events_seen_ == 0)
      diags_.Error(file_, 1, "", "the export holds no event (found " + found + "): export the whole schedule, "
                                 "or check that this is the conference's schedule file");
    ReportOffsets();
    ReportZoneName();
    ReportZeroDurations();
    Report(copies_, "id");
    Report(repeats_, "id");
    KeyBySharedIds();
    AddPeople();
    return std::move(out_);
  }

 private:
  bool ValidText(RawEvent& r, const std::string& what) {
    for (const std::string* s : {&r.id, &r.guid, &r.room, &r.track, &r.type, &r.language, &r.title, &r.subtitle,
                                 &r.abstract, &r.description})
      if (!IsValidUtf8(*s)) {
        diags_.Error(file_, r.line, what, "text is not valid UTF-8");
        return false;
      }
    for (auto& p : r.persons)
      if (!IsValidUtf8(p.guid) || !IsValidUtf8(p.id) || !IsValidUtf8(p.name) || !IsValidUtf8(p.biography)) {
        diags_.Error(file_, r.line, what, "a person's name is not valid UTF-8");
        return false;
      }
    for (std::string* s : {&r.title, &r.subtitle, &r.abstract, &r.description}) NormalizeLineBreaks(*s);
    for (auto& p : r.persons) NormalizeLineBreaks(p.biography);
    return true;
  }

  // The start: the event's own instant when it has one (checked against the forum's zone), else its HH:MM
  // on the conference day in the forum's zone, the next calendar day when it is earlier than the day's start
  // (a session at 01:00 of a day that starts at 10:00 is that night's).
  std::optional<Instant> Start(const RawEvent& r, const Day& day, const std::string& what) {
    if (!r.date_time.empty()) {
      auto start = ParseInstant(r.date_time);
      if (!start) {
        diags_.Error(file_, r.line, "date", what + ": '" + r.date_time + "' is not a date and time with a UTC offset (2022-09-28T10:00:00+06:00)");
        return std::nullopt;
      }
      ++offset_events_;
      CheckOffset(*start, r.line, what);
      return start;
    }
    auto hhmm = ParseDurationMinutes(r.start_hhmm);
    auto days = DaysFromDate(day.date);
    if (!hhmm || *hhmm >= 24 * 60 || !days) {
      diags_.Error(file_, r.line, "start", what + ": no <date> with offset, and '" + r.start_hhmm + "' on the day '" +
                                               day.date + "' is not a time of day (HH:MM)");
      return std::nullopt;
    }
    if (auto ds = ParseInstant(day.start); ds && *hhmm < MinutesOfDay(*ds)) ++*days;
    local_times_ = true;
    if (!zone_) {  // reported once, not once per event
      if (!zone_reported_++)
        diags_.Error(file_, r.line, "start", what + " has only a time of day (" + r.start_hhmm + "), to be read in the "
                                             "venue's time zone, and forum.csv's time_zone: " + zone_.error().message);
      return std::nullopt;
    }
    auto utc = LocalToUtc(ctx_.time_zone, *days, *hhmm);
    if (!utc) {
      diags_.Error(file_, r.line, "start", what + ": " + utc.error().message + " (forum.csv: time_zone)");
      return std::nullopt;
    }
    return Instant{utc.value(), OffsetFor(utc.value(), 0)};
  }

  std::optional<int64_t> End(const RawEvent& r, const Instant& start, const std::string& what) {
    if (r.duration.empty() && !r.end_time.empty()) {
      auto end = ParseInstant(r.end_time);
      if (!end) {
        diags_.Error(file_, r.line, "end", what + ": '" + r.end_time + "' is not a date and time with a UTC offset");
        return std::nullopt;
      }
      if (end->utc < start.utc) {
        diags_.Error(file_, r.line, "end", what + ": it ends (" + r.end_time + ") before it starts");
        return std::nullopt;
      }
      return end->utc;
    }
    auto minutes = ParseDurationMinutes(r.duration);
    if (!minutes) {
      diags_.Error(file_, r.line, "duration", what + ": '" + r.duration + "' is not a duration (HH:MM)");
      return std::nullopt;
    }
    if (*minutes == 0 && zero_durations_++ == 0) {  // a moment (an opening, a deadline): reported once
      first_zero_line_ = r.line;
      first_zero_ = what;
    }
    return start.utc + int64_t{*minutes} * 60;
  }

  // The forum's offset at `utc`, or `fallback` when the forum's zone is unknown (reported once, by Start or
  // by ReportZoneName).
  int OffsetFor(int64_t utc, int fallback) {
    auto off = ZoneOffsetAt(ctx_.time_zone, utc);
    return off ? off.value() : fallback;
  }

  void CheckOffset(const Instant& in, int line, const std::string& what) {
    auto forum = ZoneOffsetAt(ctx_.time_zone, in.utc);
    if (!forum || forum.value() == in.offset_min) return;
    if (offset_mismatches_++ == 0) {
      first_mismatch_line_ = line;
      first_mismatch_ = what + " starts at " + FormatInstant(in.utc, in.offset_min) + ", but the forum's time zone " +
                        ctx_.time_zone + " keeps " + FormatInstant(in.utc, forum.value()).substr(19) + " then";
    }
  }

  void ReportOffsets() {
    if (!offset_mismatches_) return;
    if (offset_mismatches_ * 10 <= offset_events_) {  // a few remote sessions: their instants are unambiguous
      diags_.Warning(file_, first_mismatch_line_, "date", first_mismatch_ + " (" + std::to_string(offset_mismatches_) +
                     " of " + std::to_string(offset_events_) + " events): imported at that instant, shown in the venue's time");
      offset_mismatches_ = 0;
      return;
    }
    diags_.Error(file_, first_mismatch_line_, "date",
                 first_mismatch_ + " (" + std::to_string(offset_mismatches_) + " event(s) in all): the export's "
                 "times are not the venue's. Set forum.csv's time_zone and utc_offset to the conference's, or "
                 "export the schedule in the venue's time zone");
  }

  // An export that names another zone than the forum's is an error when it matters: when some times were
  // read in the forum's zone, or offsets disagree. When every event carries an offset that is the forum's,
  // the name alone is wrong (pretalx's demo says "UTC" with +01:00 times): a warning, times kept.
  void ReportZoneName() {
    if (export_zone_.empty()) return;
    auto theirs = CanonicalZone(export_zone_);
    if (!zone_) {
      diags_.Error(file_, export_zone_line_, "time_zone_name", "forum.csv: " + zone_.error().message);
      return;
    }
    if (theirs && theirs.value() == zone_.value()) return;
    std::string both = "the export's time zone is " + export_zone_ + ", the forum's (forum.csv: time_zone) is " + ctx_.time_zone;
    if (local_times_ || offset_mismatches_)
      diags_.Error(file_, export_zone_line_, "time_zone_name", both + ": set forum.csv to the venue's zone, or export the schedule from the conference's own settings");
    else
      diags_.Warning(file_, export_zone_line_, "time_zone_name", both + "; every event's offset is the forum's, so the times are imported as they are");
  }

  // The export's ids that stand for more than one distinct name (c3voc's wiki exports give everyone id "0",
  // merged exports reuse ids across their sources), with their names counted; the first event line of each.
  struct Ambiguous {
    std::unordered_set<std::string> names;
    std::string first_name;
    int line = 0;
  };
  std::map<std::string, Ambiguous> AmbiguousIds() const {
    std::map<std::string, Ambiguous> by_id;
    for (const auto& [line, persons] : persons_)
      for (const auto& p : persons)
        if (p.guid.empty() && !p.id.empty() && !p.name.empty()) {
          Ambiguous& a = by_id[p.id];
          if (a.names.empty()) {
            a.line = line;
            a.first_name = p.name;
          }
          a.names.insert(p.name);
        }
    for (auto it = by_id.begin(); it != by_id.end();) it = it->second.names.size() > 1 ? std::next(it) : by_id.erase(it);
    return by_id;
  }

  // People by identity (SchedulePerson): the guid, else the id unless it stands for several names (then the
  // id and the name, "0/Dreirik"), else the name as written. One person once per event. Done once every
  // event is known, since whether an id is ambiguous depends on the whole export.
  void AddPeople() {
    std::map<std::string, Ambiguous> ambiguous = AmbiguousIds();
    ReportAmbiguous(ambiguous);
    for (size_t i = 0; i < persons_.size(); ++i) {
      Session& s = out_.events[i].session;
      std::unordered_set<std::string> in_event;
      for (auto& raw : persons_[i].second) {
        if (raw.name.empty() && raw.id.empty() && raw.guid.empty()) continue;
        SchedulePerson p{raw.guid, std::move(raw.name), std::move(raw.biography)};
        std::string known_key = !raw.guid.empty() ? raw.guid : raw.id;  // the key of a list apart (KnownPerson)
        if (p.id.empty()) p.id = ambiguous.count(raw.id) ? raw.id + "/" + p.name : raw.id;
        if (p.id.empty()) p.id = p.name;
        if (!in_event.insert(p.id).second) continue;
        s.people.push_back({p.id, "speaker"});
        if (!people_seen_.insert(p.id).second) continue;
        RichText bio = ParseDescription(p.biography);  // once per person, as a visitor reads it
        p.biography = PlainText(bio);
        if (!bio.empty()) p.biography_rich = EncodeRichText(bio);
        if (p.biography.empty() && !ambiguous.count(known_key))
          if (auto it = biographies_.find(known_key); it != biographies_.end())
            std::tie(p.biography, p.biography_rich) = it->second;
        out_.people.push_back(std::move(p));
      }
    }
  }

  void ReportZeroDurations() {
    if (!zero_durations_) return;
    diags_.Warning(file_, first_zero_line_, "duration",
                   first_zero_ + " lasts 00:00 (" + std::to_string(zero_durations_) + " event(s) in all): shown "
                   "at its start time, with no end");
  }

  // Events whose id the export reuses for another event (a different guid) are known by their guid, every
  // one of them, so that no id means two sessions; one warning per export names the first such id.
  void KeyBySharedIds() {
    if (shared_ids_.empty()) return;
    for (ScheduleEvent& e : out_.events)
      if (shared_ids_.count(e.session.id) && !e.session.guid.empty()) e.session.id = e.session.guid;
    const auto& [id, line] = *std::min_element(shared_ids_.begin(), shared_ids_.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
    std::string others = shared_ids_.size() == 1 ? "" : " (" + std::to_string(shared_ids_.size()) + " ids in all)";
    diags_.Warning(file_, line, "id", "event id " + id + " is used by events with different guids" + others +
                                          ": each such event is known by its guid (" + shared_first_guid_[id] + ")");
  }

  // One warning per export: the id with the most names as the example, and how many ids are so.
  void ReportAmbiguous(const std::map<std::string, Ambiguous>& ambiguous) {
    if (ambiguous.empty()) return;
    auto most = std::max_element(ambiguous.begin(), ambiguous.end(), [](const auto& a, const auto& b) {
      return a.second.names.size() < b.second.names.size();
    });
    std::string others = ambiguous.size() == 1 ? "" : " (" + std::to_string(ambiguous.size()) + " person ids in all stand for more than one name)";
    diags_.Warning(file_, most->second.line, "persons",
                   "person id " + most->first + " stands for " + std::to_string(most->second.names.size()) +
                       " different names: told apart by name" + others +
                       "; the same id and name stay one person, known as id/name (" + most->first + "/" +
                       most->second.first_name + ")");
  }

  std::string file_;
  ScheduleContext ctx_;
  Diagnostics& diags_;
  ImportedSchedule out_;
  std::unordered_set<std::string> rooms_seen_, tracks_seen_, people_seen_, guids_;
  // event id -> the guid and the showing (day, times, room, title) of its first event; its showings
  std::unordered_map<std::string, std::pair<std::string, std::string>> event_firsts_;
  std::unordered_map<std::string, std::set<std::string>> showings_;
  Repeated copies_, repeats_;
  std::unordered_map<std::string, int> shared_ids_;  // event ids used by events with different guids -> first line
  std::unordered_map<std::string, std::string> shared_first_guid_;
  int zero_durations_ = 0, first_zero_line_ = 0;
  std::string first_zero_;
  // person id -> biography (plain, rich), from a list apart
  std::unordered_map<std::string, std::pair<std::string, std::string>> biographies_;
  std::vector<std::pair<int, std::vector<RawPerson>>> persons_;  // per event in out_.events: its line, its people
  size_t events_seen_ = 0;
  bool local_times_ = false;  // some start was read in the forum's zone (no offset in the export)
  Result<std::string> zone_;  // the forum's zone, canonical, or why the tz database does not know it
  int zone_reported_ = 0;
  int offset_mismatches_ = 0, first_mismatch_line_ = 0, offset_events_ = 0;
  std::string first_mismatch_;
  std::string export_zone_;
  int export_zone_line_ = 0;
};

//-----------------------------------------------------------------------------------------------------------
// [SECTION] frab/pentabarf XML (also the CCC hub's and pretalx's XML)
//-----------------------------------------------------------------------------------------------------------

std::string Child(const pugi::xml_node& n, const char* name) { return Trim(n.child(name).text().as_string()); }

// A person of an event: <person id="1544">erdgeist</person>, or with guid= (the CCC hub).
RawPerson XmlPerson(const pugi::xml_node& p) {
  RawPerson sp;
  sp.guid = Trim(p.attribute("guid").as_string());
  sp.id = Trim(p.attribute("id").as_string());
  sp.name = p.child("name") ? Child(p, "name") : Trim(p.text().as_string());
  return sp;
}

RawEvent XmlEvent(const pugi::xml_node& ev, const std::string& room_name, const LineIndex& lines) {
  RawEvent r;
  r.line = lines.At(static_cast<size_t>(ev.offset_debug()));
  r.id = Trim(ev.attribute("id").as_string());
  r.guid = Trim(ev.attribute("guid").as_string());
  r.date_time = Child(ev, "date");
  r.start_hhmm = Child(ev, "start");
  r.duration = Child(ev, "duration");
  r.room = Child(ev, "room");
  if (r.room.empty()) r.room = room_name;
  r.track = Child(ev, "track");
  for (auto [field, name] : kPlainFields) r.*field = Child(ev, name);
  for (pugi::xml_node p : ev.child("persons").children("person")) r.persons.push_back(XmlPerson(p));
  return r;
}

}  // namespace

ImportedSchedule ParseScheduleXml(const std::string& data, const std::string& file, const ScheduleContext& ctx,
                                  Diagnostics& diags) {
  pugi::xml_document doc;
  pugi::xml_parse_result res = doc.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) {
    diags.Error(file, LineAt(data, static_cast<size_t>(res.offset)), "", std::string("not valid XML: ") + res.description());
    return {};
  }
  pugi::xml_node schedule = doc.child("schedule");
  if (!schedule) {
    pugi::xml_node root = doc.document_element();
    diags.Error(file, 1, "schedule", std::string("not a frab/pentabarf schedule: the root element is <") +
                                         root.name() + ">, not <schedule>");
    return {};
  }
  Builder b(file, ctx, diags);
  const LineIndex lines(data);
  pugi::xml_node conference = schedule.child("conference");
  if (pugi::xml_node tz = conference.child("time_zone_name"))
    b.ExportZone(Trim(tz.text().as_string()), lines.At(static_cast<size_t>(tz.offset_debug())));
  for (pugi::xml_node p : schedule.child("persons").children("person")) {
    RawPerson known = XmlPerson(p);
    b.KnownPerson(known.guid.empty() ? known.id : known.guid, Child(p, "biography"));
  }
  int day_count = 0, room_count = 0;
  for (pugi::xml_node day : schedule.children("day")) {
    ++day_count;
    Day d{day.attribute("index").as_int(day_count), Trim(day.attribute("date").as_string()),
          Trim(day.attribute("start").as_string())};
    for (pugi::xml_node room : day.children("room")) {
      ++room_count;
      std::string room_name = Trim(room.attribute("name").as_string());
      for (pugi::xml_node ev : room.children("event")) b.AddEvent(XmlEvent(ev, room_name, lines), d);
    }
    // FOSDEM 2007-2012: <event> directly in <day>, each with its <room>.
    for (pugi::xml_node ev : day.children("event")) b.AddEvent(XmlEvent(ev, "", lines), d);
  }
  auto out = b.Take(std::to_string(day_count) + " <day>, " + std::to_string(room_count) + " <room> in them, no <event>");
  out.title = Child(conference, "title");
  return out;
}

namespace {

//-----------------------------------------------------------------------------------------------------------
// [SECTION] schedule JSON (frab, pretalx) and c3voc schema2 JSON (the CCC hub)
//-----------------------------------------------------------------------------------------------------------

using nlohmann::json;

// A string member, or an integer one written as text; "" for anything else (null, absent, objects).
std::string JsonText(const json& o, const char* key) {
  if (!o.is_object() || !o.contains(key)) return {};
  const json& v = o[key];
  if (v.is_string()) return Trim(v.get<std::string>());
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return {};
}

const json* JsonArray(const json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_array() ? &o[key] : nullptr;
}

// A member that is a name or an object with one (schema2: "room": {"name": ...}, "track": {"slug": ...}).
std::string JsonName(const json& o, const char* key, const std::map<std::string, std::string>& by_slug = {}) {
  if (!o.is_object() || !o.contains(key)) return {};
  const json& v = o[key];
  if (v.is_string()) return Trim(v.get<std::string>());
  std::string name = JsonText(v, "name");
  if (name.empty())
    if (auto it = by_slug.find(JsonText(v, "slug")); it != by_slug.end()) name = it->second;
  return name;
}

// Persons of an event: frab and pretalx "persons" (id or pretalx's code, public_name), schema2 "participants"
// (guid, name). The most stable identity first: guid, then id, then code.
std::vector<RawPerson> JsonPersons(const json& ev) {
  std::vector<RawPerson> out;
  for (const char* list : {"persons", "participants"})
    if (const json* ps = JsonArray(ev, list))
      for (const auto& p : *ps) {
        RawPerson sp;
        sp.guid = JsonText(p, "guid");
        for (const char* key : {"id", "code"})
          if (sp.id.empty()) sp.id = JsonText(p, key);
        sp.name = JsonText(p, "public_name");
        if (sp.name.empty()) sp.name = JsonText(p, "name");
        sp.biography = JsonText(p, "biography");
        out.push_back(std::move(sp));
      }
  return out;
}

// JSON has no line numbers: each event is found in the text by its guid (or id), in file order.
class JsonLines {
 public:
  explicit JsonLines(const std::string& data) : data_(data), lines_(data) {}
  int Of(const RawEvent& r) {
    std::string needle = !r.guid.empty() ? "\"" + r.guid + "\"" : "\"id\": " + r.id;
    size_t at = FindNear(data_, needle, from_);
    if (at == std::string::npos) return 0;
    from_ = at + 1;
    return lines_.At(at);
  }

 private:
  const std::string& data_;
  LineIndex lines_;
  size_t from_ = 0;
};

RawEvent JsonEvent(const json& ev, const std::map<std::string, std::string>& track_by_slug) {
  RawEvent r;
  r.id = JsonText(ev, "id");
  r.guid = JsonText(ev, "guid");
  r.date_time = JsonText(ev, "date");
  r.start_hhmm = JsonText(ev, "start");
  if (r.date_time.empty() && r.start_hhmm.size() > 5) r.date_time = std::move(r.start_hhmm);  // schema2: start is an instant
  r.end_time = JsonText(ev, "end");
  r.duration = JsonText(ev, "duration");
  r.room = JsonName(ev, "room");
  r.track = JsonName(ev, "track", track_by_slug);
  for (auto [field, name] : kPlainFields) r.*field = JsonText(ev, name);
  r.persons = JsonPersons(ev);
  return r;
}

// schedule.json: conference.days[].rooms {room name: [events]}.
std::string JsonDays(const json& conf, const std::string& data, Builder& b) {
  JsonLines lines(data);
  int day_count = 0, room_count = 0;
  for (const auto& day : *JsonArray(conf, "days")) {
    ++day_count;
    int index = day.is_object() && day.contains("index") && day["index"].is_number_integer() ? day["index"].get<int>() : day_count;
    Day d{index, JsonText(day, "date"), JsonText(day, "day_start")};
    if (!day.is_object() || !day.contains("rooms") || !day["rooms"].is_object()) continue;
    for (auto room = day["rooms"].begin(); room != day["rooms"].end(); ++room) {
      ++room_count;
      if (!room->is_array()) continue;
      for (const auto& ev : *room) {
        RawEvent r = JsonEvent(ev, {});
        r.line = lines.Of(r);
        if (r.room.empty()) r.room = Trim(room.key());
        b.AddEvent(std::move(r), d);
      }
    }
  }
  return std::to_string(day_count) + " days, " + std::to_string(room_count) + " rooms in them, no event";
}

// schema2: schedule.events[], each with start and end instants; its conference day is the one of
// conference.days whose [start, end) holds its start, else the venue's calendar day.
std::string JsonEvents(const json& schedule, const json& conf, const std::string& data, const ScheduleContext& ctx,
                       Builder& b) {
  struct Span {
    Day day;
    int64_t from, to;
  };
  std::vector<Span> spans;
  if (const json* days = JsonArray(conf, "days"))
    for (const auto& day : *days) {
      auto from = ParseInstant(JsonText(day, "start")), to = ParseInstant(JsonText(day, "end"));
      int index = day.contains("index") && day["index"].is_number_integer() ? day["index"].get<int>() : int(spans.size()) + 1;
      if (from && to) spans.push_back({{index, JsonText(day, "date"), JsonText(day, "start")}, from->utc, to->utc});
    }
  std::map<std::string, std::string> track_by_slug;
  if (const json* tracks = JsonArray(conf, "tracks"))
    for (const auto& t : *tracks) track_by_slug[JsonText(t, "slug")] = JsonText(t, "name");
  JsonLines lines(data);
  for (const auto& ev : schedule["events"]) {
    RawEvent r = JsonEvent(ev, track_by_slug);
    r.line = lines.Of(r);
    Day d;
    auto start = ParseInstant(r.date_time);
    for (const auto& s : spans)
      if (start && start->utc >= s.from && start->utc < s.to) d = s.day;
    if (d.date.empty() && start) {  // no day holds it: the venue's calendar day, numbered from the first
      auto off = ZoneOffsetAt(ctx.time_zone, start->utc);
      int64_t days = (start->utc + int64_t{off ? off.value() : start->offset_min} * 60) / 86400;
      d.date = FormatInstant(days * 86400, 0).substr(0, 10);
      auto first = spans.empty() ? std::nullopt : DaysFromDate(spans.front().day.date);
      d.index = first ? int(days - *first) + 1 : 1;
    }
    b.AddEvent(std::move(r), d);
  }
  return "schedule.events is empty";
}

// Top-level keys, for the message about a JSON file that is no schedule this tool reads.
std::string KeysOf(const json& o) {
  if (!o.is_object()) return std::string("a JSON ") + o.type_name() + ", not an object";
  std::string keys;
  for (auto it = o.begin(); it != o.end(); ++it) keys += (keys.empty() ? "" : ", ") + std::string("\"") + it.key() + "\"";
  return keys.empty() ? "an empty object" : "keys " + keys;
}

ImportedSchedule ParseScheduleJsonDoc(const json& doc, const std::string& data, const std::string& file,
                                      const ScheduleContext& ctx, Diagnostics& diags) {
  const json* schedule = doc.is_object() && doc.contains("schedule") ? &doc["schedule"] : nullptr;
  const json* conf = schedule && schedule->is_object() && schedule->contains("conference") &&
                             (*schedule)["conference"].is_object()
                         ? &(*schedule)["conference"]
                         : nullptr;
  bool schema2 = schedule && JsonArray(*schedule, "events");
  bool days = conf && JsonArray(*conf, "days");
  if (!conf || (!schema2 && !days)) {
    diags.Error(file, 1, "schedule", "not a schedule JSON this tool reads: expected {\"schedule\": {\"conference\": "
                                     "{\"days\": [...]}}} (frab, pretalx) or {\"schedule\": {\"events\": [...]}} "
                                     "(c3voc schema2); found " + KeysOf(schedule ? *schedule : doc) +
                                     (schedule ? " in \"schedule\"" : ""));
    return {};
  }
  Builder b(file, ctx, diags);
  if (std::string tz = JsonText(*conf, "time_zone_name"); !tz.empty()) {
    size_t at = data.find("\"time_zone_name\"");
    b.ExportZone(tz, at == std::string::npos ? 1 : LineAt(data, at));
  }
  // schema2 lists people apart (schedule.persons) with their biographies.
  if (const json* persons = schedule ? JsonArray(*schedule, "persons") : nullptr)
    for (const auto& p : *persons) b.KnownPerson(JsonText(p, "guid"), JsonText(p, "biography"));
  std::string found = schema2 ? JsonEvents(*schedule, *conf, data, ctx, b) : JsonDays(*conf, data, b);
  auto out = b.Take(found);
  out.title = JsonText(*conf, "title");
  return out;
}

}  // namespace

ImportedSchedule ParseScheduleJson(const std::string& data, const std::string& file, const ScheduleContext& ctx,
                                   Diagnostics& diags) {
  try {  // every nlohmann exception (syntax, a number too large, a value of the wrong type) is reported
    return ParseScheduleJsonDoc(json::parse(data), data, file, ctx, diags);
  } catch (const json::exception& e) {
    ReportJsonError(e, data, file, diags);
    return {};
  }
}

//-----------------------------------------------------------------------------------------------------------
// [SECTION] ImportSchedule
//-----------------------------------------------------------------------------------------------------------

ImportedSchedule ImportSchedule(const std::filesystem::path& path, const std::string& display_name,
                                const ScheduleContext& context, Diagnostics& diags) {
  auto data = ReadSourceFile(path, caps::kScheduleFileBytes);
  if (!data) {
    diags.Error(display_name, 0, "", data.error().message);
    return {};
  }
  if (path.extension() == ".json") return ParseScheduleJson(data.value(), display_name, context, diags);
  return ParseScheduleXml(data.value(), display_name, context, diags);
}

}  // namespace db
