// What a visitor reads as finished or unfinished (issue 11, parts 7 and 8): detail pages that use a
// landscape screen's width, attract slides that fill it, Home tiles above the bar on a short screen, no
// "sample" tags for visitors, QR codes that say what they hold, a keyboard that keeps its keys in place, and
// one name per organization on the map and in the lists. Checked on what is drawn: the glyphs in the frame's
// draw data, the touch targets and the QR codes' rects (AppState::shown).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/state/format.h"
#include "app/widgets/keyboard.h"
#include "app/screens/screens.h"
#include "app/theme.h"
#include "app/ui.h"
#include "db/base/text.h"
#include "harness.h"
#include "platform/fonts.h"

using app::Screen;

namespace {

const char* kLanguages[] = {"kk", "ru", "en", "tr", "az", "uz", "ky"};

struct Glyph {
  char32_t cp;
  float x0, y0, x1, y1;
};

// The glyphs of the last frame, in drawing order: a glyph is a quad whose first vertex has the glyph's
// (U0, V0) and whose third has its (U1, V1) in the atlas (as platform::FallbackGlyphsDrawn finds U+FFFD).
std::vector<Glyph> DrawnGlyphs() {
  std::map<std::pair<float, float>, const ImFontGlyph*> by_uv;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& g : font->Glyphs)
      if (g.Visible) by_uv[{g.U0, g.V0}] = &g;
  std::vector<Glyph> out;
  const ImDrawData* data = ImGui::GetDrawData();
  for (int l = 0; data && l < data->CmdListsCount; ++l) {
    const ImDrawList* dl = data->CmdLists[l];
    for (int v = 0; v + 3 < dl->VtxBuffer.Size; ++v) {
      const ImDrawVert& a = dl->VtxBuffer[v];
      auto it = by_uv.find({a.uv.x, a.uv.y});
      if (it == by_uv.end()) continue;
      const ImDrawVert& c = dl->VtxBuffer[v + 2];
      if (c.uv.x != it->second->U1 || c.uv.y != it->second->V1) continue;
      out.push_back({it->second->Codepoint, a.pos.x, a.pos.y, c.pos.x, c.pos.y});
      v += 3;
    }
  }
  return out;
}

// What the last frame says, without the spaces and line breaks (they draw nothing).
std::string DrawnText() {
  std::string out;
  for (const Glyph& g : DrawnGlyphs()) db::AppendUtf8(out, g.cp);
  return out;
}

std::string Squeeze(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '\n') out += c;
  return out;
}

bool Says(const std::string& drawn, const std::string& text) { return drawn.find(Squeeze(text)) != std::string::npos; }

void Open(test::Harness& h, Screen screen, const std::string& detail = "") {
  using K = app::Action::Kind;
  h.s.Do({.kind = K::Go, .screen = screen});
  if (!detail.empty())
    h.s.Do({.kind = screen == Screen::Exhibitors ? K::OpenExhibitor : screen == Screen::Agreements ? K::OpenAgreement : K::OpenSession, .id = detail});
  app::ApplyActions(h.s);
  h.Settle();
}

// The harness at another screen density (px per mm), with fonts and metrics as the kiosk derives them.
void AtDensity(test::Harness& h, float px_per_mm) {
  h.s.metrics = app::MetricsFor(px_per_mm);
  platform::FontSet fonts;
  std::string error;
  REQUIRE_MESSAGE(fonts.Build(app::TextForGlyphs(h.s.catalog.get()), px_per_mm / 3.6f, app::TypeScale(), h.s.fonts, error), error);
  unsigned char* px;
  int tw, th;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
  app::ApplyTheme(px_per_mm / 3.6f);
  h.Settle();
}

// The right edge of what a page shows above the navigation bar: its touch targets, its QR codes and its text.
float RightEdge(const test::Harness& h, const std::vector<app::AppState::Target>& shown) {
  float bar = h.Find("home/nav")->y0, x = 0;
  for (const auto& t : h.targets())
    if (t.y1 < bar) x = std::max(x, t.x1);
  for (const auto& t : shown) x = std::max(x, t.x1);
  for (const auto& g : DrawnGlyphs())
    if (g.y1 < bar) x = std::max(x, g.x1);
  return x;
}

}  // namespace

