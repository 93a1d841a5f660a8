// Rich text on screen: a description's paragraphs, headings, bullet and numbered lists, bold, italic, code
// and links (db::RichText, db/model/rich_text.h), laid out in mixed fonts and wrapped at a column width.
//
// Layout (LayoutRichText) and drawing (DrawRichLayout) are apart: a layout is plain data (runs of text in one
// font and colour at a position), made once per text, fonts and width and drawn every frame; DrawRichText() keeps
// the last few in AppState::rich_layouts. Lines break at spaces, between any two CJK characters (no spaces in
// Chinese or Japanese) and, for a word wider than the whole line (a long URL), inside the word. Left to
// right only. Cost: about 0.03 ms for a FOSDEM description (docs/PERFORMANCE.md, "Rich text").
#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/state/app_state.h"
#include "db/model/rich_text.h"

namespace app {

// The faces a rich text is drawn in. Missing italics (no Noto Sans Italic installed) are the upright faces.
struct RichFonts {
  ImFont* regular = nullptr;      // plain text, code
  ImFont* bold = nullptr;
  ImFont* italic = nullptr;
  ImFont* bold_italic = nullptr;
  ImFont* heading = nullptr;      // headings, whatever their spans' styles
};
RichFonts RichFontsOf(const Fonts& fonts);

// Spacing, in pixels: between blocks, between the items of one list, and the indent of one list level (the
// bullet or number hangs in it; wrapped lines of an item start at the indent).
struct RichSpacing {
  float block = 0, item = 0, indent = 0;
};
RichSpacing RichSpacingOf(const Metrics& m, const RichFonts& fonts);

// One piece of a laid-out text: bytes [begin, end) of RichLayout::text in one font and colour, its top-left
// at `pos` from the text's top-left.
struct RichRun {
  ImFont* font = nullptr;
  ImU32 color = 0;
  ImVec2 pos;
  uint32_t begin = 0, end = 0;
  float width = 0;
  bool marker = false;  // a bullet or an item's number
};
struct RichLayout {
  std::string text;  // the bytes of every run
  std::vector<RichRun> runs;
  float width = 0;   // the width it was laid out at
  float height = 0;  // from the first line's top to the last line's bottom
};

RichLayout LayoutRichText(const db::RichText& text, const RichFonts& fonts, const RichSpacing& spacing, float width);
void DrawRichLayout(ImDrawList* dl, ImVec2 origin, const RichLayout& layout);

// Draws at the cursor a text's rich form (`rich`, the stored form: description_rich) or, when it has none
// (""), its plain text as paragraphs (a staff-written description), `width` wide; moves the cursor below it
// and returns its height. The layout is made on the first frame and reused while text, fonts and width stay.
float DrawRichText(AppState& s, const std::string& rich, const std::string& plain, float width);

}  // namespace app
