// The live preview's panel (forum-kiosk --sources DIR; app/state/preview.h), over the top of every screen:
// a one-line bar while the sources build (the folder, the build's number and time, its warnings), a panel
// listing each problem with its file, row, column and message while they have errors; the screens below go
// on showing the last good build. For staff at their laptop, in the tool's language (English), like the
// messages of kiosk-snapshot it repeats. Touching it does nothing: the forum below stays usable.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "app/sheets/sheets.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

// "exhibitors.csv:7" or "forum.xlsx", the way the tool prints where a problem is.
std::string Where(const db::Diagnostic& d) { return d.line ? d.file + ":" + std::to_string(d.line) : d.file; }

std::string Headline(const PreviewStatus& p) {
  db::Diagnostics d;
  for (const auto& x : p.problems) d.Add(x);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f s", p.seconds);
  if (p.failed) {
    std::string shown = p.shown_build ? "the screen shows build " + std::to_string(p.shown_build) + ", the last that built"
                                      : "nothing has built yet";
    return db::ErrorSummary(d) + ": " + shown + ". Fix them and save: the preview builds again at once.";
  }
  std::string line = "Preview of " + p.sources + ": build " + std::to_string(p.build) + " in " + secs;
  if (int w = d.warning_count()) line += ", " + std::to_string(w) + " warning(s)";
  return line + ". Save a change and it shows here.";
}

}  // namespace

float PreviewPanelHeight(const AppState& s, ImVec2 size) {
  if (!s.preview) return 0;
  // The headline, then a row per problem (a long list scrolls), at most 45% of the window when there are
  // errors and 20% for warnings alone, so the forum below stays in view.
  float head = std::ceil(s.fonts.body->FontSize * 1.8f);
  float rows = float(s.preview->problems.size()) * (s.fonts.caption->FontSize + ImGui::GetStyle().ItemSpacing.y + 1);
  float most = std::floor(size.y * (s.preview->failed ? 0.45f : 0.2f));
  return s.preview->problems.empty() ? head : std::min(most, head + rows + s.metrics.mm(3));
}

void DrawPreviewPanel(AppState& s, ImVec2 size) {
  const PreviewStatus& p = *s.preview;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 o = ImGui::GetCursorScreenPos();
  const float pad = s.metrics.mm(3);
  dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), colors::kNavBar);
  float head_h = std::ceil(s.fonts.body->FontSize * 1.8f);
  if (p.failed) dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + head_h), colors::kNow);
  ImGui::SetCursorScreenPos(ImVec2(o.x + pad, o.y + (head_h - s.fonts.body->FontSize) / 2));
  Text(s.fonts.body, colors::kOnAccent, Headline(p), size.x - 2 * pad);
  if (size.y <= head_h + 1) return;
  // Errors first, then warnings and notes, each as file:row, column, message.
  std::vector<const db::Diagnostic*> order;
  for (auto sev : {db::Severity::Error, db::Severity::Warning, db::Severity::Note})
    for (const auto& d : p.problems)
      if (d.severity == sev) order.push_back(&d);
  ImGui::SetCursorScreenPos(ImVec2(o.x + pad, o.y + head_h + pad / 2));
  ImGui::BeginChild("preview_problems", ImVec2(size.x - 2 * pad, size.y - head_h - pad), false);
  // Four columns (severity, file:row, column, message), each as wide as its widest entry; the message wraps.
  ImFont* font = s.fonts.caption;
  float gap = s.metrics.mm(2), widths[3] = {0, 0, 0};
  auto cells = [](const db::Diagnostic& d) { return std::array<std::string, 3>{db::SeverityName(d.severity), Where(d), d.field}; };
  for (const db::Diagnostic* d : order) {
    auto c = cells(*d);
    for (int i = 0; i < 3; ++i) widths[i] = std::max(widths[i], Measure(font, c[size_t(i)]).x);
  }
  float message_x = widths[0] + widths[1] + widths[2] + 3 * gap;
  float message_w = std::max(s.metrics.mm(40), ImGui::GetContentRegionAvail().x - message_x);
  ImDrawList* list = ImGui::GetWindowDrawList();
  for (const db::Diagnostic* d : order) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    auto c = cells(*d);
    float x = at.x;
    for (int i = 0; i < 3; ++i) {
      bool error = i == 0 && d->severity == db::Severity::Error;
      TextAt(list, font, error ? colors::kHighlight : colors::kNavText, ImVec2(x, at.y), c[size_t(i)], 0);
      x += widths[i] + gap;
    }
    float h = TextAt(list, font, colors::kNavText, ImVec2(at.x + message_x, at.y), d->message, message_w);
    ImGui::Dummy(ImVec2(message_x + message_w, std::max(h, font->FontSize)));
  }
  ImGui::EndChild();
}

}  // namespace app
