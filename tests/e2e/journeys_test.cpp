// Visitors' journeys on the real kiosk with real input: forum-kiosk full screen under Xvfb, touched through
// the X server (XTest: move, press, release, as an X11 touchscreen's emulated pointer delivers a finger),
// checked against what it reports and against the picture of the expected screen. Screenshots of each step
// land in build/screenshots/journeys. The headless harness (tests/ui) covers fine-grained cases; every kind
// of input it simulates is also sent here for real: taps, double taps, long presses, drags and flicks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>
#include <thread>
#include <chrono>

#include "live_kiosk.h"

namespace fs = std::filesystem;
using e2e::Expected;
using e2e::LiveKiosk;
using e2e::Report;
using e2e::XServer;

namespace {

const char* kNow = "2022-09-28T11:00";

// A kiosk of the demo forum at a fixed time, full screen on a 1920x1080 screen.
struct Journey {
  XServer x;
  LiveKiosk k;
  Journey(const std::string& name, std::vector<std::string> args = {}, int w = 1920, int h = 1080)
      : x(w, h), k(x, With(std::move(args)), name) {}
  static std::vector<std::string> With(std::vector<std::string> args) {
    args.insert(args.begin(), {"--now", kNow});
    return args;
  }
};

// Taps the target and requires that it was on screen.
Report TapOn(LiveKiosk& k, const std::string& key) {
  auto r = k.Tap(key);
  REQUIRE_MESSAGE(r.has_value(), "no target '" << key << "' on screen: " << k.Now().Summary());
  return *r;
}

std::string Dir() { return SCREENSHOT_DIR "/journeys"; }

}  // namespace

TEST_CASE("real taps: every navigation button and every Home tile opens its screen, as the visitor sees it") {
  Journey j("navigation");
  REQUIRE(j.x.ok());
  REQUIRE_MESSAGE(j.k.Settle(), j.k.Log());
  CHECK(j.k.Now().Get("screen") == "home");
  for (const char* screen : {"map", "exhibitors", "agreements", "schedule", "search", "home"}) {
    Report r = TapOn(j.k, std::string(screen) + "/nav");
    CHECK_MESSAGE(r.Get("screen") == screen, "tapped " << screen << "/nav: " << r.Summary());
    // The finger is gone: nothing stays pressed or under a pointer.
    CHECK(r.Get("pointer") == "none");
    // What the visitor sees is that screen, as it is drawn when opened directly.
    e2e::Image seen = j.k.Shot(std::string("nav-") + screen);
    e2e::Image expected = Expected(screen, 1920, 1080, std::string("--now ") + kNow, Dir() + "/expected-" + screen + ".png");
    CHECK_MESSAGE(e2e::Difference(seen, expected) < 0.01, screen << ": the screen after the tap differs from the expected one by "
                                                              << e2e::Difference(seen, expected) * 100 << "% of its pixels");
  }
  for (const char* screen : {"map", "exhibitors", "agreements", "schedule"}) {
    TapOn(j.k, "home/nav");
    Report r = TapOn(j.k, std::string(screen) + "/tile");
    CHECK_MESSAGE(r.Get("screen") == screen, "tapped the " << screen << " tile: " << r.Summary());
  }
  TapOn(j.k, "home/nav");
  CHECK(TapOn(j.k, "search/field").Get("screen") == "search");
  CHECK(j.k.Alive());
}

TEST_CASE("real taps: an exhibitor's card, its profile, show on map with the booth highlighted, and Back") {
  Journey j("exhibitor");
  REQUIRE(j.k.Settle());
  TapOn(j.k, "exhibitors/nav");
  Report r = TapOn(j.k, "astana-hub/card");
  CHECK(r.Get("screen") == "exhibitors");
  CHECK(r.Get("exhibitor") == "astana-hub");
  j.k.Shot("exhibitor-profile");
  r = TapOn(j.k, "show-on-map");
  CHECK(r.Get("screen") == "map");
  CHECK(r.Get("focus") == "booth-a1");
  const e2e::Rect* booth = r.Find("booth/booth-a1");
  REQUIRE(booth);
  // The booth is in view and highlighted: the highlight colour runs along its outline.
  e2e::Image seen = j.k.Shot("exhibitor-on-map");
  int highlight = 0;
  for (int y = std::max(0, int(booth->y0) - 8); y < std::min(seen.h, int(booth->y1) + 8); ++y)
    for (int x = std::max(0, int(booth->x0) - 8); x < std::min(seen.w, int(booth->x1) + 8); ++x) {
      const unsigned char* p = seen.At(x, y);
      highlight += p[0] > 200 && p[1] > 120 && p[1] < 200 && p[2] < 60;  // colors::kHighlight, an amber
    }
  CHECK_MESSAGE(highlight > 200, "highlight pixels around the booth: " << highlight);
  r = TapOn(j.k, "back");
  CHECK_MESSAGE(r.Get("screen") == "exhibitors", r.Summary());
  CHECK(r.Get("exhibitor") == "astana-hub");
}

