// The soak (issue 12 part 7; docs/CI.md): the real forum-kiosk full screen under Xvfb, tapped, dragged and typed
// at random through real X input (XTest, tests/e2e/live_kiosk.h) while newer signed snapshots are dropped into
// its inbox, as staff deliver them. Every sample interval it reads the kiosk's memory (VmRSS) and open files
// (/proc/PID/fd). It fails on a crash, on memory or descriptors that grow beyond noise, on a delivered snapshot
// that is not installed, and, once the input stops and before the idle warning, on more than 0.5 % of a core
// used over 60 s. Not part of the normal CTest run (it takes minutes): `.ci/soak` runs it; an hour:
//   FORUM_SOAK_SECONDS=3600 ./build/tests/soak_tests
// Environment (defaults): FORUM_SOAK_SECONDS (3600) of input, FORUM_SOAK_SAMPLE_S (30) between samples,
// FORUM_SOAK_SWAP_S (120) between deliveries, FORUM_SOAK_SEED (the time) for the random input, printed so a
// failing run can be repeated.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "live_kiosk.h"

namespace fs = std::filesystem;
using e2e::RssKb;
using e2e::LiveKiosk;
using e2e::Read;
using e2e::Report;
using e2e::XServer;

namespace {

double Env(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : fallback;
}

double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
void Wait(double s) { std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(s * 1000))); }

int Run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

struct Sample {
  double t;  // seconds since the kiosk started
  long rss_kb;
  long fds;
};

