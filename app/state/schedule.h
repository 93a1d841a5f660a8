// The schedule as a visitor filters it: one day, a room, a track. What the schedule screen and its chooser
// sheet show is computed here once per change of the catalog, language, day or filters (not per frame:
// FOSDEM has 500+ sessions a day and 68 tracks), and the rows' heights and their now / next / past marks
// once per change of the width, the type size or the minute a session starts or ends (Tracy's filtered
// lists, cached and rebuilt only when their inputs change).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "db/model/catalog.h"

namespace app {

struct AppState;

// A room or a track the visitor may choose: its id, its name in the visitor's language, that name folded as
// the kiosk's search folds it (db/snapshot/search_fold.h), and the track's colour (0xRRGGBB, 0: none).
struct FilterOption {
  std::string id, label;
  std::vector<std::string> words;  // FoldForSearch(label), split
  uint32_t color = 0;
};

// Where a session of the list stands by the clock.
enum class SessionTime { Past, Now, Next, Later };

struct ScheduleView {
  // What the list was computed for.
  const db::Catalog* catalog = nullptr;
  std::string lang, room, track;
  int day = 0;
  std::vector<const db::Session*> sessions;  // the day's, through the room and track filters: past ones first, each part by start
  std::vector<FilterOption> rooms, tracks;   // those with sessions on the day, in the catalog's order
  // The layout, for a width and type size, and the marks, for the clock between valid_from and valid_until
  // (the last and the next minute a session of the catalog starts or ends).
  float width = 0, font_size = 0;
  int64_t valid_from = 1, valid_until = 0;
  std::vector<float> top;            // row i starts top[i] below the list's first row; top.back(): the end
  std::vector<SessionTime> marks;    // one per row
  bool laid_out = false;
  // Open the list at now: set when the list changed or the screen was opened, until the scroll is there.
  bool jump = false;
  int jump_frames = 0;  // frames it has tried
  // The line over the list, as last drawn: "Nothing on in this room now, next at 11:15" (the report's
  // schedule_status), or "".
  std::string status;
};

// The day the schedule shows: the one the visitor chose, else today's if it is a day of the program, else
// the first (0 when there is no program).
int ScheduleDay(const AppState& s);
// Recomputes s.schedule_view's list and options when the catalog, language, day or filters changed; true
// when it did (the list then opens at now again).
bool UpdateScheduleView(AppState& s);
// Sets the marks for s.now_utc, when the clock left the interval they were made for; true when it did.
bool UpdateScheduleMarks(AppState& s);
// The first row on now or later when the list is of today (where it opens), else -1.
int ScheduleAnchor(const AppState& s);
// Whether an option matches what was typed in the chooser: every typed word starts a word of its name, or
// the typed letters without spaces start at a word of it ("k1" finds "K.1.105"). Folded like the search.
bool OptionMatches(const FilterOption& o, const std::vector<std::string>& typed);

}  // namespace app