TEST_CASE("real input on the map: a tap on a booth opens its exhibitor, a drag pans, a double tap and the buttons zoom") {
  Journey j("map");
  REQUIRE(j.k.Settle());
  Report r = TapOn(j.k, "map/nav");
  double zoom = r.Number("map_zoom"), cx = r.Number("map_center"), cy = r.Number("map_center", 1);
  const e2e::Rect* plan = r.Find("plan");
  REQUIRE(plan);
  // A drag pans: the plan moves with the finger (left by 300 px: the centre moves right by 300 / zoom m).
  r = j.k.Drag(plan->cx(), plan->cy(), plan->cx() - 300, plan->cy() + 100, 0.5, 0.2);
  CHECK(r.Get("screen") == "map");
  CHECK(r.Number("map_center") == doctest::Approx(cx + 300 / zoom).epsilon(0.05));
  CHECK(r.Number("map_center", 1) == doctest::Approx(cy + 100 / zoom).epsilon(0.05));
  CHECK(r.Number("map_zoom") == doctest::Approx(zoom));
  j.k.Shot("map-panned");
  // A double tap on the floor zooms in where it lands (every place answers a single tap, so the spot is
  // the aisle between Startup Alley and booth B1).
  const e2e::Rect* alley = r.Find("place/room-startup-alley");
  const e2e::Rect* b1 = r.Find("booth/booth-b1");
  REQUIRE(alley);
  REQUIRE(b1);
  r = j.k.DoubleTapAt((alley->x1 + b1->x0) / 2, b1->cy());
  CHECK_MESSAGE(r.Number("map_zoom") > zoom * 1.3, "zoom " << zoom << " -> " << r.Number("map_zoom"));
  CHECK(r.Get("screen") == "map");
  double zoomed = r.Number("map_zoom");
  r = TapOn(j.k, "zoom-out");
  CHECK(r.Number("map_zoom") < zoomed * 0.9);
  double out = r.Number("map_zoom");
  r = TapOn(j.k, "zoom-in");
  CHECK(r.Number("map_zoom") > out * 1.1);
  // A tap on a booth opens its exhibitor's profile.
  r = TapOn(j.k, "home/nav");
  r = TapOn(j.k, "map/nav");
  r = TapOn(j.k, "booth/booth-a1");
  CHECK_MESSAGE(r.Get("screen") == "exhibitors", r.Summary());
  CHECK(r.Get("exhibitor") == "astana-hub");
}

TEST_CASE("real taps on the on-screen keyboard: search for \"аст\" in Cyrillic, open a result, Back to the results") {
  Journey j("search", {"--lang", "en"});
  REQUIRE(j.k.Settle());
  Report r = TapOn(j.k, "search/field");
  REQUIRE(r.Get("screen") == "search");
  REQUIRE(r.Find("kb/a/key"));  // English starts on the Latin layout
  r = TapOn(j.k, "kb/layout/key");
  CHECK(r.Get("keyboard") == "1");
  for (const char* letter : {"\xD0\xB0", "\xD1\x81", "\xD1\x82"}) TapOn(j.k, std::string("kb/") + letter + "/key");  // а с т
  r = j.k.Settle().value();
  CHECK(r.Get("query") == "\xD0\xB0\xD1\x81\xD1\x82");
  j.k.Shot("search-ast");
  REQUIRE_MESSAGE(r.Find("0/result"), "no results for аст: " << r.Summary());
  r = TapOn(j.k, "0/result");
  CHECK(r.Get("screen") != "search");
  j.k.Shot("search-result-opened");
  r = TapOn(j.k, "back");
  CHECK(r.Get("screen") == "search");
  CHECK(r.Get("query") == "\xD0\xB0\xD1\x81\xD1\x82");
  CHECK(r.Find("0/result"));
  // Backspace held down repeats: a long press of 1.5 s erases the whole query.
  const e2e::Rect* erase = r.Find("kb/backspace/key");
  REQUIRE(erase);
  r = j.k.Hold(erase->cx(), erase->cy(), 1.5);
  CHECK_MESSAGE(r.Get("query").empty(), "left after holding backspace: '" << r.Get("query") << "'");
}

