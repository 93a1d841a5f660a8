// Pieces shared by several screens: session rows, now/next, detail headers.
#include <algorithm>
#include <cmath>

#include "app/state/format.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"
#include "db/base/text.h"

namespace app {

void NowAndNext(const AppState& s, std::vector<const db::Session*>& now, std::vector<const db::Session*>& next,
                size_t max, const std::function<bool(const db::Session&)>& keep) {
  int64_t first_next = 0;
  for (const auto& x : s.catalog->sessions) {  // sorted by start
    if (keep && !keep(x)) continue;
    if (x.starts_utc <= s.now_utc && s.now_utc < x.ends_utc) {
      if (now.size() < max) now.push_back(&x);
    } else if (x.starts_utc > s.now_utc) {
      if (!first_next) first_next = x.starts_utc;
      // "Next": what starts at the next start time (and shortly after), not the whole rest of the day.
      if (x.starts_utc <= first_next + 30 * 60 && next.size() < max) next.push_back(&x);
    }
  }
}

namespace {
// Where a session row's parts go, for a row `width` wide.
struct SessionRowLayout {
  float time_w, text_w;
};
SessionRowLayout SessionRowLayoutOf(const AppState& s, float width) {
  const Metrics& m = s.metrics;
  float time_w = Measure(s.fonts.strong, "00:00\xE2\x80\x93" "00:00").x + m.pad;
  return {time_w, width - time_w - 2 * m.pad - m.gap};
}
std::string WhereLine(const AppState& s, const db::Session& x) {
  const db::Room* room = s.catalog->FindRoom(x.room_id);
  const db::Track* track = s.catalog->FindTrack(x.track_id);
  std::string where = room ? s.Tr(room->name) : std::string();
  if (track) where += (where.empty() ? "" : "  \xC2\xB7  ") + s.Tr(track->name);
  return where;
}
}  // namespace

float SessionRowHeight(const AppState& s, const db::Session& x, float width, bool badge) {
  const Metrics& m = s.metrics;
  SessionRowLayout L = SessionRowLayoutOf(s, width);
  // The badge goes under the time, in the time's column: it makes a row taller only when the title is short.
  float text_h = Measure(s.fonts.strong, s.Tr(x.title), L.text_w).y + Measure(s.fonts.caption, WhereLine(s, x), L.text_w).y;
  float time_h = s.fonts.strong->FontSize + (badge ? s.fonts.caption->FontSize + m.gap * 0.3f : 0);
  return std::max(m.touch * 1.05f, std::max(text_h, time_h) + m.pad * 1.2f);
}

void SessionRow(AppState& s, const db::Session& x, float width, const char* badge, ImU32 badge_color, bool past) {
  const Metrics& m = s.metrics;
  const db::Track* track = s.catalog->FindTrack(x.track_id);
  const std::string& title = s.Tr(x.title);
  std::string where = WhereLine(s, x);
  const SessionRowLayout L = SessionRowLayoutOf(s, width);
  const float time_w = L.time_w, text_w = L.text_w;
  float h = SessionRowHeight(s, x, width, badge != nullptr);
  ImVec2 p;
  PushId(s, x.id);
  if (Card(s, "session", ImVec2(width, h), &p, s.session_id == x.id)) s.Do({.kind = Action::Kind::OpenSession, .id = x.id});
  PopId(s);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // A past session is dimmed: its text muted, its track's colour faint.
  const ImU32 ink = past ? colors::kMuted : colors::kInk;
  if (track && TrackColor(*track))
    dl->AddRectFilled(ImVec2(p.x, p.y + m.radius * 0.5f), ImVec2(p.x + m.px(6), p.y + h - m.radius * 0.5f),
                      Rgb(TrackColor(*track), past ? 0x50 : 255));
  float y = p.y + m.pad * 0.6f;
  TextAt(dl, past ? s.fonts.body : s.fonts.strong, ink, ImVec2(p.x + m.pad, y), TimeRange(s, x), 0);
  if (badge) {
    ImVec2 bs = Measure(s.fonts.caption, badge);
    ImVec2 b(p.x + m.pad, y + s.fonts.strong->FontSize + m.gap * 0.3f);
    dl->AddRectFilled(b, ImVec2(b.x + bs.x + m.gap, b.y + bs.y), badge_color, bs.y * 0.5f);
    TextAt(dl, s.fonts.caption, colors::kOnAccent, ImVec2(b.x + m.gap * 0.5f, b.y), badge, 0);
  }
  float tx = p.x + m.pad + time_w;
  y += TextAt(dl, s.fonts.strong, ink, ImVec2(tx, y), title, text_w);
  TextAt(dl, s.fonts.caption, colors::kMuted, ImVec2(tx, y), where, text_w);
  // The next row follows after the style's item spacing (one gap): rows read as one list, not as islands.
}

float BeginDetail(AppState& s, const char* id, ImVec2 size) {
  const Metrics& m = s.metrics;
  BeginTouchList(s, id, size);
  ImGui::SetCursorPos(ImVec2(m.pad * 2, m.pad * 1.5f));
  ImGui::BeginGroup();
  if (Button(s, "back", "\xE2\x80\xB9  " + s.Ui("common.back"), ButtonKind::Secondary)) s.Do({.kind = Action::Kind::Back});
  return size.x - m.pad * 4;
}

void DetailColumns(AppState& s, ImVec2 size, float width, const std::function<void(float)>& head,
                   const std::function<void(float)>& main, const std::function<void(float)>& side, bool side_first) {
  const Metrics& m = s.metrics;
  // Two columns need a left one of at least ~170 mm (a comfortable measure for body text) and a side one
  // that holds a QR code with its caption (~110 mm); a portrait screen stays one column whatever its width.
  float gap = m.pad * 2;
  float left = std::floor((width - gap) * 0.58f), right = width - gap - left;
  bool two = size.x > size.y && left >= m.mm(170) && right >= m.mm(110);
  if (!two) {
    head(width);
    if (side_first) side(width), main(width);
    else main(width), side(width);
    return;
  }
  ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  head(left);
  main(left);
  ImGui::EndGroup();
  float bottom = ImGui::GetItemRectMax().y;
  ImGui::SetCursorScreenPos(ImVec2(top.x + left + gap, top.y));
  ImGui::BeginGroup();
  side(right);
  ImGui::EndGroup();
  bottom = std::max(bottom, ImGui::GetItemRectMax().y);
  // Below both columns, for EndDetail's bottom margin.
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom));
  ImGui::Dummy(ImVec2(width, 0));
}

