#include "app/map/route_words.h"

#include <cmath>

#include "app/map/map_card.h"
#include "app/map/map_route.h"
#include "app/state/format.h"

namespace app {

long RoundedMetres(double metres) {
  long m = std::max(1L, std::lround(metres));
  return m < 20 ? m : (m + 2) / 5 * 5;
}

std::string LevelChangeText(const AppState& s, db::LevelChangeKind how, int level) {
  const char* key = how == db::LevelChangeKind::Lift        ? "map.route.lift"
                    : how == db::LevelChangeKind::Escalator ? "map.route.escalator"
                                                            : "map.route.stairs";
  return Fill(s.Ui(key), {{"level", LevelName(s, level)}});
}

std::vector<std::string> RouteWords(const AppState& s, const std::vector<db::RouteStep>& steps) {
  using K = db::RouteStep::Kind;
  using db::Side;
  std::vector<std::string> out;
  auto place = [&](const db::RouteStep& st) {
    const db::Location* l = s.catalog->FindLocation(st.place_id);
    return l ? PlaceTitle(s, *l) : st.place_id;
  };
  for (const auto& st : steps) {
    switch (st.kind) {
      case K::Walk: {
        const char* key = !st.turn ? "map.steps.walk" : *st.turn == Side::Left ? "map.steps.walk_left" : "map.steps.walk_right";
        out.push_back(Fill(s.Ui(key), {{"m", std::to_string(RoundedMetres(st.metres))}}));
        break;
      }
      case K::Pass:
        out.push_back(Fill(s.Ui(st.side == Side::Left ? "map.steps.pass_left" : "map.steps.pass_right"), {{"place", place(st)}}));
        break;
      case K::Level: out.push_back(LevelChangeText(s, st.change, st.level)); break;
      case K::Arrive: {
        const char* key = st.side == Side::Left    ? "map.steps.arrive_left"
                          : st.side == Side::Right ? "map.steps.arrive_right"
                                                   : "map.steps.arrive_ahead";
        out.push_back(Fill(s.Ui(key), {{"place", place(st)}}));
        break;
      }
    }
  }
  return out;
}

std::string RouteText(const AppState& s, const db::Route& r, const std::vector<db::RouteStep>& steps, const db::Location& to) {
  std::string text = PlaceTitle(s, to) + "\n" + RouteSummary(s, r) + "\n" + s.Ui("map.steps.from_here") + "\n";
  int n = 0;
  for (const std::string& line : RouteWords(s, steps)) text += std::to_string(++n) + ". " + line + "\n";
  if (!s.catalog->forum.title.by_lang.empty()) text += s.Tr(s.catalog->forum.title) + "\n";
  // The venue's web map, on this place (its id percent-encoded: ids are letters, digits and - _ . ;).
  if (std::string url = s.catalog->forum.map_url; !url.empty()) {
    std::string id;
    for (char ch : to.id) id += ch == ';' ? std::string("%3B") : std::string(1, ch);
    text += Fill(url, {{"place", id}}) + "\n";
  }
  return text;
}

}  // namespace app