TEST_CASE("real taps: the language picker switches the kiosk to Kazakh") {
  Journey j("language", {"--lang", "en"});
  REQUIRE(j.k.Settle());
  Report r = TapOn(j.k, "language");
  CHECK(r.Overlay("languages"));
  j.k.Shot("language-sheet");
  r = TapOn(j.k, "kk/lang");
  CHECK(r.Get("lang") == "kk");
  CHECK_FALSE(r.Overlay("languages"));
  e2e::Image seen = j.k.Shot("language-kk");
  e2e::Image expected = Expected("home", 1920, 1080, std::string("--now ") + kNow + " --lang kk", Dir() + "/expected-home-kk.png");
  CHECK(e2e::Difference(seen, expected) < 0.01);
}

TEST_CASE("real taps on the schedule: a day tab, a track filter, a session and its room on the map") {
  Journey j("schedule");
  REQUIRE(j.k.Settle());
  Report r = TapOn(j.k, "schedule/nav");
  r = TapOn(j.k, "2/day");  // the second day
  CHECK(r.Get("day") == "2");
  j.k.Shot("schedule-day-2");
  const e2e::Rect* track = nullptr;
  for (const auto& t : r.targets)
    if (t.key.size() > 6 && t.key.compare(t.key.size() - 6, 6, "/track") == 0) { track = &t; break; }
  REQUIRE(track);
  std::string track_id = track->key.substr(0, track->key.size() - 6);
  track_id = track_id.substr(track_id.rfind('/') + 1);
  r = j.k.TapAt(track->cx(), track->cy());
  CHECK(r.Get("track") == track_id);
  j.k.Shot("schedule-track");
  const e2e::Rect* session = nullptr;
  for (const auto& t : r.targets)
    if (t.key.size() > 8 && t.key.compare(t.key.size() - 8, 8, "/session") == 0) { session = &t; break; }
  REQUIRE(session);
  r = j.k.TapAt(session->cx(), session->cy());
  CHECK(!r.Get("session").empty());
  j.k.Shot("schedule-session");
  r = TapOn(j.k, "show-on-map");
  CHECK(r.Get("screen") == "map");
  CHECK(!r.Get("focus").empty());
  j.k.Shot("schedule-room-on-map");
}

TEST_CASE("real taps: the idle warning gives way to a tap, and a tap on the attract loop brings Home") {
  fs::path config = Dir() + "/idle.toml";
  fs::create_directories(Dir());
  std::ofstream(config) << "idle_timeout_s = 30\n";  // the warning comes 20 s before the reset
  Journey j("idle", {"--config", config.string()});
  REQUIRE(j.k.Settle());
  TapOn(j.k, "exhibitors/nav");
  auto warned = j.k.Settle([](const Report& r) { return r.Overlay("idle_warning"); }, 20);
  REQUIRE_MESSAGE(warned, "no idle warning: " << j.k.Now().Summary());
  j.k.Shot("idle-warning");
  Report r = j.k.TapAt(960, 400);
  CHECK_FALSE(r.Overlay("idle_warning"));
  CHECK(r.Get("screen") == "exhibitors");  // the visit goes on where it was

  Journey a("attract", {"--screen", "attract"});
  REQUIRE(a.k.Settle());
  CHECK(a.k.Now().Overlay("attract"));
  a.k.Shot("attract");
  r = a.k.TapAt(960, 540);
  CHECK_FALSE(r.Overlay("attract"));
  CHECK(r.Get("screen") == "home");
}

TEST_CASE("real taps on the accessibility toggles: each turns its mode on, as the visitor sees it, and off again") {
  Journey j("a11y");
  REQUIRE(j.k.Settle());
  // The mean brightness of the screen: high contrast turns the warm paper black.
  auto brightness = [](const e2e::Image& img) {
    double sum = 0;
    for (unsigned char c : img.rgb) sum += c;
    return img.rgb.empty() ? 0.0 : sum / img.rgb.size();
  };
  const double before = brightness(j.k.Shot("a11y-off"));
  for (const char* mode : {"reach", "large_text", "high_contrast"}) {
    Report r = TapOn(j.k, std::string(mode) + "/toggle");
    CHECK_MESSAGE(r.Get(mode) == "1", "tapped " << mode << "/toggle: " << r.Summary());
    CHECK(r.Get("pointer") == "none");
    j.k.Shot(std::string("a11y-") + mode);
  }
  Report on = j.k.Now();
  CHECK(on.Get("reach") == "1");
  CHECK(on.Get("large_text") == "1");
  CHECK(brightness(j.k.Shot("a11y-all")) < before / 2);
  // Reach mode: every target of the screen in the lower half.
  for (const auto& t : on.targets) CHECK_MESSAGE(t.y0 >= 540 - 0.5f, t.key << " at y " << t.y0);
  for (const char* mode : {"reach", "large_text", "high_contrast"}) {
    Report r = TapOn(j.k, std::string(mode) + "/toggle");
    CHECK_MESSAGE(r.Get(mode) == "0", "tapped " << mode << "/toggle again: " << r.Summary());
  }
  CHECK(e2e::Difference(j.k.Shot("a11y-off-again"), e2e::Load(Dir() + "/a11y-off.png")) < 0.01);
}

