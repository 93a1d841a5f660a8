// The font files the kiosk draws with, and which characters they cover. FreeType and fontconfig only (no
// ImGui, no GL), so the staff tool can run the same check before a snapshot reaches a kiosk.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "db/model/catalog.h"

namespace platform {

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

// A character of a visible text that the fonts cannot draw.
struct MissingGlyph {
  std::string where;  // "organization 'astana-hub' name_kk"
  char32_t cp = 0;
  std::string text;   // the whole string, for the message
};
// Every character of every visible text of `c` (db::ForEachText) missing from `fonts`; control characters
// (line breaks) are not drawn and not checked. At most one entry per string and character.
std::vector<MissingGlyph> FindMissingGlyphs(const db::Catalog& c, const FontCoverage& fonts);
// "U+0259 'ə'"
std::string DescribeCodepoint(char32_t cp);

}  // namespace platform