TEST_CASE("landscape detail pages use the width, with the QR code beside the text, portrait is one column") {
  struct Page { Screen screen; const char* id; const char* caption; };
  const Page pages[] = {{Screen::Exhibitors, "astana-hub", "qr.save_contact"},
                        {Screen::Agreements, "technoparks-2022", "qr.save_agreement"},
                        {Screen::Schedule, "2201", "qr.add_to_calendar"}};
  for (std::string lang : kLanguages) {
    test::Harness h;
    std::vector<app::AppState::Target> shown;
    h.s.shown = &shown;
    h.s.lang = lang;
    for (const auto& page : pages) {
      CAPTURE(lang);
      CAPTURE(std::string(page.id));
      h.Resize(1920, 1080);
      Open(h, page.screen, page.id);
      shown.clear();
      h.Frame();
      REQUIRE(shown.size() == 1);
      const auto& qr = shown.front();
      // The QR code stands in the right half, and the page reaches past 70 % of the width.
      CHECK(qr.x0 > 1920 * 0.5f);
      CHECK(RightEdge(h, shown) > 1920 * 0.7f);
      // Its caption says what it holds, in the visitor's language, and is drawn.
      const std::string caption = h.s.Ui(page.caption);
      CHECK(qr.key == "qr/" + caption);
      CHECK(caption != page.caption);
      CHECK(Says(DrawnText(), caption));

      h.Resize(1080, 1920);
      shown.clear();
      h.Frame();
      REQUIRE(shown.size() == 1);
      CHECK(shown.front().x0 < 1080 * 0.2f);  // one column: the code starts at the left margin
      CHECK(Says(DrawnText(), caption));
    }
  }
}

TEST_CASE("a profile has a Contacts section only when the organization has contacts") {
  test::Harness h;
  h.s.lang = "en";
  const db::Catalog& c = *h.s.catalog;
  int with = 0, without = 0;
  for (const auto& e : c.exhibitors) {
    const db::Organization* o = c.FindOrganization(e.organization_id);
    Open(h, Screen::Exhibitors, o->id);
    h.Frame();
    bool has = !o->website.empty() || !o->email.empty() || !o->phone.empty();
    CAPTURE(o->id);
    CHECK(Says(DrawnText(), h.s.Ui("exhibitors.contacts")) == has);
    if (!o->email.empty()) CHECK(Says(DrawnText(), o->email));
    (has ? with : without)++;
  }
  CHECK(with > 0);  // the demo has both kinds
  CHECK(without > 0);
}

TEST_CASE("visitors see no sample tag or illustrative note, the staff panel names the sample rows") {
  // What the old tags and notes said, in every language of the demo.
  const char* tags[] = {"Sample",        "sample",       "illustrative", "Пример данных", "Пример сессии",
                        "Үлгі деректер", "Үлгі сессия",  "Örnek veri",   "Örnek oturum",  "Nümunə məlumat",
                        "Namuna maʼlumot", "Үлгү маалымат", "условн",      "шартты түрде",  "temsilidir",
                        "Технопарк-пример", "Үлгі технопарк", "Örnek teknopark"};
  const db::Catalog* c = nullptr;
  for (const char* lang : kLanguages) {
    test::Harness h;
    c = h.s.catalog.get();
    h.s.lang = lang;
    std::vector<std::pair<Screen, std::string>> views = {{Screen::Exhibitors, ""}, {Screen::Schedule, ""}, {Screen::Agreements, ""}};
    for (const auto& o : c->organizations)
      if (o.sample) views.push_back({Screen::Exhibitors, o.id});
    for (const auto& x : c->sessions)
      if (x.sample && views.size() < 16) views.push_back({Screen::Schedule, x.id});
    for (const auto& a : c->agreements) views.push_back({Screen::Agreements, a.id});
    for (const auto& [screen, id] : views) {
      Open(h, screen, id);
      h.Frame();
      std::string drawn = DrawnText();
      for (const char* tag : tags) CHECK_MESSAGE(!Says(drawn, tag), lang << " " << app::ScreenName(screen) << "/" << id << " says " << tag);
      CHECK(!Says(drawn, h.s.Ui("staff.sample")));
    }
    // Staff see them: the heading, the counts and the names.
    h.s.staff.open = true;
    h.Settle();
    std::string drawn = DrawnText();
    CHECK(Says(drawn, h.s.Ui("staff.sample")));
    int n = 0;
    for (const auto& o : c->organizations)
      if (o.sample) {
        ++n;
        CHECK_MESSAGE(Says(drawn, h.s.Tr(o.name)), lang << ": staff panel lacks " << o.id);
      }
    CHECK(n > 0);
    CHECK(Says(drawn, app::Count(h.s, "count.organizations", n)));
  }
}

