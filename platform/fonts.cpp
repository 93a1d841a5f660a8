#include "platform/fonts.h"

#include <imgui_freetype.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "fonts/font_files.h"

namespace platform {

bool FontSet::Build(const std::string& text, float scale, const std::vector<FontFace>& faces, std::string& error) {
  fonts::KioskFonts files = fonts::FindKioskFonts();
  if (files.regular.empty()) {
    error = "font Noto Sans not found (install fonts-noto-core)";
    return false;
  }
  ImFontGlyphRangesBuilder b;
  b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
  b.AddChar(0xFFFD);  // the fallback glyph: ImGui draws it for a character the atlas lacks
  // Without NUL: ImGui reads a range list up to its first 0, so a NUL in any text (validate refuses them)
  // would leave the atlas without a single glyph.
  std::string glyphs;
  std::remove_copy(text.begin(), text.end(), std::back_inserter(glyphs), '\0');
  b.AddText(glyphs.c_str(), glyphs.c_str() + glyphs.size());
  ImVector<ImWchar> ranges;
  b.BuildRanges(&ranges);

  // Built into a new atlas that replaces ImGui's only once it is complete: if the build fails (a font
  // file gone, out of memory), the fonts on screen stay as they were. ImGui's context owns io.Fonts and
  // deletes whichever atlas it points to at the end.
  struct Pending {  // deleted unless adopted
    ImFontAtlas* atlas = IM_NEW(ImFontAtlas)();
    ~Pending() {
      if (atlas) IM_DELETE(atlas);
    }
  } pending;
  ImFontAtlas* atlas = pending.atlas;
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  ImFontConfig cfg;
  cfg.OversampleH = cfg.OversampleV = 1;
  std::vector<ImFont*> built;
  ImFont* regular = nullptr;  // the first face of each weight, for the glyph check below
  ImFont* bold = nullptr;
  for (const FontFace& face : faces) {
    ImFont* f = atlas->AddFontFromFileTTF((face.bold ? files.bold : files.regular).c_str(), face.px * scale, &cfg, ranges.Data);
    if (!f) break;
    built.push_back(f);
    ImFont*& first = face.bold ? bold : regular;
    if (!first) first = f;
  }
  if (faces.empty() || built.size() != faces.size() || !atlas->Build()) {
    error = "cannot load the fonts from " + files.regular;
    return false;
  }
  ImGuiIO& io = ImGui::GetIO();
  IM_DELETE(io.Fonts);
  io.Fonts = std::exchange(pending.atlas, nullptr);
  ranges_.swap(ranges);  // the atlas keeps pointing at these
  for (size_t i = 0; i < faces.size(); ++i) *faces[i].out = built[i];
  // What the fonts could not give a glyph for (both weights: regular and bold text draw the same strings).
  missing_.clear();
  for (int i = 0; i + 1 < ranges_.Size && ranges_[i]; i += 2)
    for (unsigned c = ranges_[i]; c <= ranges_[i + 1]; ++c)
      if (c >= 0x20 && !(c >= 0x7F && c < 0xA0) &&
          ((regular && !regular->FindGlyphNoFallback(ImWchar(c))) || (bold && !bold->FindGlyphNoFallback(ImWchar(c)))))
        missing_.push_back(ImWchar(c));
  unsigned char* px;
  atlas->GetTexDataAsAlpha8(&px, &atlas_w_, &atlas_h_);
  return true;
}

int FallbackGlyphsDrawn(const ImDrawData* data) {
  if (!data) return 0;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  int count = 0;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* dl = data->CmdLists[l];
    // A glyph is a quad of 4 vertices whose first has (U0, V0) and third (U1, V1) of the glyph.
    for (int v = 0; v + 2 < dl->VtxBuffer.Size; ++v)
      for (const ImFont* font : atlas->Fonts) {
        const ImFontGlyph* g = font->FallbackGlyph;
        if (!g || g->Codepoint != 0xFFFD) continue;
        const ImDrawVert& a = dl->VtxBuffer[v];
        const ImDrawVert& c = dl->VtxBuffer[v + 2];
        if (a.uv.x == g->U0 && a.uv.y == g->V0 && c.uv.x == g->U1 && c.uv.y == g->V1) {
          ++count;
          break;
        }
      }
  }
  return count;
}

}  // namespace platform
