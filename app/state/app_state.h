// AppState: everything the screens read and the visitor changed, passed as AppState& into every draw
// function (no globals, no static state in screens). Screens never change navigation directly: they record
// an Action, and ApplyActions() runs after ImGui::Render(), at the frame boundary.
// Beside it in app/state: the idle timers (idle.h), the catalog swap (swap.h), the UI strings
// (ui_strings.h), formatting (format.h) and the --report text (report.h).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/state/idle.h"
#include "app/state/preview.h"
#include "app/state/schedule.h"
#include "app/state/ui_strings.h"
#include "db/model/catalog.h"
#include "db/model/route_steps.h"
#include "db/model/router.h"
#include "db/snapshot/search.h"

struct ImFont;

namespace app {

class SearchRunner;  // app/state/search_runner.h

// Each enum below has one name table, in the enum's order, kept in step by a static_assert on its size
// (Tracy's way); the names are what the command line, the report (app/state/report.h), usage counts and the
// touch targets' keys say, so they never change.
enum class Screen { Home, Map, Exhibitors, Agreements, Schedule, Search };
inline constexpr const char* kScreenNames[] = {"home", "map", "exhibitors", "agreements", "schedule", "search"};
inline constexpr int kScreenCount = static_cast<int>(std::size(kScreenNames));
static_assert(kScreenCount == static_cast<int>(Screen::Search) + 1, "kScreenNames: one name per Screen");
inline const char* ScreenName(Screen s) { return kScreenNames[static_cast<int>(s)]; }
bool ScreenFromName(const std::string& name, Screen& out);  // false for a name that is not a screen's

// The accessibility modes, toggled one tap away on every screen (the navigation bar): AppState::Mode.
enum class A11yMode { Reach, LargeText, HighContrast };
inline constexpr const char* kA11yModeNames[] = {"reach", "large_text", "high_contrast"};
inline constexpr int kA11yModeCount = static_cast<int>(std::size(kA11yModeNames));
static_assert(kA11yModeCount == static_cast<int>(A11yMode::HighContrast) + 1, "kA11yModeNames: one name per A11yMode");
inline const char* A11yModeName(A11yMode m) { return kA11yModeNames[static_cast<int>(m)]; }

// What staff asked the platform to do from the staff panel (Action::Kind::StaffCommand), carried out by
// app/main.cpp after the frame, where the window and the files are.
enum class StaffRequest { Reload, Rotate, Export, Quit };
inline constexpr const char* kStaffRequestNames[] = {"reload", "rotate", "export", "quit"};  // the commands' ids
static_assert(std::size(kStaffRequestNames) == static_cast<size_t>(StaffRequest::Quit) + 1,
              "one name per StaffRequest, in its order");
bool StaffRequestFromName(const std::string& name, StaffRequest& out);

// The schedule's chooser sheet (app/sheets/chooser_sheet.cpp): which filter it chooses, or none open.
enum class ScheduleChooser { None, Room, Track };
inline constexpr const char* kScheduleChooserNames[] = {"none", "room", "track"};
static_assert(std::size(kScheduleChooserNames) == static_cast<size_t>(ScheduleChooser::Track) + 1,
              "kScheduleChooserNames: one name per ScheduleChooser");

// What a visitor asked for. Applied in order after the frame is rendered.
struct Action {
  enum class Kind {
    Go,              // to `screen`, its list (closes any open detail)
    OpenExhibitor,   // id = organization id
    OpenAgreement,   // id = agreement id
    OpenSession,     // id = session id
    ShowOnMap,       // id = location id: map screen, centred and highlighted
    SetLanguage,     // id = language code
    Back,            // close the open detail, else go home
    FilterCountry,   // id = country code, "" = all
    FilterTrack,     // id = track id, "" = all (closes the chooser)
    FilterRoom,      // id = room id, "" = all (closes the chooser)
    OpenChooser,     // number = the ScheduleChooser to open over the schedule (its query empty)
    CloseChooser,    // the chooser closes, nothing chosen
    SelectDay,       // number = day index
    ZoomMap,         // number = +1 in, -1 out
    MapLevel,        // number = the ordinal of the level the map shows (the view stays where it is)
    MapCard,         // id = location id: its card on the map ("here": you are here); "" closes the card
    ResetVisit,      // the idle reset: home, default language, filters and details cleared
    Type,            // id = text to add to the search query
    Erase,           // the last character of the query
    ClearQuery,      // the whole query
    SetKeyboard,     // number = keyboard layout (app/widgets/keyboard.h)
    EndAttract,      // a touch on the attract loop: the visitor's session starts (home)
    Toggle,          // mode = the accessibility mode to switch
    OpenPinPad,      // the hidden gesture: the staff PIN pad (only when a PIN is configured)
    StaffDigit,      // id = a digit of the PIN being typed
    StaffErase,      // the last digit
    StaffSubmit,     // check the PIN
    StaffClose,      // leave the PIN pad or staff mode
    StaffCommand,    // id = "reload", "rotate", "export", "quit": carried out by the platform (staff_requests)
    ShowAllResults,  // number = a db::SearchGroup: its full list of results ("show all N"); Back returns
    Route,           // id = location id: the map, on "you are here"'s level, with the route there drawn and its card
    RouteStepFree,   // the route shown again, with or without stairs and escalators (reach mode: always without)
    RouteNearest,    // id = a kNearestNames name ("toilet"): Route to the nearest such place (app/map/map_route.h)
  };
  // On Open*, ShowOnMap and FilterCountry: number = kFromSearch when tapped in the search results, so that
  // Back returns to them.
  static constexpr int kFromSearch = 1;
  // Made with designated initializers, naming what the kind uses: {.kind = Kind::Go, .screen = Screen::Map}.
  Kind kind;
  std::string id;
  Screen screen = Screen::Home;
  int number = 0;
  A11yMode mode = A11yMode::Reach;
};

// Sizes derived from the screen's physical size, in pixels. Defaults: the reference screen every size was
// designed at, a 24-inch 1920x1080 one (3.6 px/mm); MetricsFor (app/ui.h) sets them for the real one. No
// size in app/ is a raw pixel count (hello_imgui's EmToVec2, ImHex's `_scaled`): a physical size goes
// through mm(), a small offset designed in pixels on the reference screen (a label's inset) through px(),
// and what recurs has a name here.
struct Metrics {
  static constexpr float kReferencePxPerMm = 3.6f;
  float px_per_mm = kReferencePxPerMm;
  float scale = 1;     // px_per_mm / kReferencePxPerMm: exactly 1 on the reference screen
  float touch = 43.2f; // minimum touch target in both directions: 12 mm
  float gap = 16;      // spacing between elements
  float pad = 24;      // inner padding of cards and bars
  float radius = 14;   // corner radius
  float drag_threshold = 14;  // a finger moving less than this is a tap, not a drag (~4 mm)
  // Line widths: a hairline (legend swatches), an edge (cards, chips, booths, dividers), a bold edge (the
  // selected item, the search field, a hall, a cross).
  float hairline = 1, line = 2, bold_line = 3;
  float inset = 4;     // text drawn inside a box (map labels, a label's backing) keeps this far from its edge