// Large text builds a larger font atlas (and a larger texture, which Mesa's software renderer keeps in the
// process); visitors switch it on and off all week. What the kiosk holds with it off must not climb with each
// time it was on: the soak saw +10 and +20 MB kept after one toggle each.
TEST_CASE("real taps: large text switched on and off again and again hands its memory back") {
  Journey j("large-text-memory");
  REQUIRE(j.k.Settle());
  auto toggle = [&](const char* want) {
    Report r = TapOn(j.k, "large_text/toggle");
    REQUIRE_MESSAGE(r.Get("large_text") == want, r.Summary());
    REQUIRE(j.k.Settle());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the old atlas is freed off the UI thread
    return e2e::RssKb(j.k.pid());
  };
  std::vector<long> off;
  long on = 0;
  for (int i = 0; i < 6; ++i) {
    on = std::max(on, toggle("1"));
    off.push_back(toggle("0"));
    MESSAGE("large text on/off " << i + 1 << ": RSS " << off.back() << " KB off, at most " << on << " KB on");
  }
  // After the first round (every cache warm), each time off comes back to within 4 MB of the first.
  for (size_t i = 1; i < off.size(); ++i) CHECK_MESSAGE(off[i] - off[0] < 4 * 1024, "round " << i + 1 << ": " << off[i] << " KB against " << off[0]);
  CHECK(j.k.Alive());
}

TEST_CASE("a real long press: the top-left corner held 3 s opens the PIN pad, real taps on digits open staff mode") {
  fs::path config = Dir() + "/staff.toml";
  fs::create_directories(Dir());
  fs::remove(config);
  REQUIRE(std::system(("echo 2468 | " FORUM_KIOSK " --config " + config.string() + " --set-pin >/dev/null").c_str()) == 0);
  Journey j("staff", {"--config", config.string()});
  REQUIRE(j.k.Settle());
  // Held for 1 s it is nothing; held for 3.3 s it is the gesture.
  Report r = j.k.Hold(20, 20, 1.0);
  CHECK_FALSE(r.Overlay("pin_pad"));
  r = j.k.Hold(20, 20, 3.3);
  REQUIRE_MESSAGE(r.Overlay("pin_pad"), r.Summary());
  j.k.Shot("staff-pin-pad");
  for (const char* d : {"2", "4", "6", "8"}) TapOn(j.k, std::string("key-") + d);
  r = TapOn(j.k, "key-ok");
  CHECK_MESSAGE(r.Overlay("staff"), r.Summary());
  j.k.Shot("staff-panel");
}

TEST_CASE("a real drag on a list scrolls it and opens nothing, a flick carries on after the finger lifts") {
  Journey j("scroll");
  REQUIRE(j.k.Settle());
  Report r = TapOn(j.k, "schedule/nav");
  // The lowest session row on screen whole: it stays in view when the list moves up.
  auto first_session = [](const Report& r) -> const e2e::Rect* {
    const e2e::Rect* low = nullptr;
    for (const auto& t : r.targets)
      if (t.key.size() > 8 && t.key.compare(t.key.size() - 8, 8, "/session") == 0 && t.h() > 60 && (!low || t.y0 > low->y0))
        low = &t;
    return low;
  };
  const e2e::Rect* row = first_session(r);
  REQUIRE(row);
  std::string key = row->key;
  float y0 = row->y0;
  // A drag upwards by 250 px, starting on a session row; the finger stops, then lifts: the list stays where
  // the finger left it.
  r = j.k.Drag(row->cx(), row->cy() + 10, row->cx(), row->cy() - 240, 0.8, 0.3);
  CHECK(r.Get("screen") == "schedule");
  CHECK(r.Get("session").empty());  // nothing opened
  const e2e::Rect* moved = r.Find(key);
  float shift = moved ? y0 - moved->y0 : 1e9f;  // off screen counts as moved far
  CHECK_MESSAGE(shift == doctest::Approx(250).epsilon(0.08), "the list moved by " << shift << " px for a 250 px drag");
  // A flick: 200 px in 0.08 s; the list goes on moving after the finger lifts.
  row = first_session(r);
  REQUIRE(row);
  key = row->key;
  y0 = row->y0;
  r = j.k.Drag(500, 700, 500, 500, 0.08);
  CHECK(r.Get("session").empty());
  moved = r.Find(key);
  shift = moved ? y0 - moved->y0 : 1e9f;
  CHECK_MESSAGE(shift > 260, "a 200 px flick moved the list by " << shift << " px");
}

