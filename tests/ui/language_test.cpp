// Every visitor's language on the real screens: the picker, dates and counts per language, text that fits
// its box and draws from the atlas in both orientations, and an eighth language added through the sources.
#include <doctest/doctest.h>

#include <cfloat>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/state/format.h"
#include "app/theme.h"
#include "app/ui.h"
#include "app/widgets/widgets.h"
#include "db/tool/build.h"
#include "db/sources/csv_table.h"
#include "harness.h"
#include "platform/fonts.h"

namespace fs = std::filesystem;
using app::Screen;

namespace {

const char* kLanguages[] = {"kk", "ru", "en", "tr", "az", "uz", "ky"};

// Opens a view the way --screen does: a screen, or a detail on it.
void Open(test::Harness& h, Screen screen, const std::string& detail = "") {
  using K = app::Action::Kind;
  h.s.Do({.kind = K::Go, .screen = screen});
  if (screen == Screen::Search) {
    h.s.Do({.kind = K::ClearQuery});
    h.s.Do({.kind = K::Type, .id = detail});
  } else if (!detail.empty())
    h.s.Do({.kind = screen == Screen::Exhibitors ? K::OpenExhibitor : screen == Screen::Agreements ? K::OpenAgreement : K::OpenSession, .id = detail});
  app::ApplyActions(h.s);
  h.Settle();
}

// Every view of the kiosk in the harness's current language: problems as text ("" when none).
std::string AuditAllViews(test::Harness& h) {
  std::string problems;
  struct View { Screen screen; const char* detail; };
  const View views[] = {{Screen::Home, ""},       {Screen::Map, ""},
                        {Screen::Exhibitors, ""}, {Screen::Agreements, ""},
                        {Screen::Schedule, ""},   {Screen::Exhibitors, "astana-hub"},
                        {Screen::Agreements, "kosgeb-rsmb-2021"}, {Screen::Schedule, "2201"},
                        {Screen::Search, "a"},    {Screen::Search, "zzzz"}};
  for (const auto& v : views) {
    Open(h, v.screen, v.detail);
    h.overflows.clear();
    h.Frame();
    std::string name = std::string(app::ScreenName(v.screen)) + (*v.detail ? std::string("/") + v.detail : "");
    for (const auto& o : h.overflows) problems += h.s.lang + " " + name + ": " + o + "\n";
    if (int n = platform::FallbackGlyphsDrawn(ImGui::GetDrawData()))
      problems += h.s.lang + " " + name + ": " + std::to_string(n) + " character(s) without a glyph\n";
  }
  // The language sheet, over the home screen.
  Open(h, Screen::Home);
  h.s.language_picker = true;
  h.overflows.clear();
  h.Frame();
  for (const auto& o : h.overflows) problems += h.s.lang + " language sheet: " + o + "\n";
  if (platform::FallbackGlyphsDrawn(ImGui::GetDrawData())) problems += h.s.lang + " language sheet: missing glyphs\n";
  h.s.language_picker = false;
  h.Settle();
  return problems;
}

std::string Quote(const std::string& cell) {
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Adds a column to a source CSV, as staff would in a spreadsheet: `values` by the row's first cell.
void AddColumn(const fs::path& file, const std::string& name, const std::map<std::string, std::string>& values) {
  db::Diagnostics diags;
  auto t = db::ReadCsv(file, file.filename().string(), diags);
  REQUIRE(t);
  std::ofstream out(file, std::ios::trunc);
  auto line = [&](std::vector<std::string> cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << Quote(cells[i]);
    out << "\n";
  };
  auto header = t->header;
  header.push_back(name);
  line(header);
  for (auto row : t->rows) {
    row.cells.resize(t->header.size());
    auto it = values.find(row.cells[0]);
    row.cells.push_back(it == values.end() ? "" : it->second);
    line(row.cells);
  }
}

}  // namespace

TEST_CASE("the language picker names each language in itself and switches at once") {
  test::Harness h;
  REQUIRE(h.Tap("language"));
  CHECK(h.s.language_picker);
  std::map<std::string, std::string> names;
  for (const auto& l : h.s.catalog->languages) names[l.code] = l.native_name;
  CHECK(names == std::map<std::string, std::string>{{"kk", "Қазақша"}, {"ru", "Русский"}, {"en", "English"},
                                                     {"tr", "Türkçe"}, {"az", "Azərbaycanca"}, {"uz", "Oʻzbekcha"},
                                                     {"ky", "Кыргызча"}});
  for (const char* lang : kLanguages) {
    if (!h.s.language_picker) REQUIRE(h.Tap("language"));
    REQUIRE_MESSAGE(h.Tap(std::string(lang) + "/lang"), lang);
    CHECK(h.s.lang == lang);
  }
  // On every screen: the picker button is always in the bar.
  for (const char* nav : {"map/nav", "exhibitors/nav", "agreements/nav", "schedule/nav"}) {
    REQUIRE(h.Tap(nav));
    CHECK(h.Visible("language"));
  }
}

TEST_CASE("dates, weekdays and counts read naturally in each language") {
  test::Harness h;
  struct Want { const char* lang; const char* date; const char* day; const char* month; const char* range; const char* count; };
  const Want wants[] = {
      {"kk", "2022 жылғы 29 қыркүйек", "29 қыркүйек, бейсенбі", "2023 жылғы мамыр", "2022 жылғы 28–29 қыркүйек", "13 қатысушы"},
      {"ru", "29 сентября 2022 г.", "Четверг, 29 сентября", "май 2023 г.", "28–29 сентября 2022 г.", "13 участников"},
      {"en", "29 September 2022", "Thursday, 29 September", "May 2023", "28–29 September 2022", "13 exhibitors"},
      {"tr", "29 Eylül 2022", "29 Eylül Perşembe", "Mayıs 2023", "28–29 Eylül 2022", "13 katılımcı"},
      {"az", "29 sentyabr 2022", "29 sentyabr, cümə axşamı", "may 2023", "28–29 sentyabr 2022", "13 iştirakçı"},
      {"uz", "2022-yil 29-sentabr", "29-sentabr, payshanba", "2023-yil may", "2022-yil 28–29-sentabr", "13 ishtirokchi"},
      {"ky", "29-сентябрь, 2022-ж.", "29-сентябрь, бейшемби", "май, 2023-ж.", "28–29-сентябрь, 2022-ж.", "13 катышуучу"},
  };
  for (const auto& w : wants) {
    h.s.lang = w.lang;
    CHECK(app::FormatDate(h.s, "2022-09-29") == w.date);
    CHECK(app::FormatDay(h.s, "2022-09-29") == w.day);
    CHECK(app::FormatDate(h.s, "2023-05") == w.month);
    CHECK(app::FormatDateRange(h.s, "2022-09-28", "2022-09-29") == w.range);
    CHECK(app::Count(h.s, "count.exhibitors", 13) == w.count);
  }
  h.s.lang = "ru";
  CHECK(app::Count(h.s, "count.agreements", 1) == "1 соглашение");
  CHECK(app::Count(h.s, "count.agreements", 4) == "4 соглашения");
  CHECK(app::Count(h.s, "count.sessions", 52) == "52 сессии");
  CHECK(app::Count(h.s, "count.countries", 8) == "8 стран");
  CHECK(app::FormatDateRange(h.s, "2022-09-30", "2022-10-01") == "30 сентября 2022 г. – 1 октября 2022 г.");
  h.s.lang = "en";
  CHECK(app::Count(h.s, "count.agreements", 1) == "1 agreement");
  CHECK(app::ClockTime(1664341200 + 13 * 3600, 360) == "00:00");  // 24-hour clock
  CHECK(app::ClockTime(1664341200 + 6 * 3600, 360) == "17:00");
  CHECK(app::FormatDate(h.s, "not a date") == "not a date");
}

TEST_CASE("every UI key the screens name exists in the demo strings") {
  // String literals in app/ that look like UI keys ("nav.home", "count.exhibitors") must be in strings.csv.
  std::set<std::string> missing;  // first every key found, then those without a string
  std::regex key(R"re("((?:nav|home|map|exhibitors|agreements|schedule|common|search|staff|count|date)\.[a-z0-9_.]+)")re");
  for (const auto& f : fs::recursive_directory_iterator(FORUM_SOURCE_DIR "/app")) {
    if (f.path().extension() != ".cpp") continue;
    std::stringstream ss;
    ss << std::ifstream(f.path()).rdbuf();
    std::string text = ss.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), key); it != std::sregex_iterator(); ++it) {
      std::string k = (*it)[1];
      if (k.back() == '.') continue;  // a prefix the code completes ("map.legend." + kind)
      missing.insert(k);
    }
  }
  test::Harness h;
  for (auto it = missing.begin(); it != missing.end();)
    it = h.s.catalog->ui_strings.count(*it) ? missing.erase(it) : std::next(it);
  std::string list;
  for (const auto& k : missing) list += k + " ";
  CHECK_MESSAGE(missing.empty(), "keys without a string: " << list);
}

