// forum-kiosk's staff commands: --set-pin writes only a hash into the configuration, --export-stats writes
// the usage counts; a configuration full of mistakes still starts the kiosk.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "support.h"

namespace fs = std::filesystem;
using e2e::Read;
using e2e::RealExportSnapshot;

TEST_CASE("forum-kiosk --set-pin hashes the PIN into the configuration, a bad PIN is refused") {
  fs::path dir = SCREENSHOT_DIR "/cli";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path config = dir / "kiosk.toml";
  std::ofstream(config) << "kiosk_id = \"a\"\nstaff_pin_hash = \"$argon2id$old\"\n[you_are_here]\nx = 1\ny = 2\n";
  std::string k = FORUM_KIOSK;
  CHECK(std::system(("echo 2468 | " + k + " --config " + config.string() + " --set-pin >/dev/null").c_str()) == 0);
  std::string text = Read(config);
  CHECK(text.find("staff_pin_hash = \"$argon2id$v=19$") != std::string::npos);
  CHECK(text.find("$argon2id$old") == std::string::npos);
  CHECK(text.find("2468") == std::string::npos);
  CHECK(text.find("[you_are_here]\nx = 1") != std::string::npos);  // the rest kept
  CHECK(std::system(("echo 12 | " + k + " --config " + config.string() + " --set-pin >/dev/null 2>&1").c_str()) != 0);
  CHECK(std::system(("echo 12ab | " + k + " --config " + config.string() + " --set-pin >/dev/null 2>&1").c_str()) != 0);
}

TEST_CASE("a configuration full of mistakes still starts the kiosk, each mistake named with its line") {
  fs::path dir = SCREENSHOT_DIR "/cli";
  fs::create_directories(dir);
  fs::path config = dir / "typos.toml";
  std::ofstream(config) << "kiosk_id = 3\nidle_timeout_s = \"long\"\nrotation = 45\nlanguage = \"kk\"\n";
  std::string png = (dir / "typos.png").string(), log = (dir / "typos.log").string();
  int rc = std::system(("xvfb-run -a -s '-screen 0 1280x800x24' " FORUM_KIOSK " --windowed 1280x800 --config " + config.string() +
                        " --screenshot " + png + " >" + log + " 2>&1").c_str());
  CHECK(rc == 0);
  std::string out = Read(log);
  CHECK(out.find("typos.toml:1: kiosk_id:") != std::string::npos);
  CHECK(out.find("typos.toml:2: idle_timeout_s:") != std::string::npos);
  CHECK(out.find("typos.toml:3: rotation:") != std::string::npos);
  CHECK(out.find("typos.toml:4: language: unknown key") != std::string::npos);
  CHECK(fs::file_size(png) > 10000);
}

TEST_CASE("forum-kiosk --export-stats writes the usage counts as CSV") {
  fs::path dir = SCREENSHOT_DIR "/cli";
  fs::create_directories(dir);
  fs::path config = dir / "stats.toml";
  std::ofstream(config) << "stats_db = \"" << (dir / "stats.db").string() << "\"\n";
  std::string csv = (dir / "usage.csv").string();
  CHECK(std::system((std::string(FORUM_KIOSK) + " --config " + config.string() + " --export-stats " + csv + " >/dev/null").c_str()) == 0);
  CHECK(Read(csv).rfind("day,event,count\n", 0) == 0);
  CHECK(std::system((std::string(FORUM_KIOSK) + " --export-stats " + csv + " >/dev/null 2>&1").c_str()) != 0);  // no database
}

TEST_CASE("kiosk-snapshot inspect --sessions --json prints a real export's program: sorted, with offsets, people by identity") {
  fs::path dir = SCREENSHOT_DIR "/cli/sessions";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // FOSDEM 2014 as pentabarf exported it (times of day only), in a forum set to Brussels and its dates.
  std::string snap = RealExportSnapshot("fosdem-2014-pentabarf.xml", "fosdem-2014");
  REQUIRE(!snap.empty());
  std::string k = KIOSK_SNAPSHOT, json = (dir / "sessions.json").string();
  REQUIRE(std::system((k + " inspect " + snap + " --sessions --json >" + json).c_str()) == 0);
  auto j = nlohmann::json::parse(Read(json));
  const auto& list = j.at("sessions");
  CHECK(list.size() == 513);
  for (size_t i = 1; i < list.size(); ++i) CHECK(list[i - 1]["starts_at"] <= list[i]["starts_at"]);  // one offset: text order is time order
  const nlohmann::json* welcome = nullptr;
  for (const auto& s : list)
    if (s["id"] == "1616") welcome = &s;
  REQUIRE(welcome);
  CHECK((*welcome)["title"] == "Welcome to FOSDEM 2014");
  CHECK((*welcome)["starts_at"] == "2014-02-01T10:30:00+01:00");
  CHECK((*welcome)["ends_at"] == "2014-02-01T10:55:00+01:00");
  CHECK((*welcome)["room"] == "Janson");
  CHECK((*welcome)["track"] == "Keynotes");
  CHECK((*welcome)["people"] == nlohmann::json::parse(R"([{"id": "6", "name": "FOSDEM Staff"}])"));
  // Without --json, a table a person reads: one line per session.
  std::string table = (dir / "sessions.txt").string();
  REQUIRE(std::system((k + " inspect " + snap + " --sessions >" + table).c_str()) == 0);
  CHECK(Read(table).find("2014-02-01T10:30:00+01:00  10:55  Janson  Welcome to FOSDEM 2014  (FOSDEM Staff)\n") != std::string::npos);
}

