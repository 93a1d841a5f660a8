// A new snapshot swapped in while a visitor is using the kiosk: the visitor keeps their place where it still
// exists; a thousand swaps while a scripted visitor browses leak neither files nor memory.
#include <doctest/doctest.h>
#include <dirent.h>

#include <fstream>
#include <string>

#include "harness.h"

using app::Screen;

namespace {

// The demo without Astana Hub (an exhibitor who left) and with one session renamed: a smaller snapshot.
std::shared_ptr<const db::Catalog> Variant(const db::Catalog& demo) {
  db::CatalogData c = demo;
  std::erase_if(c.organizations, [](const db::Organization& o) { return o.id == "astana-hub"; });
  std::erase_if(c.exhibitors, [](const db::Exhibitor& e) { return e.organization_id == "astana-hub"; });
  for (auto& x : c.sessions)
    if (x.id == "2201") x.title.by_lang["en"] = "Opening of the exhibition (moved)";
  c.info.content_version += 1;
  return db::Catalog::Make(std::move(c));
}

size_t OpenFiles() {
  size_t n = 0;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    while (::readdir(d)) ++n;
    ::closedir(d);
  }
  return n;
}

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

}  // namespace

TEST_CASE("swap: an open exhibitor stays open when the new snapshot still has it, else back to the list") {
  test::Harness h;
  auto demo = h.s.catalog;
  auto variant = Variant(*demo);
  h.s.Do({app::Action::Kind::OpenExhibitor, "sabah-lab"});
  app::ApplyActions(h.s);
  h.Swap(variant);
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == "sabah-lab");  // still there: still open
  h.Swap(demo);
  h.s.Do({app::Action::Kind::OpenExhibitor, "astana-hub"});
  app::ApplyActions(h.s);
  h.Swap(variant);
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id.empty());  // gone: its list
  CHECK(!h.Visible("astana-hub/card"));
  CHECK(h.Visible("sabah-lab/card"));
  // A session still there stays open, with its new title.
  h.s.Do({app::Action::Kind::OpenSession, "2201"});
  app::ApplyActions(h.s);
  h.s.lang = "en";
  h.Swap(demo);
  CHECK(h.s.session_id == "2201");
  CHECK(h.s.lang == "en");
}

TEST_CASE("swap: a thousand swaps while a visitor browses: no crash, no growth in open files or memory") {
  test::Harness h;
  auto demo = h.s.catalog;
  auto variant = Variant(*demo);
  const char* walk[] = {"exhibitors/nav", "sabah-lab/card", "map/nav", "agreements/nav", "technoparks-2022/card",
                        "schedule/nav", "home/nav", "search/nav"};
  size_t files0 = 0;
  long rss0 = 0;
  int taps = 0;
  for (int i = 0; i < 1000; ++i) {
    h.Swap(i % 2 ? demo : variant);
    if (h.Tap(walk[i % std::size(walk)])) ++taps;
    if (i == 99) files0 = OpenFiles(), rss0 = RssKb();  // after a warm-up (allocator pools, font caches)
  }
  size_t files1 = OpenFiles();
  long rss1 = RssKb();
  MESSAGE("open files " << files0 << " -> " << files1 << ", RSS " << rss0 << " KB -> " << rss1 << " KB; " << taps << " taps");
  CHECK(files1 == files0);
  CHECK(rss1 - rss0 < 8 * 1024);  // under 8 MB over 900 swaps: no per-swap leak of catalogs or atlases
  CHECK(taps > 800);
}
