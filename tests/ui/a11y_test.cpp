// Accessibility modes as a visitor meets them: high contrast checked on the frames the screens really draw
// (every colour named, every text at least 7:1 against what is under it, country colours apart), and the
// accessibility toggles recognizable as buttons.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/state/format.h"
#include "app/theme.h"
#include "app/ui.h"
#include "harness.h"

namespace fs = std::filesystem;
using app::Screen;

namespace {

std::string HexOf(ImU32 c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06X", app::colors::ToRgb(c));
  return buf;
}

// A view of the kiosk, opened as --screen does.
struct View {
  Screen screen;
  const char* detail;
  const char* name;
};
const View kViews[] = {{Screen::Home, "", "home"},
                       {Screen::Map, "", "map"},
                       {Screen::Exhibitors, "", "exhibitors"},
                       {Screen::Agreements, "", "agreements"},
                       {Screen::Schedule, "", "schedule"},
                       {Screen::Exhibitors, "astana-hub", "exhibitors/astana-hub"},
                       {Screen::Agreements, "kosgeb-rsmb-2021", "agreements/kosgeb-rsmb-2021"},
                       {Screen::Schedule, "2201", "schedule/2201"},
                       {Screen::Search, "a", "search/a"},
                       {Screen::Map, "booth-a1", "map/booth-a1"}};

void Open(test::Harness& h, const View& v) {
  using K = app::Action::Kind;
  h.s.Do({.kind = K::Go, .screen = v.screen});
  if (v.screen == Screen::Search) {
    h.s.Do({.kind = K::ClearQuery});
    h.s.Do({.kind = K::Type, .id = v.detail});
  } else if (*v.detail) {
    K k = v.screen == Screen::Exhibitors ? K::OpenExhibitor : v.screen == Screen::Agreements ? K::OpenAgreement
          : v.screen == Screen::Map       ? K::ShowOnMap
                                          : K::OpenSession;
    h.s.Do({.kind = k, .id = v.detail});
  }
  app::ApplyActions(h.s);
  h.Settle();
}

// One triangle of the frame as the GPU would draw it.
struct Tri {
  ImVec2 p[3];
  ImU32 col[3];
  ImVec4 clip;
  bool glyph;  // textured from a glyph of the atlas, not the white pixel
  float x0, y0, x1, y1;
};

std::vector<Tri> Triangles(const ImDrawData* data) {
  std::vector<Tri> out;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  ImTextureID fonts = ImGui::GetIO().Fonts->TexID;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* dl = data->CmdLists[l];
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != fonts) continue;  // pictures
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        Tri t;
        t.glyph = false;
        for (int k = 0; k < 3; ++k) {
          const ImDrawVert& v = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i + k]];
          t.p[k] = v.pos;
          t.col[k] = v.col;
          t.glyph |= v.uv.x != white.x || v.uv.y != white.y;
        }
        t.clip = cmd.ClipRect;
        t.x0 = std::min({t.p[0].x, t.p[1].x, t.p[2].x}), t.x1 = std::max({t.p[0].x, t.p[1].x, t.p[2].x});
        t.y0 = std::min({t.p[0].y, t.p[1].y, t.p[2].y}), t.y1 = std::max({t.p[0].y, t.p[1].y, t.p[2].y});
        out.push_back(t);
      }
    }
  }
  return out;
}

