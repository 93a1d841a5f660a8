#include "app/theme.h"

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

}  // namespace app