TEST_CASE("every view in each of the seven languages fits its boxes and draws from the atlas, landscape and portrait") {
  test::Harness h(1920, 1080);
  std::string problems;
  for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}}) {
    h.Resize(w, hgt);
    for (const char* lang : kLanguages) {
      h.s.lang = lang;
      problems += AuditAllViews(h);
    }
  }
  CHECK_MESSAGE(problems.empty(), problems);
}

// Larger text and reach mode on top of every language: the type 1.3 times larger, or the content in half
// the height. Every view still keeps each word whole and each text inside its box.
TEST_CASE("every view in each language fits its boxes with larger text and in reach mode, landscape and portrait") {
  test::Harness h(1920, 1080);
  std::string problems;
  struct Mode { const char* name; bool large_text, reach; };
  for (Mode mode : {Mode{"large_text", true, false}, Mode{"reach", false, true}, Mode{"large_text+reach", true, true}}) {
    h.s.large_text = mode.large_text;
    h.s.reach = mode.reach;
    for (auto [w, hgt] : {std::pair{1920, 1080}, {1080, 1920}, {1280, 720}}) {
      h.Resize(w, hgt);
      for (const char* lang : kLanguages) {
        h.s.lang = lang;
        std::string found = AuditAllViews(h);
        if (!found.empty()) problems += std::string(mode.name) + " " + std::to_string(w) + "x" + std::to_string(hgt) + "\n" + found;
      }
    }
  }
  CHECK_MESSAGE(problems.empty(), problems);
}

