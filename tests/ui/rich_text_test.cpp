// Rich text as the kiosk lays it out and draws it (app/widgets/rich_text.h): wrapped at the column width in
// mixed fonts, bullets and numbers hanging in their indent, bold in the bold face, links in the accent colour,
// CJK broken between characters and over-long words inside; the session detail draws a description's rich
// form; and what laying out a real FOSDEM description costs.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "app/theme.h"
#include "app/widgets/rich_text.h"
#include "db/model/rich_text.h"
#include "db/sources/schedule_import.h"
#include "harness.h"

namespace {

using Kind = db::RichBlock::Kind;
using db::RichSpan;

std::string TextOf(const app::RichLayout& l, const app::RichRun& r) { return l.text.substr(r.begin, r.end - r.begin); }

// The runs' distinct line tops, in order.
std::vector<float> LineTops(const app::RichLayout& l, size_t first = 0, size_t last = SIZE_MAX) {
  std::set<float> tops;
  for (size_t i = first; i < std::min(last, l.runs.size()); ++i) tops.insert(l.runs[i].pos.y);
  return {tops.begin(), tops.end()};
}

const char* kLong =
    "Visualizing origin-destination mobility data is essential for transport planning, but datasets can "
    "contain millions of flows that overwhelm traditional mapping approaches in the browser.";

db::RichText Sample() {
  db::RichText t;
  t.blocks.push_back({Kind::Heading, 2, 0, {{"Goals", RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Paragraph, 0, 0, {{std::string(kLong) + " Then ", RichSpan::kPlain, ""},
                                              {"bold", RichSpan::kBold, ""},
                                              {", ", RichSpan::kPlain, ""},
                                              {"slanted", RichSpan::kItalic, ""},
                                              {" and ", RichSpan::kPlain, ""},
                                              {"flowmap.gl", RichSpan::kPlain, "https://flowmap.gl"},
                                              {".", RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Bullet, 0, 0, {{"Hierarchical clustering", RichSpan::kBold, ""},
                                           {std::string(": ") + kLong, RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Bullet, 1, 0, {{"nested item", RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Numbered, 0, 1, {{"first step", RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Numbered, 0, 2, {{"second step", RichSpan::kPlain, ""}}});
  return t;
}

}  // namespace

TEST_CASE("rich text layout: wraps at the width, bullets hang in their indent, bold and italic faces, links in the accent") {
  test::Harness h;
  const app::RichFonts fonts = app::RichFontsOf(h.s.fonts);
  const app::RichSpacing sp = app::RichSpacingOf(h.s.metrics, fonts);
  const float width = 640;
  app::RichLayout l = app::LayoutRichText(Sample(), fonts, sp, width);
  REQUIRE(!l.runs.empty());
  // Nothing passes the width, and the long paragraph takes several lines.
  for (const auto& r : l.runs) {
    CAPTURE(TextOf(l, r));
    CHECK(r.pos.x >= 0);
    CHECK(r.pos.x + r.width <= width + 0.5f);
    CHECK(r.width == doctest::Approx(r.font->CalcTextSizeA(r.font->FontSize, FLT_MAX, 0, TextOf(l, r).c_str()).x).epsilon(0.001));
  }
  CHECK(l.height > 8 * fonts.regular->FontSize);
  // The heading in the title font, first.
  CHECK(l.runs[0].font == h.s.fonts.title);
  CHECK(TextOf(l, l.runs[0]) == "Goals");
  // Bold in the bold face, italic in the italic face (Noto Sans Italic is installed with fonts-noto-core),
  // the link's text in the accent colour, the rest in ink.
  auto run = [&](const std::string& text) -> const app::RichRun& {
    auto it = std::find_if(l.runs.begin(), l.runs.end(), [&](const auto& r) { return TextOf(l, r).find(text) != std::string::npos; });
    REQUIRE_MESSAGE(it != l.runs.end(), text);
    return *it;
  };
  CHECK(run("bold").font == h.s.fonts.strong);
  CHECK(run("slanted").font == h.s.fonts.italic);
  CHECK(h.s.fonts.italic != h.s.fonts.body);
  CHECK(run("flowmap.gl").color == app::colors::kAccent);
  CHECK(run("Visualizing").color == app::colors::kInk);
  CHECK(run("Visualizing").font == h.s.fonts.body);
  // "bold" followed by "," with no space: the comma stays on its line (no break inside a word).
  size_t bold = &run("bold") - l.runs.data();
  REQUIRE(bold + 1 < l.runs.size());
  CHECK(TextOf(l, l.runs[bold + 1]).rfind(",", 0) == 0);
  CHECK(l.runs[bold + 1].pos.y == l.runs[bold].pos.y);

  // The bullet: a "•" left of the indent; every line of the item's text, wrapped ones too, starts at the indent.
  size_t bullet = 0;
  while (bullet < l.runs.size() && !(l.runs[bullet].marker && TextOf(l, l.runs[bullet]) == "\xE2\x80\xA2")) ++bullet;
  REQUIRE(bullet < l.runs.size());
  CHECK(l.runs[bullet].pos.x + l.runs[bullet].width < sp.indent);
  size_t next_marker = bullet + 1;
  while (next_marker < l.runs.size() && !l.runs[next_marker].marker) ++next_marker;
  REQUIRE(next_marker < l.runs.size());
  CHECK(l.runs[bullet + 1].font == h.s.fonts.strong);  // "Hierarchical clustering"
  CHECK(LineTops(l, bullet + 1, next_marker).size() >= 3);
  for (size_t i = bullet + 1; i < next_marker; ++i) CHECK(l.runs[i].pos.x >= sp.indent - 0.01f);
  float item_left = l.runs[bullet + 1].pos.x;
  // The nested item hangs one indent further, after an en dash; the numbered items say "1." and "2.".
  CHECK(TextOf(l, l.runs[next_marker]) == "\xE2\x80\x93");
  CHECK(l.runs[next_marker + 1].pos.x == doctest::Approx(item_left + sp.indent));
  CHECK(TextOf(l, run("1.")) == "1.");
  CHECK(run("1.").marker);
  CHECK(TextOf(l, run("2.")) == "2.");
  CHECK(run("first step").pos.x == doctest::Approx(item_left));
  CHECK(run("second step").pos.y > run("first step").pos.y);

  // Narrower: more lines, still inside.
  app::RichLayout narrow = app::LayoutRichText(Sample(), fonts, sp, 320);
  CHECK(narrow.height > l.height);
  for (const auto& r : narrow.runs) CHECK(r.pos.x + r.width <= 320.5f);
}

TEST_CASE("rich text layout: CJK breaks between characters, a word wider than the line breaks inside it") {
  test::Harness h;
  const app::RichFonts fonts = app::RichFontsOf(h.s.fonts);
  const app::RichSpacing sp = app::RichSpacingOf(h.s.metrics, fonts);
  std::string cjk;
  for (int i = 0; i < 12; ++i) cjk += "漢字仮名交じり文。";
  db::RichText t;
  t.blocks.push_back({Kind::Paragraph, 0, 0, {{cjk, RichSpan::kPlain, ""}}});
  std::string url = "https://example.org/" + std::string(120, 'a') + "/end";
  t.blocks.push_back({Kind::Paragraph, 0, 0, {{"See " + url + " now", RichSpan::kPlain, ""}}});
  const float width = 400;
  app::RichLayout l = app::LayoutRichText(t, fonts, sp, width);
  std::string all;
  std::set<float> url_lines;
  for (const auto& r : l.runs) {
    CHECK(r.pos.x + r.width <= width + 0.5f);
    all += TextOf(l, r);
    if (TextOf(l, r).find("aaaa") != std::string::npos) url_lines.insert(r.pos.y);
  }
  // Every character drawn once, in order; a space where a line ends is not drawn.
  all.erase(std::remove(all.begin(), all.end(), ' '), all.end());
  CHECK(all == cjk + "See" + url + "now");
  CHECK(url_lines.size() >= 2);  // the address, wider than the line, broken inside
  // The CJK paragraph fills its lines: several of them, each but the last nearly full.
  auto tops = LineTops(l);
  CHECK(tops.size() >= 8);
  float widest = 0;
  for (const auto& r : l.runs)
    if (r.pos.y == tops[0]) widest = std::max(widest, r.pos.x + r.width);
  CHECK(widest > width * 0.9f);
  // "。" never starts a line.
  for (const auto& r : l.runs) CHECK(TextOf(l, r).rfind("\xE3\x80\x82", 0) != 0);
}

TEST_CASE("the session detail draws the description's rich form: a bullet, the item hanging beside it, bold") {
  test::Harness h;
  h.s.lang = "en";
  db::CatalogData d = *h.s.catalog;
  db::Session& x = d.sessions.front();
  db::RichText t = Sample();
  x.description.by_lang = {{"en", db::PlainText(t)}};
  x.description_rich.by_lang = {{"en", db::EncodeRichText(t)}};
  const std::string id = x.id;
  h.Swap(db::Catalog::Make(std::move(d)));
  h.Settle();
  h.s.Do({.kind = app::Action::Kind::Go, .screen = app::Screen::Schedule});
  h.s.Do({.kind = app::Action::Kind::OpenSession, .id = id});
  app::ApplyActions(h.s);
  h.Settle();
  REQUIRE(h.s.rich_layouts);  // laid out once, kept for the next frames
  h.Frame();
  const ImDrawData* data = ImGui::GetDrawData();
  REQUIRE(data);
  // The glyphs of "•" and of "H" (the item's first letter, in the bold face) are in the frame, the "H" right
  // of the bullet on the same line.
  const ImFontGlyph* dot = h.s.fonts.body->FindGlyphNoFallback(0x2022);
  const ImFontGlyph* bold_h = h.s.fonts.strong->FindGlyphNoFallback('H');
  REQUIRE(dot);
  REQUIRE(bold_h);
  ImVec2 dot_at(-1, -1), h_at(-1, -1);
  for (int li = 0; li < data->CmdListsCount; ++li) {
    const ImDrawList* list = data->CmdLists[li];
    for (int v = 0; v + 2 < list->VtxBuffer.Size; ++v) {
      const ImDrawVert& a = list->VtxBuffer[v];
      if (a.uv.x == dot->U0 && a.uv.y == dot->V0 && dot_at.x < 0) dot_at = a.pos;
      if (a.uv.x == bold_h->U0 && a.uv.y == bold_h->V0 && dot_at.x >= 0 && h_at.x < 0) h_at = a.pos;
    }
  }
  REQUIRE(dot_at.x >= 0);
  REQUIRE(h_at.x >= 0);
  CHECK(h_at.x > dot_at.x);
  CHECK(std::abs(h_at.y - dot_at.y) < h.s.fonts.body->FontSize);
}

// The time is printed, not checked (a shared machine, a sanitizer build: docs/PERFORMANCE.md measures it in
// the same run as its peers).
TEST_CASE("every real FOSDEM 2026 description lays out within the detail's column, each run on its line") {
  test::Harness h;
  const std::filesystem::path file = std::filesystem::path(FORUM_SHARED_DIR) / "testdata" / "schedules" / "fosdem-2026-schedule.xml";
  REQUIRE(std::filesystem::exists(file));
  db::Diagnostics diags;
  db::ImportedSchedule s = db::ImportSchedule(file, "schedule.xml", {"en", "Europe/Brussels"}, diags);
  std::vector<db::RichText> texts;
  size_t bytes = 0;
  for (const auto& e : s.events)
    if (const std::string* r = e.session.description_rich.Find("en")) {
      auto t = db::DecodeRichText(*r);
      REQUIRE(t);
      bytes += e.session.description.Find("en")->size();
      texts.push_back(std::move(t.value()));
    }
  REQUIRE(texts.size() > 500);
  const app::RichFonts fonts = app::RichFontsOf(h.s.fonts);
  const app::RichSpacing sp = app::RichSpacingOf(h.s.metrics, fonts);
  // The detail's column on the reference screen: 280 mm at most.
  const float width = h.s.metrics.mm(280);
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  auto start = Clock::now();
  size_t runs = 0, outside = 0;
  for (const auto& t : texts) {
    app::RichLayout l = app::LayoutRichText(t, fonts, sp, width);
    runs += l.runs.size();
    for (const auto& r : l.runs) outside += r.pos.x < 0 || r.pos.x + r.width > width + 0.5f || r.pos.y < 0 || r.pos.y > l.height;
    CHECK_MESSAGE(!l.runs.empty(), "a description laid out into nothing");
  }
  CHECK_MESSAGE(outside == 0, outside << " runs outside the column");
  double mean = ms(Clock::now() - start) / double(texts.size());
  // The longest description, laid out 21 times: the median (one sample on a shared machine can be preempted).
  size_t longest = 0;
  for (size_t i = 0; i < texts.size(); ++i)
    if (db::PlainText(texts[i]).size() > db::PlainText(texts[longest]).size()) longest = i;
  std::vector<double> times;
  for (int i = 0; i < 21; ++i) {
    auto a = Clock::now();
    (void)app::LayoutRichText(texts[longest], fonts, sp, width);
    times.push_back(ms(Clock::now() - a));
  }
  std::sort(times.begin(), times.end());
  MESSAGE(texts.size() << " FOSDEM 2026 descriptions (" << bytes / texts.size() << " bytes on average, " << runs
                       << " runs): " << mean << " ms each on average; the longest (" << db::PlainText(texts[longest]).size()
                       << " bytes) " << times[10] << " ms (median of 21)");
}
