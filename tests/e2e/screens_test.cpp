// End-to-end: the real forum-kiosk binary under Xvfb renders every screen in landscape and portrait; each
// screenshot must be a picture (not blank) and differ from every other screen's. And a real FOSDEM session's
// rich description, drawn.
#include <doctest/doctest.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support.h"

namespace fs = std::filesystem;
using e2e::Difference;
using e2e::Image;
using e2e::Load;
using e2e::Spread;

namespace {

const char* kScreens[] = {"home", "map", "exhibitors", "agreements", "schedule", "search"};

void RenderAll(const std::string& size, const std::string& out_dir) {
  fs::create_directories(out_dir);
  int w = 0, h = 0;
  std::sscanf(size.c_str(), "%dx%d", &w, &h);
  for (const char* screen : kScreens) {
    std::string png = out_dir + "/" + screen + ".png";
    fs::remove(png);
    std::string cmd = "xvfb-run -a -s '-screen 0 " + size + "x24' " FORUM_KIOSK " --windowed " + size + " --screen " +
                      screen + " --now 2022-09-28T11:00 --screenshot " + png + " 2>&1";
    int rc = std::system(cmd.c_str());
    CHECK_MESSAGE(rc == 0, cmd);
    Image img = Load(png);
    CHECK_MESSAGE(img.w == w, png);
    CHECK_MESSAGE(img.h == h, png);
    CHECK_MESSAGE(Spread(img) > 20, png << " looks blank");
  }
  std::map<std::string, Image> shots;
  for (const char* screen : kScreens) shots[screen] = Load(out_dir + "/" + screen + ".png");
  for (const char* a : kScreens)
    for (const char* b : kScreens)
      if (std::string(a) < b) CHECK_MESSAGE(Difference(shots[a], shots[b]) > 0.05, a << " and " << b << " look the same");
}

}  // namespace

TEST_CASE("every screen renders in landscape 1920x1080") { RenderAll("1920x1080", SCREENSHOT_DIR "/landscape"); }

TEST_CASE("every screen renders in portrait 1080x1920") { RenderAll("1080x1920", SCREENSHOT_DIR "/portrait"); }

TEST_CASE("a missing snapshot shows the staff message, not a crash") {
  // What staff read on the screen, from the kiosk's own --report of the frame it drew (app/state/report.h):
  // the message in English and Russian, and the reason naming the file.
  std::string png = SCREENSHOT_DIR "/missing-snapshot.png", report = SCREENSHOT_DIR "/missing-snapshot.report";
  fs::remove(report);
  std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " FORUM_KIOSK
                    " --windowed 1280x800 --snapshot /nonexistent/forum.snapshot --screenshot " + png + " --report " +
                    report + " 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(Spread(Load(png)) > 5);
  std::stringstream text;
  text << std::ifstream(report).rdbuf();
  std::vector<std::string> message;
  bool setup = false;
  for (std::string line; std::getline(text, line);) {
    if (line == "overlay setup") setup = true;
    if (line.rfind("message ", 0) == 0) message.push_back(line.substr(8));
  }
  CHECK_MESSAGE(setup, text.str());
  REQUIRE_MESSAGE(message.size() == 4, text.str());
  CHECK(message[0] == "This kiosk is being set up");
  CHECK(message[1] == "Киоск настраивается");
  CHECK(message[2] == "For staff: the forum data could not be opened.");
  CHECK_MESSAGE(message[3].find("/nonexistent/forum.snapshot") != std::string::npos, message[3]);
}

TEST_CASE("a logo in the snapshot is drawn instead of the monogram") {
  // The minimal fixture with a solid magenta logo for Astana Hub.
  fs::path dir = SCREENSHOT_DIR "/logo-forum";
  fs::remove_all(dir);
  fs::copy(FORUM_FIXTURE, dir, fs::copy_options::recursive);
  fs::create_directories(dir / "logos");
  std::vector<unsigned char> px(64 * 64 * 3);
  for (size_t i = 0; i < px.size(); i += 3) px[i] = 255, px[i + 1] = 0, px[i + 2] = 255;
  REQUIRE(stbi_write_png((dir / "logos" / "hub.png").c_str(), 64, 64, 3, px.data(), 64 * 3));
  std::string orgs;
  {
    std::ifstream in(dir / "organizations.csv");
    std::stringstream ss;
    ss << in.rdbuf();
    orgs = ss.str();
  }
  auto at = orgs.find("https://astanahub.example,,,,0");
  REQUIRE(at != std::string::npos);
  orgs.replace(at, 30, "https://astanahub.example,,,hub.png,0");
  std::ofstream(dir / "organizations.csv") << orgs;
  std::string snap = SCREENSHOT_DIR "/logo-forum.snapshot";
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " build " + dir.string() + " -o " + snap + " 2>&1").c_str()) == 0);
  std::string png = SCREENSHOT_DIR "/logo.png";
  std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " FORUM_KIOSK " --windowed 1280x800 --snapshot " + snap +
                    " --screen exhibitors --screenshot " + png + " 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Image img = Load(png);
  size_t magenta = 0;
  for (size_t i = 0; i + 2 < img.rgb.size(); i += 3)
    magenta += img.rgb[i] > 240 && img.rgb[i + 1] < 15 && img.rgb[i + 2] > 240;
  CHECK(magenta > 400);  // a logo of at least ~20 x 20 pixels
}

