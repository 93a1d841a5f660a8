// The map's symbols: the marks of points (entrances, exits, amenities, the kiosk), drawn as shapes scaled to
// the mark, never as letters of the body font, so that they stay inside their circle at any type size and
// need no glyph the fonts lack (there is no wheelchair in Noto Sans); and the legend that explains them.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "app/state/app_state.h"

namespace app {

enum class Mark { Here, Entrance, Exit, Toilet, AccessibleToilet, FirstAid, Info, Cafe, Cloakroom, Other };

Mark MarkOf(const db::Location& l);             // the symbol of a point location
const char* MarkLegendKey(Mark m);               // its UI string ("map.legend.toilet")
ImU32 MarkFill(Mark m);                          // the colour of its disc
// The disc of radius `r` at `c` with its symbol in white, and a white ring that keeps it apart from
// whatever it lies on.
void DrawMark(ImDrawList* dl, Mark m, ImVec2 c, float r, ImFont* font);  // `font` for "WC", at the disc's size

// The fill of an area of `kind` (hall, stage, room; booths take their country's colour).
ImU32 AreaFill(db::LocationKind kind);

// The organization exhibiting at a booth; null when the booth is free.
const db::Organization* BoothOrganization(const db::Catalog& c, const db::Location& booth);

// Every location's extent and fill for `c` (AppState::MapCache): made with a new snapshot off the UI thread
// (app/main.cpp), or on the first map frame of a catalog that came without one. Reads only `c`.
AppState::MapCache MakeMapCache(const db::Catalog& c);

// One line of the legend: a point's symbol, or an area's swatch (`area` = stage, room, booth).
struct LegendItem {
  Mark mark = Mark::Other;
  std::optional<db::LocationKind> area;  // empty: a point's symbol
  std::string text;
};
// The symbols the plan shows, in a fixed order (you are here, ways in and out, amenities, areas), each
// once, with its name in the visitor's language.
std::vector<LegendItem> LegendItems(const AppState& s);

// Legend layout. Column: items stacked, in as many side-by-side columns of `width` as `height` needs.
// Strip: items left to right, wrapping onto rows within `width`. Returns the size used; `boxes`, when
// given, receives each item's box relative to the top-left corner.
ImVec2 LayoutLegend(const AppState& s, const std::vector<LegendItem>& items, bool column, float width, float height,
                    std::vector<ImVec4>* boxes = nullptr);
void DrawLegend(AppState& s, ImDrawList* dl, const std::vector<LegendItem>& items, ImVec2 at, bool column, float width,
                float height);

}  // namespace app
