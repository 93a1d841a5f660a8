#include "app/widgets/keyboard.h"

#include <imgui.h>

#include "app/theme.h"
#include "app/widgets/widgets.h"
#include "db/base/text.h"

namespace app {

namespace {

const char* const kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
constexpr double kRepeatDelay = 0.5, kRepeatEvery = 0.08;  // seconds: a held key repeats like a real one

// One key: types `text` on release, or repeatedly while held (after kRepeatDelay).
// `font`: letters and digits in the title size, control keys in the strong size, whatever the layout, so a
// caption never changes size when the layout switches ("ABC" and "АБВ" are both control keys).
bool Key(AppState& s, const char* id, const std::string& label, ImVec2 size, ButtonKind kind, bool repeats, int* fired,
         ImFont* font) {
  PushId(s, id);
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool pressed = false;
  bool tapped = TapArea(s, "key", size, &pressed);
  PopId(s);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Metrics& m = s.metrics;
  ImU32 bg = kind == ButtonKind::Primary ? colors::kAccent : colors::kSurface;
  if (pressed) bg = kind == ButtonKind::Primary ? colors::kAccentDark : colors::kPressed;
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), bg, m.radius * 0.6f);
  if (kind != ButtonKind::Primary) dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), colors::kLine, m.radius * 0.6f, 0, m.px(1.5f));
  ImU32 fg = kind == ButtonKind::Primary ? colors::kOnAccent : colors::kInk;
  // With larger text a letter in the title size is taller than the key (13 mm, kept): a size down, for
  // every key of its kind alike.
  if (font == s.fonts.title && font->FontSize > size.y) font = s.fonts.strong;
  if (Measure(font, label).x > size.x - m.gap || font->FontSize > size.y) font = s.fonts.caption;  // a long word in some language
  CheckFit(s, font, label, size.x - m.gap * 0.5f, size.y);
  ImVec2 ts = Measure(font, label);
  TextAt(dl, font, fg, ImVec2(p.x + (size.x - ts.x) / 2, p.y + (size.y - ts.y) / 2), label, 0);

  *fired = 0;
  AppState::KeyHold& h = s.key_hold;
  std::string key = s.id_path.empty() ? id : s.id_path.back() + "/" + id;
  if (pressed) {
    s.animating = true;  // frames while held, for the repeat
    if (h.key != key) h = {key, s.time_s, s.time_s, false};
    else if (repeats && s.time_s - h.since >= kRepeatDelay && s.time_s - h.last >= kRepeatEvery) {
      h.last = s.time_s;
      h.repeated = true;
      *fired = 1;
    }
  }
  if (tapped) {
    if (!(h.key == key && h.repeated)) *fired = 1;  // a repeating key already typed while held
    h = {};
  }
  return *fired > 0;
}

// The backspace symbol, drawn (the fonts have no ⌫): a left-pointing tag with an x.
void BackspaceIcon(ImDrawList* dl, ImVec2 c, float h, ImU32 color) {
  float w = h * 1.5f;
  ImVec2 pts[] = {{c.x - w / 2, c.y}, {c.x - w / 6, c.y - h / 2}, {c.x + w / 2, c.y - h / 2}, {c.x + w / 2, c.y + h / 2},
                  {c.x - w / 6, c.y + h / 2}};
  dl->AddPolyline(pts, 5, color, ImDrawFlags_Closed, h * 0.1f);
  float x = c.x + w / 6, d = h * 0.2f;
  dl->AddLine(ImVec2(x - d, c.y - d), ImVec2(x + d, c.y + d), color, h * 0.1f);
  dl->AddLine(ImVec2(x - d, c.y + d), ImVec2(x + d, c.y - d), color, h * 0.1f);
}

}  // namespace

