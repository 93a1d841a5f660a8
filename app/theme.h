// The kiosk's look: palette, type scale and ImGui style. No ImGui window chrome anywhere; hover colours equal
// normal colours, because a finger has no hover and must not leave one behind.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <span>
#include <vector>

namespace db {
struct Catalog;
}

namespace app {

struct Fonts;  // app/state/app_state.h: the built fonts, one member per face of the type scale

// The type scale, stated here once: each face the screens draw, its size in px on the reference screen (a
// 24-inch 1080p, 3.6 px per mm; the platform scales it with the screen's density, and 1.3 times in the
// larger-text mode) and its weight, in the order they are built (the first is ImGui's default font).
// platform::FontSet::Build builds them into the Fonts member each names.
struct TypeFace {
  ImFont* Fonts::*font;
  float px;
  bool bold;
  bool italic = false;
};
std::span<const TypeFace> TypeScale();

namespace colors {

// 0xRRGGBB as an opaque ImU32, at compile time.
constexpr ImU32 Hex(uint32_t rgb) { return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 0xFF); }

// An ImU32's colour as 0xRRGGBB (the form of catalog colours).
constexpr uint32_t ToRgb(ImU32 c) {
  return ((c >> IM_COL32_R_SHIFT) & 0xFF) << 16 | ((c >> IM_COL32_G_SHIFT) & 0xFF) << 8 | ((c >> IM_COL32_B_SHIFT) & 0xFF);
}

// `c` with alpha `a` (0..255): a named colour drawn translucent keeps its name.
constexpr ImU32 Alpha(ImU32 c, int a) { return (c & ~IM_COL32_A_MASK) | (ImU32(a) << IM_COL32_A_SHIFT); }

// A colour the screens draw, under a name, with its counterpart in the high-contrast theme. It converts to
// its normal value, so it is drawn like any ImU32. High contrast maps a frame's vertex colours by value
// (ApplyHighContrast), so two names share a value only when they share the counterpart too (the UI tests
// check it); that is why some whites below differ from pure white by a unit nobody can see.
struct Named {
  ImU32 normal, contrast;
  constexpr operator ImU32() const { return normal; }
};

// [SECTION] Surfaces and text
inline constexpr Named kPaper{Hex(0xF4F1EA), Hex(0x000000)};     // screen background, warm off-white
inline constexpr Named kSurface{Hex(0xFFFFFF), Hex(0x121212)};   // cards
inline constexpr Named kPanel{Hex(0xE8E4DA), Hex(0x1C1C1C)};     // a panel under controls (keyboard)
inline constexpr Named kPressed{Hex(0xE3EEEC), Hex(0x333333)};   // a card under a finger
inline constexpr Named kInk{Hex(0x1B2330), Hex(0xFFFFFF)};       // text
inline constexpr Named kMuted{Hex(0x56606E), Hex(0xE6E6E6)};     // secondary text (7:1 on paper)
inline constexpr Named kLine{Hex(0xD9D4C8), Hex(0xC8C8C8)};      // hairlines, chip edges
inline constexpr Named kAccent{Hex(0x0B6B6B), Hex(0xFFD400)};    // teal: primary actions, selection
inline constexpr Named kAccentDark{Hex(0x074D4D), Hex(0xE6BE00)};  // a primary action under a finger
// White text and marks on a coloured fill (accent, tiles, badges, map marks): black on the bright fills of
// high contrast. Not kSurface's value: cards turn dark there.
inline constexpr Named kOnAccent{Hex(0xFEFEFE), Hex(0x000000)};
// Text on a catalog colour (TextOn): dark or light by the colour; black on the bright high-contrast palette.
inline constexpr Named kOnColorDark{Hex(0x1A2331), Hex(0x000000)};
inline constexpr Named kOnColorLight{Hex(0xFDFEFE), Hex(0x000000)};
// A country or organization without a colour of its own (monograms, booths of unknown exhibitors).
inline constexpr Named kNoCountry{Hex(0x8A939E), Hex(0xE6E6E6)};
// The dimmed screen under a sheet or a warning (drawn with alpha); not kInk's value, which turns white.
inline constexpr Named kScrim{Hex(0x1A2230), Hex(0x000000)};
// A finger on a coloured tile darkens it (drawn with alpha).
inline constexpr Named kShade{Hex(0x000000), Hex(0x000000)};
// The shadow under a card floating over the map (drawn with alpha): kShade's value and counterpart.
inline constexpr Named kShadow = kShade;
// Behind pictures that need white to read: logos and QR codes stay black on white in high contrast.
inline constexpr Named kPictureBack{Hex(0xFCFCFC), Hex(0xFFFFFF)};
inline constexpr Named kQrDark{Hex(0x000000), Hex(0x000000)};

// [SECTION] The navigation bar (not kInk's value: HighContrast maps by value)
inline constexpr Named kNavBar{Hex(0x1C2431), Hex(0x000000)};
inline constexpr Named kNavText{Hex(0xE8ECF1), Hex(0xFFFFFF)};
inline constexpr Named kNavPressed{Hex(0x333E4F), Hex(0x333333)};
inline constexpr Named kNavSelected{Hex(0x2C3849), Hex(0xFFFFFF)};         // the current screen, a mode that is on
inline constexpr Named kNavSelectedPressed{Hex(0x3B485B), Hex(0xE6E6E6)};
inline constexpr Named kNavSelectedText{Hex(0xF9FAFB), Hex(0x000000)};
inline constexpr Named kToggleOn{Hex(0xFFD400), Hex(0x000000)};            // the symbol of a mode that is on
inline constexpr Named kOnDark{Hex(0xFAFBFC), Hex(0xFFFFFF)};              // bright text on the bar's colour (attract loop)

// [SECTION] Signals
inline constexpr Named kNow{Hex(0xC23B22), Hex(0xFFD400)};        // "now" badge, "you are here", first aid
inline constexpr Named kNext{Hex(0xB77910), Hex(0xFFD400)};       // "next" badge
inline constexpr Named kHighlight{Hex(0xF2A900), Hex(0xFFD400)};  // focused place on the map
inline constexpr Named kRoute{Hex(0x1F5FBF), Hex(0x33CCFF)};      // the route's line on the map: blue, unlike any booth's edge

// [SECTION] Home tiles (white text on each): the map tile has the accent's colour and counterpart
inline constexpr Named kTileMap = kAccent;
inline constexpr Named kTileExhibitors{Hex(0x2E4A8C), Hex(0x33CCFF)};
inline constexpr Named kTileAgreements{Hex(0x7A3E6E), Hex(0xFF7AB8)};
inline constexpr Named kTileSchedule{Hex(0xA05212), Hex(0xFF9933)};

// [SECTION] The map: areas by kind, points of interest by what they are
inline constexpr Named kMapGround{Hex(0xE9E5DC), Hex(0x000000)};
inline constexpr Named kMapHall{Hex(0xFFFFFF), Hex(0x121212)};    // kSurface's value and counterpart
inline constexpr Named kMapStage{Hex(0x3B4A5E), Hex(0xE6E6E6)};   // its label: kOnAccent
inline constexpr Named kMapRoom{Hex(0xDDE6EE), Hex(0x2A2A2A)};
inline constexpr Named kMapArea{Hex(0xEEEEEE), Hex(0x1C1C1C)};    // any other kind of area
inline constexpr Named kMapFreeBooth{Hex(0xF7F7F7), Hex(0x1C1C1C)};  // a booth without an exhibitor
inline constexpr Named kMapOutline{Hex(0xFFFFFF), Hex(0x121212)};   // between booths (kSurface's value)
inline constexpr Named kMapLabelBack{Hex(0xFFFFFF), Hex(0x121212)};  // under a point's name (with alpha)
inline constexpr Named kPoiInfo{Hex(0x2E4A8C), Hex(0x33CCFF)};    // information, toilets, cloakroom
inline constexpr Named kPoiWay{Hex(0x1E7D32), Hex(0x5BE37D)};     // entrances and exits
inline constexpr Named kPoiCafe{Hex(0x8A552B), Hex(0xD9A877)};
inline constexpr Named kPoiFirstAid{Hex(0xC23B22), Hex(0xFFD400)};  // kNow's value and counterpart

// Every name above, for high contrast and its tests.
inline constexpr const Named* kAll[] = {
    &kPaper,          &kSurface,     &kPanel,      &kPressed,      &kInk,          &kMuted,
    &kLine,           &kAccent,      &kAccentDark, &kOnAccent,     &kOnColorDark,  &kOnColorLight,
    &kNoCountry,      &kScrim,       &kShade,       &kShadow,      &kPictureBack,  &kQrDark,       &kNavBar,
    &kNavText,        &kNavPressed,  &kNavSelected, &kNavSelectedPressed, &kNavSelectedText, &kToggleOn,
    &kOnDark,         &kNow,         &kNext,       &kHighlight,    &kRoute,        &kTileMap,      &kTileExhibitors,
    &kTileAgreements, &kTileSchedule, &kMapGround, &kMapHall,      &kMapStage,     &kMapRoom,
    &kMapArea,        &kMapFreeBooth, &kMapOutline, &kMapLabelBack, &kPoiInfo,     &kPoiWay,
    &kPoiCafe,        &kPoiFirstAid,
};

// The high-contrast palette for catalog colours (countries, tracks): saturated and bright, each at least
// 7:1 under black text and against the black screen, far apart from each other (CIELAB distance >= 30)
// and from the yellow of the accent and the focus.
inline constexpr ImU32 kCatalogContrast[] = {
    Hex(0x33CCFF), Hex(0xFF9933), Hex(0x5BE37D), Hex(0xFF7AB8), Hex(0xB99CFF),
    Hex(0xD8F050), Hex(0xFF6666), Hex(0x2EE6C8), Hex(0xF0F0F0), Hex(0xD9A877),
};

}  // namespace colors

