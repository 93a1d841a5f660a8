// forum-kiosk: wires db (the snapshot), platform (window, fonts) and app (screens) together.
//   forum-kiosk [--snapshot FILE] [--windowed WxH] [--screen S] [--lang CODE] [--now 2022-09-29T11:00]
//               [--screenshot FILE.png]
// Exit codes: 0 ok, 1 cannot run (no display, no fonts), 2 wrong usage, 3 a screenshot was saved but shows a
// character without a glyph (the glyph audit of --screenshot).
// The snapshot is loaded on a worker thread while the window opens. A missing or invalid snapshot shows a
// calm message for staff (and is logged to stderr); the program never shows a crash.
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>
#include <mutex>

#include "app/state/format.h"
#include "app/state/report.h"
#include "db/base/files.h"
#include "db/field/install.h"
#include "db/field/stats.h"
#include "db/snapshot/validate.h"

#include "app/state/app_state.h"
#include "app/theme.h"
#include "app/ui.h"
#include "app/state/ui_strings.h"
#include "db/model/catalog.h"
#include "db/base/text.h"
#include "platform/config.h"
#include "platform/font_files.h"
#include "platform/inbox_watcher.h"
#include "platform/pin.h"
#include "platform/watchdog.h"
#include "platform/fonts.h"
#include "platform/textures.h"
#include "platform/window.h"

#ifndef FORUM_DEFAULT_SNAPSHOT
#define FORUM_DEFAULT_SNAPSHOT "demo.snapshot"
#endif

namespace {

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// --set-pin: a PIN from standard input, hashed into the configuration file (its staff_pin_hash line
// replaced, or added), written atomically. The PIN itself is never stored.
int SetPin(const std::string& config_path) {
  if (config_path.empty()) return std::cerr << "forum-kiosk: --set-pin needs --config FILE\n", 2;
  std::string pin;
  std::getline(std::cin, pin);
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  if (!platform::IsValidPin(pin)) return std::cerr << "forum-kiosk: a PIN is 4 to 12 digits\n", 2;
  std::string hash = platform::HashPin(pin);
  if (hash.empty()) return std::cerr << "forum-kiosk: cannot hash the PIN\n", 1;
  std::string text = db::ReadWholeFile(config_path).value_or("");
  std::string line = "staff_pin_hash = \"" + hash + "\"";
  std::string out;
  bool replaced = false;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    bool is_key = l.rfind("staff_pin_hash", 0) == 0 && l.find('=') != std::string::npos;
    out += (is_key ? (replaced ? std::string() : line) : l) + (is_key && replaced ? "" : "\n");
    replaced |= is_key;
  }
  if (!replaced) out = line + "\n" + out;  // top of the file: before any [table]
  if (!db::WriteFileAtomic(config_path, out)) return std::cerr << "forum-kiosk: cannot replace " << config_path << "\n", 1;
  std::cout << "the staff PIN hash is in " << config_path << "\n";
  return 0;
}

std::string Mb(long kb) { return std::to_string(kb / 1024) + " MB"; }

long RssKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// The rows of the staff panel (labels in English: staff mode is for the staff who run the kiosks).
std::vector<std::pair<std::string, std::string>> StaffInfo(const platform::Config& config, const app::AppState& s,
                                                           const db::Installer::Status& st, double uptime_s,
                                                           double frame_ms, int rotation) {
  std::vector<std::pair<std::string, std::string>> rows;
  const db::Catalog* c = s.catalog.get();
  auto up = static_cast<long>(uptime_s);
  char uptime[64];
  std::snprintf(uptime, sizeof uptime, "%ld d %02ld:%02ld:%02ld", up / 86400, up / 3600 % 24, up / 60 % 60, up % 60);
  char frame[32];
  std::snprintf(frame, sizeof frame, "%.1f ms", frame_ms);
  rows.push_back({"Kiosk", config.kiosk_id});
  rows.push_back({"Snapshot", st.current_file.empty() ? "(from the command line or built in)" : st.current_file + " (" + st.current_source + ")"});
  if (c) {
    rows.push_back({"Content version", std::to_string(c->info.content_version)});
    rows.push_back({"Built", c->info.built_at + " by " + c->info.generator});
  }
  rows.push_back({"Last check", st.last_check.empty() ? "-" : st.last_check});
  rows.push_back({"Last update", st.last_install.empty() ? "-" : st.last_install});
  rows.push_back({"Last refusal", st.last_refusal.empty() ? "-" : st.last_refusal + ": " + st.last_refusal_reason});
  if (!st.last_problem.empty()) rows.push_back({"Problem", st.last_problem});
  rows.push_back({"Uptime", uptime});
  rows.push_back({"Frame time", frame});
  rows.push_back({"Memory", Mb(RssKb())});
  rows.push_back({"Screen", std::to_string(rotation) + "\xC2\xB0"});
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Forum Kiosk: the touchscreen kiosk of a forum exhibition"};
  std::string snapshot = FORUM_DEFAULT_SNAPSHOT, windowed, screen_name = "home", lang, now_text, screenshot;
  cli.add_option("--snapshot", snapshot, "snapshot file to show (default: the demo forum)");
  cli.add_option("--windowed", windowed, "a window of WxH pixels instead of full screen (development)");
  cli.add_option("--screen", screen_name,
                 "first screen: home, map, exhibitors, agreements, schedule, search; NAME/ID opens a detail, search/TEXT searches");
  cli.add_option("--lang", lang, "language code to start in (default: the forum's)");
  cli.add_option("--now", now_text, "fixed clock in the venue's time, e.g. 2022-09-29T11:00");
  cli.add_option("--screenshot", screenshot, "render until settled, save the frame as PNG and exit");
  std::string config_path;
  auto* snapshot_opt = cli.get_option("--snapshot");
  cli.add_option("--config", config_path, "configuration file (TOML; see docs/DEPLOY.md)");
  bool set_pin = false;
  std::string export_stats, a11y;
  cli.add_flag("--set-pin", set_pin, "read a staff PIN (4-12 digits) from standard input and write its hash into --config");
  cli.add_option("--export-stats", export_stats, "write the usage counts as CSV to this file and exit");
  cli.add_option("--a11y", a11y, "start with accessibility modes on (screenshots): reach,large_text,high_contrast");
  std::string report;
  cli.add_option("--report", report,
                 "after every frame that changed it, write what is on the screen (screen, detail, language, touch "
                 "targets; app/state/report.h) to this file: for end-to-end tests and staff checks");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  if (set_pin) return SetPin(config_path);
  // --screen NAME[/ID]: a screen, or a detail on it (exhibitors/astana-hub, agreements/ID, schedule/ID,
  // map/LOCATION) for staff checks and screenshots.
  std::string detail;
  if (auto slash = screen_name.find('/'); slash != std::string::npos) {
    detail = screen_name.substr(slash + 1);
    screen_name.resize(slash);
  }
  // Two views that are not screens, for screenshots and checks: the attract loop (attract/SLIDE) and staff
  // mode (staff; the PIN is not asked: whoever can start the program can read its configuration anyway).
  bool start_attract = screen_name == "attract", start_staff = screen_name == "staff", start_pin = screen_name == "pin";
  if (start_attract || start_staff || start_pin) screen_name = "home";
  app::Screen first_screen;
  if (!app::ScreenFromName(screen_name, first_screen)) {
    std::cerr << "forum-kiosk: unknown screen '" << screen_name << "'\n";
    return 2;
  }

  // The configuration: a bad value is reported and that key keeps its default; the kiosk always starts.
  platform::Config config;
  if (!config_path.empty()) {
    std::vector<std::string> problems;
    config = platform::LoadConfig(config_path, problems);
    for (const auto& p : problems) std::cerr << "forum-kiosk: " << p << "\n";
  }
  // With a data folder, snapshots are installed from the inboxes (db/field/install.h): the kiosk opens the newest
  // installed snapshot that passes its checks, else the last-known-good, else the one built in.
  std::unique_ptr<db::Installer> installer;
  if (!config.data_dir.empty()) {
    db::InstallOptions o;
    o.data_dir = config.data_dir;
    o.inboxes = config.inboxes;
    o.trusted = config.trusted_keys;
    o.allow_unsigned = config.allow_unsigned;
    o.max_bytes = config.max_snapshot_mb << 20;
    o.settle_s = config.settle_s;
    o.kiosk_id = config.kiosk_id;
    installer = std::make_unique<db::Installer>(std::move(o));
    if (config.trusted_keys.empty() && !config.allow_unsigned)
      std::cerr << "forum-kiosk: no trusted_keys in the configuration: every snapshot in the inboxes will be refused\n";
  }
  bool explicit_snapshot = snapshot_opt->count() > 0;
  // Usage counts: a database beside the installed snapshots (or where stats_db says).
  std::string stats_path = !config.stats_db.empty() ? config.stats_db
                         : !config.data_dir.empty() ? config.data_dir + "/stats.db" : std::string();
  std::unique_ptr<db::UsageStats> stats;
  if (!stats_path.empty()) {
    auto opened = db::UsageStats::Open(stats_path);
    if (opened) stats = std::move(opened.value());
    else std::cerr << "forum-kiosk: " << opened.error().message << " (usage is not counted)\n";
  }
  if (!export_stats.empty()) {
    if (!stats) return std::cerr << "forum-kiosk: --export-stats needs a configuration with data_dir or stats_db\n", 2;
    auto written = stats->ExportCsv(export_stats);
    if (!written) return std::cerr << "forum-kiosk: " << written.error().message << "\n", 1;
    std::cout << "wrote " << written.value() << "\n";
    return 0;
  }

  // Load the snapshot off the UI thread while the window and GL context come up.
  // Every snapshot goes through db::OpenSnapshot, validate's own checks: --snapshot and the built-in one too.
  auto loading = std::async(std::launch::async, [&installer, snapshot, explicit_snapshot]() -> db::Result<std::shared_ptr<const db::Catalog>> {
    db::Result<std::shared_ptr<const db::Catalog>> c = db::Error{"not loaded"};
    if (auto failed = db::Guard("loading the snapshot", [&] {
          if (installer && !explicit_snapshot)
            if (auto found = installer->Startup()) {
              std::cerr << "forum-kiosk: showing " << found->path << " (" << found->source << ", content version " << found->version << ")\n";
              c = found->catalog;
              return;
            }
          c = db::OpenSnapshot(snapshot);
          if (installer && c) installer->Running(snapshot, c.value()->info.content_version, explicit_snapshot ? "--snapshot" : "built-in");
        }))
      return *failed;
    return c;
  });

  platform::WindowOptions opt;
  if (!windowed.empty()) {
    if (std::sscanf(windowed.c_str(), "%dx%d", &opt.width, &opt.height) != 2 || opt.width < 320 || opt.height < 320) {
      std::cerr << "forum-kiosk: --windowed wants WxH, e.g. 1920x1080\n";
      return 2;
    }
    opt.fullscreen = false;
  }
  std::string error;
  auto window = platform::Window::Create(opt, error);
  if (!window) {
    std::cerr << "forum-kiosk: " << error << "\n";
    return 1;
  }

  app::AppState s;
  auto loaded = loading.get();
  if (loaded) {
    db::CatalogData catalog = *loaded.value();
    app::AddDefaultUiStrings(catalog);
    s.catalog = db::Catalog::Make(std::move(catalog));
    s.lang = s.catalog->forum.default_language;
    if (!lang.empty()) {
      if (s.catalog->FindLanguage(lang)) s.lang = lang;
      else std::cerr << "forum-kiosk: language '" << lang << "' is not in the snapshot; using " << s.lang << "\n";
    }
  } else {
    s.load_error = loaded.error().message;
    std::cerr << "forum-kiosk: " << s.load_error << "\n";
  }
  // What the configuration says about visits, staff mode and where this kiosk stands.
  s.idle_timeout_s = config.idle_timeout_s;
  s.default_language = config.default_language;
  if (s.catalog && s.lang == s.catalog->forum.default_language && s.catalog->FindLanguage(config.default_language) && lang.empty())
    s.lang = config.default_language;
  s.has_position = config.has_position;
  s.here_x = float(config.here_x), s.here_y = float(config.here_y), s.here_facing_deg = float(config.here_facing_deg);
  s.can_quit = config.allow_quit;
  if (!config.staff_pin_hash.empty())
    s.verify_pin = [hash = config.staff_pin_hash](const std::string& pin) { return platform::VerifyPin(hash, pin); };
  if (stats)
    s.count = [&s, &stats](const std::string& event) {
      stats->Count(app::LocalDate(s.now_utc, s.catalog ? s.catalog->forum.utc_offset_min : 0), event);
    };
  for (const char* mode : {"reach", "large_text", "high_contrast"})
    if (a11y.find(mode) != std::string::npos) s.Do({app::Action::Kind::Toggle, mode});
  app::ApplyActions(s);
  s.screen = first_screen;
  if (!detail.empty() && first_screen == app::Screen::Search) {
    s.Do({app::Action::Kind::Type, detail});  // search/QUERY: the results for QUERY
    app::ApplyActions(s);
  } else if (!detail.empty()) {
    using K = app::Action::Kind;
    K kind = first_screen == app::Screen::Exhibitors ? K::OpenExhibitor
           : first_screen == app::Screen::Agreements ? K::OpenAgreement
           : first_screen == app::Screen::Schedule ? K::OpenSession : K::ShowOnMap;
    s.Do({kind, detail});
    app::ApplyActions(s);
  }
  int64_t fixed_now = 0;
  if (!now_text.empty()) {
    int off = s.catalog ? s.catalog->forum.utc_offset_min : 0;
    char sign = off < 0 ? '-' : '+';
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, std::abs(off) / 60, std::abs(off) % 60);
    std::string text = now_text + (now_text.size() == 16 ? ":00" : "") + buf;
    auto instant = db::ParseInstant(text);
    if (!instant) {
      std::cerr << "forum-kiosk: --now wants the venue's local time, e.g. 2022-09-29T11:00\n";
      return 2;
    }
    fixed_now = instant->utc;
  }

  window->SetRotation(config.rotation);
  float ppmm = window->PxPerMm();
  s.metrics = app::MetricsFor(ppmm);
  platform::FontSet fonts;
  // The type scale follows the screen's density, 1.3 times larger in the larger-text mode.
  bool fonts_large = s.large_text;
  auto build_fonts = [&] {
    fonts_large = s.large_text;
    return fonts.Build(app::TextForGlyphs(s.catalog.get()), ppmm / 3.6f * (s.large_text ? 1.3f : 1.0f), s.fonts, error);
  };
  if (!build_fonts()) {
    std::cerr << "forum-kiosk: " << error << "\n";
    return 1;
  }
  for (ImWchar c : fonts.missing())  // `kiosk-snapshot validate` names the strings
    std::cerr << "forum-kiosk: warning: no glyph for " << platform::DescribeCodepoint(c) << " in the fonts\n";
  app::ApplyTheme(ppmm / 3.6f);
  // Logos decode on a worker while the first frames draw; replaced with the catalog.
  auto textures = std::make_unique<platform::TextureCache>(s.catalog);
  s.texture = [&textures](const std::string& id) { return textures->Get(id); };

  // New snapshots arrive from the watcher's thread; the UI thread swaps them in at a frame boundary.
  std::mutex pending_mu;
  std::shared_ptr<const db::Catalog> pending;  // guarded by pending_mu
  // Called off the UI thread (the watcher, a staff reload): completes the catalog and wakes the loop.
  auto hand_over = [&](const db::Catalog& loaded) {
    db::CatalogData data = loaded;
    app::AddDefaultUiStrings(data);
    auto next = db::Catalog::Make(std::move(data));
    std::lock_guard<std::mutex> lock(pending_mu);
    pending = std::move(next);
    platform::Window::Wake();
  };
  std::unique_ptr<platform::InboxWatcher> watcher;
  if (installer)
    watcher = std::make_unique<platform::InboxWatcher>(
        std::move(installer), config.inboxes, config.rescan_s, config.settle_s, [&](db::Installed installed) {
          std::cerr << "forum-kiosk: installed " << installed.path << " (content version " << installed.version << ")\n";
          hand_over(*installed.catalog);
        });
  std::future<void> reloading;  // a staff reload, loading off the UI thread
  std::string font_problem;     // the last failed font rebuild, for the staff panel

  // The loop draws only when something changed: input, an animation, or a timer (the idle reset, the clock's
  // next minute for "now / next"). Otherwise it sleeps in Wait().
  int settle = 4;  // frames to draw after a change: ImGui settles layout and item states over a few frames
  int frames = 0;
  platform::Watchdog watchdog;  // systemd: a hung loop stops the pings and gets restarted
  const double started_s = window->Now();
  double frame_ms = 0, info_at = -1;
  if (start_attract) {  // attract/SLIDE: that slide of the loop, already faded in
    s.attract = true;
    s.attract_since = started_s - (detail.empty() ? 0 : std::atof(detail.c_str())) * app::kAttractSlideS - 1;
  }
  if (start_staff) s.staff.open = true;
  if (start_pin) s.staff.pin_pad = true;  // the PIN pad as staff see it (nothing can be unlocked without the PIN)
  // --report: the touch targets of each frame and what the screen shows, written after the frame (never
  // inside it) when it changed. `buttons` counts the presses and releases received, `rest` says that no
  // frame is pending: a test that sent a tap waits for a report with all its button events counted, at rest.
  std::vector<app::AppState::Target> targets;
  if (!report.empty()) s.targets = &targets;
  std::string last_report;
  while (!window->CloseRequested()) {
    double now_s = window->Now();
    s.now_utc = fixed_now ? fixed_now : SystemNow();
    double timeout = 60.0 - std::fmod(static_cast<double>(s.now_utc), 60.0);  // the clock's next minute
    timeout = std::min(timeout, std::max(0.02, app::NextTimer(s, now_s)));
    if (watchdog.interval() > 0) timeout = std::min(timeout, watchdog.interval() / 2);
    if (s.staff.open) timeout = std::min(timeout, 1.0);  // the staff panel's figures, once a second
    if (settle > 0 || s.animating || !screenshot.empty()) timeout = 0;
    if (window->Wait(timeout)) {
      s.last_input_s = window->Now();
      settle = 4;
    }
    std::shared_ptr<const db::Catalog> next;
    {
      std::lock_guard<std::mutex> lock(pending_mu);
      next.swap(pending);
    }
    if (next) {  // a new snapshot: swap at this frame boundary, keeping the visitor's place
      s.load_error.clear();
      app::AdoptCatalog(s, std::move(next));
      // A failed rebuild keeps the previous atlas: texts the new snapshot adds may lack glyphs until the
      // next rebuild, which staff are told about.
      if (!build_fonts()) {
        font_problem = "the fonts could not be rebuilt for the new snapshot (" + error + "); the previous ones are kept";
        std::cerr << "forum-kiosk: " << font_problem << "\n";
      }
      else window->ReloadFontTexture();
      textures = std::make_unique<platform::TextureCache>(s.catalog);
      settle = 4;
    }
    if (s.large_text != fonts_large) {  // the larger-text mode was switched: a new type scale
      if (!build_fonts()) {
        font_problem = "the larger text could not be built (" + error + ")";
        std::cerr << "forum-kiosk: " << font_problem << "\n";
      } else {
        window->ReloadFontTexture();
      }
      settle = 4;
    }
    if (s.staff.open && window->Now() - info_at >= 1.0) {  // what staff mode shows, read at the boundary
      info_at = window->Now();
      s.staff_info = StaffInfo(config, s, watcher ? watcher->status() : db::Installer::Status{}, window->Now() - started_s,
                               frame_ms, window->rotation());
      for (const std::string& problem : {font_problem, s.search_error, textures->problem(), stats ? stats->problem() : std::string()})
        if (!problem.empty()) s.staff_info.push_back({"Problem", problem});
    }
    if (textures->Upload()) settle = 4;  // a logo is ready: draw it
    now_s = window->Now();
    if (screenshot.empty() && app::Tick(s, now_s)) settle = 4;  // e.g. the idle reset
    s.time_s = now_s;
    // A screenshot is taken once the screen has settled: a few frames drawn, nothing animating.
    bool capture = !screenshot.empty() && frames >= 8 && !s.animating && !textures->Busy();
    double frame_start = window->Now();
    targets.clear();
    window->BeginFrame();
    app::DrawFrame(s);
    if (!window->EndFrame(capture ? screenshot : std::string(), error,
                          s.high_contrast ? std::function<void(ImDrawData*)>([&](ImDrawData* d) { app::ApplyHighContrast(d, s.catalog.get()); }) : nullptr)) {
      std::cerr << "forum-kiosk: " << error << "\n";
      return 1;
    }
    frame_ms = (window->Now() - frame_start) * 1000;
    if (frames == 0) watchdog.Ready();
    watchdog.Ping(window->Now());
    if (capture) {
      // The glyph audit: a character drawn without a glyph in the atlas shows as U+FFFD.
      if (int n = platform::FallbackGlyphsDrawn(ImGui::GetDrawData())) {
        std::cerr << "forum-kiosk: " << n << " character(s) on this screen have no glyph in the font atlas\n";
        return 3;
      }
      return 0;
    }
    if (!s.actions.empty()) settle = 4;
    app::ApplyActions(s);
    // What staff asked for, carried out here where the platform is.
    for (const std::string& request : std::exchange(s.staff_requests, {})) {
      settle = 4;
      if (request == "quit" && config.allow_quit) {
        watchdog.Stopping();
        return 0;
      }
      if (request == "rotate") window->SetRotation(window->rotation() + 90);
      if (request == "export" && stats) {
        std::string file = (config.data_dir.empty() ? std::string(".") : config.data_dir) + "/usage-" +
                           app::LocalDate(s.now_utc, s.catalog ? s.catalog->forum.utc_offset_min : 0) + ".csv";
        auto written = stats->ExportCsv(file);
        std::cerr << "forum-kiosk: " << (written ? "usage counts written to " + written.value() : written.error().message) << "\n";
      }
      bool idle = !reloading.valid() || reloading.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
      if (request == "reload" && idle) {  // the file shown, read and checked again, swapped like an update
        std::string path = watcher ? watcher->status().current_file : snapshot;
        if (path.empty()) path = snapshot;
        reloading = std::async(std::launch::async, [path, &hand_over] {
          auto failed = db::Guard("reloading " + db::Printable(path), [&] {
            auto again = db::OpenSnapshot(path);
            if (again) hand_over(*again.value());
            else std::cerr << "forum-kiosk: reload: " << again.error().message << "\n";
          });
          if (failed) std::cerr << "forum-kiosk: " << failed->message << "\n";
        });
      }
    }
    if (settle > 0) --settle;
    ++frames;
    if (!report.empty()) {
      int wx = 0, wy = 0;
      window->Position(wx, wy);
      std::string text = app::DescribeScreen(s, targets) + "window " + std::to_string(wx) + " " + std::to_string(wy) +
                         " " + std::to_string(window->width()) + " " + std::to_string(window->height()) + "\n" +
                         "rotation " + std::to_string(window->rotation()) + "\n" + "buttons " + std::to_string(window->ButtonEvents()) + "\n" + "pointer " +
                         (ImGui::IsMousePosValid() ? "over" : "none") + "\n" + "rest " + (settle == 0 && !s.animating ? "1" : "0") + "\n";
      if (text != last_report) {  // a temporary beside it, renamed: the reader never sees half a report
        std::string tmp = report + ".tmp";
        std::ofstream(tmp, std::ios::binary | std::ios::trunc) << text;
        std::rename(tmp.c_str(), report.c_str());
        last_report = std::move(text);
      }
    }
  }
  return 0;
}
