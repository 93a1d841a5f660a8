// Schedule: a session's page with its room on the map; without one, the day's list (schedule_list.cpp:
// days, room and track filters, sessions opening at now).
#include <algorithm>

#include "app/map/map_route.h"
#include "app/state/format.h"
#include "app/widgets/qr_code.h"
#include "app/widgets/rich_text.h"
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
      if (const db::Location* place = c.FindLocation(room->location_id); place && Routable(s, *place)) {
        float beside = ImGui::GetItemRectSize().y;  // as tall as Show on map, beside it
        ImGui::SameLine(0, m.gap);
        if (Button(s, "route", s.Ui("map.route"), ButtonKind::Secondary, 0, beside)) s.Do({.kind = Action::Kind::Route, .id = place->id});
      }
    }
    if (const db::Track* t = c.FindTrack(x.track_id)) Text(s.fonts.body, colors::kInk, s.Ui("schedule.track") + ": " + s.Tr(t->name), width);
  };
  auto main = [&](float width) {
    float read = std::min(width, m.mm(280));
    if (auto [text, rich] = s.TrRich(x.description, x.description_rich); !text.empty()) {
      ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
      DrawRichText(s, rich, text, read);  // paragraphs, lists, bold and links as the export wrote them
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
  DrawScheduleList(s, size);
}

}  // namespace app
