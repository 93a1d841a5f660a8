// The real exports in ../shared/testdata/schedules import as they are, alone and in place of the demo's
// program: every event, with its times in the venue's zone, its room and its people by identity. The counts
// are computed here from the file itself (tests/db/schedule_test.cpp: CountFile), not from the importer.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "db/model/catalog.h"
#include "db/snapshot/validate.h"
#include "db/sources/schedule_import.h"
#include "support.h"
#include "tests/common/real_exports.h"

namespace {

// Three events of an export, checked by hand against the file.
struct Expected {
  const char* id;
  const char* starts_at;
  const char* ends_at;
  int day_index;
  const char* room;
  std::vector<std::string> people;  // names, in the export's order
};

// A real export (tests/common/real_exports.h: the file and the forum settings) and events checked by hand.
struct Export : test::RealExport {
  std::vector<Expected> events;
};

const std::vector<Export> kExports = {
    {test::RealExportNamed("frab-31c3-schedule.xml"),
     {{"6561", "2014-12-27T11:00:00+01:00", "2014-12-27T11:30:00+01:00", 1, "Saal 1", {"erdgeist", "Geraldine de Bastion"}},
      {"6558", "2014-12-28T23:00:00+01:00", "2014-12-29T00:00:00+01:00", 2, "Saal G", {"David Kriesel"}},
      {"6607", "2014-12-30T17:15:00+01:00", "2014-12-30T18:15:00+01:00", 4, "Saal 6", {"Frank Rieger", "Ron"}}}},
    // pentabarf: only <start>HH:MM in <day date=...>, read in the forum's zone
    {test::RealExportNamed("fosdem-2014-pentabarf.xml"),
     {{"1616", "2014-02-01T10:30:00+01:00", "2014-02-01T10:55:00+01:00", 1, "Janson", {"FOSDEM Staff"}},
      {"2415", "2014-02-01T15:00:00+01:00", "2014-02-01T15:30:00+01:00", 1, "K.4.401", {"Wouter Gazendam"}},
      {"2226", "2014-02-02T16:20:00+01:00", "2014-02-02T17:20:00+01:00", 2, "K.4.601", {"Andrew Gerrand"}}}},
    {test::RealExportNamed("fosdem-2026-schedule.xml"),
     {{"8376", "2026-01-31T09:30:00+01:00", "2026-01-31T09:50:00+01:00", 1, "Janson", {"FOSDEM Staff"}},
      {"8393", "2026-01-31T14:45:00+01:00", "2026-01-31T15:05:00+01:00", 1, "UD2.120 (Chavanne)", {"Ruben Ortlam"}},
      {"9174", "2026-02-01T12:25:00+01:00", "2026-02-01T12:45:00+01:00", 2, "UD6.215", {"Michał Żygowski", "Piotr Król"}}}},
    // the CCC hub: people by guid; an event after midnight stays on its conference day
    {test::RealExportNamed("ccc-38c3-hub.xml"),
     {{"2", "2024-12-27T10:30:00+01:00", "2024-12-27T11:00:00+01:00", 1, "Saal 1", {"Gabriela Bogk", "Senficon", "Aline Blankertz"}},
      {"1121", "2024-12-28T00:00:00+01:00", nullptr, 1, nullptr, {}},
      {"956523", "2024-12-30T12:00:00+01:00", "2024-12-30T12:45:00+01:00", 4, "\"KliMathematik Augsburg\" Table", {"iblech"}}}},
    {test::RealExportNamed("pretalx-democon.json"),
     {{"25", "2020-12-14T09:00:00+01:00", "2020-12-14T09:30:00+01:00", 1, "Gray Room", {"Brian Robinson"}},
      {"21", "2020-12-15T14:00:00+01:00", "2020-12-15T14:30:00+01:00", 2, "Gray Room", {"Catherine Harris", "Thomas Morgan"}},
      {"50", "2020-12-16T14:00:00+01:00", "2020-12-16T15:30:00+01:00", 3, "Tan Room", {"Randy Crawford"}}}},
    {test::RealExportNamed("frab-camp2019.json"),
     {{"10386", "2019-08-21T11:00:00+02:00", "2019-08-21T11:30:00+02:00", 1, "Curie", {"jinxx", "smtw"}},
      {"10252", "2019-08-23T18:00:00+02:00", "2019-08-23T18:45:00+02:00", 3, "Curie", {"Adam Harvey"}},
      {"10352", "2019-08-25T16:00:00+02:00", "2019-08-25T16:45:00+02:00", 5, "Meitner", {"aphotic"}}}},
    // c3voc schema2: schedule.events[] with start and end; events keyed by guid
    {test::RealExportNamed("hub-schedule2-example.json"),
     {{"270fa44c-821a-577f-8ca3-33e8d4a8c2a7", "2024-12-27T10:30:00+01:00", "2024-12-27T11:00:00+01:00", 1, "Saal 1",
       {"Gabriela Bogk", "Aline Blankertz", "Senficon"}},
      {"b1740c2f-0c44-5f1b-89ed-456a9eecf0b8", "2024-12-28T00:15:00+01:00", "2024-12-28T00:55:00+01:00", 1, "Saal ZIGZAG",
       {"Sebastian Schwarz"}}}},
};

test::fs::path ExportPath(const Export& e) {
  auto p = test::SharedDir() / "testdata" / "schedules" / e.file;
  REQUIRE_MESSAGE(test::fs::exists(p), "missing real export " << p << " (../shared beside the repository)");
  return p;
}

std::string Slurp(const test::fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What the file holds, counted here from the file with its own parser: events, rooms that have events and
// distinct people by identity (guid, else id or pretalx's code, else the name as written).
struct Counts {
  size_t events = 0;
  std::set<std::string> rooms, people;
};

Counts CountXml(const std::string& data) {
  Counts n;
  pugi::xml_document doc;
  REQUIRE(doc.load_buffer(data.data(), data.size()));
  for (auto day : doc.child("schedule").children("day"))
    for (auto room : day.children("room"))
      for (auto ev : room.children("event")) {
        ++n.events;
        std::string r = ev.child("room").text().as_string();
        n.rooms.insert(r.empty() ? room.attribute("name").as_string() : r);
        for (auto p : ev.child("persons").children("person")) {
          std::string id = p.attribute("guid").as_string();
          if (id.empty()) id = p.attribute("id").as_string();
          if (id.empty()) id = p.text().as_string();
          n.people.insert(id);
        }
      }
  return n;
}

std::string JsonId(const nlohmann::json& p) {
  for (const char* key : {"guid", "id", "code", "public_name", "name"})
    if (p.contains(key) && !p[key].is_null()) return p[key].is_string() ? p[key].get<std::string>() : p[key].dump();
  return {};
}

Counts CountJson(const std::string& data) {
  Counts n;
  auto doc = nlohmann::json::parse(data);
  auto count = [&](const nlohmann::json& ev, const std::string& room) {
    ++n.events;
    n.rooms.insert(room);
    for (const char* list : {"persons", "participants"})
      if (ev.contains(list))
        for (const auto& p : ev[list]) n.people.insert(JsonId(p));
  };
  const auto& s = doc["schedule"];
  if (s.contains("events")) {
    for (const auto& ev : s["events"]) count(ev, ev["room"].is_object() ? ev["room"]["name"] : ev["room"]);
  } else {
    for (const auto& day : s["conference"]["days"])
      for (auto room = day["rooms"].begin(); room != day["rooms"].end(); ++room)
        for (const auto& ev : *room) count(ev, room.key());
  }
  return n;
}

Counts CountFile(const Export& e) {
  std::string data = Slurp(ExportPath(e));
  return std::string(e.as) == "schedule.json" ? CountJson(data) : CountXml(data);
}

// Replaces the program of the source folder `src` with the export, and the forum's dates and zone with the
// conference's.
void UseExport(const test::fs::path& src, const Export& e) {
  test::fs::remove(src / "schedule.xml");
  test::fs::remove(src / "schedule.json");
  test::fs::copy_file(ExportPath(e), src / e.as);
  test::SetForumTo(src, e);
}

// A source folder holding only what the export brings (tests/common/real_exports.h).
test::fs::path MinimalWith(const test::TempDir& dir, const Export& e) {
  auto src = dir.path() / "src";
  test::MakeExportSource(test::FixtureDir(), ExportPath(e), e, src);
  return src;
}

}  // namespace

TEST_CASE("every real schedule export imports with every event, every room with events and every person") {
  for (const auto& e : kExports) {
    CAPTURE(e.file);
    test::TempDir dir;
    auto out = test::Build(MinimalWith(dir, e), dir);
    INFO(test::Dump(out.diags));
    REQUIRE(out.written);
    auto loaded = db::LoadCatalog(dir / "out.snapshot");
    REQUIRE(loaded);
    const db::Catalog& c = *loaded.value();
    Counts n = CountFile(e);
    CHECK(n.events > 0);
    CHECK(c.sessions.size() == n.events);
    std::set<std::string> rooms;
    for (const auto& s : c.sessions)
      if (const db::Room* r = c.FindRoom(s.room_id)) rooms.insert(c.Tr(r->name, "en"));
    CHECK(rooms == n.rooms);
    CHECK(c.people.size() == n.people.size());
    // The texts as visitors read them: no HTML, no entity, no Markdown left (db/sources/rich_text_import.h).
    for (const auto& s : c.sessions)
      for (const db::Text* t : {&s.title, &s.subtitle, &s.description})
        for (const auto& [lang, text] : t->by_lang) CHECK_MESSAGE(test::MarkupIn(text).empty(), s.id << ": " << test::MarkupIn(text));
    for (const auto& p : c.people)
      for (const auto& [lang, text] : p.biography.by_lang) CHECK_MESSAGE(test::MarkupIn(text).empty(), p.id << ": " << test::MarkupIn(text));
  }
}

TEST_CASE("three events of every real export: start and end with the venue's offset, day, room, people in order") {
  for (const auto& e : kExports) {
    CAPTURE(e.file);
    test::TempDir dir;
    auto out = test::Build(MinimalWith(dir, e), dir);
    REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
    auto loaded = db::LoadCatalog(dir / "out.snapshot");
    REQUIRE(loaded);
    const db::Catalog& c = *loaded.value();
    for (const auto& x : e.events) {
      CAPTURE(x.id);
      const db::Session* s = c.FindSession(x.id);
      REQUIRE(s);
      CHECK(s->starts_at == x.starts_at);
      if (x.ends_at) CHECK(s->ends_at == x.ends_at);
      CHECK(s->day_index == x.day_index);
      if (x.room) {
        REQUIRE(c.FindRoom(s->room_id));
        CHECK(c.Tr(c.FindRoom(s->room_id)->name, "en") == x.room);
      }
      if (x.people.empty()) continue;
      std::vector<std::string> names;
      for (const auto& p : s->people) names.push_back(c.Tr(c.FindPerson(p.person_id)->name, "en"));
      CHECK(names == x.people);
    }
  }
}

TEST_CASE("people are who the export says: two people who share a name stay two, one person is one") {
  const Export& hub = kExports[3];
  REQUIRE(std::string(hub.file) == "ccc-38c3-hub.xml");
  test::TempDir dir;
  auto out = test::Build(MinimalWith(dir, hub), dir);
  REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
  auto c = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(c);
  // Two hub accounts both called "Andreas" (guids 2e770e82-... and 2da182ba-...).
  const db::Person* a = c.value()->FindPerson("2e770e82-f65d-56f5-b6cc-323987c0083a");
  const db::Person* b = c.value()->FindPerson("2da182ba-a7d2-5606-85ec-c97e79e6e47e");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(c.value()->Tr(a->name, "en") == "Andreas");
  CHECK(c.value()->Tr(b->name, "en") == "Andreas");

  // Without any id, the name as written is the identity: "anna" and "Anna" are two people, and a person in
  // two sessions is one.
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><day index="1" date="2022-09-28">
    <room name="A"><event id="1"><date>2022-09-28T10:00:00+06:00</date><duration>00:30</duration><title>One</title>
      <persons><person>anna</person><person>Anna</person></persons></event>
    <event id="2"><date>2022-09-28T11:00:00+06:00</date><duration>00:30</duration><title>Two</title>
      <persons><person>Anna</person></persons></event></room></day></schedule>)",
                                "schedule.xml", {"en", "Asia/Almaty"}, d);
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
  REQUIRE(s.events.size() == 2);
  CHECK(s.people.size() == 2);
  CHECK(s.events[0].session.people.size() == 2);
  CHECK(s.events[1].session.people[0].person_id == s.events[0].session.people[1].person_id);
}

