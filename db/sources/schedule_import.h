// Imports the program from the two formats conference tools export: frab/pentabarf schedule XML and the
// schedule JSON of frab and pretalx (c3voc "schedule.json"). Real exports must import as they are.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "db/model/catalog.h"
#include "db/base/diagnostics.h"

namespace db {

struct ScheduleEvent {
  Session session;  // id, guid, day, times, kind, language, texts (in the schedule's text language), people
  std::string room_name, track_name;
};

struct SchedulePerson {
  std::string id, name, biography;
};

struct ImportedSchedule {
  std::string title;
  std::vector<ScheduleEvent> events;
  std::vector<std::string> rooms;   // room names, in order of first appearance
  std::vector<std::string> tracks;  // track names, in order of first appearance
  std::vector<SchedulePerson> people;  // unique by id, in order of first appearance
};

// Reads schedule.xml or schedule.json (chosen by extension). Titles and descriptions are stored as text in
// `text_language`. Problems name the file, the line of the event and the field.
ImportedSchedule ImportSchedule(const std::filesystem::path& path, const std::string& display_name,
                                const std::string& text_language, Diagnostics& diags);
ImportedSchedule ParseScheduleXml(const std::string& data, const std::string& display_name,
                                  const std::string& text_language, Diagnostics& diags);
ImportedSchedule ParseScheduleJson(const std::string& data, const std::string& display_name,
                                   const std::string& text_language, Diagnostics& diags);

}  // namespace db
