#include "app/ui.h"

#include <imgui.h>

#include "app/keyboard.h"
#include "app/screens/screens.h"

namespace app {

Metrics MetricsFor(float px_per_mm) {
  Metrics m;
  float k = px_per_mm / 3.6f;
  m.px_per_mm = px_per_mm;
  m.touch = 9.0f * px_per_mm;  // 9 mm
  m.gap = 16 * k;
  m.pad = 24 * k;
  m.radius = 14 * k;
  m.drag_threshold = 4.0f * px_per_mm;
  return m;
}

void DrawFrame(AppState& s) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("kiosk", nullptr, flags);
  ImVec2 size = vp->WorkSize;
  s.animating = false;
  if (!s.catalog) {
    DrawErrorScreen(s, size);
    ImGui::End();
    return;
  }
  float nav = NavBarHeight(s, size.x);
  ImVec2 content(size.x, size.y - nav);
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::BeginChild("screen", content, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  switch (s.screen) {
    case Screen::Home: DrawHomeScreen(s, content); break;
    case Screen::Map: DrawMapScreen(s, content); break;
    case Screen::Exhibitors: DrawExhibitorsScreen(s, content); break;
    case Screen::Agreements: DrawAgreementsScreen(s, content); break;
    case Screen::Schedule: DrawScheduleScreen(s, content); break;
    case Screen::Search: DrawSearchScreen(s, content); break;
  }
  ImGui::EndChild();
  ImGui::SetCursorPos(ImVec2(0, size.y - nav));
  DrawNavBar(s, ImVec2(size.x, nav));
  if (s.language_picker) {
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::BeginChild("languages", ImVec2(size.x, size.y - nav), false, ImGuiWindowFlags_NoScrollbar);
    DrawLanguagePicker(s, ImVec2(size.x, size.y - nav));
    ImGui::EndChild();
  }
  ImGui::End();
  s.scroll_to_top = false;
}

}  // namespace app

namespace app {

std::string TextForGlyphs(const db::Catalog* c) {
  // Symbols the screens draw themselves: – · ‹ • — and the staff message.
  std::string out = "\xE2\x80\x93\xC2\xB7\xE2\x80\xB9\xE2\x80\xA2\xE2\x80\x94"
                    "Киоск настраивается0123456789:";
  out += KeyboardText();
  if (c) db::ForEachText(*c, [&](const db::TextRef& t) { out += t.text; });
  return out;
}

}  // namespace app
