#include "app/widgets/widgets.h"

#include <imgui_internal.h>

#include <cmath>

#include "app/theme.h"
#include "db/base/text.h"

namespace app {

void PushId(AppState& s, const std::string& id) {
  ImGui::PushID(id.c_str());
  s.id_path.push_back(id);
}

void PopId(AppState& s) {
  ImGui::PopID();
  s.id_path.pop_back();
}

bool TapArea(AppState& s, const char* id, ImVec2 size, bool* pressed) {
  ImGui::InvisibleButton(id, size);
  if (s.targets) {
    std::string key;
    for (const auto& part : s.id_path) key += part + "/";
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax(), whole = ImGui::GetItemRectSize();
    // Only what is visible can be tapped: clip to the window.
    ImVec4 clip = ImGui::GetCurrentWindow()->ClipRect.ToVec4();
    a = ImVec2(std::max(a.x, clip.x), std::max(a.y, clip.y));
    b = ImVec2(std::min(b.x, clip.z), std::min(b.y, clip.w));
    if (b.x > a.x && b.y > a.y) s.targets->push_back({key + id, a.x, a.y, b.x, b.y, whole.x, whole.y});
  }
  const ImGuiIO& io = ImGui::GetIO();
  float t = s.metrics.drag_threshold;
  bool dragged = io.MouseDragMaxDistanceSqr[0] > t * t;
  bool held = ImGui::IsItemActive() && !dragged;
  if (pressed) *pressed = held;
  return ImGui::IsItemDeactivated() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
         !dragged;
}

std::string DrawableText(std::string_view text) {
  if (!ImGui::GetCurrentContext()) return std::string(text);  // laid out with no ImGui (a test): nothing stands in
  const auto* stand_ins = static_cast<const db::StandIns*>(ImGui::GetIO().UserData);
  return stand_ins ? stand_ins->Apply(text) : std::string(text);
}

float FitSize(ImFont* font, const std::string& original, float wrap_width) {
  const std::string text = DrawableText(original);
  float size = font->FontSize;
  if (wrap_width <= 0 || wrap_width >= FLT_MAX) return size;
  // ImGui wraps at spaces and after punctuation, and breaks a word that is wider than the line wherever the
  // line ends ("Республикасы/ның"). A smaller size for this one text reads better than a broken word.
  float widest = 0;
  for (size_t b = 0, e; b < text.size(); b = e + 1) {
    e = text.find_first_of(" \n", b);
    if (e == std::string::npos) e = text.size();
    if (e > b) widest = std::max(widest, font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str() + b, text.c_str() + e).x);
  }
  float room = wrap_width - 1;  // ImGui compares with rounding: keep a pixel spare
  if (widest <= room) return size;
  return std::max(size * kMinFitScale, size * room / widest);
}

ImVec2 Measure(ImFont* font, const std::string& original, float wrap_width) {
  const std::string text = DrawableText(original);
  float size = FitSize(font, text, wrap_width);
  return font->CalcTextSizeA(size, FLT_MAX, wrap_width, text.c_str(), text.c_str() + text.size());
}

void CheckFit(AppState& s, ImFont* font, const std::string& text, float wrap_width, float height) {
  if (!s.overflows) return;
  std::string where;
  for (const auto& part : s.id_path) where += part + "/";
  if (Measure(font, text, wrap_width).y > height + 0.5f) s.overflows->push_back(where + " taller than its box: " + text);
  // At the size the text is drawn at (FitSize), a word still wider than the line would be broken mid-word.
  float size = FitSize(font, text, wrap_width);
  for (size_t b = 0, e; b < text.size(); b = e + 1) {
    e = text.find_first_of(" \n", b);
    if (e == std::string::npos) e = text.size();
    std::string word = text.substr(b, e - b);
    if (font->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x > wrap_width + 0.5f)
      s.overflows->push_back(where + " word wider than its line: " + word + " in " + text);
  }
}

float TextAt(ImDrawList* dl, ImFont* font, ImU32 color, ImVec2 pos, const std::string& original, float wrap_width) {
  const std::string text = DrawableText(original);
  dl->AddText(font, FitSize(font, text, wrap_width), pos, color, text.c_str(), text.c_str() + text.size(), wrap_width);
  return Measure(font, text, wrap_width).y;
}

