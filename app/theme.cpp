#include "app/theme.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace app {

ImU32 Rgb(uint32_t rgb, int alpha) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

ImU32 TextOn(uint32_t rgb) {
  float r = ((rgb >> 16) & 0xFF) / 255.f, g = ((rgb >> 8) & 0xFF) / 255.f, b = (rgb & 0xFF) / 255.f;
  float luma = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  return luma > 0.55f ? colors::kInk : IM_COL32_WHITE;
}

void ApplyTheme(float scale) {
  ImGuiStyle& st = ImGui::GetStyle();
  st = ImGuiStyle();
  ImGui::StyleColorsLight(&st);
  st.WindowPadding = ImVec2(0, 0);
  st.WindowBorderSize = 0;
  st.ChildBorderSize = 0;
  st.FrameBorderSize = 0;
  st.PopupBorderSize = 0;
  st.WindowRounding = 0;
  st.ItemSpacing = ImVec2(16, 16);
  st.ScrollbarSize = 10;  // a thin position hint; lists scroll by dragging the content
  st.ScrollbarRounding = 5;
  st.ScaleAllSizes(scale);
  ImVec4* c = st.Colors;
  c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kPaper);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kInk);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(colors::kLine);
  c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
  c[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(colors::kMuted);
}

namespace {

double Linear(double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double Luminance(ImU32 c) {
  double r = ((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0, g = ((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0,
         b = ((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0;
  return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
}

ImU32 WithAlpha(ImU32 rgb, ImU32 from) { return (rgb & ~IM_COL32_A_MASK) | (from & IM_COL32_A_MASK); }

}  // namespace

double ContrastRatio(ImU32 a, ImU32 b) {
  double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 HighContrast(ImU32 c) {
  using namespace colors;
  struct Pair {
    ImU32 from, to;
  };
  static const Pair kMap[] = {  // constant data: the palette's counterparts
      {kPaper, IM_COL32(0x00, 0x00, 0x00, 0xFF)},      {kSurface, IM_COL32(0x12, 0x12, 0x12, 0xFF)},
      {kPanel, IM_COL32(0x1C, 0x1C, 0x1C, 0xFF)},      {kPressed, IM_COL32(0x33, 0x33, 0x33, 0xFF)},
      {kLine, IM_COL32(0xC8, 0xC8, 0xC8, 0xFF)},       {kInk, IM_COL32(0xFF, 0xFF, 0xFF, 0xFF)},
      {kMuted, IM_COL32(0xE6, 0xE6, 0xE6, 0xFF)},      {kAccent, IM_COL32(0xFF, 0xD4, 0x00, 0xFF)},
      {kAccentDark, IM_COL32(0xE6, 0xBE, 0x00, 0xFF)}, {kOnAccent, IM_COL32(0x00, 0x00, 0x00, 0xFF)},
      {kNavBar, IM_COL32(0x00, 0x00, 0x00, 0xFF)},     {kNavText, IM_COL32(0xFF, 0xFF, 0xFF, 0xFF)},
      {kNow, IM_COL32(0xFF, 0xD4, 0x00, 0xFF)},        {kNext, IM_COL32(0xFF, 0xD4, 0x00, 0xFF)},
      {kHighlight, IM_COL32(0xFF, 0xD4, 0x00, 0xFF)},
  };
  for (const auto& p : kMap)
    if ((p.from & ~IM_COL32_A_MASK) == (c & ~IM_COL32_A_MASK)) return WithAlpha(p.to, c);
  // Anything else (tiles, country and track colours, the map): black or white, opposite to its luminance,
  // so that white text on a coloured tile becomes black text on white.
  return WithAlpha(Luminance(c) > 0.18 ? IM_COL32(0x00, 0x00, 0x00, 0xFF) : IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), c);
}

void ApplyHighContrast(ImDrawData* data) {
  if (!data) return;
  ImTextureID fonts = ImGui::GetIO().Fonts->TexID;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    ImDrawList* dl = data->CmdLists[l];
    std::vector<bool> done(dl->VtxBuffer.Size, false);  // a vertex may be indexed more than once
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != fonts) continue;  // pictures keep their colours
      for (unsigned i = 0; i < cmd.ElemCount; ++i) {
        unsigned v = cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i];
        if (v >= done.size() || done[v]) continue;
        done[v] = true;
        dl->VtxBuffer[v].col = HighContrast(dl->VtxBuffer[v].col);
      }
    }
  }
}

}  // namespace app
