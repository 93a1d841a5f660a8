#include "app/ui.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/format.h"
#include "app/keyboard.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace app {

Metrics MetricsFor(float px_per_mm) {
  Metrics m;
  float k = px_per_mm / 3.6f;
  m.px_per_mm = px_per_mm;
  m.touch = 12.0f * px_per_mm;  // 12 mm: a finger at arm's length, of any age and steadiness
  m.gap = 16 * k;
  m.pad = 24 * k;
  m.radius = 14 * k;
  m.drag_threshold = 4.0f * px_per_mm;
  return m;
}

namespace {

// The hidden gesture: a finger held still for 3 s on the top-left corner (15 mm square) opens the PIN pad.
void CornerGesture(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  float corner = 15.0f * s.metrics.px_per_mm, t = s.metrics.drag_threshold;
  bool held = io.MouseDown[0] && io.MouseClickedPos[0].x < corner && io.MouseClickedPos[0].y < corner &&
              io.MouseDragMaxDistanceSqr[0] <= t * t;
  if (!held) {
    s.staff.corner_since = -1;
    return;
  }
  if (s.staff.corner_since < 0) s.staff.corner_since = s.time_s;
  if (s.time_s - s.staff.corner_since >= 3.0) {
    s.Do({Action::Kind::OpenPinPad});
    s.staff.corner_since = 1e18;  // once per press
  }
  s.animating = true;  // frames while held, to see the 3 s pass
}

// "Are you still there?": the countdown before the idle reset; any touch keeps the visit going.
void DrawIdleWarning(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::Alpha(colors::kScrim, 0xB0));
  int64_t left = std::max<int64_t>(1, s.idle_warning_left);  // counted down by Tick
  float w = std::min(size.x - m.pad * 4, m.px_per_mm * 220);
  std::string title = s.Ui("idle.title"), body = s.Ui("idle.body"), count = Count(s, "count.seconds", left);
  float h = Measure(s.fonts.display, title, w - 2 * m.pad).y + Measure(s.fonts.body, body, w - 2 * m.pad).y +
            Measure(s.fonts.display, count, w - 2 * m.pad).y + m.pad * 2 + m.gap * 2;
  ImVec2 q(p.x + (size.x - w) / 2, p.y + (size.y - h) / 2);
  dl->AddRectFilled(q, ImVec2(q.x + w, q.y + h), colors::kPaper, m.radius);
  float y = q.y + m.pad;
  y += TextAt(dl, s.fonts.display, colors::kInk, ImVec2(q.x + m.pad, y), title, w - 2 * m.pad) + m.gap;
  y += TextAt(dl, s.fonts.body, colors::kMuted, ImVec2(q.x + m.pad, y), body, w - 2 * m.pad) + m.gap;
  TextAt(dl, s.fonts.display, colors::kAccent, ImVec2(q.x + m.pad, y), count, w - 2 * m.pad);
  ImGui::SetCursorScreenPos(p);
  TapArea(s, "still-here", size);  // the touch itself resets the idle clock
}

void DrawScreen(AppState& s, ImVec2 content) {
  if (s.staff.open) return DrawStaffScreen(s, content);
  switch (s.screen) {
    case Screen::Home: DrawHomeScreen(s, content); break;
    case Screen::Map: DrawMapScreen(s, content); break;
    case Screen::Exhibitors: DrawExhibitorsScreen(s, content); break;
    case Screen::Agreements: DrawAgreementsScreen(s, content); break;
    case Screen::Schedule: DrawScheduleScreen(s, content); break;
    case Screen::Search: DrawSearchScreen(s, content); break;
  }
}

}  // namespace

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
  if (s.attract) {
    DrawAttractScreen(s, size);
    ImGui::End();
    return;
  }
  CornerGesture(s);
  float nav = NavBarHeight(s, size.x);
  // Reach mode: the screen's content moves into the lower half, above the bar; the upper half only shows
  // where the visitor is (nothing to tap there).
  float top = s.reach ? std::floor(size.y * 0.5f) : 0;
  if (s.reach) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + top), colors::kPanel);
    float w = size.x - s.metrics.pad * 4;
    ImVec2 at(p.x + s.metrics.pad * 2, p.y + top - s.metrics.pad - Measure(s.fonts.display, s.Tr(s.catalog->forum.title), w).y);
    TextAt(dl, s.fonts.display, colors::kMuted, at, s.Tr(s.catalog->forum.title), w);
  }
  ImVec2 content(size.x, size.y - nav - top);
  ImGui::SetCursorPos(ImVec2(0, top));
  ImGui::BeginChild("screen", content, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  DrawScreen(s, content);
  ImGui::EndChild();
  ImGui::SetCursorPos(ImVec2(0, size.y - nav));
  DrawNavBar(s, ImVec2(size.x, nav));
  auto overlay = [&](const char* id, float y, float h) {
    ImGui::SetCursorPos(ImVec2(0, y));
    ImGui::BeginChild(id, ImVec2(size.x, h), false, ImGuiWindowFlags_NoScrollbar);
  };
  if (s.language_picker) {
    overlay("languages", top, size.y - nav - top);
    DrawLanguagePicker(s, ImVec2(size.x, size.y - nav - top));
    ImGui::EndChild();
  }
  if (s.staff.pin_pad) {
    overlay("pin", top, size.y - top);
    DrawPinPad(s, ImVec2(size.x, size.y - top));
    ImGui::EndChild();
  }
  if (s.idle_warning) {
    overlay("idle", 0, size.y);
    DrawIdleWarning(s, size);
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