float Text(ImFont* font, ImU32 color, const std::string& text, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 size = Measure(font, text, width);
  TextAt(ImGui::GetWindowDrawList(), font, color, pos, text, width);
  ImGui::Dummy(ImVec2(width, size.y));
  return size.y;
}

namespace {

struct Look {
  ImU32 bg, bg_pressed, fg;
  ImFont* font;
};

Look LookOf(const AppState& s, ButtonKind k) {
  switch (k) {
    case ButtonKind::Primary: return {colors::kAccent, colors::kAccentDark, colors::kOnAccent, s.fonts.strong};
    case ButtonKind::Secondary: return {colors::kSurface, colors::kPressed, colors::kAccent, s.fonts.strong};
    case ButtonKind::Chip: return {colors::kSurface, colors::kPressed, colors::kInk, s.fonts.body};
    case ButtonKind::ChipSelected: return {colors::kAccent, colors::kAccentDark, colors::kOnAccent, s.fonts.strong};
    case ButtonKind::Nav: return {colors::kNavBar, colors::kNavPressed, colors::kNavText, s.fonts.body};
    case ButtonKind::NavSelected: return {colors::kNavSelected, colors::kNavSelectedPressed, colors::kNavSelectedText, s.fonts.strong};
  }
  return {};
}

}  // namespace

void CheckMark(ImDrawList* dl, ImVec2 c, float h, float thick, ImU32 color) {
  ImVec2 pts[] = {ImVec2(c.x - h * 0.5f, c.y), ImVec2(c.x - h * 0.15f, c.y + h * 0.35f), ImVec2(c.x + h * 0.5f, c.y - h * 0.35f)};
  dl->AddPolyline(pts, 3, color, 0, thick);
}

bool Button(AppState& s, const char* id, const std::string& label, ButtonKind kind, float width, float height) {
  const Metrics& m = s.metrics;
  Look look = LookOf(s, kind);
  // Side padding: the usual, less in a narrow square button ("+", "–") so its label still has room.
  float side = width > 0 ? std::min(m.pad * 0.75f, width * 0.15f) : m.pad * 0.75f;
  float max_w = (width > 0 ? width : ImGui::GetContentRegionAvail().x) - 2 * side;
  ImVec2 text = Measure(look.font, label, max_w);
  if (width <= 0) width = text.x + 2 * side;
  // Primary actions are larger than the 12 mm minimum, so they are found first and hit easily.
  if (height <= 0) height = std::max(m.touch * (kind == ButtonKind::Primary ? 1.25f : 1.0f), text.y + m.pad * 0.8f);
  width = std::max(width, m.touch);
  CheckFit(s, look.font, label, max_w, height);
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool pressed = false;
  bool tapped = TapArea(s, id, ImVec2(width, height), &pressed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), pressed ? look.bg_pressed : look.bg, m.radius);
  if (kind == ButtonKind::Secondary || kind == ButtonKind::Chip)
    dl->AddRect(p, ImVec2(p.x + width, p.y + height), kind == ButtonKind::Secondary ? colors::kAccent : colors::kLine,
                m.radius, 0, m.line);
  ImVec2 tp(p.x + (width - text.x) * 0.5f, p.y + (height - text.y) * 0.5f);
  // The label's block is centred in the button; a label that wraps keeps its lines left-aligned in it (one
  // TextAt call, not line by line).
  TextAt(dl, look.font, look.fg, tp, label, max_w);
  return tapped;
}

void Monogram(ImDrawList* dl, ImVec2 c, float r, const std::string& name, ImU32 fill, ImFont* font) {
  // Initials: first letter of the first two words. Capitals read better in a monogram: ASCII and basic
  // Cyrillic (а..я -> А..Я) are easy to raise.
  std::string initials;
  bool word_start = true;
  int taken = 0;
  size_t i = 0;
  char32_t cp;
  while (taken < 2 && db::NextCodepoint(name, i, cp)) {
    // Dashes and quotes separate words too: "Technopark — Turkmenistan" is "TT", not "T—".
    bool space = cp == ' ' || cp == '-' || cp == '(' || cp == '"' || cp == 0x2013 || cp == 0x2014 || cp == 0xAB || cp == 0xBB;
    if (!space && word_start) {
      if (cp >= 'a' && cp <= 'z') cp -= 32;
      if (cp >= 0x430 && cp <= 0x44F) cp -= 0x20;
      db::AppendUtf8(initials, cp);
      ++taken;
    }
    word_start = space;
  }
  dl->AddCircleFilled(c, r, fill, 48);
  float size = r * 0.9f;
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, initials.c_str());
  // Dark or light initials, whichever reads on the fill (and stays readable in the high-contrast theme).
  dl->AddText(font, size, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), TextOn(colors::ToRgb(fill)), initials.c_str());
}