TEST_CASE("kiosk-snapshot build reads Excel's Windows-1251 semicolon CSV and says how, and which letters were lost") {
  fs::path dir = SCREENSHOT_DIR "/cli/cp1251";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path src = dir / "src";
  fs::copy(FORUM_DEMO_SOURCES, src, fs::copy_options::recursive);
  // The spreadsheets as LibreOffice saved them from the demo (../shared/testdata/README.md), organizations.csv
  // as plain CSV in a Russian locale.
  fs::path sheets = fs::path(FORUM_SOURCE_DIR) / ".." / "shared" / "testdata" / "spreadsheets";
  for (const auto& f : fs::directory_iterator(sheets / "demo-csv"))
    fs::copy_file(f.path(), src / f.path().filename(), fs::copy_options::overwrite_existing);
  fs::copy_file(sheets / "organizations.windows-1251.semicolon.csv", src / "organizations.csv", fs::copy_options::overwrite_existing);
  std::string snap = (dir / "f.snapshot").string(), log = (dir / "build.log").string();
  CHECK(std::system((std::string(KIOSK_SNAPSHOT) + " build " + src.string() + " -o " + snap + " --content-version 1 >" + log + " 2>&1").c_str()) == 0);
  std::string out = Read(log);
  CHECK(out.find("organizations.csv: note: read as Windows-1251, ';'-separated\n") != std::string::npos);
  CHECK(out.find("warning: name_tr: ") != std::string::npos);  // Turkish letters 1251 lacks
  CHECK(out.find("save it as \"CSV UTF-8\" or as a workbook") != std::string::npos);
  CHECK(out.find("error") == std::string::npos);
  // What a visitor reads: the Russian name as it was typed.
  std::string found = (dir / "found.txt").string();
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " search " + snap + " Акимат --lang ru >" + found + " 2>&1").c_str()) == 0);
  CHECK(Read(found).find("Акимат города Астаны") != std::string::npos);
}

TEST_CASE("kiosk-snapshot new writes a workbook for kk, ru, en that builds as it is and the kiosk shows") {
  fs::path dir = SCREENSHOT_DIR "/cli/new";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string k = KIOSK_SNAPSHOT, src = (dir / "forum").string(), log = (dir / "new.log").string();
  REQUIRE(std::system((k + " new " + src + " --languages kk,ru,en >" + log + " 2>&1").c_str()) == 0);
  CHECK(Read(log).find("wrote " + src + ": forum.xlsx floorplan.geojson schedule.xml") != std::string::npos);
  CHECK(fs::file_size(fs::path(src) / "forum.xlsx") > 4000);
  std::string snap = (dir / "forum.snapshot").string(), build = (dir / "build.log").string();
  REQUIRE(std::system((k + " build " + src + " -o " + snap + " >" + build + " 2>&1").c_str()) == 0);
  CHECK(Read(build).find("error") == std::string::npos);
  // Asked again into the same folder, it refuses and leaves the workbook as it was.
  auto before = fs::last_write_time(fs::path(src) / "forum.xlsx");
  CHECK(std::system((k + " new " + src + " --languages kk >/dev/null 2>&1").c_str()) != 0);
  CHECK(fs::last_write_time(fs::path(src) / "forum.xlsx") == before);
  CHECK(std::system((k + " new " + (dir / "other").string() + " --languages kk,xx >/dev/null 2>&1").c_str()) != 0);
  // The kiosk shows the template's example exhibitor in Kazakh, the first language.
  std::string png = (dir / "exhibitors-kk.png").string();
  CHECK(std::system(("xvfb-run -a -s '-screen 0 1920x1080x24' " FORUM_KIOSK " --windowed 1920x1080 --snapshot " + snap +
                     " --screen exhibitors --screenshot " + png + " >/dev/null 2>&1").c_str()) == 0);
  CHECK(fs::file_size(png) > 10000);
}

namespace {

// What `kiosk-snapshot inspect --json` says of a snapshot, without what differs between two builds of the same
// content (the build time, and the checksum and version that include it).
nlohmann::json ContentOf(const std::string& snapshot, const fs::path& dir) {
  std::string out = (dir / (fs::path(snapshot).filename().string() + ".json")).string();
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " inspect " + snapshot + " --json >" + out).c_str()) == 0);
  nlohmann::json j = nlohmann::json::parse(Read(out));
  for (const char* key : {"built_at", "content_checksum", "content_version"}) j.erase(key);
  return j;
}

