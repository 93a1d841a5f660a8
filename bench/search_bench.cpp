// Search benchmark (not a test): the time of each keystroke's query, as a visitor types letter by letter,
// through db::Search (what the kiosk runs on every keystroke: 8 hits per group and the exact counts). Prints
// median, p90, p99 and max in milliseconds.
//   search_bench SNAPSHOT [ROUNDS]   names of a large snapshot in Latin and Cyrillic
//                                    (make one with: kiosk-snapshot synth -o big.snapshot)
//   search_bench --fosdem [ROUNDS]   FOSDEM 2026's real export (../shared/testdata/schedules), built into a
//                                    snapshot here from the minimal fixture as tests/common/real_exports.h
//                                    sets it up; "rust", "kernel", "Brüssel", "python" and "a" typed
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "db/base/text.h"
#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/search.h"
#include "db/tool/build.h"
#include "tests/common/real_exports.h"

namespace {

namespace fs = std::filesystem;

// FOSDEM 2026 as a forum's staff would build it: the minimal fixture with only the real export as its
// program, in a fresh temporary folder. "" when it does not build.
std::string BuildFosdem(const fs::path& dir) {
  const test::RealExport& e = test::RealExportNamed("fosdem-2026-schedule.xml");
  fs::path source = fs::path(FORUM_SOURCE_DIR) / "tests" / "fixtures" / "minimal";
  fs::path exported = fs::path(FORUM_SHARED_DIR) / "testdata" / "schedules" / e.file;
  test::MakeExportSource(source, exported, e, dir / "src");
  std::string out = (dir / "fosdem.snapshot").string();
  db::BuildOutcome built = db::BuildSnapshot((dir / "src").string(), out, 1);
  if (!built.written) {
    std::fprintf(stderr, "FOSDEM 2026 did not build: %d errors\n", built.diags.error_count());
    return "";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench SNAPSHOT|--fosdem [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  const bool fosdem = std::string(argv[1]) == "--fosdem";
  fs::path temp = fs::temp_directory_path() / ("search_bench." + std::to_string(getpid()));
  std::string path = argv[1];
  if (fosdem) {
    fs::create_directories(temp);
    path = BuildFosdem(temp);
    if (path.empty()) return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto loaded = db::LoadCatalog(path);
  if (fosdem) fs::remove_all(temp);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
    return 1;
  }
  double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const db::Catalog& c = *loaded.value();
  // What the kiosk does on its loading thread before it shows a snapshot (OpenSnapshot): the postings are
  // read and every language's names prepared, so no keystroke below pays for that.
  t0 = std::chrono::steady_clock::now();
  if (auto problem = db::CheckSearchQueries(c)) {
    std::fprintf(stderr, "the search index is damaged: %s\n", problem->c_str());
    return 1;
  }
  db::PrepareSearch(c);
  double check_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  // What visitors type: names of exhibitors, people and sessions in several languages, country names, and a
  // few words that match a lot ("a", "tech") or nothing. At FOSDEM: the queries of issue 14.
  std::mt19937 rng(7);
  std::vector<std::string> typed = {"a", "tech", "технопарк", "ast", "аст", "zzzz", "Türkiye", "IŞIK", "oʻzbek"};
  const char* langs[] = {"en", "ru", "kk", "tr", "az", "uz", "ky"};
  if (fosdem) {
    typed = {"rust", "kernel", "Brüssel", "python", "a"};
  } else {
    for (int i = 0; i < 60 && !c.organizations.empty(); ++i)
      typed.push_back(c.Tr(c.organizations[rng() % c.organizations.size()].name, langs[rng() % 7]));
    for (int i = 0; i < 20 && !c.people.empty(); ++i) typed.push_back(c.Tr(c.people[rng() % c.people.size()].name, langs[rng() % 7]));
    for (int i = 0; i < 20 && !c.sessions.empty(); ++i) typed.push_back(c.Tr(c.sessions[rng() % c.sessions.size()].title, langs[rng() % 7]));
  }

  std::vector<double> ms;
  std::vector<std::pair<double, std::string>> slowest;
  size_t results = 0;
  for (int r = 0; r < rounds; ++r)
    for (const auto& word : typed) {
      // Every prefix, one code point more per keystroke, up to 12 keystrokes.
      std::string prefix;
      size_t i = 0;
      char32_t cp;
      for (int keys = 0; keys < 12 && db::NextCodepoint(word, i, cp); ++keys) {
        db::AppendUtf8(prefix, cp);
        auto a = std::chrono::steady_clock::now();
        auto hits = db::Search(c, prefix, fosdem ? "en" : langs[keys % 7]);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
        slowest.push_back({ms.back(), prefix});
        if (hits)
          for (const auto& g : hits.value().groups) results += g.count;
      }
    }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  std::printf("snapshot: %zu exhibitors, %zu sessions, %zu people; loaded in %.0f ms, search prepared and checked in %.0f ms\n",
              c.exhibitors.size(), c.sessions.size(), c.people.size(), load_ms, check_ms);
  std::printf("keystroke queries: %zu (%.1f matches each on average)\n", ms.size(), double(results) / ms.size());
  std::printf("per query: median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n", at(0.5), at(0.9), at(0.99), ms.back());
  std::sort(slowest.rbegin(), slowest.rend());
  std::printf("slowest:");
  for (size_t i = 0; i < 8 && i < slowest.size(); ++i) std::printf(" \"%s\" %.1f ms;", slowest[i].second.c_str(), slowest[i].first);
  std::printf("\n");
  return 0;
}