TEST_CASE("a word longer than its line is drawn smaller, never broken inside the word") {
  test::Harness h;
  h.s.large_text = true;
  h.Settle();
  ImFont* f = h.s.fonts.strong;
  const std::string word = "Республикасының";
  float w = app::Measure(f, word).x;
  // In a line 80 % as wide the word still fits, smaller: one line, no break.
  float size = app::FitSize(f, word, w * 0.8f);
  CHECK(size < f->FontSize);
  CHECK(app::Measure(f, word, w * 0.8f).y == doctest::Approx(f->CalcTextSizeA(size, FLT_MAX, 0, "Ж").y));
  // With room, text keeps its size; the audit notices a word that cannot fit even at the smallest size.
  CHECK(app::FitSize(f, "Жоғары технологиялар паркі", w * 1.1f) == f->FontSize);
  h.overflows.clear();
  app::CheckFit(h.s, f, word, w * app::kMinFitScale * 0.9f, 1000);
  CHECK(h.overflows.size() == 1);
}

TEST_CASE("the layout audit notices a label that does not fit") {
  // A language whose word for "Home" is far too long for a navigation button.
  test::Harness h;
  db::CatalogData c = *h.s.catalog;
  c.ui_strings["nav.home"].by_lang["en"] = "Startseitenübersichtsbildschirmanzeigeelementstartseitenübersichtsbildschirmanzeigeelement";
  h.s.catalog = db::Catalog::Make(std::move(c));
  h.s.lang = "en";
  h.overflows.clear();
  h.Frame();
  CHECK(!h.overflows.empty());
}

