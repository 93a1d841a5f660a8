// Search on the real screens: the on-screen keyboard, results as the visitor types, opening a result.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <tuple>

#include "app/state/format.h"
#include "app/state/search_runner.h"
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

TEST_CASE("one key switches the layout, the Kazakh, Turkish and Uzbek letters are on the keys") {
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

TEST_CASE("backspace, clear and space, backspace repeats while held") {
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
  CHECK(h.s.search_results.groups[0].hits[0].ref == "kosgeb");
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
  size_t i = 0;  // results are keyed by their place on screen, group after group
  for (const auto& g : h.s.search_results.groups)
    for (const auto& hit : g.hits) {
      if (!country && hit.kind == db::SearchHit::Kind::Country) {
        REQUIRE(h.Tap(std::to_string(i) + "/result"));
        country = true;
      }
      ++i;
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

namespace {
// The result rows on screen now ("3/result"), by their index in the list.
std::vector<int> RowsShown(const test::Harness& h) {
  std::vector<int> out;
  for (const auto& t : h.targets()) {
    const std::string suffix = "/result";
    if (t.key.size() > suffix.size() && t.key.compare(t.key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      size_t slash = t.key.rfind('/', t.key.size() - suffix.size() - 1);
      out.push_back(std::stoi(t.key.substr(slash == std::string::npos ? 0 : slash + 1)));
    }
  }
  return out;
}
}  // namespace

TEST_CASE("\"Show all N\" opens a group's full list, drawn as it scrolls, Back returns to the groups with the query") {
  test::Harness h;
  h.s.lang = "en";
  REQUIRE(h.Tap("search/nav"));
  Type(h, "a");
  const db::SearchResults::Group* ex = h.s.search_results.Find(db::SearchGroup::Exhibitors);
  REQUIRE(ex);
  const size_t total = ex->count;
  REQUIRE(total > app::AppState::kResultsPerGroup);  // the demo's "a": more exhibitors than a group shows
  CHECK(ex->hits.size() == app::AppState::kResultsPerGroup);
  REQUIRE(h.Tap("exhibitors/show-all"));
  h.Settle();
  CHECK(h.s.screen == Screen::Search);
  CHECK(h.s.search_group == static_cast<int>(db::SearchGroup::Exhibitors));
  CHECK(h.s.search_query == "a");
  ex = h.s.search_results.Find(db::SearchGroup::Exhibitors);
  REQUIRE(ex);
  CHECK(ex->hits.size() == total);  // every one, in the full list
  // Only the rows in view are drawn: the first ones now, the last one after dragging the list up.
  std::vector<int> rows = RowsShown(h);
  REQUIRE(!rows.empty());
  CHECK(std::find(rows.begin(), rows.end(), 0) != rows.end());
  CHECK(rows.size() < total);
  const auto* first = h.Find("0/result");
  REQUIRE(first);
  for (int i = 0; i < 6 && !h.Visible(std::to_string(total - 1) + "/result"); ++i) {
    h.Drag(ImVec2(first->x0 + 40, first->y0 + 300), ImVec2(first->x0 + 40, first->y0 - 100));
    h.Settle();
  }
  CHECK(h.Visible(std::to_string(total - 1) + "/result"));
  rows = RowsShown(h);
  CHECK_MESSAGE(std::find(rows.begin(), rows.end(), 0) == rows.end(), rows.size() << " rows drawn, from " << rows.front());
  // A row of the full list opens its exhibitor; Back returns to the full list, Back again to the groups.
  REQUIRE(h.Tap(std::to_string(total - 1) + "/result"));
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == ex->hits.back().ref);
  REQUIRE(h.Tap("back"));
  CHECK(h.s.screen == Screen::Search);
  CHECK(h.s.search_group == static_cast<int>(db::SearchGroup::Exhibitors));
  h.Settle();
  REQUIRE(h.Tap("back"));
  h.Settle();
  CHECK(h.s.screen == Screen::Search);
  CHECK(h.s.search_group == -1);
  CHECK(h.s.search_query == "a");
  CHECK(h.Visible("exhibitors/show-all"));
  CHECK(h.s.search_results.Find(db::SearchGroup::Exhibitors)->hits.size() == app::AppState::kResultsPerGroup);
}

TEST_CASE("\"Show all N\" says N in every language, with the language's plural") {
  test::Harness h;
  REQUIRE(h.Tap("search/nav"));
  for (const auto& [lang, n, text] : std::vector<std::tuple<std::string, int64_t, std::string>>{
           {"en", 21, "Show all 21 results"},
           {"ru", 21, "Показать все 21 результат"},
           {"ru", 22, "Показать все 22 результата"},
           {"ru", 25, "Показать все 25 результатов"},
           {"kk", 21, "Барлық 21 нәтижені көрсету"},
           {"tr", 21, "21 sonucun tümünü göster"},
           {"az", 21, "21 nəticənin hamısını göstər"},
           {"uz", 21, "Barcha 21 natijani koʻrsatish"},
           {"ky", 21, "Бардык 21 натыйжаны көрсөтүү"}}) {
    h.s.lang = lang;
    CHECK(app::Count(h.s, "search.show_all", n) == text);
  }
  h.s.lang = "ru";
  CHECK(app::Count(h.s, "count.results", 3) == "3 результата");
}

TEST_CASE("with the kiosk's search runner the keystroke does not wait, a newer question replaces an older one, and only the last answer is shown") {
  test::Harness h;
  h.s.lang = "en";
  app::SearchRunner runner(nullptr);
  h.s.searcher = &runner;
  REQUIRE(h.Tap("search/nav"));
  // Two keystrokes' questions in a row: "a" (matches much) and then "sabah".
  h.s.search_query = "a";
  app::UpdateSearch(h.s);
  CHECK(h.s.search_asked == "a\nen\n-1");
  CHECK(h.s.search_results.empty());  // not answered within the keystroke
  h.s.search_query = "sabah";
  app::UpdateSearch(h.s);
  CHECK(h.s.search_asked == "sabah\nen\n-1");
  // While it is asked, the screen does not say "nothing found".
  h.Frame();
  CHECK_FALSE(h.Visible("browse"));
  // Answers come at frame boundaries; one for "a", if it was started, is dropped.
  bool answered = false;
  for (int i = 0; i < 500 && !answered; ++i) {
    answered = app::TakeSearchAnswer(h.s);
    if (!answered) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(answered);
  CHECK(h.s.search_asked.empty());
  CHECK(h.s.search_results_for == "sabah\nen\n-1");
  const db::SearchResults::Group* g = h.s.search_results.Find(db::SearchGroup::Exhibitors);
  REQUIRE(g);
  CHECK(g->hits.front().ref == "sabah-lab");
  CHECK_FALSE(app::TakeSearchAnswer(h.s));  // taken once
  // Typed back to what is shown: nothing is asked.
  h.s.search_query = "sabah";
  app::UpdateSearch(h.s);
  CHECK(h.s.search_asked.empty());
}