TEST_CASE("xdotool taps along the navigation bar of a windowed kiosk reach every screen, a tap ends the attract loop") {
  REQUIRE(std::system("command -v xdotool >/dev/null") == 0);
  XServer x(1920, 1080);
  {
  LiveKiosk k(x, {"--windowed", "1920x1080", "--now", kNow}, "xdotool");
  REQUIRE(k.Settle());
  Report start = k.Now();
  std::map<std::string, const e2e::Rect*> nav;
  long sent = 0;
  for (const char* screen : {"map", "exhibitors", "agreements", "schedule", "search", "home"}) {
    const e2e::Rect* t = start.Find(std::string(screen) + "/nav");
    REQUIRE(t);
    // The navigation bar stays in place on every screen: its buttons are where they were on Home.
    std::string cmd = "DISPLAY=" + x.display() + " xdotool mousemove " + std::to_string(int(t->cx()) + int(start.Number("window"))) +
                      " " + std::to_string(int(t->cy()) + int(start.Number("window", 1))) + " click 1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    sent += 2;
    long base = start.buttons();
    auto r = k.Settle([&](const Report& r) { return r.buttons() >= base + sent; });
    REQUIRE(r);
    CHECK_MESSAGE(r->Get("screen") == screen, "xdotool tap on " << screen << "/nav: " << r->Summary());
  }
  }
  LiveKiosk a(x, {"--windowed", "1920x1080", "--now", kNow, "--screen", "attract"}, "xdotool-attract");
  auto r = a.Settle();
  REQUIRE(r);
  long base = r->buttons();
  REQUIRE(std::system(("DISPLAY=" + x.display() + " xdotool mousemove 900 500 click 1").c_str()) == 0);
  r = a.Settle([&](const Report& r) { return r.buttons() >= base + 2; });
  REQUIRE(r);
  CHECK_FALSE(r->Overlay("attract"));
  CHECK(r->Get("screen") == "home");
}

TEST_CASE("real taps on a screen mounted turned (rotation = 90): the portrait layout answers where it is drawn") {
  fs::path config = Dir() + "/rotated.toml";
  fs::create_directories(Dir());
  std::ofstream(config) << "rotation = 90\n";
  Journey j("rotated", {"--config", config.string()});
  REQUIRE(j.k.Settle());
  Report r = j.k.Now();
  CHECK(r.Get("rotation") == "90");
  for (const char* screen : {"exhibitors", "schedule", "home"}) {
    r = TapOn(j.k, std::string(screen) + "/nav");
    CHECK_MESSAGE(r.Get("screen") == screen, "tapped " << screen << "/nav on the turned screen: " << r.Summary());
  }
  r = TapOn(j.k, "exhibitors/nav");
  r = TapOn(j.k, "astana-hub/card");
  CHECK(r.Get("exhibitor") == "astana-hub");
  j.k.Shot("rotated-profile");
}

namespace {

// The share of the pixels in `r` that are near white (the card's surface).
double WhiteShare(const e2e::Image& img, const e2e::Rect& r) {
  long white = 0, all = 0;
  for (int y = std::max(0, int(r.y0)); y < std::min(img.h, int(r.y1)); ++y)
    for (int x = std::max(0, int(r.x0)); x < std::min(img.w, int(r.x1)); ++x, ++all) {
      const unsigned char* p = img.At(x, y);
      white += p[0] > 240 && p[1] > 240 && p[2] > 240;
    }
  return all ? double(white) / all : 0;
}

const e2e::Rect* CardSession(const Report& r) {
  for (const auto& t : r.targets)
    if (t.key.rfind("card/", 0) == 0 && t.key.size() > 8 && t.key.compare(t.key.size() - 8, 8, "/session") == 0) return &t;
  return nullptr;
}

}  // namespace

