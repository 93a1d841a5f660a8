// The language sheet: over the screen, above the navigation bar, each language of the snapshot named in
// itself, large. Opened by the language button of the bar (AppState::language_picker).
#include <algorithm>

#include "app/sheets/sheets.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

void DrawLanguagePicker(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::Alpha(colors::kScrim, 0x99));
  size_t n = s.catalog->languages.size();
  float bh = m.touch * 1.05f;
  // As many rows as fit above the bar (reach mode leaves half the height), in columns when they do not.
  size_t rows = std::max<size_t>(1, std::min(n, static_cast<size_t>((size.y - m.pad * 3 + m.gap) / (bh + m.gap))));
  size_t cols = (n + rows - 1) / rows;
  rows = (n + cols - 1) / cols;
  float bw = std::min((size.x - 2 * m.pad - m.gap * (cols - 1)) / cols, m.mm(120));
  float sheet_w = cols * bw + (cols - 1) * m.gap, sheet_h = rows * (bh + m.gap) + m.pad * 2;
  ImVec2 q(p.x + size.x - sheet_w - m.pad * 3, p.y + size.y - sheet_h - m.pad);
  dl->AddRectFilled(ImVec2(q.x - m.pad, q.y - m.pad), ImVec2(q.x + sheet_w + m.pad, q.y + sheet_h), colors::kPaper, m.radius);
  for (size_t i = 0; i < n; ++i) {
    const auto& l = s.catalog->languages[i];
    ImGui::SetCursorScreenPos(ImVec2(q.x + (i / rows) * (bw + m.gap), q.y + (i % rows) * (bh + m.gap)));
    PushId(s, l.code);
    if (Button(s, "lang", l.native_name, l.code == s.lang ? ButtonKind::ChipSelected : ButtonKind::Chip, bw, bh))
      s.Do({.kind = Action::Kind::SetLanguage, .id = l.code});
    PopId(s);
  }
  // Tapping outside the sheet closes it. Submitted after the buttons, so that they win their own touches.
  ImGui::SetCursorScreenPos(p);
  if (TapArea(s, "dismiss", size)) s.language_picker = false;
}

}  // namespace app