TEST_CASE("a person id that stands for several names in the export is told apart by name, with one warning") {
  // c3voc's wiki exports give everyone id "0"; merged exports reuse an id across their sources. An id with one
  // name is still the identity, and the same id and name in two sessions is one person.
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><day index="1" date="2019-12-27">
    <room name="A"><event id="1"><date>2019-12-27T10:00:00+01:00</date><duration>00:30</duration><title>One</title>
      <persons><person id="0">Dreirik</person><person id="0">Goldwaage</person><person id="7">Ada</person></persons></event>
    <event id="2"><date>2019-12-27T11:00:00+01:00</date><duration>00:30</duration><title>Two</title>
      <persons><person id="0">Goldwaage</person><person id="7">Ada</person></persons></event></room></day></schedule>)",
                                "schedule.xml", {"en", "Europe/Berlin"}, d);
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
  REQUIRE(s.events.size() == 2);
  REQUIRE(s.people.size() == 3);
  CHECK(s.people[0].id == "0/Dreirik");
  CHECK(s.people[1].id == "0/Goldwaage");
  CHECK(s.people[1].name == "Goldwaage");
  CHECK(s.people[2].id == "7");
  REQUIRE(s.events[1].session.people.size() == 2);
  CHECK(s.events[1].session.people[0].person_id == "0/Goldwaage");
  CHECK(s.events[1].session.people[1].person_id == "7");
  CHECK(test::Has(d, db::Severity::Warning, "schedule.xml", 0, "persons", "person id 0 stands for 2 different names: told apart by name"));
  CHECK(d.items().size() == 1);

  // JSON (a merged export): id 2 for two names, id 6 for two more; one warning names the worst and the count.
  db::Diagnostics j;
  auto js = db::ParseScheduleJson(R"({"schedule": {"conference": {"title": "X", "days": [{"index": 1, "date": "2022-12-27",
    "rooms": {"A": [{"id": 1, "date": "2022-12-27T10:00:00+01:00", "duration": "00:30", "title": "One",
      "persons": [{"id": 2, "public_name": "Kim"}, {"id": 2, "public_name": "Lee"}, {"id": 2, "public_name": "Max"},
                  {"id": 6, "public_name": "Adorfer"}]},
     {"id": 3, "date": "2022-12-27T11:00:00+01:00", "duration": "00:30", "title": "Two",
      "persons": [{"id": 6, "public_name": "Schaltkreis Musik"}, {"guid": "g-1", "id": 2, "public_name": "Kim"}]}]}}]}}})",
                                   "schedule.json", {"en", "Europe/Berlin"}, j);
  INFO(test::Dump(j));
  CHECK_FALSE(j.has_errors());
  REQUIRE(js.events.size() == 2);
  std::vector<std::string> ids;
  for (const auto& p : js.people) ids.push_back(p.id);
  CHECK(ids == std::vector<std::string>{"2/Kim", "2/Lee", "2/Max", "6/Adorfer", "6/Schaltkreis Musik", "g-1"});
  CHECK(test::Has(j, db::Severity::Warning, "schedule.json", 0, "persons",
                  "person id 2 stands for 3 different names: told apart by name (2 person ids in all"));
  CHECK(j.items().size() == 1);
}