TEST_CASE("real taps on the map: an amenity opens its card, a room its card with now and next, a session from there") {
  for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}}) {
    std::string size = std::to_string(w) + "x" + std::to_string(h);
    Journey j("map-places-" + size, {}, w, h);
    REQUIRE(j.k.Settle());
    Report r = TapOn(j.k, "map/nav");
    // The accessible toilet: a small mark with a finger-sized target.
    const e2e::Rect* toilet = r.Find("poi/amenity-toilet-accessible");
    REQUIRE(toilet);
    CHECK(toilet->w() >= 43);
    CHECK(toilet->h() >= 43);
    r = TapOn(j.k, "poi/amenity-toilet-accessible");
    CHECK_MESSAGE(r.Get("map_card") == "amenity-toilet-accessible", size << ": " << r.Summary());
    CHECK(r.Get("screen") == "map");
    const e2e::Rect* sheet = r.Find("card/sheet");
    REQUIRE_MESSAGE(sheet, size << ": no card on screen");
    e2e::Image seen = j.k.Shot("map-card-toilet-" + size);
    CHECK_MESSAGE(WhiteShare(seen, *sheet) > 0.5, size << ": the card is not drawn where it reports itself");
    r = TapOn(j.k, "card/close");
    CHECK(r.Get("map_card").empty());
    CHECK_FALSE(r.Find("card/sheet"));
    // A room: its card lists what is on there now and next; a session opens from it.
    r = TapOn(j.k, "place/room-conf-a");
    CHECK_MESSAGE(r.Get("map_card") == "room-conf-a", size << ": " << r.Summary());
    const e2e::Rect* row = CardSession(r);
    REQUIRE_MESSAGE(row, size << ": the room's card lists no session");
    j.k.Shot("map-card-room-" + size);
    std::string sid = row->key.substr(5, row->key.size() - 5 - 8);
    r = j.k.TapAt(row->cx(), row->cy());
    CHECK(r.Get("screen") == "schedule");
    CHECK(r.Get("session") == sid);
    // A tap beside the card, on the plan's empty floor, closes it.
    r = TapOn(j.k, "map/nav");
    r = TapOn(j.k, "place/stage-main");
    CHECK(r.Get("map_card") == "stage-main");
    const e2e::Rect* plan = r.Find("plan");
    REQUIRE(plan);
    r = j.k.TapAt(plan->x1 - 6, plan->y1 - 6);
    CHECK(r.Get("map_card").empty());
    CHECK(r.Get("screen") == "map");
    CHECK(j.k.Alive());
  }
}

TEST_CASE("real high contrast on the map: booths stand out from the black floor, outlined, in bright country colours") {
  Journey j("map-high-contrast", {"--a11y", "high_contrast"});
  REQUIRE(j.k.Settle());
  Report r = TapOn(j.k, "map/nav");
  e2e::Image seen = j.k.Shot("map-high-contrast");
  int booths = 0;
  for (const auto& t : r.targets) {
    if (t.key.rfind("booth/", 0) != 0) continue;
    ++booths;
    // The left edge of the booth: light; outside it the floor: dark; inside it a bright colour (the
    // high-contrast palette of its country), never the floor's black.
    int y = int(t.y0 + 6), edge = 0;
    for (int x = int(t.x0) - 2; x <= int(t.x0) + 2; ++x) edge = std::max(edge, int(seen.At(x, y)[0]));
    CHECK_MESSAGE(edge > 200, t.key << ": no light edge (" << edge << ")");
    const unsigned char* out = seen.At(int(t.x0) - 8, y);
    CHECK_MESSAGE(std::max({out[0], out[1], out[2]}) < 60, t.key << ": the floor beside it is not dark");
    const unsigned char* in = seen.At(int(t.x0) + 8, y);
    CHECK_MESSAGE(std::max({in[0], in[1], in[2]}) > 150, t.key << ": not bright inside");
  }
  CHECK(booths >= 10);
}

