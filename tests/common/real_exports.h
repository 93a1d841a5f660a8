// The real schedule exports in ../shared/testdata/schedules and the forum.csv settings their organizers would
// give them (dates, zone, offset): one description the db tests (tests/db/schedule_test.cpp) and the
// end-to-end tests (which build snapshots from them with the real kiosk-snapshot) both use. Header-only and
// without a test framework, so any test binary can include it.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace test {

struct RealExport {
  const char* file;  // in ../shared/testdata/schedules
  const char* as;    // its name in a source folder: schedule.xml or schedule.json
  // forum.csv as the conference's organizers would set it
  const char* start_date;
  const char* end_date;
  const char* time_zone;
  const char* utc_offset;
};

inline const std::vector<RealExport>& RealExports() {
  static const std::vector<RealExport> all = {
      {"frab-31c3-schedule.xml", "schedule.xml", "2014-12-27", "2014-12-30", "Europe/Berlin", "+01:00"},
      {"fosdem-2014-pentabarf.xml", "schedule.xml", "2014-02-01", "2014-02-02", "Europe/Brussels", "+01:00"},
      {"fosdem-2026-schedule.xml", "schedule.xml", "2026-01-31", "2026-02-01", "Europe/Brussels", "+01:00"},
      {"ccc-38c3-hub.xml", "schedule.xml", "2024-12-27", "2024-12-30", "Europe/Berlin", "+01:00"},
      {"pretalx-democon.json", "schedule.json", "2020-12-14", "2020-12-16", "Europe/Berlin", "+01:00"},
      {"frab-camp2019.json", "schedule.json", "2019-08-21", "2019-08-25", "Europe/Berlin", "+02:00"},
      {"hub-schedule2-example.json", "schedule.json", "2024-12-27", "2024-12-30", "Europe/Berlin", "+01:00"},
  };
  return all;
}

// The export named `file`; throws when there is none (a typo in a test).
inline const RealExport& RealExportNamed(std::string_view file) {
  for (const auto& e : RealExports())
    if (file == e.file) return e;
  throw std::invalid_argument("no real export named " + std::string(file));
}

// Sets forum.csv's dates, zone and offset in the source folder `src` to the export's (other cells kept).
inline void SetForumTo(const std::filesystem::path& src, const RealExport& e) {
  std::stringstream whole;
  whole << std::ifstream(src / "forum.csv", std::ios::binary).rdbuf();
  std::string csv = whole.str();
  auto split = [](const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) out.push_back(cell);
    return out;
  };
  auto nl = csv.find('\n');
  std::vector<std::string> head = split(csv.substr(0, nl));
  std::string rest = csv.substr(nl + 1);
  std::vector<std::string> row = split(rest.substr(0, rest.find('\n')));
  row.resize(head.size());
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == "start_date") row[i] = e.start_date;
    if (head[i] == "end_date") row[i] = e.end_date;
    if (head[i] == "time_zone") row[i] = e.time_zone;
    if (head[i] == "utc_offset") row[i] = e.utc_offset;
  }
  std::string out = csv.substr(0, nl + 1);
  for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
  std::ofstream(src / "forum.csv", std::ios::binary | std::ios::trunc) << out << "\n";
}

// Makes `src` a copy of the fixture folder `fixture` whose program is only the export at `export_path`: no
// staff files that add rooms, people or session rows, and the forum set to the conference's dates and zone.
inline void MakeExportSource(const std::filesystem::path& fixture, const std::filesystem::path& export_path,
                             const RealExport& e, const std::filesystem::path& src) {
  namespace fs = std::filesystem;
  fs::remove_all(src);
  fs::copy(fixture, src, fs::copy_options::recursive);
  for (const char* f : {"schedule.xml", "schedule.json", "rooms.csv", "people.csv", "sessions.csv", "session_organizations.csv"})
    fs::remove(src / f);
  fs::copy_file(export_path, src / e.as);
  SetForumTo(src, e);
}

}  // namespace test
