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
#include <iostream>
#include <mutex>

#include "db/install.h"

#include "app/app_state.h"
#include "app/theme.h"
#include "app/ui.h"
#include "app/ui_strings.h"
#include "db/catalog.h"
#include "db/text.h"
#include "platform/config.h"
#include "platform/font_files.h"
#include "platform/inbox_watcher.h"
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
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  // --screen NAME[/ID]: a screen, or a detail on it (exhibitors/astana-hub, agreements/ID, schedule/ID,
  // map/LOCATION) for staff checks and screenshots.
  std::string detail;
  if (auto slash = screen_name.find('/'); slash != std::string::npos) {
    detail = screen_name.substr(slash + 1);
    screen_name.resize(slash);
  }
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
  // With a data folder, snapshots are installed from the inboxes (db/install.h): the kiosk opens the newest
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

  // Load the snapshot off the UI thread while the window and GL context come up.
  auto loading = std::async(std::launch::async, [&installer, snapshot, explicit_snapshot]() -> db::Result<std::shared_ptr<const db::Catalog>> {
    if (installer && !explicit_snapshot)
      if (auto found = installer->Startup()) {
        std::cerr << "forum-kiosk: showing " << found->path << " (" << found->source << ", content version " << found->version << ")\n";
        return found->catalog;
      }
    auto c = db::LoadCatalog(snapshot);
    if (installer && c) installer->Running(snapshot, c.value()->info.content_version, explicit_snapshot ? "--snapshot" : "built-in");
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
    auto catalog = std::make_shared<db::Catalog>(*loaded.value());
    app::AddDefaultUiStrings(*catalog);
    s.catalog = std::move(catalog);
    s.lang = s.catalog->forum.default_language;
    if (!lang.empty()) {
      if (s.catalog->FindLanguage(lang)) s.lang = lang;
      else std::cerr << "forum-kiosk: language '" << lang << "' is not in the snapshot; using " << s.lang << "\n";
    }
  } else {
    s.load_error = loaded.error().message;
    std::cerr << "forum-kiosk: " << s.load_error << "\n";
  }
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

  float ppmm = window->PxPerMm();
  s.metrics = app::MetricsFor(ppmm);
  platform::FontSet fonts;
  if (!fonts.Build(app::TextForGlyphs(s.catalog.get()), ppmm / 3.6f, s.fonts, error)) {
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
  std::unique_ptr<platform::InboxWatcher> watcher;
  if (installer)
    watcher = std::make_unique<platform::InboxWatcher>(
        std::move(installer), config.inboxes, config.rescan_s, config.settle_s, [&](db::Installed installed) {
          auto next = std::make_shared<db::Catalog>(*installed.catalog);
          app::AddDefaultUiStrings(*next);
          std::cerr << "forum-kiosk: installed " << installed.path << " (content version " << installed.version << ")\n";
          std::lock_guard<std::mutex> lock(pending_mu);
          pending = std::move(next);
          platform::Window::Wake();
        });

  // The loop draws only when something changed: input, an animation, or a timer (the idle reset, the clock's
  // next minute for "now / next"). Otherwise it sleeps in Wait().
  int settle = 4;  // frames to draw after a change: ImGui settles layout and item states over a few frames
  int frames = 0;
  while (!window->CloseRequested()) {
    double now_s = window->Now();
    s.now_utc = fixed_now ? fixed_now : SystemNow();
    double timeout = 60.0 - std::fmod(static_cast<double>(s.now_utc), 60.0);  // the clock's next minute
    timeout = std::min(timeout, std::max(0.02, app::NextTimer(s, now_s)));
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
      if (!fonts.Build(app::TextForGlyphs(s.catalog.get()), ppmm / 3.6f, s.fonts, error)) {
        std::cerr << "forum-kiosk: " << error << "\n";
        return 1;
      }
      window->ReloadFontTexture();
      textures = std::make_unique<platform::TextureCache>(s.catalog);
      settle = 4;
    }
    if (textures->Upload()) settle = 4;  // a logo is ready: draw it
    now_s = window->Now();
    if (screenshot.empty() && app::Tick(s, now_s)) settle = 4;  // e.g. the idle reset
    s.time_s = now_s;
    // A screenshot is taken once the screen has settled: a few frames drawn, nothing animating.
    bool capture = !screenshot.empty() && frames >= 8 && !s.animating && !textures->Busy();
    window->BeginFrame();
    app::DrawFrame(s);
    if (!window->EndFrame(capture ? screenshot : std::string(), error)) {
      std::cerr << "forum-kiosk: " << error << "\n";
      return 1;
    }
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
    if (settle > 0) --settle;
    ++frames;
  }
  return 0;
}
