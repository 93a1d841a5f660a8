// The persistent bar at the bottom (in reach of a seated visitor): the six screens, the three accessibility
// toggles and the button that opens the language sheet (app/sheets/language_sheet.cpp).
#include <cfloat>
#include <cmath>

#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

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

// The accessibility toggles, each a box with an edge, a symbol and the mode's name in the visitor's language
// (a11y.* strings): reach (an arrow down to a bar), larger text (a small and a large A), high contrast (a
// half-filled circle).
struct Toggle {
  A11yMode mode;  // its name (A11yModeName) is the target's key
  const char* key;
};
const Toggle kToggles[] = {{A11yMode::Reach, "a11y.reach"}, {A11yMode::LargeText, "a11y.large_text"}, {A11yMode::HighContrast, "a11y.high_contrast"}};
static_assert(static_cast<int>(std::size(kToggles)) == kA11yModeCount, "a toggle for every mode");

struct Layout {
  int rows, cols;
  float lang_w, button_w, button_h;
  float toggle_w[3], label_w[3];  // each toggle, and the width its name wraps at (two lines at most)
  float toggles_w;                // the three with their gaps
  bool stacked;                   // two rows: the toggles above the language, at the right
  bool own_row;                   // the toggles and the language on a third row, below the buttons
};

void ToggleIcon(ImDrawList* dl, A11yMode which, ImVec2 c, float r, ImU32 col, ImFont* font) {
  if (which == A11yMode::Reach) {
    dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r * 0.3f), col, r * 0.18f);
    dl->AddTriangleFilled(ImVec2(c.x - r * 0.45f, c.y + r * 0.1f), ImVec2(c.x + r * 0.45f, c.y + r * 0.1f), ImVec2(c.x, c.y + r * 0.65f), col);
    dl->AddLine(ImVec2(c.x - r * 0.8f, c.y + r * 0.9f), ImVec2(c.x + r * 0.8f, c.y + r * 0.9f), col, r * 0.18f);
  } else if (which == A11yMode::LargeText) {
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

// The narrowest width at which `text` takes at most two lines without breaking a word: the best split
// between two words ("Жоғары | контраст").
float TwoLineWidth(ImFont* font, const std::string& text) {
  float best = Measure(font, text).x;
  for (size_t at = text.find(' '); at != std::string::npos; at = text.find(' ', at + 1))
    best = std::min(best, std::max(Measure(font, text.substr(0, at)).x, Measure(font, text.substr(at + 1)).x));
  return std::ceil(best) + 1;
}

float IconSize(const AppState& s) { return s.metrics.touch * 0.3f; }  // the symbol's radius (13 px at 12 mm)

// One row when every label fits its button on one line; else the buttons on two rows with the toggles
// above the language at the right (a portrait screen, a language with long words); else, when even that
// squeezes a label (larger text), the toggles and the language on a row of their own below the buttons.
// No label is ever squeezed or broken.
Layout LayoutFor(const AppState& s, float width) {
  const Metrics& m = s.metrics;
  Layout l;
  l.lang_w = std::max(m.touch * 2.4f, Measure(s.fonts.strong, LanguageLabel(s)).x + m.pad * 2);
  // Tall enough for a toggle's name on two lines.
  l.button_h = std::max(m.touch * 1.2f, 2 * s.fonts.caption->FontSize + m.pad * 0.5f);
  l.toggles_w = 0;
  for (int i = 0; i < 3; ++i) {
    l.label_w[i] = TwoLineWidth(s.fonts.caption, s.Ui(kToggles[i].key));
    l.toggle_w[i] = std::max(m.touch * 1.125f, m.pad * 0.5f + 2 * IconSize(s) + m.gap * 0.5f + l.label_w[i] + m.pad * 0.5f);
    l.toggles_w += l.toggle_w[i] + (i ? m.gap * 0.5f : 0);
  }
  for (int option = 0; option < 3; ++option) {
    l.rows = option == 0 ? 1 : 2;
    l.stacked = option == 1;
    l.own_row = option == 2;
    float right = option == 0 ? l.lang_w + l.toggles_w + m.gap : option == 1 ? std::max(l.lang_w, l.toggles_w) : -m.gap;
    l.cols = (kItemCount + l.rows - 1) / l.rows;
    l.button_w = (width - m.pad - right - m.gap * l.cols) / l.cols;
    float room = l.button_w - 2 * std::min(m.pad * 0.75f, l.button_w * 0.15f);
    bool fits = true;
    for (const auto& item : kItems) fits &= Measure(s.fonts.strong, s.Ui(item.key)).x <= room;
    if (fits) break;
  }
  return l;
}

}  // namespace

float NavBarHeight(const AppState& s, float width) {
  Layout l = LayoutFor(s, width);
  int rows = l.rows + (l.own_row ? 1 : 0);
  return rows * l.button_h + (rows - 1) * s.metrics.gap * 0.5f + s.metrics.pad;
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
      s.Do({.kind = Action::Kind::Go, .screen = kItems[i].screen});
    PopId(s);
  }
  // The language at the right; the accessibility toggles left of it, or above it on two rows.
  auto row_y = [&](int row) { return p.y + m.pad * 0.5f + row * (l.button_h + m.gap * 0.5f); };
  float lang_y = l.stacked ? row_y(1) : l.own_row ? row_y(2) : p.y + (size.y - l.button_h) / 2;
  ImGui::SetCursorScreenPos(ImVec2(p.x + size.x - m.pad * 0.5f - l.lang_w, lang_y));
  if (Button(s, "language", LanguageLabel(s), ButtonKind::Primary, l.lang_w, l.button_h)) s.language_picker = !s.language_picker;
  float x = p.x + size.x - m.pad * 0.5f - (l.stacked ? 0 : l.lang_w + m.gap);
  float y = l.stacked ? row_y(0) : lang_y;
  for (int i = 2; i >= 0; --i) {
    float w = l.toggle_w[i], h = l.button_h;
    x -= w;
    ImVec2 at(x, y);
    ImGui::SetCursorScreenPos(at);
    const bool on = s.Mode(kToggles[i].mode);
    PushId(s, A11yModeName(kToggles[i].mode));
    if (Button(s, "toggle", "", on ? ButtonKind::NavSelected : ButtonKind::Nav, w, h))
      s.Do({.kind = Action::Kind::Toggle, .mode = kToggles[i].mode});
    // An edge, so that it reads as a button and not as a decoration: the text's colour when off, the
    // "on" colour (and a filled box) when on.
    ImU32 col = on ? ImU32(colors::kToggleOn) : ImU32(colors::kNavText);
    dl->AddRect(at, ImVec2(at.x + w, at.y + h), col, s.metrics.radius, 0, s.metrics.line);
    float r = IconSize(s);
    ToggleIcon(dl, kToggles[i].mode, ImVec2(at.x + m.pad * 0.5f + r, at.y + h / 2), r, col, s.fonts.strong);
    const std::string& label = s.Ui(kToggles[i].key);
    float lx = at.x + m.pad * 0.5f + 2 * r + m.gap * 0.5f;
    CheckFit(s, s.fonts.caption, label, l.label_w[i], h);
    float lh = Measure(s.fonts.caption, label, l.label_w[i]).y;
    TextAt(dl, s.fonts.caption, col, ImVec2(lx, at.y + (h - lh) / 2), label, l.label_w[i]);
    PopId(s);
    x -= m.gap * 0.5f;
  }
}

}  // namespace app
