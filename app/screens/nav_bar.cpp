// The persistent bar at the bottom (in reach of a seated visitor): the five screens and the language picker.
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace app {

void DrawNavBar(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kNavBar);
  struct Item { Screen screen; const char* key; };
  const Item items[] = {{Screen::Home, "nav.home"}, {Screen::Map, "nav.map"}, {Screen::Exhibitors, "nav.exhibitors"},
                        {Screen::Agreements, "nav.agreements"}, {Screen::Schedule, "nav.schedule"}};
  const db::Language* current = s.catalog->FindLanguage(s.lang);
  std::string lang_label = current ? current->native_name : s.lang;
  float lang_w = std::max(m.touch * 3.2f, Measure(s.fonts.strong, lang_label).x + m.pad * 2);
  float bh = size.y - m.pad;
  float bw = (size.x - m.pad - lang_w - m.gap * 6) / 5;
  ImGui::SetCursorScreenPos(ImVec2(p.x + m.pad * 0.5f, p.y + m.pad * 0.5f));
  for (int i = 0; i < 5; ++i) {
    if (i) ImGui::SameLine(0, m.gap);
    bool selected = s.screen == items[i].screen;
    PushId(s, ScreenName(items[i].screen));
    if (Button(s, "nav", s.Ui(items[i].key), selected ? ButtonKind::NavSelected : ButtonKind::Nav, bw, bh))
      s.Do({Action::Kind::Go, "", items[i].screen});
    PopId(s);
  }
  ImGui::SameLine(0, m.gap * 2);
  if (Button(s, "language", lang_label, ButtonKind::Primary, lang_w, bh)) s.language_picker = !s.language_picker;
}

void DrawLanguagePicker(AppState& s, ImVec2 size) {
  // A sheet over the screen: each language named in itself, large.
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(0x1B, 0x23, 0x30, 0x99));
  size_t n = s.catalog->languages.size();
  float bw = std::min(size.x - 2 * m.pad, m.px_per_mm * 120), bh = m.touch * 1.4f;
  float sheet_h = n * (bh + m.gap) + m.pad * 2;
  ImVec2 q(p.x + size.x - bw - m.pad * 3, p.y + size.y - sheet_h - m.pad);
  dl->AddRectFilled(ImVec2(q.x - m.pad, q.y - m.pad), ImVec2(q.x + bw + m.pad, q.y + sheet_h), colors::kPaper, m.radius);
  ImGui::SetCursorScreenPos(q);
  ImGui::BeginGroup();
  for (const auto& l : s.catalog->languages) {
    PushId(s, l.code);
    if (Button(s, "lang", l.native_name, l.code == s.lang ? ButtonKind::ChipSelected : ButtonKind::Chip, bw, bh))
      s.Do({Action::Kind::SetLanguage, l.code});
    PopId(s);
  }
  ImGui::EndGroup();
  // Tapping outside the sheet closes it. Submitted after the buttons, so that they win their own touches.
  ImGui::SetCursorScreenPos(p);
  if (TapArea(s, "dismiss", size)) s.language_picker = false;
}

void DrawErrorScreen(AppState& s, ImVec2 size) {
  // No catalog: strings cannot come from the snapshot, so this message is in English and Russian, plainly.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kPaper);
  float w = std::min(size.x * 0.8f, s.metrics.px_per_mm * 300);
  ImGui::SetCursorScreenPos(ImVec2(p.x + (size.x - w) / 2, p.y + size.y * 0.3f));
  ImGui::BeginGroup();
  Text(s.fonts.display, colors::kInk, "This kiosk is being set up", w);
  Text(s.fonts.title, colors::kMuted, "Киоск настраивается", w);
  ImGui::Dummy(ImVec2(1, s.metrics.gap));
  Text(s.fonts.body, colors::kMuted, "For staff: the forum data could not be opened.", w);
  Text(s.fonts.caption, colors::kMuted, s.load_error, w);
  ImGui::EndGroup();
}

}  // namespace app
