// forum-kiosk: wires db (the snapshot), platform (window, fonts) and app (screens) together.
//   forum-kiosk [--snapshot FILE] [--windowed WxH] [--screen S] [--lang CODE] [--now 2022-09-29T11:00]
//               [--screenshot FILE.png] [--config FILE] [--report FILE] [--a11y MODES]
//               [--set-pin] [--export-stats FILE]             (app/kiosk/options.h)
// Exit codes: 0 ok, 1 cannot run (no display, no fonts), 2 wrong usage, 3 a screenshot was saved but shows a
// character without a glyph (the glyph audit of --screenshot).
// The snapshot is loaded on a worker thread while the window opens. A missing or invalid snapshot shows a
// calm message for staff (and is logged to stderr); the program never shows a crash.
//
// main() runs the kiosk's lifecycle in named phases, as hello_imgui's runner callbacks do:
//   [SECTION] StartUp       configuration, installer, usage counts, the snapshot, window, fonts, watcher
//   [SECTION] WaitForWork   sleep until input, a timer, or a new snapshot
//   [SECTION] BeforeFrame   swap a new snapshot in, rebuild fonts, staff figures, logos, the idle timers
//   [SECTION] Frame         draw and present (and the --screenshot capture, which ends the program)
//   [SECTION] AfterRender   apply the visitor's actions, carry out staff requests, write the --report
//   [SECTION] ShutDown      tell the supervisor when staff quit; the rest is the Kiosk's destructor
#include <imgui.h>
#include <malloc.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "app/kiosk/options.h"
#include "app/kiosk/source_watcher.h"
#include "app/kiosk/staff_tools.h"
#include "app/map/map_geometry.h"
#include "app/map/map_marks.h"
#include "app/state/app_state.h"
#include "app/state/format.h"
#include "app/state/report.h"
#include "app/state/search_runner.h"
#include "app/state/swap.h"
#include "app/theme.h"
#include "app/ui.h"
#include "db/base/text.h"
#include "db/field/fleet.h"
#include "db/field/install.h"
#include "db/field/stats.h"
#include "db/model/catalog.h"
#include "db/snapshot/validate.h"
#include "platform/background.h"
#include "platform/config.h"
#include "fonts/font_files.h"
#include "platform/fonts.h"
#include "platform/inbox_watcher.h"
#include "platform/pin.h"
#include "platform/textures.h"
#include "platform/watchdog.h"
#include "platform/window.h"

namespace {

// Frames drawn after any change (input, a swap, a logo, an action): ImGui settles over a few frames (a
// window's size, a hovered or active item and a scroll position are known only a frame after they are
// submitted), so one frame after a change can show a state that is already out of date; 4 is enough for
// every screen and costs nothing when idle.
constexpr int kSettleFrames = 4;

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// What a catalog needs before it is shown, made off the UI thread so that the UI thread only uploads and
// switches: its font atlas (platform::FontSet::Prepare: the text gathered, FreeType, the packing: 100-200 ms
// at 20,000 exhibitors) and its map's extents and fills (app::MakeMapCache: milliseconds at 20,000 booths,
// a frame's budget). `map` is empty without a catalog, or when it could not be made (the map makes it then).
struct Prepared {
  platform::PreparedFonts fonts;
  app::AppState::MapCache map;
};
// A Prepared being made on a worker: `ready` holds it; `worker` is the thread (waited for when the job is
// destroyed). `background`: at a lower priority than the frames, and the loop is woken once `ready` is set
// (a swap); else the start-up, which waits on `ready`.
struct PrepJob {
  std::future<Prepared> ready;
  std::future<void> worker;
};
// The start-up's snapshot and its atlas, when the window came up before they were ready (StartLoadingView).
struct Opened {
  db::Result<std::shared_ptr<const db::Catalog>> catalog = db::Error{"not loaded"};
  Prepared prepared;
};
// The kiosk's long-lived state, owned by main for the life of the program. Members are destroyed in
// reverse order: the reload and the watcher (whose threads offer snapshots to `handover`) go before it,
// the logo textures and fonts before the window and its GL context.
struct Kiosk {
  explicit Kiosk(kiosk::Options o) : opt(std::move(o)) {}
  Kiosk(const Kiosk&) = delete;
  Kiosk& operator=(const Kiosk&) = delete;

