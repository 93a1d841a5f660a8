#include "fonts/font_files.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstdio>
#include <optional>

#include "db/base/text.h"

namespace fonts {

namespace {

// The face fontconfig matches for `family` and `style` in `config`, when one of its family names is exactly
// `family` (fontconfig always matches something: "Noto Sans Symbols" must not come back as Symbols2).
std::optional<FontFile> Match(FcConfig* config, const char* family, const char* style) {
  std::optional<FontFile> out;
  FcPattern* pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  FcPatternAddString(pat, FC_STYLE, reinterpret_cast<const FcChar8*>(style));
  FcConfigSubstitute(config, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult result;
  if (FcPattern* match = FcFontMatch(config, pat, &result)) {
    FcChar8* file = nullptr;
    FcChar8* fam = nullptr;
    int index = 0;
    bool named = false;
    for (int n = 0; !named && FcPatternGetString(match, FC_FAMILY, n, &fam) == FcResultMatch; ++n)
      named = std::string(reinterpret_cast<char*>(fam)) == family;
    if (named && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
      FcPatternGetInteger(match, FC_INDEX, 0, &index);
      out = FontFile{reinterpret_cast<char*>(file), index};
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pat);
  return out;
}

// The fallback families, in the order they are asked (font_files.h, KioskFonts). Bold only where the family
// has one in Debian (fonts-noto-core's Symbols and the scripts; fonts-noto-cjk's NotoSansCJK-Bold.ttc).
constexpr const char* kFallbacks[] = {
    "Noto Sans Symbols",   // arrows (U+2192: Debian's Noto Sans has none), technical symbols
    "Noto Sans Math",      // operators (U+2211, U+2265), letterlike symbols
    "Noto Sans Symbols2",  // pictographs, dingbats, some emoji (U+2615), monochrome
    "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans Devanagari",
    "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Tamil", "Noto Sans Telugu",
    "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Thai", "Noto Sans Lao",
    "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans Ethiopic",
    // Han, kana, Hangul and the full-width forms (U+FF1A), from fonts-noto-cjk. The SC face for every forum:
    // every face of the collection covers the same characters; SC draws Han as readers in China expect.
    "Noto Sans CJK SC",
    // The rest of the emoji, monochrome (fonts-symbola). Not Noto Color Emoji: Debian's is CBDT colour
    // bitmaps only, which imgui_freetype 1.86 draws blank (tried with LoadColor | Bitmap: empty boxes).
    "Symbola",
};

}  // namespace

std::string FindFont(const char* family, const char* style) {
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (!config) return "";
  std::optional<FontFile> f = Match(config, family, style);
  FcConfigDestroy(config);
  return f ? f->path : "";
}

KioskFonts FindKioskFonts() {
  KioskFonts out;
  FcConfig* config = FcInitLoadConfigAndFonts();  // once: loading fontconfig's cache is the slow part
  if (!config) return out;
  if (auto regular = Match(config, "Noto Sans", "Regular")) out.regular = regular->path;
  if (auto bold = Match(config, "Noto Sans", "Bold")) out.bold = bold->path;
  if (auto italic = Match(config, "Noto Sans", "Italic")) out.italic = italic->path;
  if (auto bold_italic = Match(config, "Noto Sans", "Bold Italic")) out.bold_italic = bold_italic->path;
  if (out.bold.empty()) out.bold = out.regular;
  if (out.italic.empty()) out.italic = out.regular;
  if (out.bold_italic.empty()) out.bold_italic = out.bold;
  for (const char* family : kFallbacks) {
    std::optional<FontFile> regular = Match(config, family, "Regular");
    if (!regular) continue;
    std::optional<FontFile> bold = Match(config, family, "Bold");
    out.fallbacks.push_back({family, *regular, bold ? *bold : *regular});
  }
  FcConfigDestroy(config);
  return out;
}

struct FontCoverage::Faces {
  FT_Library lib = nullptr;
  std::vector<FT_Face> main, fallbacks;  // main: regular, bold
  ~Faces() {
    for (FT_Face f : main) FT_Done_Face(f);
    for (FT_Face f : fallbacks) FT_Done_Face(f);
    if (lib) FT_Done_FreeType(lib);
  }
};

FontCoverage::FontCoverage() = default;
FontCoverage::~FontCoverage() = default;

bool FontCoverage::Open(const KioskFonts& fonts, std::string& error) {
  auto faces = std::make_unique<Faces>();
  if (FT_Init_FreeType(&faces->lib)) {
    error = "FreeType cannot start";
    return false;
  }
  auto open = [&](const FontFile& file, std::vector<FT_Face>& into) {
    FT_Face face = nullptr;
    if (FT_New_Face(faces->lib, file.path.c_str(), file.index, &face)) {
      error = "cannot open the font " + file.path;
      return false;
    }
    into.push_back(face);
    return true;
  };
  if (!open({fonts.regular}, faces->main) || !open({fonts.bold}, faces->main)) return false;
  // A fallback's regular face stands for its bold: Debian's bold faces cover what their regular does.
  for (const FallbackFont& f : fonts.fallbacks)
    if (!open(f.regular, faces->fallbacks)) return false;
  faces_ = std::move(faces);
  return true;
}

bool FontCoverage::InMain(char32_t cp) const {
  if (!faces_) return false;
  for (FT_Face f : faces_->main)
    if (FT_Get_Char_Index(f, cp) == 0) return false;
  return true;
}

int FontCoverage::FallbackFor(char32_t cp) const {
  if (!faces_) return -1;
  for (size_t i = 0; i < faces_->fallbacks.size(); ++i)
    if (FT_Get_Char_Index(faces_->fallbacks[i], cp) != 0) return int(i);
  return -1;
}

bool FontCoverage::Has(char32_t cp) const { return InMain(cp) || FallbackFor(cp) >= 0; }

FontCoverage::Glyph FontCoverage::Render(char32_t cp, float px) const {
  Glyph g;
  int f = FallbackFor(cp);
  if (f < 0 || px <= 0) return g;
  FT_Face face = faces_->fallbacks[size_t(f)];
  // As imgui_freetype sizes a face: the real height (ascender to descender) of `px` pixels.
  FT_Size_RequestRec req{FT_SIZE_REQUEST_TYPE_REAL_DIM, 0, FT_Long(px * 64), 0, 0};
  if (FT_Request_Size(face, &req) || FT_Load_Char(face, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT)) return g;
  const FT_Bitmap& b = face->glyph->bitmap;
  if (b.pixel_mode != FT_PIXEL_MODE_GRAY) return g;
  g.width = int(b.width), g.height = int(b.rows), g.left = face->glyph->bitmap_left, g.top = face->glyph->bitmap_top;
  g.advance = float(face->glyph->advance.x) / 64.0f;
  g.alpha.resize(size_t(g.width) * size_t(g.height));
  for (int y = 0; y < g.height; ++y)
    std::copy_n(b.buffer + std::ptrdiff_t(y) * b.pitch, g.width, g.alpha.begin() + std::ptrdiff_t(y) * g.width);
  if (g.alpha.empty()) g.alpha.push_back(0);  // a blank glyph (a space) is still a glyph
  return g;
}

std::string DescribeCodepoint(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X '", static_cast<unsigned>(cp));
  std::string out = buf;
  db::AppendUtf8(out, cp);
  return out + "'";
}

}  // namespace fonts
