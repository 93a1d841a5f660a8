// Running unattended: the idle warning and reset, the attract loop, staff mode behind a PIN with a growing
// lock-out, reach mode, the high-contrast palette, usage counts.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "app/theme.h"
#include "db/field/stats.h"
#include "harness.h"
#include "platform/pin.h"

using app::Screen;
namespace fs = std::filesystem;

TEST_CASE("idle: a warning with a countdown of at least 20 s, dismissed by a touch, then the reset and the attract loop") {
  test::Harness h;
  h.s.idle_timeout_s = 60;
  REQUIRE(h.Tap("exhibitors/nav"));
  REQUIRE(h.Tap("sabah-lab/card"));
  double t0 = h.s.last_input_s;
  CHECK_FALSE(app::Tick(h.s, t0 + 39));
  CHECK_FALSE(h.s.idle_warning);
  CHECK(app::Tick(h.s, t0 + 40));  // 20 s before the reset
  CHECK(h.s.idle_warning);
  CHECK(app::NextTimer(h.s, t0 + 40.5) <= 0.5);  // the countdown redraws every second
  h.clock = t0 + 45;
  h.Settle();
  REQUIRE(h.Visible("still-here"));
  REQUIRE(h.Tap("still-here"));  // a touch: the visit goes on
  app::Tick(h.s, h.s.last_input_s + 1);
  CHECK_FALSE(h.s.idle_warning);
  CHECK(h.s.exhibitor_id == "sabah-lab");
  // No touch at all: warning, then the reset at 60 s, then the attract loop.
  double t1 = h.s.last_input_s;
  CHECK(app::Tick(h.s, t1 + 45));
  CHECK(h.s.idle_warning);
  CHECK(app::Tick(h.s, t1 + 60.5));
  CHECK(h.s.attract);
  CHECK(h.s.screen == Screen::Home);
  CHECK(h.s.exhibitor_id.empty());
  // The loop draws at a low rate: between slides it sleeps for seconds.
  CHECK(app::NextTimer(h.s, h.s.attract_since + 3) >= 2.9);
  h.Settle();
  REQUIRE(h.Tap("attract"));  // a touch starts a visit
  CHECK_FALSE(h.s.attract);
  CHECK(h.s.screen == Screen::Home);
}

TEST_CASE("staff mode: a 3 s hold on the corner, then the PIN, wrong PINs lock the pad for longer each time") {
  std::string hash = platform::HashPin("2468");
  REQUIRE(!hash.empty());
  CHECK(hash.find("2468") == std::string::npos);
  CHECK(platform::VerifyPin(hash, "2468"));
  CHECK_FALSE(platform::VerifyPin(hash, "2469"));
  CHECK_FALSE(platform::VerifyPin("garbage", "2468"));
  CHECK(platform::IsValidPin("0000"));
  CHECK_FALSE(platform::IsValidPin("12a4"));
  CHECK_FALSE(platform::IsValidPin("123"));

  test::Harness h;
  h.s.verify_pin = [&](const std::string& pin) { return platform::VerifyPin(hash, pin); };
  // A short press on the corner does nothing; 3 s opens the pad.
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(10, 10);
  h.Frame();
  io.MouseDown[0] = true;
  for (int i = 0; i < 60; ++i) h.Frame();  // 1 s
  CHECK_FALSE(h.s.staff.pin_pad);
  for (int i = 0; i < 130; ++i) h.Frame();  // 3.2 s in all
  io.MouseDown[0] = false;
  h.Frame();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  h.Settle();
  REQUIRE(h.s.staff.pin_pad);
  auto type = [&](const std::string& pin) {
    for (char d : pin) REQUIRE(h.Tap(std::string("pin/key-") + d));
    REQUIRE(h.Tap("pin/key-ok"));
  };
  type("1111");
  CHECK_FALSE(h.s.staff.open);
  CHECK(h.s.staff.message == "wrong");
  type("2222");
  CHECK(h.s.staff.wrong == 2);
  CHECK(h.s.staff.locked_until <= h.s.time_s);  // two tries are free
  type("3333");
  CHECK(h.s.staff.locked_until - h.s.time_s == doctest::Approx(30).epsilon(0.05));
  // Locked: even the right PIN is not checked.
  type("2468");
  CHECK_FALSE(h.s.staff.open);
  CHECK(app::StaffLockout(4) == 60);
  CHECK(app::StaffLockout(5) == 120);
  CHECK(app::StaffLockout(20) == 3600);
  // After the lock-out, the right PIN opens staff mode.
  h.clock += 31;
  h.Settle();
  type("2468");
  CHECK(h.s.staff.open);
  CHECK(h.s.staff.wrong == 0);
  bool left = h.Tap("leave");
  REQUIRE(left);
  CHECK_FALSE(h.s.staff.open);
}

TEST_CASE("staff mode cannot open without a configured PIN") {
  test::Harness h;
  h.s.Do({.kind = app::Action::Kind::OpenPinPad});
  app::ApplyActions(h.s);
  CHECK_FALSE(h.s.staff.pin_pad);
}

