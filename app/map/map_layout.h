// The map screen's layout and its first view: where the controls over the plan go (title, Back, zoom
// buttons, the legend and a place's card), where the plan is fitted and whether it is turned a quarter,
// and the view the map opens with (the whole plan, or the place "show on map" asked for framed together
// with "you are here"). Measures only; draws nothing.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/state/app_state.h"
#include "app/map/map_geometry.h"
#include "app/map/map_marks.h"

namespace app {

// Where the controls over the plan go and where the plan is fitted. Two arrangements: a strip (Back and
// the title in a band on top, the legend in rows at the bottom) and a column (Back, title and legend down
// the left side, the plan beside them). The one that shows the plan larger wins: the column on landscape
// screens, where the plan is limited by the height, the strip on portrait ones.
struct MapLayout {
  Box canvas, plan;       // the whole map screen; where the plan is fitted
  Box zoom, back, title;  // the controls (back is empty without "show on map")
  Box levels;             // the level switcher under the zoom buttons; empty with one level
  Box legend;             // the legend's panel
  Box side;               // where a place's card may go
  bool column = false;
  int turn = 0;           // PlanView::turn
  float fit = 0;          // the zoom that shows the whole plan in `plan`
};

// The arrangement for a map of `canvas` showing `bounds`, with Back labelled `back_label` ("" without one).
MapLayout LayOutMap(const AppState& s, Box canvas, const std::vector<LegendItem>& legend, const PlanRect& bounds,
                    const std::string& back_label, const std::string& title);

// Sets s.map to the view the map opens with, around `origin` (the centre of L.plan on screen). `card_h`: the
// height of a place's card lying over the top of L.plan (the strip arrangement; 0: none, or beside the
// plan): a route is framed below it, where the card does not hide it.
void StartView(AppState& s, const MapLayout& L, const PlanRect& bounds, ImVec2 origin, float card_h = 0);

}  // namespace app