  float mm(float v) const { return v * px_per_mm; }  // `v` millimetres, in pixels
  float px(float v) const { return v * scale; }      // `v` pixels of the reference screen, on this one
};

// The fonts of the type scale, whose sizes and weights app::TypeScale() states (app/theme.h); owned by the
// platform's font atlas, never null while a frame is drawn.
struct Fonts {
  ImFont* caption = nullptr;  // small print
  ImFont* body = nullptr;     // running text, ImGui's default font
  ImFont* strong = nullptr;   // body size, bold
  ImFont* title = nullptr;    // headings, bold
  ImFont* display = nullptr;  // the largest, bold: the clock, page titles
  ImFont* italic = nullptr;       // body size, italic (the regular face where no italic is installed)
  ImFont* bold_italic = nullptr;  // body size, bold italic (else the bold face)
};

// Drag-to-scroll with inertia, per list (keyed by the list's ImGui id).
struct ScrollState {
  float velocity = 0;      // px per second, decays when the finger is lifted
  bool dragging = false;
};

struct MapView {
  float cx = 0, cy = 0;  // metres at the centre of the view; NaN-free, set by the map on first draw
  float zoom = 0;        // pixels per metre; 0 = fit the whole plan on the next draw (or frame map_focus)
  // The view that shows the whole plan and "you are here", as the map last measured it (0 before the first
  // draw): zooming out never goes below it and drifts towards it, so that zooming out brings everything back.
  float fit = 0, home_cx = 0, home_cy = 0;
  // The size of the map it was made for: another size (reach mode switched, the screen turned, a taller
  // navigation bar with larger text) starts a fresh view, as the old one would show the plan cut or lost.
  float canvas_w = 0, canvas_h = 0;
  // The level shown (db::Level::ordinal): one at a time. Until chosen (`level_chosen` false: the map opened
  // from the navigation bar or Home, a new snapshot without it) the map shows "you are here"'s level.
  int level = 0;
  bool level_chosen = false;
};

// Two fingers' movement on a touchscreen since the map last drew (the platform's gesture recognizer): the
// content that was under screen point `from` goes under `focal`, scaled by `scale` about it. The map applies
// it to its view within its zoom limits and clears it; any other screen drops it.
struct MapGesture {
  bool pending = false;
  float scale = 1, focal_x = 0, focal_y = 0, from_x = 0, from_y = 0;
};

// The route the map shows (Action::Route), from "you are here" to `to`, found when the action ran (the
// router answers within a frame: db/model/router.h). Shown while `to`'s card is open on the map.
struct MapRoute {
  std::string to;          // a location id; "" = none
  bool step_free = false;  // asked for on the card; reach mode asks for it always
  bool found_step_free = false;  // what `route` was found for (step_free, or reach mode)
  std::optional<db::Route> route;
  std::vector<db::RouteStep> steps;        // its directions (db/model/route_steps.h)
  db::NoRoute why = db::NoRoute::kNoMesh;  // without a route
};

struct AppState {
  std::shared_ptr<const db::Catalog> catalog;  // the current snapshot; swapped as a whole between frames
  std::string load_error;                      // non-empty: show the staff message instead of the screens
  bool loading = false;                        // the start-up's snapshot is still being opened: the loading view
  std::optional<PreviewStatus> preview;        // forum-kiosk --sources: the live preview's last build
  std::string lang;                            // current language code

