// The kiosk's look: palette, type scale and ImGui style. No ImGui window chrome anywhere; hover colours equal
// normal colours, because a finger has no hover and must not leave one behind.
#pragma once
#include <imgui.h>

#include <cstdint>

namespace app {

namespace colors {
inline constexpr ImU32 kPaper = IM_COL32(0xF4, 0xF1, 0xEA, 0xFF);     // screen background, warm off-white
inline constexpr ImU32 kSurface = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);   // cards
inline constexpr ImU32 kPanel = IM_COL32(0xE8, 0xE4, 0xDA, 0xFF);     // a panel under controls (keyboard)
inline constexpr ImU32 kPressed = IM_COL32(0xE3, 0xEE, 0xEC, 0xFF);   // a card under a finger
inline constexpr ImU32 kInk = IM_COL32(0x1B, 0x23, 0x30, 0xFF);       // text
inline constexpr ImU32 kMuted = IM_COL32(0x56, 0x60, 0x6E, 0xFF);     // secondary text (7:1 on paper)
inline constexpr ImU32 kLine = IM_COL32(0xD9, 0xD4, 0xC8, 0xFF);      // hairlines
inline constexpr ImU32 kAccent = IM_COL32(0x0B, 0x6B, 0x6B, 0xFF);    // teal: primary actions, selection
inline constexpr ImU32 kAccentDark = IM_COL32(0x07, 0x4D, 0x4D, 0xFF);
inline constexpr ImU32 kOnAccent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kNavBar = IM_COL32(0x1C, 0x24, 0x31, 0xFF);    // bottom bar (not kInk: HighContrast maps by value)
inline constexpr ImU32 kNavText = IM_COL32(0xE8, 0xEC, 0xF1, 0xFF);
inline constexpr ImU32 kNow = IM_COL32(0xC2, 0x3B, 0x22, 0xFF);       // "now" badge, "you are here"
inline constexpr ImU32 kNext = IM_COL32(0xB7, 0x79, 0x10, 0xFF);      // "next" badge
inline constexpr ImU32 kHighlight = IM_COL32(0xF2, 0xA9, 0x00, 0xFF); // focused place on the map
}  // namespace colors

// 0xRRGGBB (catalog colours) -> ImU32 with alpha.
ImU32 Rgb(uint32_t rgb, int alpha = 255);
// Black or white, whichever reads better on `rgb`.
ImU32 TextOn(uint32_t rgb);

void ApplyTheme(float scale);

// The high-contrast theme (accessibility): every colour the screens draw, mapped once at the end of the
// frame. The palette's own colours have chosen counterparts (light text on black, black on yellow for
// primary actions); any other colour becomes black or white, opposite to its luminance. Pictures (logos)
// keep their colours.
ImU32 HighContrast(ImU32 c);
// Applies HighContrast to every vertex drawn with the font atlas texture (text and shapes). Call after
// ImGui::Render(), before the draw data is rendered.
void ApplyHighContrast(ImDrawData* data);
// WCAG contrast ratio of two colours (1 .. 21); alpha ignored.
double ContrastRatio(ImU32 a, ImU32 b);

}  // namespace app
