#include "platform/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>

namespace platform {

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

bool FontSet::Build(const std::string& text, float scale, app::Fonts& out, std::string& error) {
  std::string regular = FindFont("Noto Sans", "Regular"), bold = FindFont("Noto Sans", "Bold");
  if (regular.empty()) {
    error = "font Noto Sans not found (install fonts-noto-core)";
    return false;
  }
  if (bold.empty()) bold = regular;
  ImFontGlyphRangesBuilder b;
  b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
  b.AddText(text.c_str(), text.c_str() + text.size());
  ranges_.clear();
  b.BuildRanges(&ranges_);

  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  ImFontConfig cfg;
  cfg.OversampleH = cfg.OversampleV = 1;
  auto add = [&](const std::string& file, float px) {
    return atlas->AddFontFromFileTTF(file.c_str(), px * scale, &cfg, ranges_.Data);
  };
  out.body = add(regular, 28);  // first font = ImGui's default
  out.caption = add(regular, 22);
  out.strong = add(bold, 28);
  out.title = add(bold, 40);
  out.display = add(bold, 60);
  if (!out.body || !out.caption || !out.strong || !out.title || !out.display || !atlas->Build()) {
    error = "cannot load the fonts from " + regular;
    return false;
  }
  unsigned char* px;
  atlas->GetTexDataAsAlpha8(&px, &atlas_w_, &atlas_h_);
  return true;
}

}  // namespace platform