TEST_CASE("an old FOSDEM export (2007-2012) with <event> directly in <day> reads each event's <room>") {
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><conference><title>FOSDEM 2007</title></conference>
    <day index="1" date="2007-02-25">
      <event id="0"><start>15:00</start><duration>00:45</duration><room>Chavanne</room><title>AIGLX</title>
        <track>Desktop Applications</track><persons><person id="12">Kristian</person></persons></event>
      <event id="1"><start>16:00</start><duration>01:00</duration><room>Ferrer</room><title>Two</title></event>
    </day></schedule>)",
                                "schedule.xml", {"en", "Europe/Brussels"}, d);
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].room_name == "Chavanne");
  CHECK(s.events[0].session.starts_at == "2007-02-25T15:00:00+01:00");
  CHECK(s.events[0].session.ends_at == "2007-02-25T15:45:00+01:00");
  CHECK(s.events[1].room_name == "Ferrer");
  CHECK(s.rooms == std::vector<std::string>{"Chavanne", "Ferrer"});
  CHECK(s.people.size() == 1);
}

TEST_CASE("an export that yields no event, or in a form the tool does not read, is an error that says what was found") {
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><day index="1" date="2022-09-28"><room name="A"/></day></schedule>)",
                                "schedule.xml", {}, d);
  CHECK(s.events.empty());
  CHECK(test::Has(d, db::Severity::Error, "schedule.xml", 1, "", "no event (found 1 <day>, 1 <room> in them"));

  db::Diagnostics j;
  db::ParseScheduleJson(R"({"schedule": {"version": "1", "talks": []}})", "schedule.json", {}, j);
  CHECK(test::Has(j, db::Severity::Error, "schedule.json", 1, "schedule", "found keys \"talks\", \"version\" in \"schedule\""));

  db::Diagnostics e;
  db::ParseScheduleJson(R"({"schedule": {"conference": {"title": "X"}, "events": []}})", "schedule.json", {}, e);
  CHECK(test::Has(e, db::Severity::Error, "schedule.json", 1, "", "schedule.events is empty"));

  db::Diagnostics x;
  db::ParseScheduleXml("<iCalendar/>", "schedule.xml", {}, x);
  CHECK(test::Has(x, db::Severity::Error, "schedule.xml", 1, "schedule", "the root element is <iCalendar>"));
}