void Logo(AppState& s, ImDrawList* dl, ImVec2 c, float r, const db::Organization& o, ImU32 fill, ImFont* font) {
  const db::Image* img = o.logo_image_id.empty() ? nullptr : s.catalog->FindImage(o.logo_image_id);
  void* tex = img && s.texture ? s.texture(img->id) : nullptr;
  if (!tex) return Monogram(dl, c, r, s.Tr(o.name), fill, font);
  dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), colors::kPictureBack, r * 0.25f);
  // Fit the picture inside the square, keeping its proportions.
  float inner = r * 1.7f, k = inner / float(std::max(img->width, img->height));
  float w = img->width * k, h = img->height * k;
  dl->AddImage(tex, ImVec2(c.x - w / 2, c.y - h / 2), ImVec2(c.x + w / 2, c.y + h / 2));
}

void BeginTouchList(AppState& s, const char* id, ImVec2 size) {
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
  if (s.scroll_to_top) {
    ImGui::SetScrollY(0);
    s.scroll[ImGui::GetCurrentWindow()->ID] = ScrollState{};
  }
}

ImVec2 DragDelta(const AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  ImVec2 prev(io.MousePos.x - io.MouseDelta.x, io.MousePos.y - io.MouseDelta.y), from = io.MouseClickedPos[0];
  float t = s.metrics.drag_threshold, dx = prev.x - from.x, dy = prev.y - from.y;
  if (dx * dx + dy * dy <= t * t) return ImVec2(io.MousePos.x - from.x, io.MousePos.y - from.y);  // the drag starts now
  return io.MouseDelta;
}

void EndTouchList(AppState& s) {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ScrollState& sc = s.scroll[w->ID];
  const ImGuiIO& io = ImGui::GetIO();
  float t = s.metrics.drag_threshold;
  bool inside = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows);
  float dt = io.DeltaTime > 0 ? io.DeltaTime : 1.f / 60;
  if (io.MouseDown[0] && (sc.dragging || (inside && io.MouseDragMaxDistanceSqr[0] > t * t))) {
    if (!sc.dragging) {
      sc.dragging = true;
      sc.velocity = 0;
    }
    float dy = DragDelta(s).y;
    ImGui::SetScrollY(w, w->Scroll.y - dy);
    sc.velocity = 0.7f * sc.velocity + 0.3f * (-dy / dt);
    s.animating = true;
  } else {
    if (sc.dragging) sc.dragging = false;
    if (std::fabs(sc.velocity) > 30) {
      ImGui::SetScrollY(w, std::clamp(w->Scroll.y + sc.velocity * dt, 0.f, w->ScrollMax.y));
      sc.velocity *= std::exp(-4.0f * dt);  // friction: about a quarter of the speed left after 0.35 s
      if (w->Scroll.y <= 0 || w->Scroll.y >= w->ScrollMax.y) sc.velocity = 0;
      s.animating = true;
    } else {
      sc.velocity = 0;
    }
  }
  if (io.MouseWheel != 0 && inside) ImGui::SetScrollY(w, w->Scroll.y - io.MouseWheel * s.metrics.touch * 1.5f);
  ImGui::EndChild();
}

bool ChipRow::Chip(const char* id, const std::string& label, bool selected, uint32_t swatch) {
  const Metrics& m = s_.metrics;
  ImFont* font = selected ? s_.fonts.strong : s_.fonts.body;
  float sw = swatch ? m.touch * 0.26f + m.gap * 0.5f : 0;
  float w = Width(s_, label, selected, swatch != 0);
  if (w > width_ && s_.overflows) s_.overflows->push_back(std::string(id) + " chip wider than its row: " + label);
  if (used_ > 0 && used_ + m.gap * 0.5f + w <= width_) ImGui::SameLine(0, m.gap * 0.5f);
  else used_ = 0;
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool tapped;
  if (swatch) {
    bool pressed = false;
    float h = std::max(m.touch, Measure(font, label).y + m.pad * 0.8f);  // as tall as a chip without a swatch
    tapped = TapArea(s_, id, ImVec2(w, h), &pressed);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = selected ? colors::kAccent : (pressed ? colors::kPressed : colors::kSurface);
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), bg, m.radius);
    if (!selected) dl->AddRect(p, ImVec2(p.x + w, p.y + h), colors::kLine, m.radius, 0, m.line);
    float r = m.touch * 0.13f;
    dl->AddCircleFilled(ImVec2(p.x + m.pad * 0.75f + r, p.y + h / 2), r, Rgb(swatch), 24);
    ImVec2 ts = Measure(font, label);
    TextAt(dl, font, selected ? colors::kOnAccent : colors::kInk, ImVec2(p.x + m.pad * 0.75f + sw, p.y + (h - ts.y) / 2), label, 0);
  } else {
    tapped = Button(s_, id, label, selected ? ButtonKind::ChipSelected : ButtonKind::Chip, w);
  }
  used_ += (used_ > 0 ? m.gap * 0.5f : 0) + w;
  return tapped;
}

