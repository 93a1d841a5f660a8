// Schedule: day tabs, track filter, sessions in time order with room and track, now and next marked by the
// venue's clock; a session opens its detail with its room on the map.
#include <algorithm>
#include <set>

#include "app/state/format.h"
#include "app/widgets/qr_code.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"

namespace app {

namespace {

void Detail(AppState& s, const db::Session& x, ImVec2 size) {
  const Metrics& m = s.metrics;
  const db::Catalog& c = *s.catalog;
  float page = BeginDetail(s, "session", size);
  auto head = [&](float width) {
    float read = std::min(width, m.mm(280));
    Text(s.fonts.display, colors::kInk, s.Tr(x.title), read);
    if (!s.Tr(x.subtitle).empty()) Text(s.fonts.title, colors::kMuted, s.Tr(x.subtitle), read);
    Text(s.fonts.title, colors::kAccent, FormatDay(s, x.day_date) + "  \xC2\xB7  " + TimeRange(s, x), width);
    const db::Room* room = c.FindRoom(x.room_id);
    if (room) {
      Text(s.fonts.body, colors::kInk, s.Ui("schedule.room") + ": " + s.Tr(room->name), width);
      if (!room->location_id.empty() && Button(s, "show-on-map", s.Ui("map.show_on_map"), ButtonKind::Primary))
        s.Do({.kind = Action::Kind::ShowOnMap, .id = room->location_id});
    }
    if (const db::Track* t = c.FindTrack(x.track_id)) Text(s.fonts.body, colors::kInk, s.Ui("schedule.track") + ": " + s.Tr(t->name), width);
  };
  auto main = [&](float width) {
    float read = std::min(width, m.mm(280));
    if (!s.Tr(x.description).empty()) {
      ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
      Text(s.fonts.body, colors::kInk, s.Tr(x.description), read);
    }
    if (!x.people.empty()) {
      Heading(s, s.Ui("schedule.speakers"), width);
      for (const auto& sp : x.people)
        if (const db::Person* p = c.FindPerson(sp.person_id)) {
          std::string line = s.Tr(p->name);
          if (!s.Tr(p->title).empty()) line += ", " + s.Tr(p->title);
          const db::Organization* o = c.FindOrganization(p->organization_id);
          if (o) {
            PushId(s, p->id);
            if (Button(s, "person", line + "  \xC2\xB7  " + DisplayName(s, *o), ButtonKind::Chip, read))
              s.Do({.kind = Action::Kind::OpenExhibitor, .id = o->id});
            PopId(s);
          } else {
            Text(s.fonts.body, colors::kInk, line, read);
          }
        }
    }
  };
  // Beside the text in landscape: the session to take along and who takes part.
  auto side = [&](float width) {
    TakeAlong(s, SessionEvent(s, x), s.Ui("qr.add_to_calendar"), width);
    if (!x.organizations.empty()) {
      Heading(s, s.Ui("nav.exhibitors"), width);
      ChipRow chips(s, width);
      for (const auto& so : x.organizations)
        if (const db::Organization* o = c.FindOrganization(so.organization_id)) {
          PushId(s, o->id);
          if (chips.Chip("org", DisplayName(s, *o), false)) s.Do({.kind = Action::Kind::OpenExhibitor, .id = o->id});
          PopId(s);
        }
    }
  };
  DetailColumns(s, size, page, head, main, side, /*side_first=*/true);
  EndDetail(s);
}

}  // namespace

void DrawScheduleScreen(AppState& s, ImVec2 size) {
  const db::Catalog& c = *s.catalog;
  if (!s.session_id.empty())
    if (const db::Session* x = c.FindSession(s.session_id)) return Detail(s, *x, size);
  // Days of the program, in order; the selected one (or today's, or the first).
  const auto& days = c.ProgramDays();
  int day = s.day_index;
  if (!day) {
    std::string today = LocalDate(s.now_utc, c.forum.utc_offset_min);
    for (auto& d : days)
      if (d.second == today) day = d.first;
    if (!day && !days.empty()) day = days.front().first;
  }
  float width = BeginListPage(s, s.Ui("nav.schedule"), size);
  ChipRow day_chips(s, width);
  for (const auto& [index, date] : days) {
    PushId(s, std::to_string(index));
    if (day_chips.Chip("day", FormatDay(s, date), index == day)) s.Do({.kind = Action::Kind::SelectDay, .number = index});
    PopId(s);
  }
  ChipRow track_chips(s, width);
  if (track_chips.Chip("all", s.Ui("schedule.all_tracks"), s.track_filter.empty())) s.Do({.kind = Action::Kind::FilterTrack});
  for (const auto& t : c.tracks) {
    PushId(s, t.id);
    if (track_chips.Chip("track", s.Tr(t.name), s.track_filter == t.id, TrackColor(t))) s.Do({.kind = Action::Kind::FilterTrack, .id = t.id});
    PopId(s);
  }
  BeginListBody(s, "session-list", size);
  std::vector<const db::Session*> now, next;
  NowAndNext(s, now, next, 1000);
  std::set<const db::Session*> now_set(now.begin(), now.end()), next_set(next.begin(), next.end());
  int shown = 0;
  for (const auto& x : c.sessions) {
    if (x.day_index != day || (!s.track_filter.empty() && x.track_id != s.track_filter)) continue;
    bool is_now = now_set.count(&x), is_next = next_set.count(&x);
    SessionRow(s, x, width, is_now ? s.Ui("schedule.now").c_str() : is_next ? s.Ui("schedule.next").c_str() : nullptr,
               is_now ? colors::kNow : colors::kNext);
    ++shown;
  }
  if (!shown) Text(s.fonts.body, colors::kMuted, s.Ui("schedule.empty"), width);
  EndListBody(s);
}

}  // namespace app