TEST_CASE("an export in another time zone than the forum's is an error naming both, a wrong zone name alone warns") {
  // FOSDEM 2026 (+01:00, Europe/Brussels) into a forum that says Asia/Tokyo: every session would show eight
  // hours off.
  Export fosdem = kExports[2];
  fosdem.time_zone = "Asia/Tokyo";
  fosdem.utc_offset = "+09:00";
  {
    test::TempDir dir;
    auto out = test::Build(MinimalWith(dir, fosdem), dir);
    CHECK_FALSE(out.written);
    CHECK(test::Has(out.diags, db::Severity::Error, "schedule.xml", 0, "date", "+01:00, but the forum's time zone Asia/Tokyo keeps +09:00 then"));
    CHECK(test::Has(out.diags, db::Severity::Error, "schedule.xml", 0, "time_zone_name", "Europe/Brussels, the forum's (forum.csv: time_zone) is Asia/Tokyo"));
  }
  // FOSDEM 2014 has no offsets: its times are read in the forum's zone, so they follow forum.csv.
  Export old = kExports[1];
  old.time_zone = "Europe/London";
  old.utc_offset = "+00:00";
  {
    test::TempDir dir;
    auto out = test::Build(MinimalWith(dir, old), dir);
    REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
    auto c = db::LoadCatalog(dir / "out.snapshot");
    REQUIRE(c);
    CHECK(c.value()->FindSession("1616")->starts_at == "2014-02-01T10:30:00+00:00");
  }
  // pretalx's demo export says "UTC" but every time is +01:00, Berlin's in December: kept, with a warning.
  {
    test::TempDir dir;
    auto out = test::Build(MinimalWith(dir, kExports[4]), dir);
    REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
    CHECK(test::Has(out.diags, db::Severity::Warning, "schedule.json", 0, "time_zone_name", "the export's time zone is UTC"));
  }
  // A forum zone the tz database does not know: one error, not one per event.
  old.time_zone = "Europe/Atlantis";
  {
    test::TempDir dir;
    auto out = test::Build(MinimalWith(dir, old), dir);
    CHECK_FALSE(out.written);
    size_t n = 0;
    for (const auto& m : out.diags.items())
      if (m.message.find("Europe/Atlantis") != std::string::npos) ++n;
    CHECK(n >= 1);
    CHECK(n <= 3);
  }
}

