// Touch widgets drawn with ImDrawList: every target at least Metrics::touch high, a pressed state while a
// finger is down, no hover state, and a tap that is not a drag (a finger that moved more than
// Metrics::drag_threshold scrolls instead of tapping).
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/state/app_state.h"

namespace app {

// ImGui::PushID / PopID that also keep AppState::id_path for the tests' target log.
void PushId(AppState& s, const std::string& id);
void PopId(AppState& s);

// An invisible touch area at the cursor. True on the frame a finger lifts inside it without having dragged.
// `pressed` (optional) tells whether it is held down now, for feedback.
bool TapArea(AppState& s, const char* id, ImVec2 size, bool* pressed = nullptr);

enum class ButtonKind { Primary, Secondary, Chip, ChipSelected, Nav, NavSelected };
// A rounded button with a centred label (wrapped onto two lines when it does not fit). Width 0: fit the
// label. Returns true when tapped.
bool Button(AppState& s, const char* id, const std::string& label, ButtonKind kind, float width = 0,
            float height = 0);
// A check mark `h` tall centred on `c` (drawn: the fonts have no ✓): a chosen row, a switch that is on.
void CheckMark(ImDrawList* dl, ImVec2 c, float h, float thick, ImU32 color);

// Text helpers: `width` 0 = the remaining width of the line. Return the height used. Text wraps at word
// boundaries only: when a word is wider than the line, the whole text is drawn smaller (FitSize), never
// broken inside the word.
inline constexpr float kMinFitScale = 0.7f;  // the smallest FitSize, as a share of the font's size
// The size `font` draws `text` at when wrapped at `wrap_width`: its own, or smaller (not below
// kMinFitScale of it) so that the widest word fits the line. 0 or FLT_MAX: no wrapping, its own size.
// `text` as the font atlas draws it: each character above U+FFFF by its stand-in (db::StandIns, which the
// platform's font build leaves in ImGuiIO::UserData); every text drawn here goes through it.
std::string DrawableText(std::string_view text);
float FitSize(ImFont* font, const std::string& text, float wrap_width);
float Text(ImFont* font, ImU32 color, const std::string& text, float width = 0);
float TextAt(ImDrawList* dl, ImFont* font, ImU32 color, ImVec2 pos, const std::string& text, float wrap_width);
ImVec2 Measure(ImFont* font, const std::string& text, float wrap_width = 0);
// Layout audit (AppState::overflows): records `text` when, wrapped at `wrap_width`, it is taller than
// `height` or has a word wider than `wrap_width` even at its FitSize. No cost when the hook is unset.
void CheckFit(AppState& s, ImFont* font, const std::string& text, float wrap_width, float height);

// A circle with the first letters of `name` (logos are not available for most organizations).
void Monogram(ImDrawList* dl, ImVec2 center, float radius, const std::string& name, ImU32 fill, ImFont* font);
// The organization's logo in a white rounded square when its texture is ready, else its monogram.
void Logo(AppState& s, ImDrawList* dl, ImVec2 center, float radius, const db::Organization& o, ImU32 fill, ImFont* font);

// A vertical list that scrolls by dragging, with inertia. Between Begin and End, draw rows with TapArea /
// Button; a drag never counts as a tap.
void BeginTouchList(AppState& s, const char* id, ImVec2 size);
// How far the finger moved this frame, for a drag already past Metrics::drag_threshold: on the frame the
// drag starts, the whole way from where the finger came down, so the content stays under the finger.
ImVec2 DragDelta(const AppState& s);
void EndTouchList(AppState& s);

// Lays chips out left to right, wrapping onto the next line.
class ChipRow {
 public:
  ChipRow(AppState& s, float width) : s_(s), width_(width) {}
  bool Chip(const char* id, const std::string& label, bool selected, uint32_t swatch = 0);
  // A chip's width: its label (bold when selected) and its colour swatch when it has one.
  static float Width(const AppState& s, const std::string& label, bool selected, bool swatch);
  // How many lines chips with these labels take in `width`, each measured as selected (the widest it gets).
  static int Lines(const AppState& s, float width, const std::vector<std::string>& labels, bool swatches);

 private:
  AppState& s_;
  float width_, used_ = 0;
};

// A control that opens a chooser: `label` at the left and a chevron pointing down at the right, `width`
// wide (0: as the label needs), as tall as a chip; `active` (a choice made) draws it selected.
bool Select(AppState& s, const char* id, const std::string& label, bool active, float width = 0);
float SelectWidth(const AppState& s, const std::string& label, bool active);  // its width when `width` is 0

// Card background spanning `size` at the cursor; returns true when tapped. The caller draws the content on
// top, inside [min, min + size].
bool Card(AppState& s, const char* id, ImVec2 size, ImVec2* min_out, bool selected = false);

// Section heading, `width` 0 = the remaining width of the line.
void Heading(AppState& s, const std::string& text, float width = 0);

}  // namespace app