TEST_CASE("real taps at FOSDEM 2026's size: \"rust\", then \"Show all\" on the sessions, a long list that scrolls, and Back") {
  std::string snap = e2e::RealExportSnapshot("fosdem-2026-schedule.xml", "fosdem-2026-search");
  REQUIRE_MESSAGE(!snap.empty(), "FOSDEM 2026 did not build: " SCREENSHOT_DIR "/exports/fosdem-2026-search.log");
  const std::vector<std::string> args = {"--snapshot", snap, "--lang", "en", "--now", "2026-01-31T11:00", "--screen", "search/rust"};
  XServer x(1920, 1080);
  REQUIRE(x.ok());
  LiveKiosk k(x, args, "search-fosdem");
  auto settled = k.Settle();
  REQUIRE_MESSAGE(settled, k.Log());
  Report r = *settled;
  CHECK(r.Get("query") == "rust");
  auto rows = [](const Report& rep, const e2e::XServer& xs) {
    int n = 0;
    for (const auto& t : rep.targets) {
      const std::string suffix = "/result";
      bool result = t.key.size() > suffix.size() && t.key.compare(t.key.size() - suffix.size(), suffix.size(), suffix) == 0;
      n += result && t.y0 >= 0 && t.y1 <= xs.height();  // drawn whole, on screen
    }
    return n;
  };
  k.Shot("search-fosdem-grouped");
  r = TapOn(k, "sessions/show-all");
  CHECK(r.Get("screen") == "search");
  CHECK(r.Get("search_group") == "sessions");
  CHECK(r.Get("query") == "rust");
  e2e::Image all = k.Shot("search-fosdem-all");
  CHECK(e2e::Spread(all) > 10);
  int shown = rows(r, x);
  CHECK_MESSAGE(shown > 8, shown << " rows of the full list on screen");
  // Dragged up, the list shows later rows: the 40th is reached by dragging.
  const e2e::Rect* found = r.Find("0/result");
  REQUIRE(found);
  const e2e::Rect first = *found;  // a copy: each drag replaces `r`, and the rect with it
  for (int i = 0; i < 8 && !r.Find("40/result"); ++i) r = k.Drag(first.cx(), first.y0 + 300, first.cx(), first.y0 - 150, 0.5, 0.2);
  CHECK(r.Find("40/result"));
  k.Shot("search-fosdem-all-scrolled");
  r = TapOn(k, "back");
  CHECK(r.Get("screen") == "search");
  CHECK(r.Get("search_group").empty());
  CHECK(r.Get("query") == "rust");
  CHECK(r.Find("sessions/show-all"));
  CHECK(k.Alive());
  // The same screen drawn by --screenshot: every glyph in the atlas (exit 0, not 3).
  std::string png = Dir() + "/search-fosdem-screenshot.png";
  std::string cmd = "xvfb-run -a -s '-screen 0 1920x1080x24' " FORUM_KIOSK " --windowed 1920x1080 --snapshot " + snap +
                    " --lang en --now 2026-01-31T11:00 --screen search/rust --screenshot " + png + " >/dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(e2e::Spread(e2e::Load(png)) > 10);
}

TEST_CASE("real taps on the level switcher: the map opens on the kiosk's level, shows one level at a time, and a place found upstairs is shown there with its card and Route") {
  for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}}) {
    std::string size = std::to_string(w) + "x" + std::to_string(h);
    Journey j("map-levels-" + size, {"--lang", "en"}, w, h);
    REQUIRE(j.k.Settle());
    Report r = TapOn(j.k, "map/nav");
    // The exhibition level, where the kiosk stands: its booths, not the rooms upstairs.
    CHECK_MESSAGE(r.Get("map_level") == "0", size << ": " << r.Summary());
    CHECK(r.Find("booth/booth-a1"));
    CHECK(r.Find("place/lift-1"));
    CHECK_FALSE(r.Find("place/room-press"));
    const e2e::Rect* up = r.Find("level/1");
    REQUIRE_MESSAGE(up, size << ": no switcher button for the conference level");
    CHECK(up->w() >= 43);  // 12 mm at least: a finger's target
    CHECK(up->h() >= 43);
    j.k.Shot("map-level-1-" + size);
    // Upstairs with a real tap: the conference rooms, and nothing of the hall below.
    r = TapOn(j.k, "level/1");
    CHECK_MESSAGE(r.Get("map_level") == "1", size << ": " << r.Summary());
    CHECK(r.Find("place/room-press"));
    CHECK(r.Find("place/lift-2"));
    CHECK_FALSE(r.Find("booth/booth-a1"));
    CHECK_FALSE(r.Find("poi/here"));  // "you are here" is downstairs
    j.k.Shot("map-level-2-" + size);
    // A room upstairs opens its card, which says its level.
    r = TapOn(j.k, "place/room-meeting-1");
    CHECK(r.Get("map_card") == "room-meeting-1");
    r = TapOn(j.k, "level/0");
    CHECK(r.Get("map_level") == "0");
    CHECK(r.Get("map_card").empty());  // the card of a place not shown closes
    // Found by search from the ground level, "show on map" goes up to it.
    r = TapOn(j.k, "search/nav");
    for (const char* letter : {"p", "r", "e", "s", "s"}) TapOn(j.k, std::string("kb/") + letter + "/key");
    r = j.k.Settle().value();
    REQUIRE_MESSAGE(r.Find("0/result"), size << ": no results for press: " << r.Summary());
    j.k.Shot("search-upstairs-" + size);
    r = TapOn(j.k, "0/result");
    CHECK_MESSAGE(r.Get("screen") == "map", size << ": " << r.Summary());
    CHECK(r.Get("focus") == "room-press");
    CHECK(r.Get("map_level") == "1");
    CHECK(r.Find("place/room-press"));
    CHECK(r.Get("map_card") == "room-press");  // with its card, and the way there on it
    j.k.Shot("map-show-upstairs-" + size);
    r = TapOn(j.k, "card/route");
    CHECK(r.Get("route").rfind("room-press ", 0) == 0);
    // Opened again from the navigation bar, the map is back on the kiosk's level.
    r = TapOn(j.k, "map/nav");
    CHECK(r.Get("map_level") == "0");
  }
}