// The real LibreOffice of this machine (Debian's libreoffice-calc-nogui, .ci/deps), headless, with a profile
// of its own: `book` converted to `format` ("ods", "xlsx") into `out`. The converted file's path.
fs::path LibreOfficeConvert(const fs::path& book, const char* format, const fs::path& out, const fs::path& profile) {
  fs::create_directories(out);
  std::string cmd = "HOME=" + profile.string() + " soffice -env:UserInstallation=file://" + profile.string() +
                    " --headless --convert-to " + format + " --outdir " + out.string() + " " + book.string() +
                    " >" + (out / "soffice.log").string() + " 2>&1";
  CHECK_MESSAGE(std::system(cmd.c_str()) == 0, Read(out / "soffice.log"));
  return out / (book.stem().string() + "." + format);
}

}  // namespace

TEST_CASE("workbooks re-saved by the real LibreOffice, headless: the demo's and kiosk-snapshot new's build as before") {
  REQUIRE_MESSAGE(std::system("command -v soffice >/dev/null") == 0, "LibreOffice (libreoffice-calc-nogui) is not installed: run .ci/deps");
  fs::path dir = SCREENSHOT_DIR "/cli/libreoffice";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path profile = dir / "profile", sheets = fs::path(FORUM_SOURCE_DIR) / ".." / "shared" / "testdata" / "spreadsheets";
  std::string k = KIOSK_SNAPSHOT;
  auto build = [&](const fs::path& src, const std::string& name) {
    std::string snap = (dir / (name + ".snapshot")).string();
    CHECK_MESSAGE(std::system((k + " build " + src.string() + " -o " + snap + " >" + snap + ".log 2>&1").c_str()) == 0, Read(snap + ".log"));
    CHECK_MESSAGE(Read(snap + ".log").find("error") == std::string::npos, Read(snap + ".log"));
    return snap;
  };
  // The workbooks were saved from the demo of one level, before it had levels.csv: its upper level is left
  // out of the plan with them.
  auto one_level = [&](const fs::path& src) {
    fs::remove(src / "levels.csv");
    auto plan = nlohmann::json::parse(Read((src / "floorplan.geojson").string()));
    auto& features = plan["features"];
    features.erase(std::remove_if(features.begin(), features.end(), [](const nlohmann::json& f) { return f["properties"].value("level", 0) != 0; }),
                   features.end());
    std::ofstream(src / "floorplan.geojson") << plan.dump();
  };
  // The demo without its CSV files, holding `book` instead (the floor plan, program and logos stay).
  auto demo_with = [&](const fs::path& book, const std::string& name) {
    fs::path src = dir / name;
    fs::copy(FORUM_DEMO_SOURCES, src, fs::copy_options::recursive);
    one_level(src);
    for (const auto& e : fs::directory_iterator(src))
      if (e.path().extension() == ".csv") fs::remove(e.path());
    fs::copy_file(book, src / ("forum" + book.extension().string()));
    return src;
  };
  fs::path csv = dir / "demo-csv";
  fs::copy(FORUM_DEMO_SOURCES, csv, fs::copy_options::recursive);
  one_level(csv);
  for (const auto& f : fs::directory_iterator(sheets / "demo-csv")) fs::copy_file(f.path(), csv / f.path().filename(), fs::copy_options::overwrite_existing);
  nlohmann::json want = ContentOf(build(csv, "demo-csv"), dir);
  CHECK(want["exhibitors"] == 13);
  // The committed .ods saved again as .xlsx, and the .xlsx as .ods, by this machine's LibreOffice.
  for (auto [from, to] : {std::pair{"forum-demo.libreoffice.ods", "xlsx"}, std::pair{"forum-demo.libreoffice.xlsx", "ods"}}) {
    CAPTURE(from);
    fs::path book = LibreOfficeConvert(sheets / from, to, dir / (std::string("to-") + to), profile);
    REQUIRE(fs::exists(book));
    CHECK(ContentOf(build(demo_with(book, std::string("demo-") + to), std::string("demo-") + to), dir) == want);
  }
  // kiosk-snapshot new's workbook, opened and saved as .ods by LibreOffice, builds what it built before.
  fs::path tpl = dir / "template";
  REQUIRE(std::system((k + " new " + tpl.string() + " --languages kk,ru,en,tr >/dev/null").c_str()) == 0);
  nlohmann::json from_xlsx = ContentOf(build(tpl, "template-xlsx"), dir);
  fs::path ods = LibreOfficeConvert(tpl / "forum.xlsx", "ods", dir / "template-ods", profile);
  fs::path tpl_ods = dir / "template-ods-src";
  fs::create_directories(tpl_ods);
  for (const char* f : {"floorplan.geojson", "schedule.xml"}) fs::copy_file(tpl / f, tpl_ods / f);
  fs::copy_file(ods, tpl_ods / "forum.ods");
  CHECK(ContentOf(build(tpl_ods, "template-ods"), dir) == from_xlsx);
}