TEST_CASE("the on-screen keyboard keeps its panel, keys and caption sizes when the layout switches") {
  for (auto [w, hh] : {std::pair{1920, 1080}, {1080, 1920}}) {
    test::Harness h(w, hh);
    REQUIRE(h.Tap("search/nav"));
    std::map<int, std::map<std::string, app::AppState::Target>> keys;  // layout -> key -> rect
    for (int layout : {0, 1}) {
      h.s.Do({.kind = app::Action::Kind::SetKeyboard, .number = layout});
      app::ApplyActions(h.s);
      h.Settle();
      REQUIRE(app::CurrentKeyboard(h.s) == layout);
      for (const auto& t : h.targets())
        if (t.key.rfind("kb/", 0) == 0) keys[layout][t.key] = t;
    }
    CAPTURE(w);
    // The digits and the control row stay exactly where they were.
    for (const char* key : {"kb/1/key", "kb/0/key", "kb/layout/key", "kb/space/key", "kb/backspace/key", "kb/clear/key"}) {
      REQUIRE(keys[0].count(key));
      REQUIRE(keys[1].count(key));
      const auto &a = keys[0][key], &b = keys[1][key];
      CHECK_MESSAGE((a.x0 == b.x0 && a.y0 == b.y0 && a.x1 == b.x1 && a.y1 == b.y1), key << " moved");
    }
    // Every letter key has the digits' size, and the keys fill the same box in both layouts.
    const auto& digit = keys[0]["kb/1/key"];
    for (int layout : {0, 1}) {
      float top = 1e9f, bottom = 0;
      for (const auto& [key, t] : keys[layout]) {
        top = std::min(top, t.y0), bottom = std::max(bottom, t.y1);
        if (key.find("layout") == std::string::npos && key.find("space") == std::string::npos &&
            key.find("backspace") == std::string::npos && key.find("clear") == std::string::npos) {
          CHECK_MESSAGE(t.x1 - t.x0 == doctest::Approx(digit.x1 - digit.x0), key);
          CHECK_MESSAGE(t.y1 - t.y0 == doctest::Approx(digit.y1 - digit.y0), key);
        }
      }
      CHECK(top == digit.y0);
      CHECK(bottom == keys[0]["kb/clear/key"].y1);
    }
    // The switch key's caption ("ABC" / "АБВ") is drawn in one size: its glyphs are as tall in both.
    std::map<int, float> caption_h;
    for (int layout : {0, 1}) {
      h.s.Do({.kind = app::Action::Kind::SetKeyboard, .number = layout});
      app::ApplyActions(h.s);
      h.Settle();
      const auto* k = h.Find("kb/layout/key");
      REQUIRE(k);
      float hmax = 0;
      for (const auto& g : DrawnGlyphs())
        if (g.y0 >= k->y0 && g.y1 <= k->y1 && (g.cp == 'A' || g.cp == U'\u0410')) hmax = std::max(hmax, g.y1 - g.y0);
      caption_h[layout] = hmax;
    }
    CHECK(caption_h[0] > 0);
    CHECK(caption_h[0] == doctest::Approx(caption_h[1]).epsilon(0.15));
  }
}