TEST_CASE("staff add an eighth language through the sources alone: Turkmen") {
  // The demo sources with one more language: a row in languages.csv, a column in strings.csv, a translated
  // name and description for one exhibitor. No code knows "tk".
  fs::path dir = fs::temp_directory_path() / ("forum-tk-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(FORUM_SOURCE_DIR "/assets/demo", dir / "src", fs::copy_options::recursive);
  fs::path src = dir / "src";
  { std::ofstream(src / "languages.csv", std::ios::app) << "tk,Türkmençe,Turkmen,tr,none\n"; }
  AddColumn(src / "strings.csv", "text_tk",
            {{"nav.home", "Baş sahypa"}, {"nav.map", "Karta"}, {"nav.exhibitors", "Gatnaşyjylar"},
             {"nav.agreements", "Ylalaşyklar"}, {"nav.schedule", "Maksatnama"}, {"month.9", "sentýabr"},
             {"date.full", "{d} {month} {y} ý."}, {"count.exhibitors", "{n} gatnaşyjy"}});
  AddColumn(src / "organizations.csv", "description_tk",
            {{"astana-hub", "Gazagystanyň IT startaplary üçin halkara tehnoparky; 2022-nji ýylda forumy guraýjylaryň biri."}});
  auto out = db::BuildSnapshot(src.string(), (dir / "tk.snapshot").string(), 7);
  std::string messages;
  for (const auto& d : out.diags.items()) messages += db::Format(d) + "\n";
  REQUIRE_MESSAGE(out.written, messages);
  CHECK(out.diags.error_count() == 0);

  test::Harness h(1920, 1080, (dir / "tk.snapshot").string());
  REQUIRE(h.s.catalog->FindLanguage("tk"));
  REQUIRE(h.Tap("language"));
  REQUIRE(h.Tap("tk/lang"));
  CHECK(h.s.lang == "tk");
  const db::Catalog& c = *h.s.catalog;
  CHECK(c.Ui("nav.home", "tk") == "Baş sahypa");
  CHECK(c.Ui("home.now", "tk") == c.Ui("home.now", "tr"));  // not translated: tk -> tr, as declared
  CHECK(c.Tr(c.FindOrganization("astana-hub")->description, "tk").rfind("Gazagystanyň", 0) == 0);
  CHECK(c.Tr(c.FindOrganization("kosgeb")->description, "tk") == c.Tr(c.FindOrganization("kosgeb")->description, "tr"));
  CHECK(app::FormatDate(h.s, "2022-09-29") == "29 sentýabr 2022 ý.");
  CHECK(app::Count(h.s, "count.exhibitors", 13) == "13 gatnaşyjy");
  // Every view draws in Turkmen (ň, ý, ş ...) with no missing glyph and nothing clipped.
  std::string problems = AuditAllViews(h);
  CHECK_MESSAGE(problems.empty(), problems);
  fs::remove_all(dir);
}

TEST_CASE("the font atlas holds only the glyphs of the text in use and stays small for a low-end GPU") {
  test::Harness h;
  platform::FontSet fonts;
  std::string error;
  app::Fonts out;
  REQUIRE(fonts.Build(app::TextForGlyphs(h.s.catalog.get()), 1.0f, app::TypeScale(), out, error));
  MESSAGE("atlas " << fonts.atlas_width() << " x " << fonts.atlas_height() << ", "
                   << ImGui::GetIO().Fonts->Fonts[0]->Glyphs.Size << " glyphs per size");
  CHECK(fonts.missing().empty());
  // 2048 x 2048 is the texture size every GL ES 2 GPU supports; the demo's seven languages need a fraction.
  CHECK(fonts.atlas_width() <= 2048);
  CHECK(fonts.atlas_height() <= 2048);
  // Only what is used: Kazakh қ is in, Georgian ა (in no text) is not.
  CHECK(out.body->FindGlyphNoFallback(0x049B));
  CHECK(!out.body->FindGlyphNoFallback(0x10D0));
}

TEST_CASE("each size's glyph tables end at the highest character in use, and a missing character still draws U+FFFD") {
  test::Harness h;
  platform::FontSet fonts;
  std::string error;
  app::Fonts out;
  // The demo's text and a U+FFFD of its own (an export's undecodable byte): nothing above U+2192 otherwise.
  REQUIRE(fonts.Build(app::TextForGlyphs(h.s.catalog.get()) + "\xEF\xBF\xBD", 1.0f, app::TypeScale(), out, error));
  CHECK(fonts.missing().empty());  // U+FFFD is there, as the fallback
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    // Dear ImGui's tables run from U+0000 to the font's highest glyph, 6 bytes an entry: to U+FFFD they took
    // 380 KB a size.
    CHECK(font->IndexLookup.Size < 0x3000);
    REQUIRE(font->FallbackGlyph);
    // A character the atlas lacks (Georgian ა) and U+FFFD itself draw the replacement glyph, with its shape.
    CHECK(font->FindGlyph(0x10D0) == font->FallbackGlyph);
    CHECK(font->FindGlyph(0xFFFD) == font->FallbackGlyph);
    CHECK(font->FallbackGlyph->Visible);
    CHECK(font->FallbackGlyph->AdvanceX > font->FontSize * 0.3f);
  }
}

TEST_CASE("the built-in UI strings are a fallback the lookups consult, for any key or language a snapshot lacks") {
  test::Harness h;
  db::CatalogData data = *h.s.catalog;
  data.ui_strings.erase("nav.home");                       // a key the snapshot lacks
  data.ui_strings["nav.map"].by_lang = {{"en", "Plan"}};   // a key in one language only
  data.ui_strings["nav.exhibitors"].by_lang["kk"] = "Қатысушылар (түзетілген)";  // a correction by staff
  auto c = db::Catalog::Make(std::move(data));
  h.Swap(c);
  REQUIRE(h.s.catalog == c);  // looked up beside the catalog, never merged into a copy
  h.s.lang = "kk";
  CHECK(h.s.Ui("nav.home") == std::string("Басты бет"));                  // the built-in text
  CHECK(h.s.Ui("nav.map") == app::BuiltInUiStrings().at("nav.map").by_lang.at("kk"));  // kk built in beats en
  CHECK(h.s.Ui("nav.exhibitors") == std::string("Қатысушылар (түзетілген)"));  // the snapshot's wins
  h.s.lang = "en";
  CHECK(h.s.Ui("nav.map") == std::string("Plan"));  // the snapshot's own language
  CHECK(h.s.Ui("no.such.key").empty());
  // The plural forms come from the language the text is in.
  std::string_view from;
  CHECK(!app::UiString(*c, "nav.home", "uz", &from).empty());
  CHECK(from == "uz");
  // What the fallback supplies is drawn from the atlas too.
  std::string glyphs = app::TextForGlyphs(c.get());
  CHECK(glyphs.find("Басты бет") != std::string::npos);
}