TEST_CASE("a few events with another offset than the export's (remote sessions) import with a warning") {
  std::string events;
  for (int i = 1; i <= 10; ++i)
    events += "<event id=\"" + std::to_string(i) + "\"><date>2022-12-27T1" + std::to_string(i % 10) +
              ":00:00+01:00</date><duration>00:30</duration><title>T</title></event>";
  events += "<event id=\"6713\"><date>2022-12-27T10:30:00-05:00</date><duration>00:30</duration><title>Remote</title></event>";
  db::Diagnostics d;
  auto s = db::ParseScheduleXml("<schedule><day index=\"1\" date=\"2022-12-27\"><room name=\"A\">" + events +
                                    "</room></day></schedule>", "schedule.xml", {"en", "Europe/Amsterdam"}, d);
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
  CHECK(s.events.size() == 11);
  CHECK(test::Has(d, db::Severity::Warning, "schedule.xml", 0, "date", "event 6713 starts at 2022-12-27T10:30:00-05:00"));
  // Stored and shown in the venue's time, as the warning says (inspect's starts_at carries the venue's offset).
  CHECK(s.events.back().session.starts_at == "2022-12-27T16:30:00+01:00");
  CHECK(s.events.back().session.ends_at == "2022-12-27T17:00:00+01:00");
}

