#include "fonts/font_files.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdio>

#include "db/base/text.h"

namespace fonts {

std::string FindFont(const char* family, const char* style) {
  std::string out;
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (!config) return out;
  FcPattern* pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  FcPatternAddString(pat, FC_STYLE, reinterpret_cast<const FcChar8*>(style));
  FcConfigSubstitute(config, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult result;
  if (FcPattern* match = FcFontMatch(config, pat, &result)) {
    FcChar8* file = nullptr;
    FcChar8* fam = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &fam) == FcResultMatch &&
        std::string(reinterpret_cast<char*>(fam)).find(family) != std::string::npos)
      out = reinterpret_cast<char*>(file);
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pat);
  FcConfigDestroy(config);
  return out;
}

KioskFonts FindKioskFonts() {
  KioskFonts f{FindFont("Noto Sans", "Regular"), FindFont("Noto Sans", "Bold")};
  if (f.bold.empty()) f.bold = f.regular;
  return f;
}

struct FontCoverage::Faces {
  FT_Library lib = nullptr;
  std::vector<FT_Face> faces;
  ~Faces() {
    for (FT_Face f : faces) FT_Done_Face(f);
    if (lib) FT_Done_FreeType(lib);
  }
};

FontCoverage::FontCoverage() = default;
FontCoverage::~FontCoverage() = default;

bool FontCoverage::Open(const std::vector<std::string>& files, std::string& error) {
  auto faces = std::make_unique<Faces>();
  if (FT_Init_FreeType(&faces->lib)) {
    error = "FreeType cannot start";
    return false;
  }
  for (const auto& file : files) {
    FT_Face face = nullptr;
    if (FT_New_Face(faces->lib, file.c_str(), 0, &face)) {
      error = "cannot open the font " + file;
      return false;
    }
    faces->faces.push_back(face);
  }
  faces_ = std::move(faces);
  return true;
}

bool FontCoverage::Has(char32_t cp) const {
  if (!faces_) return false;
  for (FT_Face f : faces_->faces)
    if (FT_Get_Char_Index(f, cp) == 0) return false;
  return true;
}

std::string DescribeCodepoint(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X '", static_cast<unsigned>(cp));
  std::string out = buf;
  db::AppendUtf8(out, cp);
  return out + "'";
}

}  // namespace fonts