const std::vector<KeyboardLayout>& KeyboardLayouts() {
  static const std::vector<KeyboardLayout> layouts = {  // constant data
      // Both layouts have four letter rows, so switching moves no key: the digits, the control row and
      // the panel stay where they are (the Turkish Q order, then Azerbaijani, Turkmen and Uzbek letters).
      {"ABC",
       {{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "ğ", "ü"},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ş", "ı"},
        {"z", "x", "c", "v", "b", "n", "m", "ö", "ç"},
        {"ə", "ñ", "ʻ"}}},
      {"АБВ",
       {{"й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ъ"},
        {"ф", "ы", "в", "а", "п", "р", "о", "л", "д", "ж", "э", "ё"},
        {"я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ә", "і"},
        {"ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "ў"}}},
  };
  return layouts;
}

int DefaultKeyboard(const db::Catalog& c, const std::string& lang) {
  const db::Language* l = c.FindLanguage(lang);
  if (!l) return 0;
  size_t i = 0;
  char32_t cp = 0;
  db::NextCodepoint(l->native_name, i, cp);
  return cp >= 0x0400 && cp <= 0x052F ? 1 : 0;
}

std::string KeyboardText() {
  std::string out = "0123456789";
  for (const auto& l : KeyboardLayouts()) {
    out += l.name;
    for (const auto& row : l.rows)
      for (const char* k : row) out += k;
  }
  return out;
}

int CurrentKeyboard(const AppState& s) {
  return s.keyboard >= 0 && s.keyboard < int(KeyboardLayouts().size()) ? s.keyboard : DefaultKeyboard(*s.catalog, s.lang);
}

namespace {
float KeyHeight(const Metrics& m) { return std::max(m.touch, m.mm(13.0f)); }  // 13 mm
}  // namespace

float KeyboardHeight(const AppState& s, int layout) {
  float rows = float(KeyboardLayouts()[layout].rows.size() + 2);
  return rows * (KeyHeight(s.metrics) + s.metrics.gap * 0.5f) - s.metrics.gap * 0.5f;
}

float DrawKeyboard(AppState& s, float width) {
  const Metrics& m = s.metrics;
  int layout = CurrentKeyboard(s);
  const KeyboardLayout& kb = KeyboardLayouts()[layout];
  const float gap = m.gap * 0.5f;
  const float key_w = (width - gap * 11) / 12, key_h = KeyHeight(m);
  ImVec2 origin = ImGui::GetCursorPos();
  PushId(s, "kb");
  int fired = 0;
  auto row_start = [&](int row, size_t keys) {
    float used = keys * key_w + (keys - 1) * gap;
    ImGui::SetCursorPos(ImVec2(origin.x + (width - used) / 2, origin.y + row * (key_h + gap)));
  };
  int row = 0;
  row_start(row, 10);
  for (size_t i = 0; i < 10; ++i) {
    if (i) ImGui::SameLine(0, gap);
    if (Key(s, kDigits[i], kDigits[i], ImVec2(key_w, key_h), ButtonKind::Secondary, false, &fired, s.fonts.title))
      s.Do({.kind = Action::Kind::Type, .id = kDigits[i]});
  }
  for (const auto& keys : kb.rows) {
    row_start(++row, keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) ImGui::SameLine(0, gap);
      if (Key(s, keys[i], keys[i], ImVec2(key_w, key_h), ButtonKind::Secondary, false, &fired, s.fonts.title))
        s.Do({.kind = Action::Kind::Type, .id = keys[i]});
    }
  }
  // Control row: the other layout, space, backspace, clear.
  ++row;
  float switch_w = key_w * 2 + gap, erase_w = key_w * 2 + gap, clear_w = key_w * 2 + gap;
  float space_w = width - switch_w - erase_w - clear_w - gap * 3;
  ImGui::SetCursorPos(ImVec2(origin.x, origin.y + row * (key_h + gap)));
  int other = (layout + 1) % int(KeyboardLayouts().size());
  if (Key(s, "layout", KeyboardLayouts()[other].name, ImVec2(switch_w, key_h), ButtonKind::Primary, false, &fired, s.fonts.strong))
    s.Do({.kind = Action::Kind::SetKeyboard, .number = other});
  ImGui::SameLine(0, gap);
  if (Key(s, "space", s.Ui("search.space"), ImVec2(space_w, key_h), ButtonKind::Secondary, false, &fired, s.fonts.strong))
    s.Do({.kind = Action::Kind::Type, .id = " "});
  ImGui::SameLine(0, gap);
  ImVec2 bp = ImGui::GetCursorScreenPos();
  if (Key(s, "backspace", "", ImVec2(erase_w, key_h), ButtonKind::Secondary, true, &fired, s.fonts.strong)) s.Do({.kind = Action::Kind::Erase});
  BackspaceIcon(ImGui::GetWindowDrawList(), ImVec2(bp.x + erase_w / 2, bp.y + key_h / 2), key_h * 0.45f, colors::kInk);
  ImGui::SameLine(0, gap);
  if (Key(s, "clear", s.Ui("search.clear"), ImVec2(clear_w, key_h), ButtonKind::Secondary, false, &fired, s.fonts.strong))
    s.Do({.kind = Action::Kind::ClearQuery});
  PopId(s);
  float height = (row + 1) * (key_h + gap) - gap;
  ImGui::SetCursorPos(ImVec2(origin.x, origin.y + height));
  return height;
}

}  // namespace app