namespace {

// Pixels of the route's blue (app/theme.h kRoute, 0x1F5FBF) on the screen: the line as a visitor sees it.
int RoutePixels(const e2e::Image& img) {
  int n = 0;
  for (int y = 0; y < img.h; ++y)
    for (int x = 0; x < img.w; ++x) {
      const unsigned char* p = img.At(x, y);
      n += std::abs(p[0] - 0x1F) < 12 && std::abs(p[1] - 0x5F) < 12 && std::abs(p[2] - 0xBF) < 12;
    }
  return n;
}

}  // namespace

TEST_CASE("real taps on Route: from a booth's profile the map draws the way there from the kiosk, upstairs it takes the stairs, step-free the lift, and you-are-here finds the nearest accessible toilet") {
  for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}}) {
    std::string size = std::to_string(w) + "x" + std::to_string(h);
    Journey j("map-route-" + size, {"--lang", "en"}, w, h);
    REQUIRE(j.k.Settle());
    Report r = TapOn(j.k, "map/nav");
    CHECK(RoutePixels(j.k.Shot("map-before-route-" + size)) < 50);  // no route before one is asked for
    r = TapOn(j.k, "booth/booth-a1");
    REQUIRE_MESSAGE(r.Get("screen") == "exhibitors", size << ": " << r.Summary());
    r = TapOn(j.k, "route");  // the profile's Route, beside Show on map
    CHECK_MESSAGE(r.Get("screen") == "map", size << ": " << r.Summary());
    CHECK(r.Get("map_card") == "booth-a1");
    CHECK(r.Get("map_level") == "0");
    std::string route = r.Get("route");
    CAPTURE(route);
    CHECK(route.rfind("booth-a1 ", 0) == 0);
    CHECK(route.find(" 0:") != std::string::npos);      // one leg, on the kiosk's level
    CHECK(route.find("none") == std::string::npos);
    CHECK(RoutePixels(j.k.Shot("map-route-booth-" + size)) > 400);  // the line is drawn
    CHECK(!r.Get("route_step").empty());  // and told in words on the card
    // Back returns to the profile the route was asked from.
    r = TapOn(j.k, "back");
    CHECK(r.Get("screen") == "exhibitors");

    // A room upstairs, from its card on the map: the route starts downstairs and takes the stairs.
    r = TapOn(j.k, "map/nav");
    r = TapOn(j.k, "level/1");
    r = TapOn(j.k, "place/room-press");
    REQUIRE(r.Get("map_card") == "room-press");
    r = TapOn(j.k, "card/route");
    route = r.Get("route");
    CHECK(route.find(" 0:") != std::string::npos);
    CHECK(route.find(" 1:") != std::string::npos);
    CHECK(route.find("step-free") == std::string::npos);
    CHECK(r.Get("map_level") == "0");  // shown from where the walk starts
    j.k.Shot("map-route-upstairs-" + size);
    r = TapOn(j.k, "card/step-free");
    CHECK(r.Get("route").find("step-free") != std::string::npos);
    CHECK(r.Get("route").find(" 1:") != std::string::npos);
    j.k.Shot("map-route-step-free-" + size);
    // The rest of the way, upstairs: the card and its route stay.
    r = TapOn(j.k, "level/1");
    CHECK(r.Get("map_level") == "1");
    CHECK(r.Get("map_card") == "room-press");
    CHECK(RoutePixels(j.k.Shot("map-route-upstairs-level-2-" + size)) > 200);
    // Closing the card closes the route.
    r = TapOn(j.k, "card/close");
    CHECK(r.Get("route").empty());
    // "You are here" offers the nearest toilet, accessible toilet and exit: the accessible one, step-free.
    r = TapOn(j.k, "level/0");
    for (int i = 0; i < 4 && !r.Find("here"); ++i) r = TapOn(j.k, "zoom-out");  // back to where the kiosk is
    r = TapOn(j.k, "here");
    REQUIRE_MESSAGE(r.Get("map_card") == "here", size << ": " << r.Summary());
    r = TapOn(j.k, "card/nearest-accessible_toilet");
    route = r.Get("route");
    CHECK(route.rfind("amenity-toilet-accessible ", 0) == 0);
    CHECK(route.find("step-free") != std::string::npos);
    CHECK(RoutePixels(j.k.Shot("map-route-nearest-accessible-toilet-" + size)) > 200);
  }
}
