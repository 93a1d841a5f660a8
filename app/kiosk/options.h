// The command line of forum-kiosk (README.md and docs/DEPLOY.md describe it for staff).
#pragma once
#include <string>

#include "app/state/app_state.h"
#include "platform/window.h"

namespace kiosk {

struct Options {
  std::string snapshot;            // --snapshot, else the demo built beside the program
  bool explicit_snapshot = false;  // --snapshot was given: shown even when an installer has snapshots
  platform::WindowOptions window;  // --windowed WxH, else full screen
  // --screen NAME[/DETAIL]: the first screen and the detail open on it (exhibitors/astana-hub,
  // agreements/ID, schedule/ID, map/LOCATION, search/QUERY), for staff checks and screenshots.
  app::Screen first_screen = app::Screen::Home;
  std::string detail;
  // Views that are not screens, for screenshots and checks: the attract loop (attract/SLIDE), staff mode
  // (staff; the PIN is not asked: whoever can start the program can read its configuration anyway) and
  // the PIN pad (pin).
  bool start_attract = false, start_staff = false, start_pin = false;
  std::string lang;          // --lang: the language to start in; "" = the configuration's, else the forum's
  std::string now_text;      // --now: a fixed clock in the venue's time, e.g. 2022-09-29T11:00
  std::string screenshot;    // --screenshot FILE.png: render until settled, save, exit
  std::string config_path;   // --config FILE (TOML)
  bool set_pin = false;      // --set-pin: read a PIN from standard input, write its hash, exit
  std::string export_stats;  // --export-stats FILE: the usage counts as CSV, exit
  std::string a11y;          // --a11y reach,large_text,high_contrast: modes on at start
  std::string report;        // --report FILE: what is on the screen after each frame (app/state/report.h)
  std::string sources;       // --sources DIR: the live preview of a source folder (app/kiosk/source_watcher.h)
  std::string frame_log;     // --frame-log FILE: one line per frame drawn, its times (bench/frames.sh reads it)
};

// ParseOptions returns it when the program should go on; any other value is the exit code to stop with
// (0 after --help, 2 for wrong usage, which is reported on stderr).
inline constexpr int kRun = -1;
int ParseOptions(int argc, char** argv, Options& o);

}  // namespace kiosk