TEST_CASE("an event that lasts 00:00 (an opening, a deadline) imports as a moment, with one warning per export") {
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><day index="1" date="2022-12-27"><room name="A">
      <event id="1"><date>2022-12-27T10:00:00+01:00</date><duration>00:00</duration><title>Doors open</title></event>
      <event id="2"><date>2022-12-27T10:30:00+01:00</date><duration>00:30</duration><title>Talk</title></event>
      <event id="3"><date>2022-12-27T18:00:00+01:00</date><duration>0:00</duration><title>Doors close</title></event>
    </room></day></schedule>)", "schedule.xml", {"en", "Europe/Amsterdam"}, d);
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
  REQUIRE(s.events.size() == 3);
  CHECK(s.events[0].session.ends_utc == s.events[0].session.starts_utc);
  CHECK(s.events[0].session.ends_at == "2022-12-27T10:00:00+01:00");
  CHECK(test::Has(d, db::Severity::Warning, "schedule.xml", 0, "duration", "event 1 lasts 00:00 (2 event(s) in all)"));
  CHECK(d.warning_count() == 1);
}

TEST_CASE("one id for several events: different guids are known by guid, a second showing as ID/2, a copy taken once") {
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><day index="1" date="2022-12-27"><room name="A">
      <event id="7" guid="aaaa-1"><date>2022-12-27T10:00:00+01:00</date><duration>00:30</duration><title>One</title></event>
      <event id="8" guid="bbbb-1"><date>2022-12-27T11:00:00+01:00</date><duration>00:30</duration><title>Two</title></event>
    </room><room name="B">
      <event id="7" guid="cccc-2"><date>2022-12-27T10:00:00+01:00</date><duration>00:30</duration><title>Other</title></event>
      <event id="8" guid="bbbb-1"><date>2022-12-27T15:00:00+01:00</date><duration>00:30</duration><title>Two</title></event>
      <event id="8" guid="bbbb-1"><date>2022-12-27T15:00:00+01:00</date><duration>00:30</duration><title>Two</title></event>
    </room></day></schedule>)", "schedule.xml", {"en", "Europe/Amsterdam"}, d);
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
  REQUIRE(s.events.size() == 4);
  CHECK(s.events[0].session.id == "aaaa-1");
  CHECK(s.events[1].session.id == "8");
  CHECK(s.events[2].session.id == "cccc-2");
  CHECK(test::Has(d, db::Severity::Warning, "schedule.xml", 0, "id", "event id 7 is used by events with different guids"));
  // The same event (same id and guid) again at another time is a second showing; listed identically, a copy.
  CHECK(s.events[3].session.id == "8/2");
  CHECK(s.events[3].session.starts_at == "2022-12-27T15:00:00+01:00");
  CHECK(test::Has(d, db::Severity::Warning, "schedule.xml", 0, "id", "event 8 is listed again at another time or place: both are shown, the later as 8/2"));
  CHECK(test::Has(d, db::Severity::Warning, "schedule.xml", 0, "id", "event 8 is listed twice, identically: taken once"));
}

