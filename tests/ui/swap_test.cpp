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
  h.s.Do({.kind = app::Action::Kind::OpenExhibitor, .id = "sabah-lab"});
  app::ApplyActions(h.s);
  h.Swap(variant);
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id == "sabah-lab");  // still there: still open
  h.Swap(demo);
  h.s.Do({.kind = app::Action::Kind::OpenExhibitor, .id = "astana-hub"});
  app::ApplyActions(h.s);
  h.Swap(variant);
  CHECK(h.s.screen == Screen::Exhibitors);
  CHECK(h.s.exhibitor_id.empty());  // gone: its list
  CHECK(!h.Visible("astana-hub/card"));
  CHECK(h.Visible("sabah-lab/card"));
  // A session still there stays open, with its new title.
  h.s.Do({.kind = app::Action::Kind::OpenSession, .id = "2201"});
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

namespace {
// The demo as another content version (nothing else changed).
std::shared_ptr<const db::Catalog> Version(const db::Catalog& demo, int64_t version) {
  db::CatalogData c = demo;
  c.info.content_version = version;
  return db::Catalog::Make(std::move(c));
}
}  // namespace

TEST_CASE("swap: the catalog swapped in is the one loaded, not a copy (the built-in UI strings are a fallback)") {
  test::Harness h;
  auto variant = Variant(*h.s.catalog);
  h.Swap(variant);
  CHECK(h.s.catalog == variant);
  CHECK(h.s.catalog->ui_strings.size() == variant->ui_strings.size());
}

TEST_CASE("swap: content versions only go forward, unless staff asked for exactly that snapshot") {
  test::Harness h;
  const auto demo_ptr = h.s.catalog;  // kept: the harness lets go of it at the first swap
  const db::Catalog& demo = *demo_ptr;
  const int64_t v = demo.info.content_version;
  auto v1 = Version(demo, v + 1), v2 = Version(demo, v + 2), v3 = Version(demo, v + 3), older = Version(demo, v - 1);
  auto shown = [&] { return h.s.catalog->info.content_version; };
  std::string why;

  // An update older than what is shown is refused; a newer one is swapped in at the next frame.
  CHECK(!h.handover.Offer(older, app::SwapOrigin::Update, 0, &why));
  CHECK(why.find("older") != std::string::npos);
  CHECK(h.handover.Offer(v1, app::SwapOrigin::Update));
  CHECK(shown() == v);  // not before the frame boundary
  h.Frame();
  CHECK(shown() == v + 1);

  // Staff ask for a reload; while it loads, the watcher installs a newer snapshot. The reload, finishing
  // last with the older file, must not put it back.
  uint64_t ticket = h.handover.Ticket();
  CHECK(h.handover.Offer(v2, app::SwapOrigin::Update));
  h.Frame();
  CHECK(!h.handover.Offer(v1, app::SwapOrigin::StaffReload, ticket, &why));
  CHECK(why.find("after the reload was asked for") != std::string::npos);
  h.Frame();
  CHECK(shown() == v + 2);

  // The same race within one frame: both wait for the same boundary, the newer wins whichever came last.
  ticket = h.handover.Ticket();
  CHECK(h.handover.Offer(v3, app::SwapOrigin::Update));
  CHECK(!h.handover.Offer(v2, app::SwapOrigin::StaffReload, ticket));
  h.Frame();
  CHECK(shown() == v + 3);
  ticket = h.handover.Ticket();
  CHECK(h.handover.Offer(v2, app::SwapOrigin::StaffReload, ticket));  // staff reload first, an update after it
  CHECK(!h.handover.Offer(v1, app::SwapOrigin::Update));                // older than the reload waiting
  CHECK(h.handover.Offer(v3, app::SwapOrigin::Update));
  h.Frame();
  CHECK(shown() == v + 3);

  // A reload nothing overtook is taken even when older: staff put that file back on purpose.
  CHECK(h.handover.Offer(older, app::SwapOrigin::StaffReload, h.handover.Ticket()));
  h.Frame();
  CHECK(shown() == v - 1);
  // After it, updates are compared with what staff chose.
  CHECK(h.handover.Offer(Version(demo, v), app::SwapOrigin::Update));
  h.Frame();
  CHECK(shown() == v);
}

TEST_CASE("swap: a kiosk that could open no snapshot takes the first one offered and drops the staff message") {
  app::AppState s;
  s.load_error = "cannot open forum.snapshot";
  app::CatalogHandOver handover;
  handover.Showing(nullptr);
  int woken = 0;
  app::CatalogHandOver waking([&] { ++woken; });
  CHECK(!app::SwapIn(s, handover));  // nothing waiting
  test::Harness h;
  CHECK(handover.Offer(Version(*h.s.catalog, 1), app::SwapOrigin::Update));
  CHECK(app::SwapIn(s, handover));
  CHECK(s.catalog->info.content_version == 1);
  CHECK(s.load_error.empty());
  CHECK(!app::SwapIn(s, handover));  // taken once
  CHECK(waking.Offer(h.s.catalog, app::SwapOrigin::Update));
  CHECK(woken == 1);  // the loop's wait ends when a snapshot is taken in
}
