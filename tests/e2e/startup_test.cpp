// Start-up of the real kiosk with a snapshot too large to open before the window is up (issue 19, part 3):
// the first frame is the loading view, not a blank window, and the forum appears whole once it is open. The
// snapshot is `kiosk-snapshot synth`'s forum of 5,000 exhibitors (its checks take a second or more here).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "live_kiosk.h"

namespace fs = std::filesystem;
using e2e::LiveKiosk;
using e2e::Report;
using e2e::XServer;

namespace {
double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
}  // namespace

TEST_CASE("start-up at 5,000 exhibitors: the loading view from the first frame, then the forum's home, whole") {
  fs::path dir = fs::path(SCREENSHOT_DIR) / "startup";
  fs::create_directories(dir);
  const std::string snap = (dir / "synth-5k.snapshot").string();
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " synth -o " + snap + " --exhibitors 5000 --sessions 2000 --content-version 5 >" +
                       (dir / "synth.log").string() + " 2>&1").c_str()) == 0);
  XServer x(1920, 1080);
  REQUIRE(x.ok());
  const double start = Now();
  LiveKiosk k(x, {"--snapshot", snap, "--now", "2022-09-28T11:00"}, "startup-5k", false);
  // The first report (the first frame) and what it shows; then, while it is loading, what the visitor sees.
  Report first;
  while (first.lines.empty() && Now() - start < 30) first = k.Now();
  const double first_s = Now() - start;
  REQUIRE_MESSAGE(!first.lines.empty(), "no frame in 30 s:\n" << k.Log());
  CHECK_MESSAGE(first.Overlay("loading"), "the first frame: " << first.Summary());
  CHECK(first.Get("rest") == "0");  // not at rest while loading: tests and scripts wait for the forum
  CHECK(first.targets.empty());     // nothing to tap before the forum is there
  e2e::Image loading = k.Shot("startup-5k-loading");
  const unsigned char* paper = loading.At(10, 10);
  CHECK_MESSAGE((paper[0] == 0xF4 && paper[1] == 0xF1 && paper[2] == 0xEA), "the loading view's paper, not a blank window");
  CHECK(e2e::Spread(loading) > 1);  // the dots and the titles on it
  // Then the forum, whole: the same picture as a kiosk that waited for it (--screenshot waits).
  REQUIRE_MESSAGE(k.WaitUntilReady(60), "still loading after 60 s: " << k.Now().Summary() << "\n" << k.Log());
  const double home_s = Now() - start;
  std::optional<Report> home = k.Now();
  MESSAGE("first frame " << first_s << " s after the start, the forum's home " << home_s << " s");
  CHECK(home->Get("screen") == "home");
  CHECK_FALSE(home->Overlay("setup"));
  CHECK(!home->targets.empty());
  e2e::Image seen = k.Shot("startup-5k-home");
  e2e::Image expected = e2e::Expected("home", 1920, 1080, "--snapshot " + snap + " --now 2022-09-28T11:00", (dir / "expected-home.png").string());
  CHECK_MESSAGE(e2e::Difference(seen, expected) < 0.01, "home after loading differs from home opened directly by "
                                                            << e2e::Difference(seen, expected) * 100 << "% of its pixels");
  // And it answers: a tap on a navigation button opens its screen.
  auto map = k.Tap("exhibitors/nav");
  REQUIRE(map.has_value());
  CHECK(map->Get("screen") == "exhibitors");
  CHECK(k.Alive());
}

// Issue 19, part 4: the kiosk's memory on the demo. The importers are the staff tool's (the live preview runs
// kiosk-snapshot build), so their libraries (and ICU's charset detection, libicui18n) are not in every kiosk's
// memory; nor is a depth buffer the size of
// the screen (ImGui draws with none: 8 MB at 1920x1080 under Mesa's software renderer). (libxml2 is not among
// them: Mesa's LLVM loads it in any GL program.)
TEST_CASE("the running kiosk maps none of the importers' libraries and no screen-sized depth buffer") {
  XServer x(1920, 1080);
  REQUIRE(x.ok());
  LiveKiosk k(x, {"--now", "2022-09-28T11:00"}, "memory-demo");
  REQUIRE(k.Alive());
  std::ifstream smaps("/proc/" + std::to_string(k.pid()) + "/smaps");
  REQUIRE(smaps);
  std::string line, name;
  bool anonymous = false;
  long biggest_anon_kb = 0, pss_kb = 0;
  std::vector<std::string> importers;
  while (std::getline(smaps, line)) {
    std::istringstream in(line);
    std::string range, perms, offset, dev, inode;
    if (line.find('-') < line.find(' ') && (in >> range >> perms >> offset >> dev >> inode)) {  // a mapping's header
      name.clear();  // an anonymous mapping has no name: getline leaves the last one at the end of the line
      std::getline(in >> std::ws, name);
      anonymous = name.empty();
      for (const char* lib : {"libproj", "libzip", "libpugixml", "libmd4c", "libcurl", "libxlsxwriter", "libicui18n"})
        if (name.find(std::string("/") + lib) != std::string::npos && std::find(importers.begin(), importers.end(), name) == importers.end())
          importers.push_back(name);
    } else if (line.rfind("Rss:", 0) == 0 && anonymous) {
      biggest_anon_kb = std::max(biggest_anon_kb, std::stol(line.substr(4)));
    } else if (line.rfind("Pss:", 0) == 0) {
      pss_kb += std::stol(line.substr(4));
    }
  }
  MESSAGE("the demo kiosk at 1920x1080: PSS " << pss_kb / 1024 << " MB, its largest anonymous mapping " << biggest_anon_kb / 1024 << " MB");
  CHECK_MESSAGE(importers.empty(), "mapped: " << (importers.empty() ? "" : importers.front()));
  CHECK(biggest_anon_kb < 7 * 1024);  // 1920 x 1080 x 4 bytes would be 8 MB
}