  Screen screen = Screen::Home;
  std::string exhibitor_id, agreement_id, session_id;  // open detail of the current screen, or ""
  std::string map_focus;                               // highlighted location on the map, or ""
  MapGesture map_gesture;
  MapRoute map_route;
  std::string map_card;  // the place whose card is open on the map (a location id, "here"), or ""
  // Where "show on map" was tapped (a profile, a session, the search results): Back on the map returns
  // there. `set` is false when the map was opened from the navigation bar or Home.
  struct Place {
    bool set = false;
    Screen screen = Screen::Home;
    std::string exhibitor_id, agreement_id, session_id;
    bool back_to_search = false;
  } map_return;
  std::string country_filter, track_filter, room_filter;
  int day_index = 0;  // schedule day; 0 = the day of "now" if it is a forum day, else the first
  // The chooser sheet open over the schedule, and what was typed into it on the on-screen keyboard (Type,
  // Erase and ClearQuery go there, not into the search, while it is open).
  ScheduleChooser chooser = ScheduleChooser::None;
  std::string chooser_query;

  // Search: what the visitor typed, the keyboard layout (-1: the one of the visitor's language), and the
  // results, recomputed at the frame boundary when the query or the language changed.
  std::string search_query;
  int keyboard = -1;
  // The group whose full list is shown ("show all N"), or -1: the grouped results, kResultsPerGroup each.
  // Back returns from the full list to the grouped results; the query stays.
  int search_group = -1;
  static constexpr size_t kResultsPerGroup = 8;
  db::SearchResults search_results;  // in the full list: every hit of every group
  std::string search_results_for;  // query + "\n" + lang + "\n" + group that `search_results` answer
  // With a searcher (the kiosk's: app/state/search_runner.h), the question asked and not yet answered (the
  // same key as search_results_for); empty when none. The results shown meanwhile are the last answer's.
  SearchRunner* searcher = nullptr;  // not owned; null: UpdateSearch searches at once
  std::string search_asked;
  // The full list as laid out: the top of each row (and the end), for a catalog, query, language, group,
  // width and type size. Measuring hundreds of titles every frame would cost milliseconds, so it is redone
  // only when one of them changes; only the rows in view are drawn.
  struct SearchListLayout {
    const db::Catalog* catalog = nullptr;
    std::string key;
    float width = 0, font_size = 0;
    std::vector<float> top;  // hits + 1 entries
  } search_list;
  // Why the index could not answer (a damaged index `validate` did not catch); empty when it did. Shown
  // to the visitor as "search is not working", and to staff in the staff panel.
  std::string search_error;
  bool back_to_search = false;     // the open detail came from the results: Back returns to them
  struct KeyHold {                 // the on-screen key held down, for key repeat
    std::string key;
    double since = 0, last = 0;
    bool repeated = false;
  } key_hold;

