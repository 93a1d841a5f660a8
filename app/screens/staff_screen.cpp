// Staff mode: the PIN pad (opened by holding the top-left corner for 3 s) and the staff panel: what this
// kiosk shows and how it is doing, the data's sample rows, and what staff can do (reload the snapshot,
// rotate the screen, export the usage counts, leave; quit when the configuration allows). Wrong PINs lock
// the pad for longer each time (app::StaffLockout).
#include <algorithm>
#include <cmath>

#include "app/state/format.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

void DrawPinPad(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::Alpha(colors::kScrim, 0xCC));
  float key = std::max(m.touch * 1.2f, m.mm(16.0f)), gap = m.gap;
  float w = key * 3 + gap * 2 + m.pad * 2, h = key * 5 + gap * 4 + m.pad * 2 + s.fonts.title->FontSize * 3;
  ImVec2 q(p.x + (size.x - w) / 2, p.y + std::max(0.f, (size.y - h) / 2));
  // The sheet is drawn behind its content once the content's height is known (channel 0 under channel 1).
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(q.x + m.pad, q.y + m.pad));
  ImGui::BeginGroup();
  PushId(s, "pin");
  Text(s.fonts.strong, colors::kInk, s.Ui("staff.enter_pin"), w - 2 * m.pad);
  std::string dots;
  for (size_t i = 0; i < s.staff.pin.size(); ++i) dots += "\xE2\x80\xA2 ";  // •
  Text(s.fonts.title, colors::kInk, dots.empty() ? " " : dots, w - 2 * m.pad);
  bool locked = s.time_s < s.staff.locked_until;
  std::string note;
  if (locked) note = s.Ui("staff.locked") + " " + Count(s, "count.seconds", static_cast<int64_t>(std::ceil(s.staff.locked_until - s.time_s)));
  else if (s.staff.message == "wrong") note = s.Ui("staff.wrong_pin");
  Text(s.fonts.caption, colors::kNow, note.empty() ? " " : note, w - 2 * m.pad);
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"};
  for (int i = 0; i < 12; ++i) {
    if (i % 3) ImGui::SameLine(0, gap);
    std::string id = keys[i];
    std::string label = id == "erase" ? "\xE2\x80\xB9" : id == "ok" ? s.Ui("staff.ok") : id;
    bool tapped = Button(s, ("key-" + id).c_str(), label, id == "ok" ? ButtonKind::Primary : ButtonKind::Secondary, key, key);
    if (!tapped || locked) continue;
    if (id == "erase") s.Do({.kind = Action::Kind::StaffErase});
    else if (id == "ok") s.Do({.kind = Action::Kind::StaffSubmit});
    else s.Do({.kind = Action::Kind::StaffDigit, .id = id});
  }
  if (Button(s, "close", s.Ui("common.back"), ButtonKind::Secondary, key * 3 + gap * 2)) s.Do({.kind = Action::Kind::StaffClose});
  PopId(s);
  ImGui::EndGroup();
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(q, ImVec2(q.x + w, ImGui::GetItemRectMax().y + m.pad), colors::kPaper, m.radius);
  dl->ChannelsMerge();
}

void DrawStaffScreen(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  BeginTouchList(s, "staff", size);
  ImGui::SetCursorPos(ImVec2(m.pad * 2, m.pad * 1.5f));
  ImGui::BeginGroup();
  float width = size.x - m.pad * 4;
  Text(s.fonts.display, colors::kInk, s.Ui("staff.title"), width);
  // What the platform reports: kiosk id, snapshot, versions, updates, uptime, frame time, memory.
  float label_w = width * 0.3f;
  for (const auto& [label, value] : s.staff_info) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    float h1 = TextAt(ImGui::GetWindowDrawList(), s.fonts.strong, colors::kMuted, at, label, label_w - m.gap);
    float h2 = TextAt(ImGui::GetWindowDrawList(), s.fonts.body, colors::kInk, ImVec2(at.x + label_w, at.y), value, width - label_w);
    ImGui::Dummy(ImVec2(width, std::max(h1, h2)));
  }
  // The data's sample rows: stand-ins that are not in the sources, so staff can replace them. Visitors never
  // see a "sample" tag; this is the one place that names them.
  std::string orgs, sessions, agreements;
  int n_orgs = 0, n_sessions = 0, n_agreements = 0;
  const char* sep = ", ";
  for (const auto& o : c.organizations)
    if (o.sample) orgs += (n_orgs++ ? sep : "") + s.Tr(o.name);
  for (const auto& x : c.sessions)
    if (x.sample) sessions += (n_sessions++ ? sep : "") + x.id + " " + s.Tr(x.title);
  for (const auto& a : c.agreements)
    if (a.sample) agreements += (n_agreements++ ? sep : "") + s.Tr(a.title);
  Heading(s, s.Ui("staff.sample"), width);
  Text(s.fonts.body, colors::kNext, Count(s, "count.organizations", n_orgs) + "  \xC2\xB7  " + Count(s, "count.sessions", n_sessions) +
                                       "  \xC2\xB7  " + Count(s, "count.agreements", n_agreements), width);
  for (const auto& [key, list] : {std::pair{"search.group.exhibitors", &orgs}, {"search.group.sessions", &sessions},
                                  {"search.group.agreements", &agreements}}) {
    if (list->empty()) continue;
    Text(s.fonts.strong, colors::kInk, s.Ui(key), width);
    Text(s.fonts.caption, colors::kMuted, *list, width);
  }
  ImGui::Dummy(ImVec2(1, m.gap));
  ChipRow row(s, width);
  const char* commands[][2] = {{"reload", "staff.reload"}, {"rotate", "staff.rotate"}, {"export", "staff.export"}};
  for (const auto& cmd : commands)
    if (row.Chip(cmd[0], s.Ui(cmd[1]), false)) s.Do({.kind = Action::Kind::StaffCommand, .id = cmd[0]});
  if (row.Chip("leave", s.Ui("staff.leave"), true)) s.Do({.kind = Action::Kind::StaffClose});
  if (s.can_quit && row.Chip("quit", s.Ui("staff.quit"), false)) s.Do({.kind = Action::Kind::StaffCommand, .id = "quit"});
  ImGui::Dummy(ImVec2(1, m.pad * 2));
  ImGui::EndGroup();
  EndTouchList(s);
}

}  // namespace app