float ChipRow::Width(const AppState& s, const std::string& label, bool selected, bool swatch) {
  const Metrics& m = s.metrics;
  float sw = swatch ? m.touch * 0.26f + m.gap * 0.5f : 0;
  return Measure(selected ? s.fonts.strong : s.fonts.body, label).x + 2 * m.pad * 0.75f + sw;
}

int ChipRow::Lines(const AppState& s, float width, const std::vector<std::string>& labels, bool swatches) {
  const float gap = s.metrics.gap * 0.5f;
  int lines = 0;
  float used = 0;
  for (const auto& label : labels) {  // as Chip lays them out
    float w = Width(s, label, true, swatches);
    if (used > 0 && used + gap + w <= width) {
      used += gap + w;
    } else {
      ++lines;
      used = w;
    }
  }
  return lines;
}

float SelectWidth(const AppState& s, const std::string& label, bool active) {
  const Metrics& m = s.metrics;
  return Measure(active ? s.fonts.strong : s.fonts.body, label).x + 2 * m.pad * 0.75f + m.touch * 0.32f + m.gap;
}

bool Select(AppState& s, const char* id, const std::string& label, bool active, float width) {
  const Metrics& m = s.metrics;
  ImFont* font = active ? s.fonts.strong : s.fonts.body;
  float chevron = m.touch * 0.32f;
  ImVec2 ts = Measure(font, label);
  float w = width > 0 ? width : SelectWidth(s, label, active);
  float h = std::max(m.touch, ts.y + m.pad * 0.8f);
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool pressed = false;
  bool tapped = TapArea(s, id, ImVec2(w, h), &pressed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 bg = active ? colors::kAccent : (pressed ? colors::kPressed : colors::kSurface);
  ImU32 fg = active ? colors::kOnAccent : colors::kInk;
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), bg, m.radius);
  if (!active) dl->AddRect(p, ImVec2(p.x + w, p.y + h), colors::kLine, m.radius, 0, m.line);
  float text_w = w - 2 * m.pad * 0.75f - chevron - m.gap;
  CheckFit(s, font, label, text_w, h);
  dl->PushClipRect(p, ImVec2(p.x + m.pad * 0.75f + text_w, p.y + h), true);
  TextAt(dl, font, fg, ImVec2(p.x + m.pad * 0.75f, p.y + (h - ts.y) / 2), label, 0);
  dl->PopClipRect();
  // The chevron: a triangle pointing down, drawn (the fonts have no ▾).
  float cx = p.x + w - m.pad * 0.75f - chevron / 2, cy = p.y + h / 2;
  dl->AddTriangleFilled(ImVec2(cx - chevron / 2, cy - chevron / 4), ImVec2(cx + chevron / 2, cy - chevron / 4),
                        ImVec2(cx, cy + chevron / 4), fg);
  return tapped;
}

bool Card(AppState& s, const char* id, ImVec2 size, ImVec2* min_out, bool selected) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool pressed = false;
  bool tapped = TapArea(s, id, size, &pressed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), pressed ? colors::kPressed : colors::kSurface, s.metrics.radius);
  if (selected) dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), colors::kAccent, s.metrics.radius, 0, s.metrics.bold_line);
  if (min_out) *min_out = p;
  return tapped;
}

void Heading(AppState& s, const std::string& text, float width) {
  ImGui::Dummy(ImVec2(1, s.metrics.gap * 0.5f));
  Text(s.fonts.title, colors::kInk, text, width);
}

}  // namespace app