struct Rgba {
  float r, g, b, a;
};
Rgba ToRgba(ImU32 c) {
  return {float((c >> IM_COL32_R_SHIFT) & 0xFF), float((c >> IM_COL32_G_SHIFT) & 0xFF), float((c >> IM_COL32_B_SHIFT) & 0xFF),
          ((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.f};
}
ImU32 ToU32(Rgba c) { return IM_COL32(int(c.r + 0.5f), int(c.g + 0.5f), int(c.b + 0.5f), 255); }
Rgba Over(Rgba top, Rgba under) {
  return {top.r * top.a + under.r * (1 - top.a), top.g * top.a + under.g * (1 - top.a), top.b * top.a + under.b * (1 - top.a), 1};
}

// The colour of triangle `t` at `q` (interpolated like the GPU does), or false when `q` is outside it.
bool ColorAt(const Tri& t, ImVec2 q, Rgba& out) {
  if (q.x < t.x0 || q.x > t.x1 || q.y < t.y0 || q.y > t.y1) return false;
  if (q.x < t.clip.x || q.x >= t.clip.z || q.y < t.clip.y || q.y >= t.clip.w) return false;
  ImVec2 a = t.p[0], b = t.p[1], c = t.p[2];
  float d = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y);
  if (std::fabs(d) < 1e-6f) return false;
  float u = ((b.y - c.y) * (q.x - c.x) + (c.x - b.x) * (q.y - c.y)) / d;
  float v = ((c.y - a.y) * (q.x - c.x) + (a.x - c.x) * (q.y - c.y)) / d;
  float w = 1 - u - v;
  if (u < -1e-4f || v < -1e-4f || w < -1e-4f) return false;
  Rgba x = ToRgba(t.col[0]), y = ToRgba(t.col[1]), z = ToRgba(t.col[2]);
  out = {u * x.r + v * y.r + w * z.r, u * x.g + v * y.g + w * z.g, u * x.b + v * y.b + w * z.b, u * x.a + v * y.a + w * z.a};
  return true;
}

// Every glyph of the frame against what is drawn under it: "text #FFFFFF on #121212: 1.2:1" per pair below
// `min_ratio`, with the number of glyphs.
std::map<std::string, int> LowContrastText(const ImDrawData* data, double min_ratio) {
  std::map<std::string, int> low;
  std::vector<Tri> tris = Triangles(data);
  for (size_t g = 0; g < tris.size(); ++g) {
    const Tri& t = tris[g];
    if (!t.glyph || (g > 0 && tris[g - 1].glyph && tris[g - 1].col[0] == t.col[0] && g % 2)) continue;  // a sample per quad
    ImVec2 q((t.p[0].x + t.p[1].x + t.p[2].x) / 3, (t.p[0].y + t.p[1].y + t.p[2].y) / 3);
    if (q.x < t.clip.x || q.x >= t.clip.z || q.y < t.clip.y || q.y >= t.clip.w) continue;  // clipped away
    Rgba text = ToRgba(t.col[0]);
    if (text.a < 0.05f) continue;
    Rgba under{0, 0, 0, 1};
    for (size_t i = 0; i < g; ++i) {
      Rgba c;
      if (!tris[i].glyph && ColorAt(tris[i], q, c)) under = Over(c, under);
    }
    ImU32 bg = ToU32(under), fg = ToU32(Over(text, under));
    double r = app::ContrastRatio(fg, bg);
    if (r < min_ratio) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", r);
      ++low["text " + HexOf(ToU32(text)) + " on " + HexOf(bg) + ": " + buf + ":1"];
    }
  }
  return low;
}

// Draws a frame of the current view in high contrast, as the kiosk does (ApplyHighContrast after Render).
const ImDrawData* HighContrastFrame(test::Harness& h, std::vector<ImU32>* unnamed) {
  h.Frame();
  ImDrawData* data = ImGui::GetDrawData();
  app::ApplyHighContrast(data, h.s.catalog.get(), unnamed);
  return data;
}

}  // namespace

TEST_CASE("high contrast: every colour drawn on every view has a name and every text reads at 7:1 or more") {
  test::Harness h;
  // Thick lines as triangles of the white pixel, so that only glyphs are textured (the sampling above).
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  h.s.high_contrast = true;
  std::string problems;
  auto audit = [&](const std::string& where) {
    std::vector<ImU32> unnamed;
    const ImDrawData* data = HighContrastFrame(h, &unnamed);
    for (ImU32 c : unnamed) problems += where + ": a colour without a name: " + HexOf(c) + "\n";
    for (const auto& [what, n] : LowContrastText(data, 7.0)) problems += where + ": " + what + " (" + std::to_string(n) + " glyphs)\n";
  };
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    h.Resize(w, hgt);
    std::string size = std::to_string(w) + "x" + std::to_string(hgt);
    for (const char* lang : {"en", "kk"}) {
      h.s.lang = lang;
      for (const View& v : kViews) {
        Open(h, v);
        audit(size + " " + lang + " " + v.name);
      }
    }
    // Sheets and modes on top: the language sheet, reach mode, a mode that is on, the idle warning.
    Open(h, kViews[0]);
    h.s.language_picker = true;
    audit(size + " language sheet");
    h.s.language_picker = false;
    h.s.reach = true;
    for (const View& v : {kViews[0], kViews[2], kViews[5]}) {
      Open(h, v);
      audit(size + " reach " + v.name);
    }
    h.s.reach = false;
    h.s.idle_warning = true;
    h.s.idle_warning_left = 12;
    audit(size + " idle warning");
    h.s.idle_warning = false;
    h.s.staff.pin_pad = true;  // staff may need high contrast too
    h.s.staff.pin = "12";
    audit(size + " PIN pad");
    h.s.staff.pin_pad = false;
    h.s.staff.pin.clear();
  }
  CHECK_MESSAGE(problems.empty(), problems);
}

