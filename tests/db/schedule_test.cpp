// The real exports in ../shared/testdata/schedules import as they are, alone and in place of the demo's
// program.
#include <doctest/doctest.h>

#include <set>

#include "db/model/catalog.h"
#include "db/snapshot/validate.h"
#include "support.h"

namespace {

struct Export {
  const char* file;
  const char* as;  // name in the source folder
  size_t sessions, rooms, people;
  std::vector<std::string> some_ids;
};

const std::vector<Export> kExports = {
    {"frab-31c3-schedule.xml", "schedule.xml", 138, 4, 198, {"6561", "6571", "6264"}},
    {"pretalx-democon.json", "schedule.json", 36, 2, 27, {"25"}},
    {"frab-camp2019.json", "schedule.json", 79, 2, 90, {"10386"}},
};

test::fs::path ExportPath(const Export& e) {
  auto p = test::SharedDir() / "testdata" / "schedules" / e.file;
  REQUIRE_MESSAGE(test::fs::exists(p), "missing real export " << p << " (../shared beside the repository)");
  return p;
}

// Replaces the program of the source folder `src` with the export.
void UseExport(const test::fs::path& src, const Export& e) {
  test::fs::remove(src / "schedule.xml");
  test::fs::remove(src / "schedule.json");
  test::fs::copy_file(ExportPath(e), src / e.as);
}

}  // namespace

TEST_CASE("every real schedule export imports with all its sessions, rooms and people") {
  for (const auto& e : kExports) {
    CAPTURE(e.file);
    test::TempDir dir;
    auto src = test::CopyFixture(dir);
    // Only what the export brings: no staff files that add rooms, people or session rows.
    for (const char* f : {"rooms.csv", "people.csv", "sessions.csv", "session_organizations.csv"})
      test::fs::remove(src / f);
    UseExport(src, e);
    auto out = test::Build(src, dir);
    INFO(test::Dump(out.diags));
    REQUIRE(out.written);
    // Rooms that are not on the floor plan are warnings, not errors.
    CHECK(test::Has(out.diags, db::Severity::Warning, e.as, 0, "room", "is not on the floor plan"));
    auto c = db::LoadCatalog(dir / "out.snapshot");
    REQUIRE(c);
    CHECK(c.value()->sessions.size() == e.sessions);
    CHECK(c.value()->rooms.size() == e.rooms);
    CHECK(c.value()->people.size() == e.people);
    for (const auto& id : e.some_ids) CHECK_MESSAGE(c.value()->FindSession(id), "session " << id);
  }
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
  const db::Session* s = c.FindSession("6561");
  REQUIRE(s);
  CHECK(s->starts_at == "2014-12-27T11:00:00+01:00");
  CHECK(s->ends_at == "2014-12-27T11:30:00+01:00");
  CHECK(s->day_index == 1);
  CHECK(c.Tr(c.FindRoom(s->room_id)->name, "en") == "Saal 1");
  REQUIRE(s->people.size() == 2);
  CHECK(c.Tr(c.FindPerson(s->people[1].person_id)->name, "en") == "Geraldine de Bastion");
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
    CHECK(c.value()->sessions.size() == e.sessions);
    for (const auto& id : e.some_ids) CHECK(c.value()->FindSession(id));
    CHECK(c.value()->exhibitors.size() == 13);  // the rest of the forum is untouched
  }
}