// 0xRRGGBB (catalog colours) -> ImU32 with alpha.
ImU32 Rgb(uint32_t rgb, int alpha = 255);
// Text on a catalog colour `rgb`: kOnColorDark or kOnColorLight, whichever reads better.
ImU32 TextOn(uint32_t rgb);

void ApplyTheme(float scale);

// The high-contrast theme (accessibility): every colour the screens draw, mapped once at the end of the
// frame by value: a named colour (colors::kAll) to its counterpart, a catalog colour (country, track) to
// its entry of CatalogContrast. Anything else becomes black or white, opposite to its luminance, and is
// listed in `unnamed` when given (the tests want none). Pictures (logos) keep their colours.
struct ContrastMap {
  std::vector<std::pair<ImU32, ImU32>> catalog;  // catalog colour (opaque) -> its high-contrast colour
};
// Catalog colours get palette entries in the order of the snapshot, countries first, then tracks, each the
// free entry nearest to it (Kazakhstan's light blue stays blue), so that colours told apart in the normal
// theme stay apart; with more distinct colours than entries, the palette repeats. A catalog colour equal
// to a named one is drawn as that name.
ContrastMap CatalogContrast(const db::Catalog* catalog);
ImU32 HighContrast(ImU32 c, const ContrastMap& map = {}, std::vector<ImU32>* unnamed = nullptr);
// Applies HighContrast to every vertex drawn with the font atlas texture (text and shapes). Call after
// ImGui::Render(), before the draw data is rendered.
void ApplyHighContrast(ImDrawData* data, const db::Catalog* catalog, std::vector<ImU32>* unnamed = nullptr);
// WCAG contrast ratio of two colours (1 .. 21); alpha ignored.
double ContrastRatio(ImU32 a, ImU32 b);
// CIELAB (D65) distance of two colours (CIE76 ΔE), for telling catalog colours apart.
double ColorDistance(ImU32 a, ImU32 b);

}  // namespace app