TEST_CASE("a title that ends in a no-break space (FOSDEM 2023) is stored without it") {
  db::Diagnostics d;
  auto s = db::ParseScheduleXml("<schedule><day index=\"1\" date=\"2022-12-27\"><room name=\"A\"><event id=\"1\">"
                                "<date>2022-12-27T10:00:00+01:00</date><duration>00:30</duration>"
                                "<title>\xE2\x80\x8BThe talk\xC2\xA0\xE3\x80\x80</title></event></room></day></schedule>",
                                "schedule.xml", {"en", "Europe/Amsterdam"}, d);
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].session.title.by_lang.at("en") == "The talk");
}

TEST_CASE("local times across a daylight-saving change follow the tz database") {
  // 2022-03-27 in Brussels: 02:00 -> 03:00. 01:30 is +01:00, 03:30 is +02:00, 02:30 does not exist.
  db::Diagnostics d;
  auto s = db::ParseScheduleXml(R"(<schedule><day index="1" date="2022-03-27"><room name="A">
      <event id="1"><start>01:30</start><duration>00:30</duration><title>Before</title></event>
      <event id="2"><start>03:30</start><duration>00:30</duration><title>After</title></event>
      <event id="3"><start>02:30</start><duration>00:30</duration><title>Never</title></event>
    </room></day></schedule>)",
                                "schedule.xml", {"en", "Europe/Brussels"}, d);
  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].session.starts_at == "2022-03-27T01:30:00+01:00");
  CHECK(s.events[1].session.starts_at == "2022-03-27T03:30:00+02:00");
  CHECK(test::Has(d, db::Severity::Error, "schedule.xml", 0, "start", "02:30 does not exist in Europe/Brussels"));
}

TEST_CASE("frab XML details survive: times with offset, room, people, typographic quotes, German text") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  UseExport(src, kExports[0]);
  auto out = test::Build(src, dir);
  REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
  auto loaded = db::LoadCatalog(dir / "out.snapshot");
  REQUIRE(loaded);
  const db::Catalog& c = *loaded.value();
  const db::Session* de = c.FindSession("6264");
  REQUIRE(de);
  CHECK(c.Tr(de->title, "en") == "„Wir beteiligen uns aktiv an den Diskussionen“");
  CHECK(de->language == "de");
  CHECK(c.Tr(c.FindTrack(de->track_id)->name, "en") == "Ethics, Society & Politics");
}

TEST_CASE("the demo sources with the program replaced by each real export build a valid snapshot with every event") {
  for (const auto& e : kExports) {
    CAPTURE(e.file);
    test::TempDir dir;
    auto src = dir.path() / "demo";
    test::fs::copy(test::SourceDir() / "assets" / "demo", src, test::fs::copy_options::recursive);
    UseExport(src, e);
    auto out = test::Build(src, dir);
    INFO(test::Dump(out.diags));
    REQUIRE(out.written);
    CHECK_FALSE(db::ValidateSnapshot(dir / "out.snapshot").has_errors());
    auto c = db::LoadCatalog(dir / "out.snapshot");
    REQUIRE(c);
    CHECK(c.value()->sessions.size() == CountFile(e).events);
    for (const auto& x : e.events) CHECK(c.value()->FindSession(x.id));
    CHECK(c.value()->exhibitors.size() == 13);  // the rest of the forum is untouched
  }
}