TEST_CASE("high contrast: the audit notices text that does not read and a colour without a name") {
  test::Harness h;
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  ImGui::NewFrame();
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(ImVec2(10, 10), ImVec2(400, 100), app::colors::kSurface);
  dl->AddText(h.s.fonts.body, h.s.fonts.body->FontSize, ImVec2(20, 20), app::colors::kPressed, "Grey on grey");
  dl->AddRectFilled(ImVec2(10, 200), ImVec2(50, 240), IM_COL32(0x12, 0x34, 0x56, 0xFF));
  ImGui::Render();
  std::vector<ImU32> unnamed;
  ImDrawData* data = ImGui::GetDrawData();
  app::ApplyHighContrast(data, h.s.catalog.get(), &unnamed);
  CHECK(std::find(unnamed.begin(), unnamed.end(), IM_COL32(0x12, 0x34, 0x56, 0xFF)) != unnamed.end());
  auto low = LowContrastText(data, 7.0);
  bool found = false;
  for (const auto& [what, n] : low) found |= what.rfind("text #333333 on #121212", 0) == 0;
  CHECK_MESSAGE(found, "the #333333 text on #121212 is not reported");
}

TEST_CASE("high contrast: country and track colours stay apart from each other, from the screen and under black text") {
  using app::ColorDistance;
  using app::ContrastRatio;
  using namespace app::colors;
  for (ImU32 c : kCatalogContrast) {
    CHECK_MESSAGE(ContrastRatio(c, kPaper.contrast) >= 7.0, HexOf(c));    // on the black screen
    CHECK_MESSAGE(ContrastRatio(c, kSurface.contrast) >= 3.0, HexOf(c));  // on a dark card
    CHECK_MESSAGE(ContrastRatio(kOnColorDark.contrast, c) >= 7.0, HexOf(c));  // black text on it
    CHECK_MESSAGE(ColorDistance(c, kAccent.contrast) >= 30, HexOf(c));     // not the yellow of the focus
  }
  for (size_t i = 0; i < std::size(kCatalogContrast); ++i)
    for (size_t j = i + 1; j < std::size(kCatalogContrast); ++j)
      CHECK_MESSAGE(ColorDistance(kCatalogContrast[i], kCatalogContrast[j]) >= 30, HexOf(kCatalogContrast[i]) << " and " << HexOf(kCatalogContrast[j]));
  // The demo's nine countries get nine different colours, as do its six tracks; text on each is black.
  test::Harness h;
  const db::Catalog& c = *h.s.catalog;
  app::ContrastMap map = app::CatalogContrast(&c);
  std::set<ImU32> countries, tracks;
  for (const auto& country : c.countries) {
    ImU32 hc = app::HighContrast(app::Rgb(country.color), map);
    countries.insert(hc);
    CHECK(ContrastRatio(app::HighContrast(app::TextOn(country.color), map), hc) >= 7.0);
  }
  CHECK(countries.size() == c.countries.size());
  for (const auto& t : c.tracks) tracks.insert(app::HighContrast(app::Rgb(std::strtoul(t.color.c_str() + 1, nullptr, 16)), map));
  CHECK(tracks.size() == c.tracks.size());
  // Kazakhstan's light blue stays blue-ish (the nearest free entry), so a visitor who switches recognizes it.
  CHECK(app::HighContrast(app::Rgb(c.FindCountry("KZ")->color), map) == Hex(0x33CCFF));
}

