// The loading view: what the kiosk shows from its first frame while a snapshot too large to open before the
// window (thousands of exhibitors) is read and checked on the loading thread (AppState::loading). The catalog
// then appears whole at one frame boundary (app/main.cpp FinishOpening); nothing of it is drawn before.
// There are no UI strings yet: the fixed text of app/state/setup_message.h, in the staff message's place.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "app/screens/screens.h"
#include "app/state/setup_message.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

void DrawLoadingScreen(AppState& s, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kPaper);
  // The dots: kLoadingDots of them, the first `lit` in the accent; one more each kLoadingStepS, then again.
  const Metrics& m = s.metrics;
  const float r = m.mm(2.5f), step = m.mm(9);
  const int lit = static_cast<int>(std::floor(s.time_s / kLoadingStepS)) % (kLoadingDots + 1);
  const float cy = p.y + size.y * 0.4f, x0 = p.x + size.x / 2 - step * (kLoadingDots - 1) / 2;
  for (int i = 0; i < kLoadingDots; ++i)
    dl->AddCircleFilled(ImVec2(x0 + step * static_cast<float>(i), cy), r, i < lit ? ImU32(colors::kAccent) : ImU32(colors::kLine), 24);
  // Each line centred under the dots (one line each: the titles are short).
  float y = cy + r + m.gap * 2;
  for (auto [font, color, text] : {std::tuple{s.fonts.display, ImU32(colors::kInk), kLoadingTitle},
                                   std::tuple{s.fonts.title, ImU32(colors::kMuted), kLoadingTitleRu}}) {
    const ImVec2 t = Measure(font, text);
    TextAt(dl, font, color, ImVec2(std::floor(p.x + (size.x - t.x) / 2), std::floor(y)), text, 0);
    y += t.y + m.gap / 2;
  }
}

}  // namespace app
