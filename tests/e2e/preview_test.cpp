// The live preview for staff (issue 15, part 4): forum-kiosk --sources DIR under Xvfb, the sources edited the
// way a spreadsheet program saves them (a new file renamed over the old one, or written in place). A saved
// change shows within two seconds; a broken one keeps the last good build on the screen with the error panel
// on top naming file, row, column and message; fixed, the panel goes.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "live_kiosk.h"

namespace fs = std::filesystem;
using e2e::LiveKiosk;
using e2e::Read;
using e2e::Report;
using e2e::XServer;

namespace {

double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// Replaces `from` with `to` in `file` as LibreOffice saves: the whole file written beside it, then renamed.
void SaveEdited(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = Read(file);
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  text.replace(at, from.size(), to);
  fs::path tmp = file.parent_path() / (".~tmp." + file.filename().string());
  std::ofstream(tmp, std::ios::binary) << text;
  fs::rename(tmp, file);
}

bool Built(const Report& r, int build) { return r.Number("preview_build") >= build && r.rest(); }

}  // namespace

TEST_CASE("forum-kiosk --sources shows a saved change within two seconds, and a broken one as an error panel over the last good build") {
  fs::path dir = fs::path(SCREENSHOT_DIR) / "preview";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path src = dir / "src";
  fs::copy(FORUM_DEMO_SOURCES, src, fs::copy_options::recursive);
  XServer x(1600, 900);
  REQUIRE(x.ok());
  LiveKiosk k(x, {"--sources", src.string(), "--screen", "exhibitors", "--lang", "en"}, "preview");
  auto first = k.Settle([](const Report& r) { return Built(r, 1); }, 30);
  REQUIRE_MESSAGE(first, k.Log());
  CHECK(first->Get("preview_failed") == "0");
  CHECK(first->Get("screen") == "exhibitors");
  CHECK(first->Find("sabah-lab/card"));
  k.Shot("preview-built");

  // A change saved: Sabah Lab no longer exhibits. Shown within two seconds of the save.
  double saved = Now();
  SaveEdited(src / "exhibitors.csv", "sabah-lab,booth-a2,technopark,0,0\n", "");
  auto changed = k.Settle([](const Report& r) { return Built(r, 2) && r.Number("preview_shown") >= 2; }, 10);
  REQUIRE_MESSAGE(changed, k.Log());
  double took = Now() - saved;
  MESSAGE("a saved change was on the screen after " << took << " s");
  CHECK(took < 2.0);
  CHECK_FALSE(changed->Find("sabah-lab/card"));
  CHECK(changed->Find("astana-hub/card"));
  CHECK(changed->Get("preview_problem").find("booth 'booth-a2' has no exhibitor") != std::string::npos);  // its warning

  // A mistake saved, written in place: the screen keeps build 2, the panel names file, row, column, message.
  { std::string t = Read(src / "exhibitors.csv");
    t.replace(t.find("astana-hub,booth-a1"), 19, "astana-hub,booth-zz");
    std::ofstream(src / "exhibitors.csv", std::ios::binary | std::ios::trunc) << t; }
  auto broken = k.Settle([](const Report& r) { return Built(r, 3); }, 10);
  REQUIRE_MESSAGE(broken, k.Log());
  CHECK(broken->Get("preview_failed") == "1");
  CHECK(broken->Number("preview_shown") == 2);
  bool named = false;
  for (const auto& [key, value] : broken->lines)
    named |= key == "preview_problem" && value == "exhibitors.csv:2: error: booth: booth 'booth-zz' of 'astana-hub' is not on the floor plan";
  CHECK_MESSAGE(named, broken->Summary());
  CHECK(broken->Find("astana-hub/card"));  // still the last good build, usable under the panel
  CHECK_FALSE(broken->Find("sabah-lab/card"));
  auto panel = k.Shot("preview-error-panel");
  // The panel is drawn: the top of the window is the panel's red headline, not the screen's paper.
  const unsigned char* px = panel.At(800, 12);
  CHECK_MESSAGE((px[0] > 150 && px[1] < 90), int(px[0]) << "," << int(px[1]) << "," << int(px[2]));
  // The screen below still answers a tap.
  auto tapped = k.Tap("astana-hub/card");
  REQUIRE(tapped);
  CHECK(tapped->Get("exhibitor") == "astana-hub");

  // Fixed: the next build is shown and the panel is a one-line bar again.
  SaveEdited(src / "exhibitors.csv", "astana-hub,booth-zz", "astana-hub,booth-a1");
  auto fixed = k.Settle([](const Report& r) { return Built(r, 4); }, 10);
  REQUIRE_MESSAGE(fixed, k.Log());
  CHECK(fixed->Get("preview_failed") == "0");
  CHECK(fixed->Number("preview_shown") == 4);
  CHECK(fixed->Get("exhibitor") == "astana-hub");  // the visitor's place kept across the swap
  k.Shot("preview-fixed");
  CHECK(k.Alive());
}

