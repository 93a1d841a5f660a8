#include "app/kiosk/options.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#ifndef FORUM_DEFAULT_SNAPSHOT
#define FORUM_DEFAULT_SNAPSHOT "demo.snapshot"
#endif

namespace kiosk {

int ParseOptions(int argc, char** argv, Options& o) {
  CLI::App cli{"Forum Kiosk: the touchscreen kiosk of a forum exhibition"};
  o.snapshot = FORUM_DEFAULT_SNAPSHOT;
  std::string windowed, screen_name = "home";
  auto* snapshot_opt = cli.add_option("--snapshot", o.snapshot, "snapshot file to show (default: the demo forum)");
  cli.add_option("--windowed", windowed, "a window of WxH pixels instead of full screen (development)");
  cli.add_option("--screen", screen_name,
                 "first screen: home, map, exhibitors, agreements, schedule, search; NAME/ID opens a detail, search/TEXT searches, map/route/ID shows the route to a place, map/nearest/NAME to the nearest toilet, accessible_toilet or exit");
  cli.add_option("--lang", o.lang, "language code to start in (default: the forum's)");
  cli.add_option("--now", o.now_text, "fixed clock in the venue's time, e.g. 2022-09-29T11:00");
  cli.add_option("--screenshot", o.screenshot, "render until settled, save the frame as PNG and exit");
  cli.add_option("--config", o.config_path, "configuration file (TOML; see docs/DEPLOY.md)");
  cli.add_flag("--set-pin", o.set_pin, "read a staff PIN (4-12 digits) from standard input and write its hash into --config");
  cli.add_option("--export-stats", o.export_stats, "write the usage counts as CSV to this file and exit");
  cli.add_option("--a11y", o.a11y, "start with accessibility modes on (screenshots): reach,large_text,high_contrast");
  cli.add_option("--report", o.report,
                 "after every frame that changed it, write what is on the screen (screen, detail, language, touch "
                 "targets; app/state/report.h) to this file: for end-to-end tests and staff checks");
  cli.add_option("--frame-log", o.frame_log,
                 "append one line per frame drawn to this file: the kiosk's own work (from the end of the wait for "
                 "input to the end of ImGui::Render) and the whole frame (to the swap), in ms, and the screen; for "
                 "benchmarks (bench/frames.sh)");
  auto* sources_opt = cli.add_option("--sources", o.sources,
                                     "live preview for staff: build this source folder, show it, and build again "
                                     "whenever a file in it is saved, listing its errors on top (windowed)");
  sources_opt->excludes(snapshot_opt);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  o.explicit_snapshot = snapshot_opt->count() > 0;
  if (o.set_pin) return kRun;  // nothing else matters
  if (auto slash = screen_name.find('/'); slash != std::string::npos) {
    o.detail = screen_name.substr(slash + 1);
    screen_name.resize(slash);
  }
  o.start_attract = screen_name == "attract", o.start_staff = screen_name == "staff", o.start_pin = screen_name == "pin";
  if (o.start_attract || o.start_staff || o.start_pin) screen_name = "home";
  if (!app::ScreenFromName(screen_name, o.first_screen)) {
    std::cerr << "forum-kiosk: unknown screen '" << screen_name << "'\n";
    return 2;
  }
  if (!windowed.empty()) {
    platform::WindowOptions& w = o.window;
    if (std::sscanf(windowed.c_str(), "%dx%d", &w.width, &w.height) != 2 || w.width < 320 || w.height < 320) {
      std::cerr << "forum-kiosk: --windowed wants WxH, e.g. 1920x1080\n";
      return 2;
    }
    w.fullscreen = false;
  } else if (!o.sources.empty()) {  // the preview is for a staff laptop: a window beside the spreadsheet
    o.window.fullscreen = false;
    o.window.width = 1600, o.window.height = 900;
  }
  if (!o.sources.empty()) o.window.kiosk = false;  // a pointer to see and a window staff may close
  return kRun;
}

}  // namespace kiosk