  MapView map;
  std::map<unsigned, ScrollState> scroll;
  // The exhibitor list as laid out for a catalog, language, filter, width and type size: sorting and
  // measuring thousands of names every frame would cost tens of milliseconds, so it is redone only when one
  // of them changes.
  struct ExhibitorLayout {
    const db::Catalog* catalog = nullptr;
    std::string lang, filter;
    float width = 0, font_size = 0;
    std::vector<const db::Exhibitor*> list;
    std::vector<float> row_h;
  } exhibitor_layout;
  // What the map works out once per catalog for every location (app/screens/map_screen.cpp): its extent in
  // plan metres (x0, y0, x1, y1), to leave out what is off screen before anything is computed for it, and
  // its fill (a booth: its exhibitor's country colour), which three lookups by id found every frame.
  struct MapCache {
    const db::Catalog* catalog = nullptr;
    std::vector<std::array<double, 4>> extent;
    std::vector<uint32_t> fill;  // an ImU32
  } map_cache;
  // Descriptions as laid out in mixed fonts (app/widgets/rich_text.h): the last few, by text, type size and
  // width, so a detail page lays its text out once, not every frame.
  struct RichLayouts;
  std::shared_ptr<RichLayouts> rich_layouts;
  // The schedule of a day as filtered (app/state/schedule.h): recomputed when the catalog, language, day or
  // a filter changes, laid out again when the width, the type size or what is on now changes.
  ScheduleView schedule_view;

  // Accessibility, one tap away on every screen (nav bar) and reset by the idle reset.
  bool reach = false;          // every control in the lower half of the screen (wheelchair users)
  bool large_text = false;     // the type scale 1.3 times larger (the platform rebuilds the fonts)
  bool high_contrast = false;  // the high-contrast palette (app/theme.h)
  bool& Mode(A11yMode m) { return m == A11yMode::Reach ? reach : m == A11yMode::LargeText ? large_text : high_contrast; }
  bool Mode(A11yMode m) const { return m == A11yMode::Reach ? reach : m == A11yMode::LargeText ? large_text : high_contrast; }

  // Unattended running: the idle warning and the attract loop (app/screens/attract_screen.cpp).
  int idle_timeout_s = 0;      // from the configuration; 0 = the forum's (snapshot)
  std::string default_language;  // from the configuration; "" = the forum's: what the idle reset returns to
  // Where this kiosk stands on the floor plan (configuration), in plan metres; facing in degrees clockwise
  // from the plan's +y. Without it the map marks the floor plan's own "kiosk" point, if any.
  bool has_position = false;
  float here_x = 0, here_y = 0, here_facing_deg = 0;
  int here_level = 0;  // the ordinal of the level it stands on (with has_position)
  bool idle_warning = false;   // "returning to the start in N s", shown before the reset
  int64_t idle_warning_left = -1;  // the N of the warning as last drawn (Tick asks for a frame when it changes)
  bool attract = false;        // the attract loop is showing
  double attract_since = 0;    // time_s it started

  // Staff mode (app/screens/staff_screen.cpp): opened by holding the top-left corner for 3 s, then a PIN.
  struct Staff {
    bool pin_pad = false, open = false;
    std::string pin;            // digits typed so far
    int wrong = 0;              // wrong PINs in a row
    double locked_until = 0;    // time_s before which no PIN is checked (grows with every wrong PIN)
    double corner_since = -1;   // when a finger came down on the hidden corner; -1 = not held
    std::string message;        // the pad's last word ("wrong PIN", "locked for N s")
  } staff;
  // Checks a PIN against the configured hash; null when no PIN is configured (staff mode cannot open).
  std::function<bool(const std::string&)> verify_pin;
  // What staff mode shows, as label/value rows, refreshed by the platform while it is open.
  std::vector<std::pair<std::string, std::string>> staff_info;
  bool can_quit = false;                    // the configuration lets staff quit the kiosk
  std::vector<StaffRequest> staff_requests;  // for the platform to carry out, in the order asked
  // Anonymous usage counts (never anything typed): called with an event name, e.g. "view:map",
  // "profile:astana-hub", "search". Null: not counted.
  std::function<void(const std::string& event)> count;