TEST_CASE("at 1280x720 the Home tiles end above the navigation bar, last line included, in every language") {
  // 3.6 px/mm is the default; 3.94 px/mm is a 325 mm wide 720p panel (as Xvfb reports its screen).
  for (auto [lang, density] : {std::pair<std::string, float>{"kk", 3.94f}, {"ru", 3.94f}, {"en", 3.94f}, {"tr", 3.94f},
                               {"az", 3.94f}, {"uz", 3.94f}, {"ky", 3.94f}, {"kk", 3.6f}, {"ky", 3.6f}}) {
    test::Harness h(1280, 720);
    h.s.lang = lang;
    AtDensity(h, density);
    CAPTURE(density);
    float bar_top = 720;
    for (const auto& t : h.targets())
      if (t.key.find("/nav") != std::string::npos) bar_top = std::min(bar_top, t.y0);
    const db::Catalog& c = *h.s.catalog;
    // Each tile's last line says its counts; it is drawn, and whole above the bar (the list clips what runs
    // under the bar, so a tile's target alone could not tell).
    const std::string counts = app::Count(h.s, "count.agreements", static_cast<int64_t>(c.agreements.size()));
    std::string drawn = DrawnText();
    CHECK_MESSAGE(Says(drawn, counts), lang);
    const auto glyphs = DrawnGlyphs();
    for (const char* tile : {"map/tile", "exhibitors/tile", "agreements/tile", "schedule/tile"}) {
      const auto* t = h.Find(tile);
      CAPTURE(lang);
      CAPTURE(std::string(tile));
      REQUIRE(t);
      float last = 0;
      for (const auto& g : glyphs)
        if (g.x0 >= t->x0 && g.x1 <= t->x1 && g.y0 >= t->y0 && g.y0 < t->y1) last = std::max(last, g.y1);
      CHECK(last > t->y0);
      CHECK(last <= bar_top);
      CHECK(last <= t->y1);  // inside its tile
      CHECK(t->y1 - t->y0 >= h.s.metrics.touch * 2.25f - 0.5f);
    }
  }
}

TEST_CASE("attract slides fill their height: no empty band over a quarter of the screen") {
  for (auto [w, hh] : {std::pair{1920, 1080}, {1080, 1920}}) {
    test::Harness h(w, hh);
    for (int slide = 0; slide < 4; ++slide) {
      h.s.attract = true;
      h.s.attract_since = h.clock - slide * app::kAttractSlideS - app::kAttractFadeS * 2;
      h.Frame();
      std::vector<std::pair<float, float>> rows;
      for (const auto& g : DrawnGlyphs()) rows.push_back({g.y0, g.y1});
      REQUIRE(!rows.empty());
      std::sort(rows.begin(), rows.end());
      float gap = rows.front().first, reach = rows.front().second;  // from the top edge
      for (const auto& [y0, y1] : rows) {
        gap = std::max(gap, y0 - reach);
        reach = std::max(reach, y1);
      }
      gap = std::max(gap, hh - reach);  // and to the bottom edge
      CHECK_MESSAGE(gap < hh * 0.25f, w << "x" << hh << " slide " << slide << ": " << gap << " px without text");
    }
  }
}

TEST_CASE("an organization is named the same on the map, in the list, on its profile and in search, in every language") {
  test::Harness h;
  const db::Catalog& c = *h.s.catalog;
  for (std::string lang : kLanguages) {
    h.s.lang = lang;
    CAPTURE(lang);
    // The map's booth label is the organization's short name when it has one, else its name: app::DisplayName.
    for (const auto& e : c.exhibitors) {
      const db::Organization* o = c.FindOrganization(e.organization_id);
      const std::string& map_label = c.Tr(o->short_name.empty() ? o->name : o->short_name, lang);
      CHECK_MESSAGE(app::DisplayName(c, lang, *o) == map_label, o->id);
    }
    // The list's cards draw that name.
    Open(h, Screen::Exhibitors);
    h.Frame();
    std::string drawn = DrawnText();
    int cards = 0;
    for (const auto& e : c.exhibitors)
      if (h.Visible(e.organization_id + "/card")) {
        ++cards;
        CHECK_MESSAGE(Says(drawn, app::DisplayName(c, lang, *c.FindOrganization(e.organization_id))), e.organization_id);
      }
    CHECK(cards >= 6);
    // The profile names it in full and, when that differs, as the map does.
    Open(h, Screen::Exhibitors, "htp-kg");
    h.Frame();
    drawn = DrawnText();
    const db::Organization& htp = *c.FindOrganization("htp-kg");
    CHECK(Says(drawn, h.s.Tr(htp.name)));
    CHECK(Says(drawn, app::DisplayName(h.s, htp)));
  }
}
