// The font files the kiosk draws with, and which characters they cover: the fonts module, below both the
// kiosk's platform (platform/fonts.h builds its atlas from these files) and the staff tool (kiosk-snapshot
// warns about characters they cannot draw). FreeType and fontconfig only: no ImGui, no GL, no catalog (it
// may use db/base; docs/LAYERS.md).
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace fonts {

// The best file fontconfig knows for `family` and `style` ("" when none of that family is installed).
std::string FindFont(const char* family, const char* style);

// The largest code point the kiosk can draw: Debian's Dear ImGui 1.86 is built with 16-bit ImWchar
// (imconfig.h leaves IMGUI_USE_WCHAR32 off), so a character beyond the BMP (most emoji, e.g. U+1F600, and
// CJK extension B) decodes to U+FFFD whatever the fonts hold. platform/fonts.cpp checks this against ImGui.
constexpr char32_t kMaxDrawableCodepoint = 0xFFFF;  // above it, a stand-in (db::StandIns) is drawn

// One face of a font file: its path and, in a collection (.ttc), the face's index.
struct FontFile {
  std::string path;
  int index = 0;
};

// A family the main face falls back on for the characters it lacks: its regular and its bold face (bold =
// regular when the family has no bold).
struct FallbackFont {
  std::string family;
  FontFile regular, bold;
};

// Noto Sans Regular, Bold, Italic and Bold Italic (a missing one is the upright face of its weight, or
// Regular), the main face. Empty `regular`: none found. `fallbacks`, in order, the installed ones of: Noto Sans Symbols, Math, Symbols2, the scripts of
// fonts-noto-core (Arabic, Hebrew, Devanagari...), Noto Sans CJK SC (fonts-noto-cjk) and Symbola
// (fonts-symbola: monochrome emoji). For a character the main face lacks, the first fallback that has it
// supplies it. Emoji are monochrome: font_files.cpp says why not in colour. Arabic and Hebrew get glyphs but
// no shaping or right-to-left order (Dear ImGui has neither).
struct KioskFonts {
  std::string regular, bold, italic, bold_italic;
  std::vector<FallbackFont> fallbacks;
};
KioskFonts FindKioskFonts();

// Which code points the kiosk's fonts have a glyph for, and which face supplies each.
class FontCoverage {
 public:
  // Opens the main faces and every fallback with FreeType; false and `error` when one cannot be opened.
  bool Open(const KioskFonts& fonts, std::string& error);
  // True when the main face (regular and bold) has `cp`.
  bool InMain(char32_t cp) const;
  // The index in `fonts.fallbacks` of the first fallback that has `cp`; -1 when none has it.
  int FallbackFor(char32_t cp) const;
  // True when the kiosk can draw `cp`: the main face or some fallback has it (a character above U+FFFF is drawn
  // under its stand-in, db::StandIns).
  bool Has(char32_t cp) const;
  // `cp` rendered by the first fallback that has it, `px` high as Dear ImGui's FreeType builder sizes a face
  // (for the glyphs drawn under a stand-in, which ImGui cannot load itself). Empty `alpha` when none has it.
  struct Glyph {
    int width = 0, height = 0, left = 0, top = 0;  // the bitmap, and its offset from the pen (top: above the baseline)
    float advance = 0;
    std::vector<unsigned char> alpha;  // width * height coverage, row by row
  };
  Glyph Render(char32_t cp, float px) const;
  FontCoverage();
  ~FontCoverage();

 private:
  struct Faces;
  std::unique_ptr<Faces> faces_;
};

// "U+0259 'ə'"
std::string DescribeCodepoint(char32_t cp);

}  // namespace fonts