TEST_CASE("high contrast: named colours map unambiguously, and the screens draw no colour without a name") {
  using namespace app::colors;
  // Mapping by value: two names with one value must share the counterpart.
  for (const Named* a : kAll)
    for (const Named* b : kAll)
      if (ToRgb(a->normal) == ToRgb(b->normal))
        CHECK_MESSAGE(a->contrast == b->contrast, HexOf(a->normal) << " has two counterparts");
  // Every name is in kAll (theme.h), and no screen makes a colour up (IM_COL32 literals live in theme.h).
  std::stringstream theme;
  theme << std::ifstream(FORUM_SOURCE_DIR "/app/theme.h").rdbuf();
  std::string text = theme.str();
  std::regex named(R"(inline constexpr Named (k\w+))");
  size_t names = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), named); it != std::sregex_iterator(); ++it) {
    ++names;
    CHECK_MESSAGE(text.find("&" + (*it)[1].str() + ",") != std::string::npos, (*it)[1].str() << " is not in kAll");
  }
  CHECK(names == std::size(kAll));
  // Outside app/theme.*, no IM_COL32 at all (not even a black shadow, nor alpha bit-twiddling: colors::Alpha
  // keeps a named colour's name), and no ImVec4 colour handed to ImGui's style.
  for (const auto& f : fs::recursive_directory_iterator(FORUM_SOURCE_DIR "/app")) {
    std::string ext = f.path().extension().string(), stem = f.path().stem().string();
    if ((ext != ".cpp" && ext != ".h") || stem == "theme") continue;
    std::stringstream ss;
    ss << std::ifstream(f.path()).rdbuf();
    std::string src = ss.str();
    std::regex literal(R"(IM_COL32|PushStyleColor|ColorConvert)");
    std::smatch m;
    CHECK_MESSAGE(!std::regex_search(src, m, literal), f.path().filename().string() << " draws a colour without a name: " << m.str());
  }
}

TEST_CASE("sizes derive from the metrics: no screen, widget or map part multiplies the density itself") {
  // Physical sizes go through Metrics::mm(), offsets designed in pixels through Metrics::px() (app_state.h);
  // only MetricsFor (app/ui.h) turns the screen's density into them.
  for (const auto& f : fs::recursive_directory_iterator(FORUM_SOURCE_DIR "/app")) {
    std::string ext = f.path().extension().string(), name = f.path().filename().string();
    if ((ext != ".cpp" && ext != ".h") || name == "ui.cpp" || name == "ui.h" || name == "app_state.h") continue;
    std::stringstream ss;
    ss << std::ifstream(f.path()).rdbuf();
    CHECK_MESSAGE(ss.str().find("px_per_mm") == std::string::npos, name << " scales by px_per_mm itself: use Metrics::mm or px");
  }
  // On the reference screen the helpers change nothing; at twice its density every size doubles.
  app::Metrics ref = app::MetricsFor(app::Metrics::kReferencePxPerMm), twice = app::MetricsFor(2 * app::Metrics::kReferencePxPerMm);
  CHECK(ref.scale == 1.0f);
  CHECK(ref.px(4) == 4.0f);
  CHECK(ref.line == app::Metrics{}.line);
  CHECK(ref.inset == app::Metrics{}.inset);
  for (auto [a, b] : {std::pair{ref.mm(10), twice.mm(10)}, {ref.px(6), twice.px(6)}, {ref.touch, twice.touch}, {ref.pad, twice.pad},
                      {ref.line, twice.line}, {ref.bold_line, twice.bold_line}, {ref.hairline, twice.hairline}, {ref.inset, twice.inset}})
    CHECK(b == doctest::Approx(2 * a));
}