void EndDetail(AppState& s) {
  ImGui::Dummy(ImVec2(1, s.metrics.pad * 2));
  ImGui::EndGroup();
  EndTouchList(s);
}


float BeginListPage(AppState& s, const std::string& title, ImVec2 size) {
  const Metrics& m = s.metrics;
  float width = size.x - m.pad * 4;
  ImGui::SetCursorPos(ImVec2(m.pad * 2, m.pad * 1.5f));
  ImGui::BeginGroup();
  // In reach mode the upper half already names the screen, large: the lower half keeps its room for the list.
  if (!s.reach) Text(s.fonts.display, colors::kInk, title, width);
  return width;
}

void BeginListBody(AppState& s, const char* id, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImGui::EndGroup();
  ImGui::SetCursorPosX(m.pad * 2);
  float top = ImGui::GetCursorPosY() + m.gap * 0.5f;
  ImGui::SetCursorPosY(top);
  BeginTouchList(s, id, ImVec2(size.x - m.pad * 2, size.y - top));
}

void EndListBody(AppState& s) {
  ImGui::Dummy(ImVec2(1, s.metrics.pad * 2));
  EndTouchList(s);
}

uint32_t TrackColor(const db::Track& t) {
  return db::ParseColor(t.color).value_or(0);
}

}  // namespace app
