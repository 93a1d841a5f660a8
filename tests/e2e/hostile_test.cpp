// End-to-end: snapshots made to hurt the kiosk (the reproducers of issue 12: a NUL inside a name, map
// coordinates of 1e305, a centroid of 1e308, a damaged search index), each with its content checksum
// recomputed as a careful attacker would. `kiosk-snapshot validate` refuses each with a reason; forced onto
// the real kiosk with --snapshot, each shows the staff message, and the kiosk keeps running and answering
// real taps.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "db/snapshot/checksum.h"
#include "db/snapshot/sqlite.h"
#include "live_kiosk.h"

namespace fs = std::filesystem;

namespace {

struct Hostile {
  const char* name;
  const char* sql;     // what was done to a copy of the demo snapshot
  const char* reason;  // a part of what `validate` must say
};

const Hostile kHostile[] = {
    {"nul-in-name", "UPDATE organization_i18n SET name = CAST(X'41004200430044' AS TEXT)", "organization"},
    {"far-vertex", "UPDATE location_vertex SET x = 1e305 WHERE seq = 0", "location"},
    {"far-centroid", "UPDATE location SET cx = 1e308, cy = 1e308", "location"},
    {"damaged-index", "UPDATE search_data SET block = X'00' WHERE id = 1", "search index"},
};

// A copy of the demo snapshot changed by `sql`, its checksum made to match again.
std::string Make(const Hostile& h) {
  fs::path dir = SCREENSHOT_DIR "/hostile";
  fs::create_directories(dir);
  fs::path file = dir / (std::string(h.name) + ".snapshot");
  fs::copy_file(FORUM_DEMO_SNAPSHOT, file, fs::copy_options::overwrite_existing);
  db::Database rw(file.string(), db::Database::Mode::ReadWriteCreate);
  rw.Exec(h.sql);
  rw.Exec("UPDATE meta SET value = '" + db::ContentChecksum(rw) + "' WHERE key = 'content_checksum'");
  return file.string();
}

// Runs a command; its exit status and what it printed.
std::pair<int, std::string> Run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return {-1, ""};
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int rc = ::pclose(p);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

}  // namespace

TEST_CASE("hostile snapshots: validate refuses each with a reason, and the real kiosk forced to open one shows the staff message and keeps running") {
  for (const Hostile& h : kHostile) {
    CAPTURE(h.name);
    std::string file = Make(h);
    auto [rc, said] = Run(std::string(KIOSK_SNAPSHOT) + " validate " + file);
    INFO(said);
    CHECK(rc == 1);
    CHECK(said.find(h.reason) != std::string::npos);

    e2e::XServer x(1280, 800);
    REQUIRE(x.ok());
    e2e::LiveKiosk kiosk(x, {"--windowed", "1280x800", "--snapshot", file}, std::string("hostile-") + h.name);
    auto settled = kiosk.Settle([](const e2e::Report& r) { return r.Overlay("setup"); }, 20);
    INFO(kiosk.Log());
    REQUIRE(settled);
    CHECK(kiosk.Log().find("kiosk-snapshot validate " + file) != std::string::npos);
    // A visitor's taps anywhere change nothing and break nothing.
    for (auto [fx, fy] : {std::pair{0.5f, 0.5f}, {0.1f, 0.95f}, {0.95f, 0.05f}}) kiosk.TapAt(1280 * fx, 800 * fy);
    CHECK(kiosk.Alive());
    CHECK(kiosk.Now().Overlay("setup"));
    e2e::Image shot = kiosk.Shot(std::string("hostile-") + h.name);
    CHECK(e2e::Spread(shot) > 5);  // the message, not a blank screen
  }
}