  int64_t now_utc = 0;        // the clock, set by the platform each frame (or fixed with --now)
  double time_s = 0;          // seconds since start, monotonic, for animation
  double last_input_s = 0;    // when the visitor last touched the screen
  bool animating = false;     // a screen asks for another frame (inertia, a transition)
  // The colour the frame is cleared to before anything is drawn, set every frame (DrawFrame: the paper; the
  // map: the hall that fills its whole canvas): the screens' largest fill, which is then not drawn, because a
  // software renderer pays for every pixel of every layer.
  uint32_t backdrop = 0;  // an ImU32 (ImGui's packed colour): app/state has no ImGui
  bool language_picker = false;  // the language list is open over the screen
  bool scroll_to_top = false;    // set by navigation: lists start at the top on the next frame

  Metrics metrics;
  Fonts fonts;
  // Texture for an image id of the catalog, or 0 while it is still being decoded. Set by the platform.
  std::function<void*(const std::string& image_id)> texture;

  // Test hook: when `targets` is set, every touch target records its id path ("astana-hub/card") and rect,
  // so the headless UI tests can tap what a visitor would tap. Null in the kiosk.
  struct Target {
    std::string key;
    float x0, y0, x1, y1;       // the part on screen (clipped to its window)
    float full_w = 0, full_h = 0;  // the whole target's size, where a list scrolled part of it away
  };
  std::vector<Target>* targets = nullptr;
  // Test hook: when set, what a visitor sees that is not a touch target: a QR code's rect, keyed
  // "qr/<the caption beside it>". Null in the kiosk.
  std::vector<Target>* shown = nullptr;
  std::vector<std::string> id_path;  // PushId/PopId mirror of ImGui's ID stack, as text
  // Test hook: when set, every text that does not fit its box (taller than its button, tile or card, or a
  // word wider than the line, which would break mid-word) is recorded as "id/path: text". Null in the kiosk.
  std::vector<std::string>* overflows = nullptr;
  // Test hook: when set, the map records what it laid out, as rectangles: "canvas", "chrome/NAME" (title,
  // back, zoom, legend, card: controls over the plan), "shape/ID" (areas), "mark/ID" (points), "here", and
  // "label/ID" for every label it drew (not for those it left out). Null in the kiosk.
  std::vector<Target>* map_layout = nullptr;

  std::vector<Action> actions;
  void Do(Action a) { actions.push_back(std::move(a)); }

  // Shorthands for the current language.
  const std::string& Tr(const db::Text& t) const { return catalog->Tr(t, lang); }
  // `t` as Tr finds it, and `rich`'s text in the same language ("" when it has none there): a description and
  // its rich form (db::Session::description_rich).
  std::pair<const std::string&, const std::string&> TrRich(const db::Text& t, const db::Text& rich) const {
    static const std::string kNone;
    std::string_view from;
    const std::string& text = catalog->Tr(t, lang, &from);
    const std::string* r = rich.Find(from);
    return {text, r ? *r : kNone};
  }
  // UI strings: the snapshot's, else the built-in table's (app/state/ui_strings.h).
  const std::string& Ui(const char* key) const { return UiString(*catalog, key, lang); }
};

// Applies the recorded actions and clears them. Call after ImGui::Render().
void ApplyActions(AppState& s);

// The language a visit starts in: the configuration's if the snapshot offers it, else the forum's. Needs a
// catalog.
std::string VisitLanguage(const AppState& s);
// Recomputes the search results when the query, the language or the catalog changed since the last time.
void UpdateSearch(AppState& s);

// The PIN lock-out after `wrong` wrong PINs in a row: none for the first two, then 30 s doubling each time,
// at most an hour.
double StaffLockout(int wrong);

}  // namespace app
