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

// Noto Sans Regular and Bold (Bold = Regular when only that is installed). Empty `regular`: none found.
struct KioskFonts {
  std::string regular, bold;
};
KioskFonts FindKioskFonts();

// Which code points every face of a set of font files has a glyph for.
class FontCoverage {
 public:
  // Opens the files with FreeType; false and `error` when one cannot be opened.
  bool Open(const std::vector<std::string>& files, std::string& error);
  bool Has(char32_t cp) const;  // true when every opened face has it
  FontCoverage();
  ~FontCoverage();

 private:
  struct Faces;
  std::unique_ptr<Faces> faces_;
};

// "U+0259 'ə'"
std::string DescribeCodepoint(char32_t cp);

}  // namespace fonts
