// The staff message: what the kiosk shows when no snapshot could be opened (app/state/setup_message.h).
#include <algorithm>

#include "app/screens/screens.h"
#include "app/state/setup_message.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

void DrawErrorScreen(AppState& s, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kPaper);
  float w = std::min(size.x * 0.8f, s.metrics.mm(300));
  ImGui::SetCursorScreenPos(ImVec2(p.x + (size.x - w) / 2, p.y + size.y * 0.3f));
  ImGui::BeginGroup();
  Text(s.fonts.display, colors::kInk, kSetupTitle, w);
  Text(s.fonts.title, colors::kMuted, kSetupTitleRu, w);
  ImGui::Dummy(ImVec2(1, s.metrics.gap));
  Text(s.fonts.body, colors::kMuted, kSetupForStaff, w);
  Text(s.fonts.caption, colors::kMuted, s.load_error, w);
  ImGui::EndGroup();
}

}  // namespace app