TEST_CASE("forum-kiosk --sources on a folder that does not build shows the setup message and the errors, then the forum once fixed") {
  fs::path dir = fs::path(SCREENSHOT_DIR) / "preview";
  fs::create_directories(dir);
  fs::path src = dir / "broken-src";
  fs::remove_all(src);
  fs::copy(FORUM_DEMO_SOURCES, src, fs::copy_options::recursive);
  fs::remove(src / "forum.csv");
  XServer x(1600, 900);
  REQUIRE(x.ok());
  LiveKiosk k(x, {"--sources", src.string(), "--lang", "en"}, "preview-broken");
  auto first = k.Settle([](const Report& r) { return Built(r, 1); }, 30);
  REQUIRE_MESSAGE(first, k.Log());
  CHECK(first->Get("preview_failed") == "1");
  CHECK(first->Number("preview_shown") == 0);
  CHECK(first->Overlay("setup"));
  CHECK(first->Get("preview_problem").find("forum.csv: error: required file is missing") != std::string::npos);
  k.Shot("preview-nothing-built");
  fs::copy_file(fs::path(FORUM_DEMO_SOURCES) / "forum.csv", src / "forum.csv");
  auto fixed = k.Settle([](const Report& r) { return Built(r, 2); }, 10);
  REQUIRE_MESSAGE(fixed, k.Log());
  CHECK(fixed->Get("preview_failed") == "0");
  CHECK_FALSE(fixed->Overlay("setup"));
  CHECK(fixed->Get("screen") == "home");
}

// The preview builds with the staff tool (kiosk-snapshot build --json, FORUM_SNAPSHOT_TOOL picks which): a
// tool that is missing, or that dies half-way, is an error staff read on the panel, and the kiosk goes on.
TEST_CASE("forum-kiosk --sources with a staff tool that is missing or crashes says so on the setup message") {
  fs::path dir = fs::path(SCREENSHOT_DIR) / "preview";
  fs::create_directories(dir);
  fs::path crashing = dir / "crashing-tool.sh";
  {
    std::ofstream script(crashing);
    script << "#!/bin/sh\necho '{\"written\": tr'\necho 'reading the sources' >&2\nkill -SEGV $$\n";
  }
  fs::permissions(crashing, fs::perms::owner_all);
  struct Case { std::string tool, says; };
  for (const Case& c : {Case{(dir / "no-such-tool").string(), "could not run the staff tool"},
                        Case{crashing.string(), "was stopped by signal 11: reading the sources"}}) {
    ::setenv("FORUM_SNAPSHOT_TOOL", c.tool.c_str(), 1);
    XServer x(1600, 900);
    REQUIRE(x.ok());
    LiveKiosk k(x, {"--sources", FORUM_DEMO_SOURCES, "--lang", "en"}, "preview-tool");
    ::unsetenv("FORUM_SNAPSHOT_TOOL");
    auto first = k.Settle([](const Report& r) { return Built(r, 1); }, 30);
    REQUIRE_MESSAGE(first, k.Log());
    CHECK(first->Get("preview_failed") == "1");
    CHECK(first->Overlay("setup"));
    CHECK_MESSAGE(first->Get("preview_problem").find(c.says) != std::string::npos, first->Get("preview_problem"));
    k.Shot(c.tool == crashing.string() ? "preview-tool-crashed" : "preview-tool-missing");
    CHECK(k.Alive());
  }
}