long OpenFiles(pid_t pid) {
  std::error_code ec;
  long n = 0;
  for (auto it = fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++n;
  return ec ? -1 : n;
}

// CPU time used so far (utime + stime, fields 14 and 15 of /proc/PID/stat), in seconds.
double CpuSeconds(pid_t pid) {
  std::string stat = Read("/proc/" + std::to_string(pid) + "/stat");
  auto close = stat.rfind(')');  // the command name may hold spaces; the fields after it do not
  if (close == std::string::npos) return -1;
  std::istringstream in(stat.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) utime = std::atof(field.c_str());
    if (i == 15) stime = std::atof(field.c_str());
  }
  return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long Median(std::vector<long> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

TEST_CASE("soak: random taps, drags and typing through X with snapshot swaps: no crash, no growth, idle when left alone") {
  const double seconds = Env("FORUM_SOAK_SECONDS", 3600), sample_s = Env("FORUM_SOAK_SAMPLE_S", 30),
               swap_s = Env("FORUM_SOAK_SWAP_S", 120);
  const unsigned seed = static_cast<unsigned>(Env("FORUM_SOAK_SEED", static_cast<double>(std::time(nullptr))));
  MESSAGE("soak: " << seconds << " s of input, a sample every " << sample_s << " s, a snapshot every " << swap_s
                   << " s, FORUM_SOAK_SEED=" << seed);
  std::mt19937 rng(seed);
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };

  fs::path dir = SCREENSHOT_DIR "/soak";
  fs::remove_all(dir);
  fs::create_directories(dir / "inbox");
  const std::string tool = KIOSK_SNAPSHOT;
  REQUIRE(Run(tool + " keygen -p " + (dir / "k.pub").string() + " -s " + (dir / "k.key").string()) == 0);
  std::string pub = Read(dir / "k.pub");
  pub = pub.substr(pub.find('\n') + 1);
  pub = pub.substr(0, pub.find('\n'));
  // The idle timeout leaves room for the 60 s CPU measurement after the input stops: the warning comes
  // kIdleWarningS (20 s) before the timeout, at 100 s.
  std::ofstream(dir / "kiosk.toml") << "data_dir = \"" << (dir / "data").string() << "\"\ninbox = [\"" << (dir / "inbox").string()
                                    << "\"]\ntrusted_keys = [\"" << pub << "\"]\nsettle_s = 0\nidle_timeout_s = 120\n";

  // Deliveries alternate between the demo forum and the minimal fixture, so a swap may remove what is open.
  int64_t version = 100;
  auto deliver = [&] {
    ++version;
    std::string src = version % 2 ? FORUM_FIXTURE : FORUM_DEMO_SOURCES;
    std::string snap = (dir / ("v" + std::to_string(version) + ".snapshot")).string();
    REQUIRE(Run(tool + " build " + src + " -o " + snap + " --content-version " + std::to_string(version)) == 0);
    REQUIRE(Run(tool + " sign " + snap + " -s " + (dir / "k.key").string()) == 0);
    std::string name = "forum-" + std::to_string(version) + ".snapshot";
    fs::copy_file(snap + ".minisig", dir / "inbox" / (name + ".minisig"));  // the signature first, as a stick is written
    fs::copy_file(snap, dir / "inbox" / name);
    fs::remove(snap), fs::remove(snap + ".minisig");
  };

  XServer x(1920, 1080);
  REQUIRE(x.ok());
  LiveKiosk k(x, {"--config", (dir / "kiosk.toml").string()}, "soak");
  REQUIRE_MESSAGE(!k.Now().lines.empty(), "the kiosk did not start:\n" << k.Log());
  const pid_t pid = k.pid();
  const double start = Now();
  std::vector<Sample> samples;
  auto sample = [&] {
    // Large text holds a larger atlas and texture while it is on (journeys_test checks that they are handed
    // back): each sample is taken with it off, so that early and late samples hold the same fonts.
    if (k.Now().Get("large_text") == "1" && k.Tap("large_text/toggle")) Wait(0.5);
    samples.push_back({Now() - start, RssKb(pid), OpenFiles(pid)});
    MESSAGE("t " << static_cast<int>(samples.back().t) << " s: RSS " << samples.back().rss_kb << " KB, " << samples.back().fds
                 << " open files, content version " << version << ", large text " << k.Now().Get("large_text"));
  };
  sample();

  long actions = 0;
  // FORUM_SOAK_TRACE=FILE: one line per action (time, RSS, the screen after it), to find what memory grew with.
  std::ofstream trace;
  if (const char* t = std::getenv("FORUM_SOAK_TRACE")) trace.open(t);
  double next_sample = sample_s, next_swap = swap_s;
  while (Now() - start < seconds) {
    Report r = k.Now();
    const float w = static_cast<float>(r.Number("window", 2)), h = static_cast<float>(r.Number("window", 3));
    const double dice = uniform(0, 1);
    if (dice < 0.5 && !r.targets.empty()) {  // a tap on something that answers a tap
      const e2e::Rect& t = r.targets[std::uniform_int_distribution<size_t>(0, r.targets.size() - 1)(rng)];
      k.TapAt(t.cx(), t.cy());
    } else if (dice < 0.65) {  // typing: the search field, then keys of whatever layout is shown
      k.Tap("search/field") || k.Tap("search/nav");
      for (int n = std::uniform_int_distribution<int>(1, 8)(rng); n > 0; --n) {
        Report now = k.Now();
        std::vector<const e2e::Rect*> keys;
        for (const auto& t : now.targets)
          if (t.key.rfind("kb/", 0) == 0) keys.push_back(&t);
        if (keys.empty()) break;
        const e2e::Rect* key = keys[std::uniform_int_distribution<size_t>(0, keys.size() - 1)(rng)];
        k.TapAt(key->cx(), key->cy());
      }
    } else if (dice < 0.8) {  // anywhere
      k.TapAt(static_cast<float>(uniform(0, w)), static_cast<float>(uniform(0, h)));
    } else if (dice < 0.95) {  // a drag or a flick
      k.Drag(static_cast<float>(uniform(0, w)), static_cast<float>(uniform(0, h)), static_cast<float>(uniform(0, w)),
             static_cast<float>(uniform(0, h)), uniform(0.08, 0.8), uniform(0, 1) < 0.3 ? 0.3 : 0);
    } else {
      k.DoubleTapAt(static_cast<float>(uniform(0, w)), static_cast<float>(uniform(0, h)));
    }
    ++actions;
    if (trace) trace << static_cast<int>(Now() - start) << " s, " << RssKb(pid) << " KB, dice " << dice << ": " << k.Now().Summary() << " large_text=" << k.Now().Get("large_text") << "\n" << std::flush;
    REQUIRE_MESSAGE(k.Alive(), "the kiosk died after " << actions << " actions (FORUM_SOAK_SEED=" << seed << "):\n" << k.Log());
    if (Now() - start >= next_swap) deliver(), next_swap += swap_s;
    if (Now() - start >= next_sample) sample(), next_sample += sample_s;
  }
  MESSAGE(actions << " actions, snapshots up to content version " << version);

  // Left alone: the last delivery installed, then at most 0.5 % of a core over 60 s, before the idle warning.
  auto settled = k.Settle(nullptr, 20);
  REQUIRE_MESSAGE(settled.has_value(), "the kiosk does not come to rest without input: " << k.Now().Summary());
  const std::string installed = "\"content_version\": " + std::to_string(version);
  for (double t0 = Now(); Read(dir / "data" / "status.json").find(installed) == std::string::npos && Now() - t0 < 15;) Wait(0.2);
  CHECK_MESSAGE(Read(dir / "data" / "status.json").find(installed) != std::string::npos,
                "the last snapshot delivered (content version " << version << ") was not installed:\n" << Read(dir / "data" / "status.json"));
  Wait(3);
  const double cpu0 = CpuSeconds(pid);
  Wait(60);
  const double cpu = CpuSeconds(pid) - cpu0;
  Report idle = k.Now();
  REQUIRE_MESSAGE(k.Alive(), k.Log());
  CHECK_MESSAGE(!idle.Overlay("idle_warning"), "the idle warning came before the CPU measurement ended");
  MESSAGE("idle: " << cpu << " s of CPU in 60 s (" << cpu / 60 * 100 << " % of a core)");
  CHECK(cpu <= 0.005 * 60);
  sample();

  // Growth: the last samples (the final one idle) against the ones after a warm-up (the first quarter: every
  // screen's layout, font and texture caches filled), beyond noise: 24 MB of RSS, 2 descriptors.
  REQUIRE(samples.size() >= 4);
  std::vector<long> early_rss, late_rss, early_fds;
  const double warm = std::max(samples[1].t, seconds / 4);
  for (const auto& s : samples)
    if (s.t >= warm && early_rss.size() < 3) early_rss.push_back(s.rss_kb), early_fds.push_back(s.fds);
  for (size_t i = samples.size() - std::min<size_t>(3, samples.size()); i < samples.size(); ++i) late_rss.push_back(samples[i].rss_kb);
  REQUIRE(!early_rss.empty());
  const long rss_growth = Median(late_rss) - Median(early_rss);
  const long fds_growth = samples.back().fds - *std::max_element(early_fds.begin(), early_fds.end());
  MESSAGE("RSS " << Median(early_rss) << " KB -> " << Median(late_rss) << " KB; open files " << early_fds.front() << " -> "
                 << samples.back().fds);
  CHECK(rss_growth < 24 * 1024);
  CHECK(fds_growth <= 2);
}