TEST_CASE("reach mode: every control of every screen lies in the lower half") {
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    test::Harness h(w, hgt);
    REQUIRE(h.Tap("reach/toggle"));
    CHECK(h.s.reach);
    for (const char* nav : {"home/nav", "map/nav", "exhibitors/nav", "agreements/nav", "schedule/nav", "search/nav"}) {
      REQUIRE_MESSAGE(h.Tap(nav), nav);
      h.Frame();
      for (const auto& t : h.targets())
        CHECK_MESSAGE(t.y0 >= hgt / 2.0f - 0.5f, nav << ": " << t.key << " at y " << t.y0 << " of " << hgt);
    }
    // The language sheet too.
    REQUIRE(h.Tap("language"));
    REQUIRE(h.s.language_picker);
    int langs = 0;
    for (const auto& t : h.targets()) {
      CHECK_MESSAGE(t.y0 >= hgt / 2.0f - 0.5f, "language sheet: " << t.key << " at y " << t.y0 << " of " << hgt);
      if (t.key.size() > 5 && t.key.substr(t.key.size() - 5) == "/lang") {
        ++langs;
        CHECK_MESSAGE(t.y1 - t.y0 >= h.s.metrics.touch - 0.5f, t.key << " is cut: " << t.y1 - t.y0 << " px");
      }
    }
    CHECK(langs == 7);  // every language whole on screen, none cut off at the top
    REQUIRE(h.Tap("en/lang"));
    // And it is reset by the idle reset.
    app::Tick(h.s, h.clock + 3600);
    CHECK_FALSE(h.s.reach);
  }
}

TEST_CASE("high contrast: text and controls at least 7:1 against what they stand on") {
  using namespace app::colors;
  using app::ContrastRatio;
  using app::HighContrast;
  // Every text colour of the palette on every background it is drawn on.
  const ImU32 texts[] = {kInk, kMuted, kAccent};
  const ImU32 backgrounds[] = {kPaper, kSurface, kPanel, kPressed};
  for (ImU32 t : texts)
    for (ImU32 b : backgrounds) {
      double r = ContrastRatio(HighContrast(t), HighContrast(b));
      CHECK_MESSAGE(r >= 7.0, std::hex << t << " on " << b << ": " << r);
    }
  CHECK(ContrastRatio(HighContrast(kOnAccent), HighContrast(kAccent)) >= 7.0);    // primary buttons
  CHECK(ContrastRatio(HighContrast(kNavText), HighContrast(kNavBar)) >= 7.0);     // the bar
  for (ImU32 tile : {kTileMap, kTileExhibitors, kTileAgreements, kTileSchedule})  // tiles
    CHECK(ContrastRatio(HighContrast(kOnAccent), HighContrast(tile)) >= 7.0);
  CHECK(ContrastRatio(HighContrast(kOnAccent), HighContrast(kNow)) >= 7.0);  // badges
  CHECK(ContrastRatio(IM_COL32_BLACK, IM_COL32_WHITE) == doctest::Approx(21));
  // The normal palette's body text also reads well (at least 7:1 for ink, 4.5:1 for secondary text).
  CHECK(ContrastRatio(kInk, kPaper) >= 7.0);
  CHECK(ContrastRatio(kMuted, kPaper) >= 4.5);
  // The toggle is one tap away and reset with the visit.
  test::Harness h;
  REQUIRE(h.Tap("high_contrast/toggle"));
  CHECK(h.s.high_contrast);
  REQUIRE(h.Tap("large_text/toggle"));
  CHECK(h.s.large_text);
  app::Tick(h.s, h.clock + 3600);
  CHECK_FALSE(h.s.high_contrast);
  CHECK_FALSE(h.s.large_text);
}

TEST_CASE("usage counts: screens, profiles and searches are counted, nothing typed is stored, export as CSV") {
  fs::path dir = fs::temp_directory_path() / ("forum-stats-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    auto stats = db::UsageStats::Open((dir / "stats.db").string());
    REQUIRE(stats);
    test::Harness h;
    h.s.count = [&](const std::string& event) { stats.value()->Count("2022-09-28", event); };
    REQUIRE(h.Tap("exhibitors/nav"));
    REQUIRE(h.Tap("sabah-lab/card"));
    REQUIRE(h.Tap("search/nav"));
    for (const char* k : {"kb/т/key", "kb/е/key"}) REQUIRE(h.Tap(k));
    REQUIRE(h.Tap("home/nav"));
    REQUIRE(h.Tap("exhibitors/nav"));
    auto written = stats.value()->ExportCsv((dir / "usage.csv").string());
    REQUIRE(written);
  }
  std::stringstream csv;
  csv << std::ifstream(dir / "usage.csv").rdbuf();
  std::string text = csv.str();
  CHECK(text.rfind("day,event,count\n", 0) == 0);
  CHECK(text.find("2022-09-28,view:exhibitors,2\n") != std::string::npos);
  CHECK(text.find("2022-09-28,profile:sabah-lab,1\n") != std::string::npos);
  CHECK(text.find("2022-09-28,search,1\n") != std::string::npos);
  CHECK(text.find("те") == std::string::npos);  // never what was typed
  // The counts survive: reopened, they are still there (WAL mode, committed).
  {
    auto again = db::UsageStats::Open((dir / "stats.db").string());
    REQUIRE(again);
    again.value()->Count("2022-09-28", "view:exhibitors");
    REQUIRE(again.value()->ExportCsv((dir / "usage2.csv").string()));
  }
  std::stringstream csv2;
  csv2 << std::ifstream(dir / "usage2.csv").rdbuf();
  CHECK(csv2.str().find("2022-09-28,view:exhibitors,3\n") != std::string::npos);
  fs::remove_all(dir);
}
