// The persistent bar at the bottom (in reach of a seated visitor): the five screens and the language picker.
#include <cfloat>

#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace app {

namespace {

struct Item {
  Screen screen;
  const char* key;
};
const Item kItems[] = {{Screen::Home, "nav.home"},         {Screen::Map, "nav.map"},
                       {Screen::Exhibitors, "nav.exhibitors"}, {Screen::Agreements, "nav.agreements"},
                       {Screen::Schedule, "nav.schedule"}, {Screen::Search, "nav.search"}};
constexpr int kItemCount = static_cast<int>(std::size(kItems));

struct Layout {
  int rows, cols;
  float lang_w, button_w, button_h;
  float toggle_w;  // each of the three accessibility toggles
};

// The accessibility toggles, drawn as symbols (no words to translate or to overflow): reach (an arrow down
// to a bar), larger text (a small and a large A), high contrast (a half-filled circle).
void ToggleIcon(ImDrawList* dl, const char* which, ImVec2 c, float r, ImU32 col, ImFont* font) {
  std::string w = which;
  if (w == "reach") {
    dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r * 0.3f), col, r * 0.18f);
    dl->AddTriangleFilled(ImVec2(c.x - r * 0.45f, c.y + r * 0.1f), ImVec2(c.x + r * 0.45f, c.y + r * 0.1f), ImVec2(c.x, c.y + r * 0.65f), col);
    dl->AddLine(ImVec2(c.x - r * 0.8f, c.y + r * 0.9f), ImVec2(c.x + r * 0.8f, c.y + r * 0.9f), col, r * 0.18f);
  } else if (w == "large_text") {
    float big = r * 1.9f, small = r * 1.1f;
    ImVec2 bs = font->CalcTextSizeA(big, FLT_MAX, 0, "A"), ss = font->CalcTextSizeA(small, FLT_MAX, 0, "A");
    float x = c.x - (bs.x + ss.x) / 2;
    dl->AddText(font, small, ImVec2(x, c.y + bs.y / 2 - ss.y), col, "A");
    dl->AddText(font, big, ImVec2(x + ss.x, c.y - bs.y / 2), col, "A");
  } else {
    dl->AddCircle(c, r * 0.8f, col, 32, r * 0.16f);
    dl->PathArcTo(c, r * 0.8f, -1.5707963f, 1.5707963f, 24);  // the right half
    dl->PathFillConvex(col);
  }
}

std::string LanguageLabel(const AppState& s) {
  const db::Language* current = s.catalog->FindLanguage(s.lang);
  return current ? current->native_name : s.lang;
}

// One row when every label fits its button on one line; else two rows (a narrow portrait screen, a
// language with long words), so no label is ever squeezed or broken.
Layout LayoutFor(const AppState& s, float width) {
  const Metrics& m = s.metrics;
  Layout l;
  l.lang_w = std::max(m.touch * 2.4f, Measure(s.fonts.strong, LanguageLabel(s)).x + m.pad * 2);
  l.button_h = m.touch * 1.2f;
  l.toggle_w = m.touch * 1.125f;
  float right = l.lang_w + 3 * l.toggle_w + 3 * m.gap * 0.5f;
  for (l.rows = 1; l.rows <= 2; ++l.rows) {
    l.cols = (kItemCount + l.rows - 1) / l.rows;
    l.button_w = (width - m.pad - right - m.gap * (l.cols + 1)) / l.cols;
    float room = l.button_w - 2 * std::min(m.pad * 0.75f, l.button_w * 0.15f);
    bool fits = true;
    for (const auto& item : kItems) fits &= Measure(s.fonts.strong, s.Ui(item.key)).x <= room;
    if (fits) break;
  }
  l.rows = std::min(l.rows, 2);
  return l;
}

}  // namespace

float NavBarHeight(const AppState& s, float width) {
  Layout l = LayoutFor(s, width);
  return l.rows * l.button_h + (l.rows - 1) * s.metrics.gap * 0.5f + s.metrics.pad;
}

void DrawNavBar(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kNavBar);
  Layout l = LayoutFor(s, size.x);
  for (int i = 0; i < kItemCount; ++i) {
    int row = i / l.cols, col = i % l.cols;
    ImGui::SetCursorScreenPos(ImVec2(p.x + m.pad * 0.5f + col * (l.button_w + m.gap), p.y + m.pad * 0.5f + row * (l.button_h + m.gap * 0.5f)));
    bool selected = s.screen == kItems[i].screen;
    PushId(s, ScreenName(kItems[i].screen));
    if (Button(s, "nav", s.Ui(kItems[i].key), selected ? ButtonKind::NavSelected : ButtonKind::Nav, l.button_w, l.button_h))
      s.Do({Action::Kind::Go, "", kItems[i].screen});
    PopId(s);
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x + size.x - m.pad * 0.5f - l.lang_w, p.y + (size.y - l.button_h) / 2));
  if (Button(s, "language", LanguageLabel(s), ButtonKind::Primary, l.lang_w, l.button_h)) s.language_picker = !s.language_picker;
  // Accessibility: one tap each, left of the language.
  const std::pair<const char*, bool> toggles[] = {{"reach", s.reach}, {"large_text", s.large_text}, {"high_contrast", s.high_contrast}};
  float x = p.x + size.x - m.pad * 0.5f - l.lang_w - m.gap;
  for (int i = 2; i >= 0; --i) {
    x -= l.toggle_w;
    ImVec2 at(x, p.y + (size.y - l.button_h) / 2);
    ImGui::SetCursorScreenPos(at);
    PushId(s, toggles[i].first);
    if (Button(s, "toggle", "", toggles[i].second ? ButtonKind::NavSelected : ButtonKind::Nav, l.toggle_w, l.button_h))
      s.Do({Action::Kind::Toggle, toggles[i].first});
    PopId(s);
    ImU32 col = toggles[i].second ? colors::kToggleOn : colors::kNavText;
    ToggleIcon(ImGui::GetWindowDrawList(), toggles[i].first, ImVec2(at.x + l.toggle_w / 2, at.y + l.button_h / 2), l.toggle_w * 0.28f, col, s.fonts.strong);
    x -= m.gap * 0.5f;
  }
}

void DrawLanguagePicker(AppState& s, ImVec2 size) {
  // A sheet over the screen: each language named in itself, large.
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
  float bw = std::min((size.x - 2 * m.pad - m.gap * (cols - 1)) / cols, m.px_per_mm * 120);
  float sheet_w = cols * bw + (cols - 1) * m.gap, sheet_h = rows * (bh + m.gap) + m.pad * 2;
  ImVec2 q(p.x + size.x - sheet_w - m.pad * 3, p.y + size.y - sheet_h - m.pad);
  dl->AddRectFilled(ImVec2(q.x - m.pad, q.y - m.pad), ImVec2(q.x + sheet_w + m.pad, q.y + sheet_h), colors::kPaper, m.radius);
  for (size_t i = 0; i < n; ++i) {
    const auto& l = s.catalog->languages[i];
    ImGui::SetCursorScreenPos(ImVec2(q.x + (i / rows) * (bw + m.gap), q.y + (i % rows) * (bh + m.gap)));
    PushId(s, l.code);
    if (Button(s, "lang", l.native_name, l.code == s.lang ? ButtonKind::ChipSelected : ButtonKind::Chip, bw, bh))
      s.Do({Action::Kind::SetLanguage, l.code});
    PopId(s);
  }
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