// Issue 14, part 3: a real FOSDEM 2026 session whose description has headings, lists, bold and links, opened
// with --screen schedule/ID, is drawn from its rich form: next to the same session with the same text as
// staff's plain paragraphs (sessions.csv), its links show in the accent colour and its lists and headings
// take more height. Both render with exit code 0 (no missing glyph).
TEST_CASE("a FOSDEM 2026 session with lists and links renders its rich description (docs/screenshots/schedule-fosdem-session.png)") {
  const std::string dir = SCREENSHOT_DIR "/rich";
  fs::create_directories(dir);
  std::string snap = e2e::RealExportSnapshot("fosdem-2026-schedule.xml", "fosdem-2026-rich");
  REQUIRE_MESSAGE(!snap.empty(), "kiosk-snapshot build failed: see " SCREENSHOT_DIR "/exports/fosdem-2026-rich.log");
  // The same session with its plain text only, as a staff-written description: from inspect's own plain text.
  const std::string id = "7508";  // Nix-manipulator: h3 headings, three bullet lists, bold, links
  std::string json = dir + "/sessions.json";
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " inspect " + snap + " --sessions --json >" + json).c_str()) == 0);
  std::string plain;
  const nlohmann::json inspected = nlohmann::json::parse(e2e::Read(json));
  for (const auto& s : inspected["sessions"])
    if (s["id"] == id) plain = s["description"].get<std::string>();
  REQUIRE(plain.find("Ease of use.") != std::string::npos);
  std::string quoted = "\"";
  for (char c : plain) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  quoted += "\"";
  const std::string src = SCREENSHOT_DIR "/exports/fosdem-2026-rich-src", plain_snap = dir + "/plain.snapshot";
  std::ofstream(src + "/sessions.csv") << "session,description_en\n" << id << "," << quoted << "\n";
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " build " + src + " -o " + plain_snap + " --content-version 2 >" + dir + "/plain.log 2>&1").c_str()) == 0);

  auto shoot = [&](const std::string& snapshot, const std::string& name, const std::string& id, const std::string& size = "1920x1080") {
    std::string png = dir + "/" + name + ".png", report = dir + "/" + name + ".report";
    std::string cmd = "xvfb-run -a -s '-screen 0 " + size + "x24' " FORUM_KIOSK " --windowed " + size + " --snapshot " + snapshot +
                      " --lang en --now 2026-01-31T18:00 --screen schedule/" + id + " --screenshot " + png + " --report " + report + " 2>&1";
    int rc = std::system(cmd.c_str());
    CHECK_MESSAGE(rc == 0, cmd);  // 3 would be a character without a glyph
    std::string said = e2e::Read(report);
    CHECK(said.find("screen schedule\n") != std::string::npos);
    CHECK(said.find("session " + id + "\n") != std::string::npos);
    return Load(png);
  };
  Image rich = shoot(snap, "session-rich", id), flat = shoot(plain_snap, "session-plain", id);
  // 8883 (a bullet list whose items start in bold, links in the text) whole on a portrait screen: the copy in
  // docs/screenshots/schedule-fosdem-session.png.
  CHECK(Spread(shoot(snap, "session-8883-portrait", "8883", "1080x1920")) > 20);
  REQUIRE(rich.w == 1920);
  REQUIRE(flat.w == 1920);
  CHECK(Spread(rich) > 20);
  // Accent-coloured text (colors::kAccent, #0B6B6B) in the page's left column below its head: the links.
  auto accent = [](const Image& img) {
    size_t n = 0;
    for (int y = img.h / 3; y < img.h * 9 / 10; ++y)
      for (int x = 0; x < img.w * 55 / 100; ++x) {
        const unsigned char* p = img.At(x, y);
        n += std::abs(p[0] - 0x0B) < 24 && std::abs(p[1] - 0x6B) < 24 && std::abs(p[2] - 0x6B) < 24;
      }
    return n;
  };
  size_t rich_accent = accent(rich), flat_accent = accent(flat);
  MESSAGE("accent pixels in the text column: rich " << rich_accent << ", plain " << flat_accent);
  CHECK(rich_accent > flat_accent + 500);
  CHECK(Difference(rich, flat) > 0.02);
}
