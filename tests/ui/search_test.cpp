// Search on the real screens: the on-screen keyboard, results as the visitor types, opening a result.
#include <doctest/doctest.h>

#include <filesystem>

#include "db/snapshot/sqlite.h"
#include "harness.h"

using app::Screen;

namespace {

void Type(test::Harness& h, const std::string& letters) {
  // One key per UTF-8 character, as a finger would.
  for (size_t i = 0; i < letters.size();) {
    size_t n = 1;
    while (i + n < letters.size() && (static_cast<unsigned char>(letters[i + n]) & 0xC0) == 0x80) ++n;
    std::string key = "kb/" + letters.substr(i, n) + "/key";
    REQUIRE_MESSAGE(h.Tap(key), key);
    i += n;
  }
}

}  // namespace

TEST_CASE("typing 'ast' on the Latin keyboard and tapping the first result opens Astana Hub") {
  test::Harness h;
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  CHECK(h.s.screen == Screen::Search);
  REQUIRE(h.Visible("kb/q/key"));  // English: the Latin layout
  Type(h, "ast");
  CHECK(h.s.search_query == "ast");
  REQUIRE(!h.s.search_results.empty());
  REQUIRE(h.Tap("0/result"));
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == "astana-hub");
  // Back returns to the results, with the query kept.
  REQUIRE(h.Tap("back"));
  CHECK(h.s.screen == Screen::Search);
  CHECK(h.s.search_query == "ast");
}

TEST_CASE("typing 'аст' on the Cyrillic keyboard finds Astana Hub too") {
  test::Harness h;  // the forum's default language is Kazakh: the Cyrillic layout
  REQUIRE(h.Tap("search/field"));  // the search field on the home screen
  CHECK(h.s.screen == Screen::Search);
  REQUIRE(h.Visible("kb/й/key"));
  Type(h, "аст");
  CHECK(h.s.search_query == "аст");
  REQUIRE(h.Tap("0/result"));
  CHECK(h.s.exhibitor_id == "astana-hub");
}

TEST_CASE("one key switches the layout; the Kazakh, Turkish and Uzbek letters are on the keys") {
  test::Harness h;
  h.s.lang = "tr";
  REQUIRE(h.Tap("search/nav"));
  for (const char* k : {"ğ", "ü", "ş", "ı", "ö", "ç", "ə", "ʻ"}) CHECK_MESSAGE(h.Visible(std::string("kb/") + k + "/key"), k);
  REQUIRE(h.Tap("kb/layout/key"));
  for (const char* k : {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "ў"}) CHECK_MESSAGE(h.Visible(std::string("kb/") + k + "/key"), k);
  REQUIRE(h.Tap("kb/layout/key"));
  CHECK(h.Visible("kb/q/key"));
  for (const char* d : {"0", "5", "9"}) CHECK(h.Visible(std::string("kb/") + d + "/key"));
}

TEST_CASE("backspace, clear and space; backspace repeats while held") {
  test::Harness h;
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  Type(h, "astana");
  REQUIRE(h.Tap("kb/space/key"));
  Type(h, "hub");
  CHECK(h.s.search_query == "astana hub");
  REQUIRE(h.Tap("kb/backspace/key"));
  CHECK(h.s.search_query == "astana hu");
  // Hold backspace for a second and a half: it repeats after half a second, about 12 times a second.
  const auto* t = h.Find("kb/backspace/key");
  REQUIRE(t);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2);
  h.Frame();
  io.MouseDown[0] = true;
  for (int i = 0; i < 40; ++i) h.Frame();  // 0.67 s: a couple of repeats
  CHECK(h.s.search_query.size() < std::string("astana hu").size());
  CHECK(!h.s.search_query.empty());
  for (int i = 0; i < 60; ++i) h.Frame();
  io.MouseDown[0] = false;
  h.Frame();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  h.Settle();
  CHECK(h.s.search_query.empty());  // 9 characters gone in 1.67 s of holding
  Type(h, "x");
  REQUIRE(h.Tap("kb/clear/key"));
  CHECK(h.s.search_query.empty());
}

TEST_CASE("a Cyrillic letter erased by backspace goes whole, never half a character") {
  test::Harness h;
  REQUIRE(h.Tap("search/nav"));
  Type(h, "аст");
  REQUIRE(h.Tap("kb/backspace/key"));
  CHECK(h.s.search_query == "ас");
}

TEST_CASE("nothing found says so and offers to browse") {
  test::Harness h;
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  Type(h, "zzqq");
  CHECK(h.s.search_results.empty());
  REQUIRE(h.Visible("browse"));
  REQUIRE(h.Tap("browse"));
  CHECK(h.s.screen == Screen::Exhibitors);
}

TEST_CASE("a physical keyboard types into the same query") {
  test::Harness h;
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  ImGui::GetIO().AddInputCharactersUTF8("kosgeb\"*");
  h.Settle();
  CHECK(h.s.search_query == "kosgeb\"*");
  REQUIRE(!h.s.search_results.empty());
  CHECK(h.s.search_results[0].ref == "kosgeb");
}

TEST_CASE("results open what they are: a place on the map, a session, a country's exhibitors") {
  test::Harness h;
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  Type(h, "stage");
  REQUIRE(h.Tap("0/result"));
  CHECK(h.s.screen == Screen::Map);
  CHECK(h.s.map_focus == "stage-main");
  REQUIRE(h.Tap("search/nav"));
  REQUIRE(h.Tap("kb/clear/key"));
  Type(h, "kyrgyz");
  bool country = false;
  for (size_t i = 0; i < h.s.search_results.size(); ++i)
    if (h.s.search_results[i].kind == db::SearchHit::Kind::Country) {
      REQUIRE(h.Tap(std::to_string(i) + "/result"));
      country = true;
      break;
    }
  REQUIRE(country);
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.country_filter == "KG");
}

TEST_CASE("the idle reset clears the query and the keyboard choice") {
  test::Harness h;
  REQUIRE(h.Tap("search/nav"));
  REQUIRE(h.Tap("kb/layout/key"));
  Type(h, "ast");
  CHECK(app::Tick(h.s, h.clock + 3600));
  CHECK(h.s.screen == Screen::Home);
  CHECK(h.s.search_query.empty());
  CHECK(h.s.keyboard == -1);
}

TEST_CASE("a search index that cannot answer: the visitor reads that search is not working and can browse instead") {
  // A copy of the demo whose FTS5 averages record (read when results are ranked) is damaged. The kiosk's
  // way in refuses such a file (db::OpenSnapshot); the harness loads it raw, as if the damage had slipped by.
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / "forum-ui-damaged-index.snapshot";
  fs::copy_file(FORUM_DEMO_SNAPSHOT, file, fs::copy_options::overwrite_existing);
  {
    db::Database rw(file.string(), db::Database::Mode::ReadWriteCreate);
    rw.Exec("UPDATE search_data SET block = X'00' WHERE id = 1");
  }
  test::Harness h(1920, 1080, file.string());
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  Type(h, "ast");
  CHECK(h.s.search_results.empty());
  CHECK(h.s.search_error.find("search failed") != std::string::npos);
  REQUIRE(h.Tap("browse"));  // the way on: the exhibitor list
  CHECK(h.s.screen == Screen::Exhibitors);
  fs::remove(file);
}