TEST_CASE("the accessibility toggles read as buttons: an edge and their name in every language, on every screen size") {
  test::Harness h;
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  const std::pair<const char*, const char*> toggles[] = {{"reach", "a11y.reach"}, {"large_text", "a11y.large_text"}, {"high_contrast", "a11y.high_contrast"}};
  std::string problems;
  for (bool large : {false, true}) {
    h.s.large_text = large;
    for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}, {1280, 720}}) {
      h.Resize(w, hgt);
      for (const char* lang : {"kk", "ru", "en", "tr", "az", "uz", "ky"}) {
        h.s.lang = lang;
        h.overflows.clear();
        h.Settle();
        std::vector<Tri> tris = Triangles(ImGui::GetDrawData());
        std::string where = std::string(lang) + " " + std::to_string(w) + "x" + std::to_string(hgt) + (large ? " large text" : "");
        for (const auto& o : h.overflows) problems += where + ": " + o + "\n";
        for (auto [id, key] : toggles) {
          const app::AppState::Target* t = h.Find(std::string(id) + "/toggle");
          if (!t) {
            problems += where + ": no " + id + " toggle\n";
            continue;
          }
          // The edge: 1 px inside each side, at least 3:1 against the bar (WCAG's minimum for a control).
          auto composite = [&](ImVec2 q) {
            Rgba under{0, 0, 0, 1};
            for (const Tri& tri : tris) {
              Rgba c;
              if (!tri.glyph && ColorAt(tri, q, c)) under = Over(c, under);
            }
            return ToU32(under);
          };
          float cx = (t->x0 + t->x1) / 2, cy = (t->y0 + t->y1) / 2;
          for (ImVec2 q : {ImVec2(cx, t->y0 + 1), ImVec2(cx, t->y1 - 1), ImVec2(t->x0 + 1, cy), ImVec2(t->x1 - 1, cy)}) {
            double r = app::ContrastRatio(composite(q), app::colors::kNavBar);
            if (r < 3.0) problems += where + ": " + id + " has no visible edge at (" + std::to_string(int(q.x)) + ", " + std::to_string(int(q.y)) + "): " + std::to_string(r) + ":1\n";
          }
          // The name: as many glyphs inside the box as the name has letters (the symbol may add some).
          const std::string& name = h.s.Ui(key);
          size_t letters = 0;
          for (unsigned char c : name) letters += c != ' ' && (c & 0xC0) != 0x80;
          size_t glyphs = 0;
          for (const Tri& tri : tris) {
            ImVec2 q((tri.p[0].x + tri.p[1].x + tri.p[2].x) / 3, (tri.p[0].y + tri.p[1].y + tri.p[2].y) / 3);
            glyphs += tri.glyph && q.x > t->x0 && q.x < t->x1 && q.y > t->y0 && q.y < t->y1;
          }
          if (glyphs / 2 < letters) problems += where + ": " + id + " shows " + std::to_string(glyphs / 2) + " glyphs for \"" + name + "\"\n";
          // At least the minimum target.
          if (t->x1 - t->x0 < h.s.metrics.touch || t->y1 - t->y0 < h.s.metrics.touch) problems += where + ": " + id + " is smaller than a finger\n";
        }
      }
    }
  }
  CHECK_MESSAGE(problems.empty(), problems);
}

TEST_CASE("reach mode: the upper half says where the visitor is and what time it is, and offers nothing to tap") {
  auto letters = [](const std::string& t) {
    size_t n = 0;
    for (unsigned char c : t) n += c != ' ' && (c & 0xC0) != 0x80;
    return n;
  };
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    test::Harness h(w, hgt);
    h.s.reach = true;
    for (const View& v : kViews) {
      Open(h, v);
      h.Frame();
      size_t glyphs = 0;
      for (const Tri& t : Triangles(ImGui::GetDrawData()))
        glyphs += t.glyph && std::max({t.p[0].y, t.p[1].y, t.p[2].y}) < hgt / 2.0f;
      glyphs /= 2;  // two triangles a glyph
      const db::Catalog& c = *h.s.catalog;
      std::string clock = app::ClockTime(h.s.now_utc, c.forum.utc_offset_min);
      const char* nav[] = {"nav.home", "nav.map", "nav.exhibitors", "nav.agreements", "nav.schedule", "nav.search"};
      // The forum, the screen's name (the forum's dates on Home) and the clock at least.
      size_t want = letters(h.s.Tr(c.forum.title)) + letters(clock) +
                    (v.screen == Screen::Home ? letters("28–29 September 2022") : letters(h.s.Ui(nav[static_cast<int>(v.screen)])));
      CHECK_MESSAGE(glyphs >= want, w << "x" << hgt << " " << v.name << ": " << glyphs << " glyphs in the upper half, want " << want);
      for (const auto& t : h.targets()) CHECK_MESSAGE(t.y0 >= hgt / 2.0f - 0.5f, v.name << ": " << t.key << " in the upper half");
    }
  }
}
