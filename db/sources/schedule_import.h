// Imports the program from the formats conference tools export, as they are (docs/SOURCES.md, "schedule"):
//  - frab/pentabarf schedule XML, old and new: times from <date> when the event has one, else the day's date
//    and <start> (HH:MM) read in the venue's time zone (pentabarf, FOSDEM before 2020); the CCC hub's and
//    pretalx's XML are the same format; FOSDEM 2007-2012 put <event> (with its <room>) directly in <day>;
//  - the schedule JSON of frab and pretalx (c3voc "schedule.json": conference.days[].rooms{name: [events]});
//  - c3voc "schema2" JSON (the CCC hub: schedule.events[], each with start and end instants).
// An export in a form none of these is, or that yields no event, is an error that says what was found.
// Times are checked against the forum's time zone: an export whose offsets (or, for times without one, whose
// time_zone_name) disagree with forum.csv is an error naming both, since every session would show at the
// wrong hour.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "db/base/diagnostics.h"
#include "db/model/catalog.h"

namespace db {

// What the import needs to know of the forum (forum.csv).
struct ScheduleContext {
  std::string text_language = "en";  // titles and descriptions are stored as text in this language
  std::string time_zone = "UTC";     // the venue's IANA zone: local times are read in it, offsets checked with it
};

struct ScheduleEvent {
  Session session;  // id, guid, day, times, kind, language, texts (in the schedule's text language), people
  std::string room_name, track_name;
};

// A person is who the export says: keyed by the export's guid, else its id (pretalx: code), else the name as
// written; two people who share a name but not an identity stay two. An id that stands for several names in
// the export (c3voc wiki exports: everyone is id "0") is no identity: those people are keyed "ID/NAME"
// ("0/Dreirik"), with one warning per export.
struct SchedulePerson {
  std::string id, name, biography;
  std::string biography_rich;  // its rich form (db/model/rich_text.h's stored form), "" without a biography
};

struct ImportedSchedule {
  std::string title;
  std::vector<ScheduleEvent> events;
  std::vector<std::string> rooms;   // room names, in order of first appearance
  std::vector<std::string> tracks;  // track names, in order of first appearance
  std::vector<SchedulePerson> people;  // unique by id, in order of first appearance
};

// Reads schedule.xml or schedule.json (chosen by extension). Problems name the file, the line of the event
// and the field.
ImportedSchedule ImportSchedule(const std::filesystem::path& path, const std::string& display_name,
                                const ScheduleContext& context, Diagnostics& diags);
ImportedSchedule ParseScheduleXml(const std::string& data, const std::string& display_name,
                                  const ScheduleContext& context, Diagnostics& diags);
ImportedSchedule ParseScheduleJson(const std::string& data, const std::string& display_name,
                                   const ScheduleContext& context, Diagnostics& diags);

}  // namespace db
