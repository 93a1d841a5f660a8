#include "app/ui.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/state/format.h"
#include "app/widgets/keyboard.h"
#include "app/screens/screens.h"
#include "app/sheets/sheets.h"
#include "app/state/setup_message.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

Metrics MetricsFor(float px_per_mm) {
  Metrics m;
  m.px_per_mm = px_per_mm;
  m.scale = px_per_mm / Metrics::kReferencePxPerMm;
  m.touch = m.mm(12);  // 12 mm: a finger at arm's length, of any age and steadiness
  m.gap = m.px(16);
  m.pad = m.px(24);
  m.radius = m.px(14);
  m.drag_threshold = m.mm(4);
  m.hairline = m.px(1);
  m.line = m.px(2);
  m.bold_line = m.px(3);
  m.inset = m.px(4);
  return m;
}

namespace {

// The hidden gesture: a finger held still for 3 s on the top-left corner (15 mm square) opens the PIN pad.
void CornerGesture(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  float corner = s.metrics.mm(15), t = s.metrics.drag_threshold;
  bool held = io.MouseDown[0] && io.MouseClickedPos[0].x < corner && io.MouseClickedPos[0].y < corner &&
              io.MouseDragMaxDistanceSqr[0] <= t * t;
  if (!held) {
    s.staff.corner_since = -1;
    return;
  }
  if (s.staff.corner_since < 0) s.staff.corner_since = s.time_s;
  if (s.time_s - s.staff.corner_since >= 3.0) {
    s.Do({.kind = Action::Kind::OpenPinPad});
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
  float w = std::min(size.x - m.pad * 4, m.mm(220));
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

// Where the visitor is, for reach mode: the screen's name and the open page ("Exhibitors", "Astana Hub").
void WhereTheVisitorIs(const AppState& s, std::string& screen, std::string& page) {
  const db::Catalog& c = *s.catalog;
  constexpr const char* kNav[] = {"nav.home", "nav.map", "nav.exhibitors", "nav.agreements", "nav.schedule", "nav.search"};
  screen = s.Ui(kNav[static_cast<int>(s.screen)]);
  page.clear();
  if (s.staff.open) screen = s.Ui("staff.title");
  else if (s.screen == Screen::Exhibitors && !s.exhibitor_id.empty()) {
    if (const db::Organization* o = c.FindOrganization(s.exhibitor_id)) page = s.Tr(o->name);
  } else if (s.screen == Screen::Agreements && !s.agreement_id.empty()) {
    if (const db::Agreement* a = c.FindAgreement(s.agreement_id)) page = s.Tr(a->title);
  } else if (s.screen == Screen::Schedule && !s.session_id.empty()) {
    if (const db::Session* x = c.FindSession(s.session_id)) page = s.Tr(x->title);
  } else if (s.screen == Screen::Map && !s.map_focus.empty()) {
    if (const db::Location* l = c.FindLocation(s.map_focus)) page = s.Tr(l->name).empty() ? l->label : s.Tr(l->name);
  } else if (s.screen == Screen::Search && !s.search_query.empty()) {
    page = "\xE2\x80\x9C" + s.search_query + "\xE2\x80\x9D";
  } else if (s.screen == Screen::Exhibitors && !s.country_filter.empty()) {
    if (const db::Country* country = c.FindCountry(s.country_filter)) page = s.Tr(country->name);
  }
}

// Reach mode's upper half, out of reach of a seated visitor: nothing to tap, but what they read from afar
// there — where they are (the forum, the screen, the open page), the venue's clock and date, and what is on
// now — as plain text (no cards or buttons, which would invite a touch), so that the lower half holds only
// the screen's own content and controls.
void DrawReachBand(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::kPanel);
  float edge = p.y + size.y - m.line / 2;  // the whole line inside the band
  dl->AddLine(ImVec2(p.x, edge), ImVec2(p.x + size.x, edge), colors::kLine, m.line);
  const std::string clock = ClockTime(s.now_utc, c.forum.utc_offset_min);
  const std::string day = FormatDay(s, LocalDate(s.now_utc, c.forum.utc_offset_min));
  const float inner = size.x - m.pad * 4;
  // Landscape: the clock at the right of the place; portrait: above it.
  const bool side = size.x > size.y * 1.5f;
  const float clock_w = std::max(Measure(s.fonts.display, clock).x, std::min(Measure(s.fonts.title, day).x, inner * 0.35f));
  const float text_w = side ? inner - clock_w - m.gap * 3 : inner;

  struct Line { ImFont* font; ImU32 color; std::string text; float space_before; };
  std::vector<Line> lines;
  if (!side) {
    lines.push_back({s.fonts.display, colors::kInk, clock, 0});
    lines.push_back({s.fonts.title, colors::kMuted, day, 0});
  }
  std::string screen, page;
  WhereTheVisitorIs(s, screen, page);
  const std::string forum = s.Tr(c.forum.title);
  float gap = side ? 0 : m.gap * 2;
  if (s.screen == Screen::Home && !s.staff.open) {  // Home: the forum itself is the place
    std::string where = s.Tr(c.forum.venue);
    if (!s.Tr(c.forum.city).empty()) where += (where.empty() ? "" : ", ") + s.Tr(c.forum.city);
    lines.push_back({s.fonts.display, colors::kInk, forum, gap});
    lines.push_back({s.fonts.title, colors::kAccent, FormatDateRange(s, c.forum.start_date, c.forum.end_date), 0});
    lines.push_back({s.fonts.body, colors::kMuted, where, 0});
  } else {
    lines.push_back({s.fonts.title, colors::kMuted, forum, gap});
    lines.push_back({page.empty() ? s.fonts.display : s.fonts.title, colors::kInk, page.empty() ? screen : screen + "  \xE2\x80\xBA", 0});
    if (!page.empty()) lines.push_back({s.fonts.display, colors::kAccent, page, 0});
  }
  // What is on now, as the Home screen lists it, while it fits.
  std::vector<const db::Session*> now, next;
  NowAndNext(s, now, next, 3);
  if (!now.empty() && s.screen != Screen::Home && s.screen != Screen::Schedule) {
    lines.push_back({s.fonts.strong, colors::kMuted, s.Ui("home.now"), m.gap * 1.5f});
    for (const db::Session* x : now) {
      std::string line = TimeRange(s, *x) + "   " + s.Tr(x->title);
      if (const db::Room* r = c.FindRoom(x->room_id)) line += "  \xC2\xB7  " + s.Tr(r->name);
      lines.push_back({s.fonts.body, colors::kInk, line, 0});
    }
  }
  // The lines that fit, centred in the band; the last ones (what is on now) give way first.
  float room = size.y - m.pad * 2, h = 0;
  size_t shown = 0;
  for (; shown < lines.size(); ++shown) {
    float lh = lines[shown].space_before + Measure(lines[shown].font, lines[shown].text, text_w).y + m.gap * 0.25f;
    if (h + lh > room) break;
    h += lh;
  }
  float y = p.y + std::max(m.pad, (size.y - h) / 2);
  for (size_t i = 0; i < shown; ++i) {
    y += lines[i].space_before;
    y += TextAt(dl, lines[i].font, lines[i].color, ImVec2(p.x + m.pad * 2, y), lines[i].text, text_w) + m.gap * 0.25f;
  }
  if (side) {
    float cw = Measure(s.fonts.display, clock).x, dh = Measure(s.fonts.title, day, clock_w).y;
    float ch = Measure(s.fonts.display, clock).y + dh;
    float right = p.x + size.x - m.pad * 2, cy = p.y + (size.y - ch) / 2;
    TextAt(dl, s.fonts.display, colors::kInk, ImVec2(right - cw, cy), clock, 0);
    TextAt(dl, s.fonts.title, colors::kMuted, ImVec2(right - Measure(s.fonts.title, day, clock_w).x, cy + ch - dh), day, clock_w);
  }
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
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  // The live preview's panel (forum-kiosk --sources) takes the top; the kiosk's screens the rest.
  if (float panel = PreviewPanelHeight(s, vp->WorkSize); panel > 0) {
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, panel));
    ImGui::Begin("preview", nullptr, flags);
    DrawPreviewPanel(s, ImVec2(vp->WorkSize.x, panel));
    ImGui::End();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + panel));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - panel));
  } else {
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
  }
  ImGui::Begin("kiosk", nullptr, flags | ImGuiWindowFlags_NoBackground);  // the backdrop is its background
  s.backdrop = colors::kPaper;
  ImVec2 size = ImGui::GetWindowSize();
  s.animating = false;
  if (!s.catalog) {
    if (s.loading) DrawLoadingScreen(s, size);
    else DrawErrorScreen(s, size);
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
  // Reach mode: the screen's content moves into the lower half, above the bar; the upper half shows where
  // the visitor is and the time (nothing to tap there).
  float top = s.reach ? std::floor(size.y * 0.5f) : 0;
  if (s.reach) DrawReachBand(s, ImVec2(size.x, top));
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
  if (s.chooser != ScheduleChooser::None && s.screen == Screen::Schedule && s.session_id.empty() && !s.staff.open) {
    overlay("chooser", top, size.y - nav - top);
    DrawChooserSheet(s, ImVec2(size.x, size.y - nav - top));
    ImGui::EndChild();
  }
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
  // Symbols the screens draw themselves: – · ‹ • — › “ ” and the staff message.
  std::string out = "\xE2\x80\x93\xC2\xB7\xE2\x80\xB9\xE2\x80\xA2\xE2\x80\x94\xE2\x80\xBA\xE2\x80\x9C\xE2\x80\x9D"
                    "0123456789:";
  out += kSetupTitleRu;
  out += kLoadingTitleRu;
  out += KeyboardText();
  if (!c) return out;
  db::ForEachText(*c, [&](const db::TextRef& t) { out += t.text; });
  // The built-in UI strings the lookups fall back to (app/state/ui_strings.h): all of them, a few kB.
  for (const auto& [key, text] : BuiltInUiStrings())
    for (const auto& [lang, value] : text.by_lang) out += value;
  return out;
}

}  // namespace app