  kiosk::Options opt;
  platform::Config config;
  std::unique_ptr<db::Installer> installer;  // until the watcher takes it
  std::unique_ptr<db::UsageStats> stats;     // null: usage is not counted
  std::unique_ptr<platform::Window> window;
  app::AppState s;
  std::unique_ptr<app::SearchRunner> searcher;  // s.searcher: the visitor's searches, off the UI thread
  platform::FontSet fonts;
  float ppmm = 3.6f;          // the screen's pixels per millimetre
  bool fonts_large = false;   // the type scale the fonts were built for (AppState::large_text)
  std::string font_problem;   // the last failed font rebuild, for the staff panel
  std::string error;          // the platform's last error
  std::unique_ptr<platform::TextureCache> textures;  // the logos of s.catalog, decoded on a worker
  app::CatalogHandOver handover{[] { platform::Window::Wake(); }};
  std::unique_ptr<platform::InboxWatcher> watcher;
  // --sources: the live preview's last build, from its thread to the next frame boundary (TakePreview).
  std::mutex preview_mu;
  std::optional<app::PreviewStatus> preview_pending;  // guarded by preview_mu
  std::unique_ptr<kiosk::SourceWatcher> preview;      // before the members its thread uses are destroyed
  std::future<void> reloading;  // a staff reload, loading off the UI thread
  std::future<void> route_prep;  // the routes from "you are here" of the catalog shown, prepared off the UI thread
  // A swap in two steps: the snapshot taken from the hand-over waits here while its atlas and map are
  // prepared on a worker (Prepared); all are adopted at the boundary after that (SwapInNewSnapshot). Null: no swap under way.
  std::shared_ptr<const db::Catalog> incoming;
  PrepJob incoming_prep;
  bool incoming_large = false;    // the type scale incoming_prep's atlas is built for
  // A snapshot still being opened when the window came up (thousands of exhibitors): the loading view shows
  // until its catalog and atlas are ready here, then both are taken at one boundary (FinishOpening).
  // Invalid once taken, or when the snapshot was ready in time.
  std::future<Opened> opening;
  std::future<void> opening_worker;  // the waiter that fulfils `opening`
  float opening_ppmm = 0;            // the density opening's atlas is made for
  std::future<void> releasing;    // the catalog swapped out, freed off the UI thread
  bool trim_due = false;          // a new catalog's workers are at work: hand their scratch back once they are done
  platform::Watchdog watchdog;  // systemd: a hung loop stops the pings and gets restarted
  int64_t fixed_now = 0;        // --now, UTC; 0 = the system clock
  int settle = kSettleFrames;   // frames still to draw after the last change
  int frames = 0;
  double started_s = 0, frame_ms = 0, info_at = -1;
  double frame_begin_s = 0;   // when the wait for work ended: the frame's own work starts here
  double next_frame_s = 0;    // the earliest start of the next frame drawn back to back (the refresh rate)
  std::ofstream frame_log;    // --frame-log
  bool quitting = false;        // staff asked to quit
  // --report: the touch targets of each frame, and the last report written.
  std::vector<app::AppState::Target> targets;
  std::string last_report;
};

// [SECTION] StartUp -----------------------------------------------------------------------------------

// The configuration (a bad value is reported and that key keeps its default; the kiosk always starts), the
// installer when there is a data folder, and the usage counts.
void OpenConfiguration(Kiosk& k) {
  if (!k.opt.config_path.empty()) {
    std::vector<std::string> problems;
    k.config = platform::LoadConfig(k.opt.config_path, problems);
    for (const auto& p : problems) std::cerr << "forum-kiosk: " << p << "\n";
  }
  const platform::Config& config = k.config;
  // With a data folder, snapshots are installed from the inboxes (db/field/install.h): the kiosk opens the
  // newest installed snapshot that passes its checks, else the last-known-good, else the one built in.
  if (!config.data_dir.empty()) {
    db::InstallOptions o;
    o.data_dir = config.data_dir;
    o.inboxes = config.inboxes;
    o.trusted = config.trusted_keys;
    o.allow_unsigned = config.allow_unsigned;
    o.max_bytes = config.max_snapshot_mb << 20;
    o.settle_s = config.settle_s;
    o.pair_grace_s = config.pair_grace_s;
    o.rejected_max_bytes = (config.rejected_max_mb ? config.rejected_max_mb : 2 * config.max_snapshot_mb) << 20;
    o.log = [](const std::string& line) { std::cerr << "forum-kiosk: " << line << "\n"; };  // one line each, for the journal
    o.kiosk_id = config.kiosk_id;
    k.installer = std::make_unique<db::Installer>(std::move(o));
    if (config.trusted_keys.empty() && !config.allow_unsigned)
      std::cerr << "forum-kiosk: no trusted_keys in the configuration: every snapshot in the inboxes will be refused\n";
  }
  // Usage counts: a database beside the installed snapshots (or where stats_db says).
  std::string stats_path = !config.stats_db.empty() ? config.stats_db
                         : !config.data_dir.empty() ? config.data_dir + "/stats.db" : std::string();
  if (!stats_path.empty()) {
    auto opened = db::UsageStats::Open(stats_path);
    if (opened) k.stats = std::move(opened.value());
    else std::cerr << "forum-kiosk: " << opened.error().message << " (usage is not counted)\n";
  }
}

// --export-stats: the usage counts as CSV, then exit. Returns the exit code.
int ExportStats(Kiosk& k) {
  if (!k.stats) {
    std::cerr << "forum-kiosk: --export-stats needs a configuration with data_dir or stats_db\n";
    return 2;
  }
  auto written = k.stats->ExportCsv(k.opt.export_stats);
  if (!written) {
    std::cerr << "forum-kiosk: " << written.error().message << "\n";
    return 1;
  }
  std::cout << "wrote " << written.value() << "\n";
  return 0;
}

// The snapshot, loaded off the UI thread while the window and GL context come up. Every snapshot goes
// through db::OpenSnapshot, validate's own checks: --snapshot and the built-in one too.
std::future<db::Result<std::shared_ptr<const db::Catalog>>> StartLoading(Kiosk& k) {
  return std::async(std::launch::async, [installer = k.installer.get(), snapshot = k.opt.snapshot,
                                         explicit_snapshot = k.opt.explicit_snapshot]() -> db::Result<std::shared_ptr<const db::Catalog>> {
    // Below the UI thread: the window, its first frame and the loading view's come first when they and the
    // checks (on two cores: db::CheckSnapshot's second thread inherits this priority) want the same core;
    // the UI then sleeps, and the checks have both cores.
    platform::RunInBackground();
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
}

// --sources DIR: the preview's thread builds the folder at once; that first build is what the kiosk opens with
// (awaited as a snapshot file would be), later good builds are offered to the hand-over like installed
// updates (their content versions are the build numbers, so they only go forward). Every build's problems go
// to the panel (app/state/preview.h) and to stderr.
std::future<db::Result<std::shared_ptr<const db::Catalog>>> StartPreview(Kiosk& k) {
  auto first = std::make_shared<std::promise<db::Result<std::shared_ptr<const db::Catalog>>>>();
  auto opened = first->get_future();
  k.preview = std::make_unique<kiosk::SourceWatcher>(k.opt.sources, [&k, first, shown = 0](kiosk::SourceBuild b) mutable {
    const std::string& dir = k.opt.sources;
    db::Diagnostics d;
    for (const auto& x : b.problems) d.Add(x);
    for (const auto& x : b.problems) std::cerr << db::Format(x) << "\n";
    if (b.catalog) shown = b.number;
    std::cerr << "forum-kiosk: preview build " << b.number << " of " << dir << ": "
              << (b.catalog ? "shown" : db::ErrorSummary(d) + ", the screen keeps build " + std::to_string(shown)) << " ("
              << d.warning_count() << " warning(s), " << b.seconds << " s)\n";
    app::PreviewStatus status{dir, b.number, shown, !b.catalog, b.seconds, std::move(b.problems)};
    const bool opening = first != nullptr;
    if (first) {  // the window does not exist yet: nothing to wake
      first->set_value(b.catalog ? db::Result<std::shared_ptr<const db::Catalog>>(b.catalog)
                                 : db::Error{"the sources in " + dir + " have errors: " + db::ErrorSummary(d)});
      first.reset();
    } else {
      // Offered before its status is posted: the status of a build waits for that build's swap
      // (BeforeFrame), so the panel never says a build is shown before it is.
      std::string why;
      if (b.catalog && !k.handover.Offer(std::move(b.catalog), app::SwapOrigin::Update, 0, &why))
        std::cerr << "forum-kiosk: preview build " << b.number << " is not shown: " << why << "\n";
    }
    {
      std::lock_guard<std::mutex> lock(k.preview_mu);
      k.preview_pending = std::move(status);
    }
    if (!opening) platform::Window::Wake();  // (while the window opens, GLFW must not be called from here)
  });
  return opened;
}

// The loaded snapshot as is (the built-in UI strings are a fallback the lookups consult, not a copy) and the
// language (--lang, else the configuration's, else the forum's), or why it could not be opened.
void ShowLoaded(Kiosk& k, db::Result<std::shared_ptr<const db::Catalog>> loaded) {
  app::AppState& s = k.s;
  const platform::Config& config = k.config;
  const std::string& lang = k.opt.lang;
  if (loaded) {
    s.catalog = std::move(loaded.value());
    s.lang = s.catalog->forum.default_language;
    if (!lang.empty()) {
      if (s.catalog->FindLanguage(lang)) s.lang = lang;
      else std::cerr << "forum-kiosk: language '" << lang << "' is not in the snapshot; using " << s.lang << "\n";
    }
  } else {
    s.load_error = loaded.error().message;
    std::cerr << "forum-kiosk: " << s.load_error << "\n";
  }
  if (s.catalog && s.lang == s.catalog->forum.default_language && s.catalog->FindLanguage(config.default_language) && lang.empty())
    s.lang = config.default_language;
  k.handover.Showing(s.catalog.get());
}

// What the configuration says about visits, staff mode and where this kiosk stands (no catalog needed).
void ApplyConfiguration(Kiosk& k) {
  app::AppState& s = k.s;
  const platform::Config& config = k.config;
  s.idle_timeout_s = config.idle_timeout_s;
  s.default_language = config.default_language;
  s.has_position = config.has_position;
  s.here_x = float(config.here_x);
  s.here_y = float(config.here_y);
  s.here_facing_deg = float(config.here_facing_deg);
  s.here_level = config.here_level;
  s.can_quit = config.allow_quit;
  if (!config.staff_pin_hash.empty())
    s.verify_pin = [hash = config.staff_pin_hash](const std::string& pin) { return platform::VerifyPin(hash, pin); };
  if (k.stats)
    s.count = [&s, stats = k.stats.get()](const std::string& event) {
      stats->Count(app::LocalDate(s.now_utc, s.catalog ? s.catalog->forum.utc_offset_min : 0), event);
    };
}

// Floods the routing mesh from "you are here" on a worker (db::Router::Prepare: milliseconds, more at
// thousands of booths), so that Route is ready within the frame it is tapped in; a route asked for before
// that goes by A*, the same way, only slower. The previous catalog's flood, if still running, is waited for
// first (it holds its catalog, not the shown one).
void PrepareRoutes(Kiosk& k) {
  db::Point here;
  int level = 0;
  if (!k.s.catalog || k.s.catalog->Routes().empty() || !app::HerePoint(k.s, here, &level)) return;
  if (k.route_prep.valid()) k.route_prep.wait();
  k.route_prep = std::async(std::launch::async, [c = k.s.catalog, here, level] {
    platform::RunInBackground();
    if (auto failed = db::Guard("preparing the routes", [&] { c->Routes().Prepare(here, level); }))
      std::cerr << "forum-kiosk: " << failed->message << "\n";  // routes then go by A*
  });
}

// --a11y and --screen: the modes and the screen (and detail) to start on.
void OpenStartScreen(Kiosk& k) {
  app::AppState& s = k.s;
  for (int i = 0; i < app::kA11yModeCount; ++i)
    if (k.opt.a11y.find(app::kA11yModeNames[i]) != std::string::npos)
      s.Do({.kind = app::Action::Kind::Toggle, .mode = static_cast<app::A11yMode>(i)});
  app::ApplyActions(s);
  const app::Screen first = k.opt.first_screen;
  const std::string& detail = k.opt.detail;
  s.screen = first;
  if (!detail.empty() && first == app::Screen::Search) {
    s.Do({.kind = app::Action::Kind::Type, .id = detail});  // search/QUERY: the results for QUERY
    app::ApplyActions(s);
  } else if (first == app::Screen::Map && detail.rfind("route/", 0) == 0) {
    s.Do({.kind = app::Action::Kind::Route, .id = detail.substr(6)});  // map/route/ID: the route from "you are here"
    app::ApplyActions(s);
  } else if (first == app::Screen::Map && detail.rfind("nearest/", 0) == 0) {
    s.Do({.kind = app::Action::Kind::RouteNearest, .id = detail.substr(8)});  // map/nearest/toilet
    app::ApplyActions(s);
  } else if (!detail.empty()) {
    using K = app::Action::Kind;
    K kind = first == app::Screen::Exhibitors ? K::OpenExhibitor
           : first == app::Screen::Agreements ? K::OpenAgreement
           : first == app::Screen::Schedule ? K::OpenSession : K::ShowOnMap;
    s.Do({.kind = kind, .id = detail});
    app::ApplyActions(s);
  }
}

// --now: the venue's local time (the snapshot's UTC offset) as a fixed UTC clock. False: a usage error.
bool FixClock(Kiosk& k) {
  const std::string& now_text = k.opt.now_text;
  if (now_text.empty()) return true;
  int off = k.s.catalog ? k.s.catalog->forum.utc_offset_min : 0;
  char sign = off < 0 ? '-' : '+';
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, std::abs(off) / 60, std::abs(off) % 60);
  auto instant = db::ParseInstant(now_text + (now_text.size() == 16 ? ":00" : "") + buf);
  if (!instant) {
    std::cerr << "forum-kiosk: --now wants the venue's local time, e.g. 2022-09-29T11:00\n";
    return false;
  }
  k.fixed_now = instant->utc;
  return true;
}

// The font atlas is built for every character the catalog's text and the preview's messages hold, at a type
// scale that follows the screen's density, 1.3 times larger in the larger-text mode.
float FontScale(float ppmm, bool large) { return ppmm / 3.6f * (large ? 1.3f : 1.0f); }
// The one recipe of every atlas: `c`'s text and `extra` at the type scale of `ppmm` and the larger-text mode.
// Any thread.
platform::PreparedFonts PrepareFor(const db::Catalog* c, const std::string& extra, float ppmm, bool large,
                                   const std::vector<platform::FontFace>& faces) {
  return platform::FontSet::Prepare(app::TextForGlyphs(c) + extra, FontScale(ppmm, large), faces);
}
// The faces of the app's type scale, adopted into k.s.fonts.
std::vector<platform::FontFace> Faces(Kiosk& k) { return platform::FontSet::Faces(app::TypeScale(), k.s.fonts); }
std::string PreviewText(const Kiosk& k) {
  std::string text;
  if (k.s.preview)  // the preview's messages quote the sources: names, cells
    for (const auto& d : k.s.preview->problems) text += d.file + d.field + d.message + k.s.preview->sources;
  return text;
}

// What `catalog` needs before it is shown, prepared on a worker (PrepJob).
PrepJob PrepareCatalog(std::shared_future<db::Result<std::shared_ptr<const db::Catalog>>> catalog, std::string extra, float ppmm,
                       bool large, std::vector<platform::FontFace> faces, bool background) {
  auto result = std::make_shared<std::promise<Prepared>>();
  PrepJob job{result->get_future(), {}};
  job.worker = std::async(std::launch::async, [result, catalog = std::move(catalog), extra = std::move(extra), ppmm, large,
                                               faces = std::move(faces), background] {
    if (background) platform::RunInBackground();
    Prepared prepared;
    if (auto failed = db::Guard("preparing the snapshot's fonts and map", [&] {
          const auto& c = catalog.get();
          prepared.fonts = PrepareFor(c ? c.value().get() : nullptr, extra, ppmm, large, faces);
          if (c) prepared.map = app::MakeMapCache(*c.value());
        }))
      std::cerr << "forum-kiosk: " << failed->message << "\n";
    result->set_value(std::move(prepared));
    if (background) platform::Window::Wake();  // after the value is set: a loop woken before would sleep on
  });
  return job;
}
PrepJob PrepareCatalog(Kiosk& k, std::shared_ptr<const db::Catalog> catalog) {
  std::promise<db::Result<std::shared_ptr<const db::Catalog>>> ready;
  ready.set_value(std::move(catalog));
  return PrepareCatalog(ready.get_future().share(), PreviewText(k), k.ppmm, k.s.large_text, Faces(k), true);
}

// A prepared atlas made ImGui's (the next frame uploads it); a failed one keeps the previous atlas, and staff are told
// (`failed` and `after` frame the reason).
void AdoptFonts(Kiosk& k, platform::PreparedFonts prepared, bool large, const char* failed, const char* after) {
  k.fonts_large = large;  // tried for this scale: a failure is not retried every frame
  if (k.fonts.Adopt(std::move(prepared), Faces(k), k.error)) return;  // the next frame uploads it
  k.font_problem = failed + (" (" + k.error + ")") + after;
  std::cerr << "forum-kiosk: " << k.font_problem << "\n";
}

// The atlas for the catalog shown, built at once on the UI thread: a change of type scale, the preview's
// messages.
void RebuildFonts(Kiosk& k, const char* failed, const char* after) {
  AdoptFonts(k, PrepareFor(k.s.catalog.get(), PreviewText(k), k.ppmm, k.s.large_text, Faces(k)), k.s.large_text, failed, after);
}

// hello_imgui's LoadAdditionalFonts: the screen's density, the metrics, the fonts (prepared while the
// window opened, for the catalog shown) and the theme. False when no font could be built.
bool LoadFonts(Kiosk& k, platform::PreparedFonts fonts, float prepared_ppmm) {
  k.window->SetRotation(k.config.rotation);
  k.ppmm = k.window->PxPerMm();
  k.s.metrics = app::MetricsFor(k.ppmm);
  if (prepared_ppmm != k.ppmm || k.s.large_text)  // prepared for another scale (the window's screen, --a11y)
    fonts = PrepareFor(k.s.catalog.get(), "", k.ppmm, k.s.large_text, Faces(k));
  if (!k.fonts.Adopt(std::move(fonts), Faces(k), k.error)) {
    std::cerr << "forum-kiosk: " << k.error << "\n";
    return false;
  }
  k.fonts_large = k.s.large_text;
  for (ImWchar c : k.fonts.missing())  // `kiosk-snapshot validate` names the strings
    std::cerr << "forum-kiosk: warning: no glyph for " << fonts::DescribeCodepoint(c) << " in the fonts\n";
  app::ApplyTheme(k.ppmm / 3.6f);
  return true;
}

// With an outbox: after a look at the inboxes, the heartbeat for the fleet view (db/field/fleet.h), when
// something changed or heartbeat_s has passed. Runs on the watcher's thread; owns its own copy of what it
// needs.
std::function<void(const db::Installer::Status&)> HeartbeatWriter(const Kiosk& k) {
  if (k.config.outbox.empty()) return nullptr;
  return [outbox = k.config.outbox, id = k.config.kiosk_id, data = k.config.data_dir, every = k.config.heartbeat_s,
          started = SystemNow(), last_s = int64_t(0), last_key = std::string()](const db::Installer::Status& st) mutable {
    int64_t now = SystemNow();
    std::string key = std::to_string(st.current_version) + st.State() + std::to_string(st.installed) + std::to_string(st.refused) + st.last_problem;
    if (key == last_key && now - last_s < every) return;
    auto written = db::WriteHeartbeat(outbox, db::MakeHeartbeat(id, st, now - started, data, now));
    if (!written) std::cerr << "forum-kiosk: " << written.error().message << "\n";
    last_s = now, last_key = key;
  };
}

// The logos of the catalog shown (decoded on a worker while the first frames draw).
void ShowLogos(Kiosk& k) {
  k.textures = std::make_unique<platform::TextureCache>(k.s.catalog);
  k.s.texture = [&k](const std::string& id) { return k.textures->Get(id); };
  k.trim_due = true;
}

// The logos, and the inbox watcher, whose thread offers the snapshots it installs to the hand-over.
void StartWatching(Kiosk& k) {
  ShowLogos(k);
  if (!k.installer) return;
  k.watcher = std::make_unique<platform::InboxWatcher>(
      std::move(k.installer), k.config.inboxes, k.config.rescan_s, k.config.settle_s,
      [&handover = k.handover](db::Installed installed) {
        std::string why;
        if (!handover.Offer(std::move(installed.catalog), app::SwapOrigin::Update, 0, &why))
          std::cerr << "forum-kiosk: " << installed.path << " is not shown: " << why << "\n";
      },
      HeartbeatWriter(k));
}

// The views that are not screens (--screen attract/SLIDE, staff, pin) and the --report hook.
void OpenStartView(Kiosk& k) {
  app::AppState& s = k.s;
  k.started_s = k.window->Now();
  if (k.opt.start_attract) {  // attract/SLIDE: that slide of the loop, already faded in
    s.attract = true;
    s.attract_since = k.started_s - (k.opt.detail.empty() ? 0 : std::atof(k.opt.detail.c_str())) * app::kAttractSlideS - 1;
  }
  if (k.opt.start_staff) s.staff.open = true;
  if (k.opt.start_pin) s.staff.pin_pad = true;  // the PIN pad as staff see it (nothing can be unlocked without the PIN)
  if (!k.opt.report.empty()) s.targets = &k.targets;
  // From here searches run on their own thread (--screen search/QUERY was answered at once, for its first frame).
  k.searcher = std::make_unique<app::SearchRunner>([] { platform::Window::Wake(); });
  s.searcher = k.searcher.get();
  if (!k.opt.frame_log.empty()) {
    k.frame_log.open(k.opt.frame_log, std::ios::app);
    if (!k.frame_log) std::cerr << "forum-kiosk: cannot write the frame log " << k.opt.frame_log << "\n";
  }
}

// The snapshot the kiosk starts with, its --screen and --now, its fonts and map (prepared with it) and then
// the inbox watcher (the loading thread uses the installer until the snapshot is open). Returns kiosk::kRun,
// or the exit code: 2 for a --now that does not read, 1 when no font could be built.
int ShowFirstSnapshot(Kiosk& k, db::Result<std::shared_ptr<const db::Catalog>> loaded, Prepared prepared, float ppmm) {
  ShowLoaded(k, std::move(loaded));
  k.s.map_cache = std::move(prepared.map);  // the map's own check makes it again if it is not this catalog's
  PrepareRoutes(k);
  OpenStartScreen(k);
  if (!FixClock(k)) return 2;
  if (!LoadFonts(k, std::move(prepared.fonts), ppmm)) return 1;
  StartWatching(k);
  return kiosk::kRun;
}

// How long the window, once up, waits for the snapshot before it shows the loading view instead: the demo
// opens within it (no flash of the loading view), 5,000 exhibitors do not.
constexpr auto kLoadingGrace = std::chrono::milliseconds(100);

// The start-up when the snapshot is not open yet: the loading view from the first frame, with an atlas for
// its own text (the UI's, no catalog), while a waiter takes the snapshot and its atlas as they come and wakes
// the loop (FinishOpening takes them). Returns kiosk::kRun, or the exit code to stop with.
int StartLoadingView(Kiosk& k, std::shared_future<db::Result<std::shared_ptr<const db::Catalog>>> loading, PrepJob prep, float ppmm) {
  k.s.loading = true;
  if (!FixClock(k)) return 2;  // --now's text (the venue's offset comes with the snapshot: set again then)
  if (!LoadFonts(k, PrepareFor(nullptr, "", ppmm, false, Faces(k)), ppmm)) return 1;
  ShowLogos(k);  // none yet
  k.opening_ppmm = ppmm;
  auto result = std::make_shared<std::promise<Opened>>();
  k.opening = result->get_future();
  k.opening_worker = std::async(std::launch::async, [result, loading = std::move(loading), prep = std::move(prep)]() mutable {
    Opened opened;
    if (auto failed = db::Guard("opening the snapshot", [&] {
          opened.catalog = loading.get();
          opened.prepared = prep.ready.get();
        }))
      opened.catalog = *failed;
    result->set_value(std::move(opened));
    platform::Window::Wake();  // after the value is set: a loop woken before would sleep on
  });
  OpenStartView(k);
  return kiosk::kRun;
}

// Everything before the first frame. Returns kiosk::kRun, or the exit code to stop with.
int StartUp(Kiosk& k) {
  OpenConfiguration(k);
  if (!k.opt.export_stats.empty()) return ExportStats(k);
  auto loading = (k.opt.sources.empty() ? StartLoading(k) : StartPreview(k)).share();
  // The font atlas is prepared for the snapshot's text as soon as it is loaded, while the window and its GL
  // context come up (most of the start-up): for the screen's density, which the display tells first.
  if (!platform::Window::OpenDisplay(k.error)) {
    std::cerr << "forum-kiosk: " << k.error << "\n";
    return 1;
  }
  const float ppmm = platform::Window::ScreenPxPerMm();
  auto prep = PrepareCatalog(loading, "", ppmm, false, Faces(k), false);
  k.window = platform::Window::Create(k.opt.window, k.error);
  if (!k.window) {
    std::cerr << "forum-kiosk: " << k.error << "\n";
    return 1;
  }
  ApplyConfiguration(k);
  // A snapshot not open by now (thousands of exhibitors: the checks take seconds) does not hold up the first
  // frame: the loading view shows until it is (a screenshot waits for the screen it was asked for).
  if (k.opt.screenshot.empty() && loading.wait_for(kLoadingGrace) != std::future_status::ready)
    return StartLoadingView(k, std::move(loading), std::move(prep), ppmm);
  if (int rc = ShowFirstSnapshot(k, loading.get(), prep.ready.get(), ppmm); rc != kiosk::kRun) return rc;
  OpenStartView(k);
  return kiosk::kRun;
}

// The rest of the start-up once the loading view's snapshot is open (BeforeFrame): the catalog and its atlas
// at this one boundary, as StartUp shows them. A snapshot that could not be opened shows the staff message,
// as at any start-up; fonts that could not be built keep the loading view's, and staff are told.
void FinishOpening(Kiosk& k) {
  if (k.opening.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  Opened opened = k.opening.get();
  k.s.loading = false;
  if (ShowFirstSnapshot(k, std::move(opened.catalog), std::move(opened.prepared), k.opening_ppmm) == 1)
    k.font_problem = "the fonts for the snapshot could not be built (" + k.error + ")";
  k.settle = kSettleFrames;
}

// [SECTION] WaitForWork ------------------------------------------------------------------------------

// The loop draws only when something changed: input, an animation, or a timer (the idle reset, the clock's
// next minute for "now / next"). Otherwise it sleeps in Wait(); a new snapshot wakes it (the hand-over).
void WaitForWork(Kiosk& k) {
  app::AppState& s = k.s;
  s.now_utc = k.fixed_now ? k.fixed_now : SystemNow();
  double timeout = 60.0 - std::fmod(static_cast<double>(s.now_utc), 60.0);  // the clock's next minute
  timeout = std::min(timeout, std::max(0.02, app::NextTimer(s, k.window->Now())));
  if (k.watchdog.interval() > 0) timeout = std::min(timeout, k.watchdog.interval() / 2);
  if (s.staff.open) timeout = std::min(timeout, 1.0);  // the staff panel's figures, once a second
  if (k.settle > 0 || s.animating || !k.opt.screenshot.empty()) timeout = 0;
  // Frames back to back (a finger dragging, an animation) come at most at the display's refresh rate: where
  // the swap does not wait for the display (Xvfb, a driver without vsync) the loop would otherwise redraw as
  // fast as it can and take every core for frames nobody sees. Input that comes meanwhile waits in the queue.
  if (timeout == 0 && k.opt.screenshot.empty()) {
    double early = k.next_frame_s - k.window->Now();
    if (early > 0) std::this_thread::sleep_for(std::chrono::duration<double>(early));
  }
  if (k.window->Wait(timeout)) {
    s.last_input_s = k.window->Now();
    k.settle = kSettleFrames;
  }
}

// [SECTION] BeforeFrame ------------------------------------------------------------------------------

// The catalog swapped out, freed on a worker with glibc's free pages handed back to the system (a kiosk
// that swaps all week would otherwise keep the high-water mark of every swap: the soak measured +32 MB in
// 5): at 20,000 exhibitors the freeing alone would hold up a frame.
void ReleaseOffThread(Kiosk& k, std::shared_ptr<const db::Catalog> old) {
  if (k.releasing.valid()) k.releasing.wait();
  k.releasing = std::async(std::launch::async, [old = std::move(old)]() mutable {
    platform::RunInBackground();
    if (auto failed = db::Guard("freeing the previous snapshot", [&] {
          old.reset();
          ::malloc_trim(0);
        }))
      std::cerr << "forum-kiosk: " << failed->message << "\n";
  });
}

// A new snapshot, in two steps so that no frame waits for it. First it is taken from the hand-over and its
// font atlas prepared on a worker while the old one stays on screen; at the first boundary after that, it is
// swapped in keeping the visitor's place (app/state/swap.h) with its fonts and logos. A failed font build
// keeps the previous atlas: texts the new snapshot adds may lack glyphs until the next rebuild, which staff
// are told about. A snapshot offered meanwhile waits in the hand-over for the next swap.
bool SwapInNewSnapshot(Kiosk& k) {
  if (k.opening.valid()) return false;  // the start-up's snapshot first (offers wait in the hand-over)
  if (!k.incoming) {
    k.incoming = k.handover.Take();
    if (k.incoming) {
      k.incoming_large = k.s.large_text;
      k.incoming_prep = PrepareCatalog(k, k.incoming);
    }
    return false;
  }
  if (k.incoming_prep.ready.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  std::shared_ptr<const db::Catalog> old = app::AdoptCatalog(k.s, std::move(k.incoming));
  k.incoming = nullptr;
  Prepared prepared = k.incoming_prep.ready.get();
  k.s.map_cache = std::move(prepared.map);
  AdoptFonts(k, std::move(prepared.fonts), k.incoming_large, "the fonts could not be rebuilt for the new snapshot", "; the previous ones are kept");
  ShowLogos(k);  // the old logos' textures go here
  PrepareRoutes(k);
  k.settle = kSettleFrames;
  ReleaseOffThread(k, std::move(old));
  return true;
}

// --sources: the preview's last build into the state the panel draws. True when it had problems to list
// (their text may need glyphs the atlas lacks).
bool TakePreview(Kiosk& k) {
  std::lock_guard<std::mutex> lock(k.preview_mu);
  if (!k.preview_pending) return false;
  k.s.preview = std::move(k.preview_pending);
  k.preview_pending.reset();
  k.settle = kSettleFrames;
  return !k.s.preview->problems.empty();
}

// What staff mode shows, read here at the boundary, once a second while it is open.
void RefreshStaffInfo(Kiosk& k) {
  app::AppState& s = k.s;
  if (!s.staff.open || k.window->Now() - k.info_at < 1.0) return;
  k.info_at = k.window->Now();
  s.staff_info = kiosk::StaffInfo(k.config, s, k.watcher ? k.watcher->status() : db::Installer::Status{},
                                  k.window->Now() - k.started_s, k.frame_ms, k.window->rotation());
  for (const std::string& problem : {k.font_problem, s.search_error, k.textures->problem(), k.stats ? k.stats->problem() : std::string()})
    if (!problem.empty()) s.staff_info.push_back({"Problem", problem});
}

// A touchscreen's pinch or two-finger pan since the last frame, for the map (the only screen that zooms);
// elsewhere it is dropped, and one finger scrolls lists as ever.
void TakeGesture(Kiosk& k) {
  platform::GestureStep g = k.window->TakeGesture();
  if (!g.moved || k.s.screen != app::Screen::Map) return;
  k.s.map_gesture = {true, g.scale, g.focal_x, g.focal_y, g.from_x, g.from_y};
  k.settle = kSettleFrames;
}

// hello_imgui's PreNewFrame: everything that changes what the frame shows, outside the frame.
void BeforeFrame(Kiosk& k) {
  if (k.opening.valid()) FinishOpening(k);
  SwapInNewSnapshot(k);
  // The preview's status after the swap of its build (its catalog offered first), with the glyphs of its
  // messages (a staff tool: built at once).
  if (!k.incoming && !k.opening.valid() && TakePreview(k)) RebuildFonts(k, "the fonts could not be rebuilt for the preview's messages", "");
  if (k.s.large_text != k.fonts_large) {  // the larger-text mode was switched: a new type scale
    RebuildFonts(k, "the larger text could not be built", "");
    k.settle = kSettleFrames;
  }
  RefreshStaffInfo(k);
  if (app::TakeSearchAnswer(k.s)) k.settle = kSettleFrames;
  TakeGesture(k);
  if (k.textures->Upload()) k.settle = kSettleFrames;  // a logo is ready: draw it
  // The workers of a new catalog (its load, atlas, map and logos) leave what they freed in glibc's arenas of
  // their threads, which only a trim hands back (the demo: 3-4 MB): once the logos are all up, on a worker.
  if (k.trim_due && !k.opening.valid() && !k.textures->Busy() &&
      (!k.releasing.valid() || k.releasing.wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
    k.trim_due = false;
    ReleaseOffThread(k, nullptr);
  }
  double now_s = k.window->Now();
  if (k.opt.screenshot.empty() && app::Tick(k.s, now_s)) k.settle = kSettleFrames;  // e.g. the idle reset
  k.s.time_s = now_s;
}

// [SECTION] Frame ------------------------------------------------------------------------------------

// The glyph audit of --screenshot: a character drawn without a glyph in the atlas shows as U+FFFD.
int AuditScreenshot() {
  if (int n = platform::FallbackGlyphsDrawn(ImGui::GetDrawData())) {
    std::cerr << "forum-kiosk: " << n << " character(s) on this screen have no glyph in the font atlas\n";
    return 3;
  }
  return 0;
}

// --frame-log: "frame N T OWN_MS FRAME_MS SCREEN VERTICES" per frame drawn (T: seconds since the window
// opened; VERTICES: what ImGui gave the renderer, the software renderer's main cost). OWN
// is the kiosk's own work: what BeforeFrame does at the boundary (a swap, a font rebuild), the screens, and
// ImGui's Render; FRAME adds the GL backend, the driver's rasterizing and the swap. Buffered: flushed when
// the loop comes to rest, so a benchmark reads whole lines once the screen is still.
void LogFrame(Kiosk& k, double done_s) {
  if (!k.frame_log.is_open()) return;
  char line[160];
  const ImDrawData* d = ImGui::GetDrawData();
  std::snprintf(line, sizeof line, "frame %d %.3f %.3f %.3f %s %d\n", k.frames, k.frame_begin_s - k.started_s,
                (k.window->RenderedAt() - k.frame_begin_s) * 1000, (done_s - k.frame_begin_s) * 1000,
                app::ScreenName(k.s.screen), d ? d->TotalVtxCount : 0);
  k.frame_log << line;
  if (k.settle <= 1 && !k.s.animating) k.frame_log.flush();
}

// hello_imgui's ShowGui and swap: one frame drawn and presented. An exit code when the program ends here
// (a screenshot taken once the screen has settled: a few frames drawn, nothing animating; or a GL error).
std::optional<int> Frame(Kiosk& k) {
  app::AppState& s = k.s;
  bool capture = !k.opt.screenshot.empty() && k.frames >= 8 && !s.animating && !k.textures->Busy();
  k.targets.clear();
  k.window->BeginFrame();
  app::DrawFrame(s);
  auto high_contrast = [&s](ImDrawData* d) { app::ApplyHighContrast(d, s.catalog.get()); };
  if (!k.window->EndFrame(capture ? k.opt.screenshot : std::string(), k.error,
                          s.high_contrast ? std::function<void(ImDrawData*)>(high_contrast) : nullptr,
                          s.high_contrast ? app::HighContrast(s.backdrop) : s.backdrop)) {
    std::cerr << "forum-kiosk: " << k.error << "\n";
    return 1;
  }
  double done_s = k.window->Now();
  k.frame_ms = (done_s - k.frame_begin_s) * 1000;
  LogFrame(k, done_s);
  if (k.frames == 0) k.watchdog.Ready();
  k.watchdog.Ping(k.window->Now());
  if (capture) return AuditScreenshot();
  return std::nullopt;
}

// [SECTION] AfterRender ------------------------------------------------------------------------------

// A staff reload: the file shown, read and checked again off the UI thread, and offered like an update
// but as staff asked for it (it may be older than what is shown; app/state/swap.h). One at a time.
void StartReload(Kiosk& k) {
  if (k.reloading.valid() && k.reloading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  std::string path = k.watcher ? k.watcher->status().current_file : k.opt.snapshot;
  if (path.empty()) path = k.opt.snapshot;
  k.reloading = std::async(std::launch::async, [path, ticket = k.handover.Ticket(), &handover = k.handover] {
    platform::RunInBackground();
    auto failed = db::Guard("reloading " + db::Printable(path), [&] {
      auto again = db::OpenSnapshot(path);
      std::string why;
      if (!again) std::cerr << "forum-kiosk: reload: " << again.error().message << "\n";
      else if (!handover.Offer(std::move(again.value()), app::SwapOrigin::StaffReload, ticket, &why))
        std::cerr << "forum-kiosk: reload of " << db::Printable(path) << " is not shown: " << why << "\n";
    });
    if (failed) std::cerr << "forum-kiosk: " << failed->message << "\n";
  });
}

// What staff asked for (app::StaffRequest), carried out here where the platform is. Sets k.quitting and
// stops at a permitted quit.
void CarryOutStaffRequests(Kiosk& k) {
  app::AppState& s = k.s;
  for (app::StaffRequest request : std::exchange(s.staff_requests, {})) {
    k.settle = kSettleFrames;
    switch (request) {
      case app::StaffRequest::Quit:
        if (!k.config.allow_quit) break;
        k.quitting = true;
        return;
      case app::StaffRequest::Rotate: k.window->SetRotation(k.window->rotation() + 90); break;
      case app::StaffRequest::Export: {
        if (!k.stats) break;
        std::string file = (k.config.data_dir.empty() ? std::string(".") : k.config.data_dir) + "/usage-" +
                           app::LocalDate(s.now_utc, s.catalog ? s.catalog->forum.utc_offset_min : 0) + ".csv";
        auto written = k.stats->ExportCsv(file);
        std::cerr << "forum-kiosk: " << (written ? "usage counts written to " + written.value() : written.error().message) << "\n";
        break;
      }
      case app::StaffRequest::Reload: StartReload(k); break;
    }
  }
}

// --report: what the screen shows and the touch targets of the frame, with what only the platform knows,
// written when it changed. `buttons` counts the presses and releases received, `rest` says that no frame (and no search)
// is pending: a test that sent a tap waits for a report with all its button events counted, at rest.
void WriteReport(Kiosk& k) {
  if (k.opt.report.empty()) return;
  const platform::Window& w = *k.window;
  int wx = 0, wy = 0;
  k.window->Position(wx, wy);
  std::string text = app::DescribeScreen(k.s, k.targets) + "window " + std::to_string(wx) + " " + std::to_string(wy) +
                     " " + std::to_string(w.width()) + " " + std::to_string(w.height()) + "\n" +
                     "rotation " + std::to_string(w.rotation()) + "\n" + "buttons " + std::to_string(k.window->ButtonEvents()) +
                     "\n" + "pointer " + (ImGui::IsMousePosValid() ? "over" : "none") + "\n" +
                     "rest " + (k.settle == 0 && !k.s.animating && k.s.search_asked.empty() && !k.s.loading ? "1" : "0") + "\n";
  if (text == k.last_report) return;
  std::string tmp = k.opt.report + ".tmp";  // a temporary beside it, renamed: the reader never sees half a report
  std::ofstream(tmp, std::ios::binary | std::ios::trunc) << text;
  std::rename(tmp.c_str(), k.opt.report.c_str());
  k.last_report = std::move(text);
}

// hello_imgui's AfterSwap: the frame is on the screen; now what it asked for. False when staff quit.
bool AfterRender(Kiosk& k) {
  if (!k.s.actions.empty()) k.settle = kSettleFrames;
  app::ApplyActions(k.s);
  CarryOutStaffRequests(k);
  if (k.quitting) return false;
  if (k.settle > 0) --k.settle;
  ++k.frames;
  WriteReport(k);
  return true;
}

// [SECTION] ShutDown ---------------------------------------------------------------------------------

// hello_imgui's BeforeExit. A quit by staff is a deliberate stop the supervisor must not restart; a close
// of the window (development) is not reported. The threads stop and the files close in ~Kiosk.
int ShutDown(Kiosk& k) {
  if (k.quitting) k.watchdog.Stopping();
  return 0;
}

// glibc raises its mmap threshold to the largest block freed (up to 32 MB); from then on big buffers come
// from the heap, and their pages stay with the process once freed. Each large-text toggle kept 10-20 MB so
// (the atlas's pixels, Mesa's copy of its texture), until the next swap's malloc_trim: the soak's "growth".
// Fixed thresholds hand any block over 1 MB back when it is freed; bench/frames.sh --quick measured the
// frames the same with and without (2026-12-07). Test: journeys_test, large text on and off.
void HandBigBlocksBack() {
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 2 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  HandBigBlocksBack();
  kiosk::Options options;
  if (int rc = kiosk::ParseOptions(argc, argv, options); rc != kiosk::kRun) return rc;
  if (options.set_pin) return kiosk::SetPin(options.config_path);
  Kiosk k(std::move(options));
  if (int rc = StartUp(k); rc != kiosk::kRun) return rc;
  while (!k.window->CloseRequested()) {
    WaitForWork(k);
    k.frame_begin_s = k.window->Now();
    k.next_frame_s = k.frame_begin_s + k.window->RefreshPeriod();
    BeforeFrame(k);
    if (std::optional<int> rc = Frame(k)) return *rc;
    if (!AfterRender(k)) break;
  }
  return ShutDown(k);
}
