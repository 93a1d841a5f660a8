// Updating a running kiosk, end to end: the real forum-kiosk under Xvfb with a configuration, an inbox and
// a data folder. A newer signed snapshot is taken within 5 s (status.json says so); bad candidates are not,
// each lands in rejected/ with its reason; killed with SIGKILL mid-run, the kiosk comes back on a valid one.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "db/base/text.h"
#include "support.h"

namespace fs = std::filesystem;
using e2e::Read;

namespace {

int Run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

// The kiosk in the background under its own Xvfb; killed (SIGKILL to the whole group) when destroyed.
struct Kiosk {
  pid_t pid = -1;
  Kiosk(const fs::path& config, const fs::path& log) {
    pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      std::string cmd = "exec xvfb-run -a -s '-screen 0 1280x800x24' " FORUM_KIOSK " --windowed 1280x800 --config " +
                        config.string() + " >" + log.string() + " 2>&1";
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setpgid(pid, pid);
  }
  void Kill() {
    if (pid > 0) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      pid = -1;
    }
  }
  ~Kiosk() { Kill(); }
};

// Waits up to `seconds` for `text` in status.json; the time it took, or -1.
double WaitForStatus(const fs::path& status, const std::string& text, double seconds) {
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (Read(status).find(text) != std::string::npos) return t;
    if (t > seconds) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// A minisign key pair made by the real staff tool in `dir` (k.pub, k.key); the public key's line, as it goes
// into a kiosk's trusted_keys.
std::string MakeKeys(const fs::path& dir) {
  REQUIRE(Run(std::string(KIOSK_SNAPSHOT) + " keygen -p " + (dir / "k.pub").string() + " -s " + (dir / "k.key").string()) == 0);
  std::string pub = Read(dir / "k.pub");
  pub = pub.substr(pub.find('\n') + 1);
  return pub.substr(0, pub.find('\n'));
}

// `sources` built by the real staff tool into `snapshot` as content version `version`, and signed with dir/k.key
// (MakeKeys) into snapshot.minisig, as staff publish.
void BuildSigned(const std::string& sources, const std::string& snapshot, int64_t version, const fs::path& dir) {
  std::string tool = KIOSK_SNAPSHOT;
  REQUIRE(Run(tool + " build " + sources + " -o " + snapshot + " --content-version " + std::to_string(version)) == 0);
  REQUIRE(Run(tool + " sign " + snapshot + " -s " + (dir / "k.key").string()) == 0);
}

}  // namespace

TEST_CASE("a running kiosk takes a newer signed snapshot within 5 s and refuses every bad one with a reason") {
  fs::path dir = SCREENSHOT_DIR "/update";
  fs::remove_all(dir);
  fs::create_directories(dir / "inbox");
  std::string tool = KIOSK_SNAPSHOT;
  const std::string pub = MakeKeys(dir);
  REQUIRE(Run(tool + " keygen -p " + (dir / "stranger.pub").string() + " -s " + (dir / "stranger.key").string()) == 0);
  for (int v : {1000, 2000}) {
    BuildSigned(FORUM_DEMO_SOURCES, (dir / ("v" + std::to_string(v) + ".snapshot")).string(), v, dir);
  }
  std::ofstream(dir / "kiosk.toml") << "kiosk_id = \"e2e\"\ndata_dir = \"" << (dir / "data").string() << "\"\ninbox = [\""
                                    << (dir / "inbox").string() << "\"]\ntrusted_keys = [\"" << pub << "\"]\npair_grace_s = 1\n";
  fs::path status = dir / "data" / "status.json";
  {
    Kiosk kiosk(dir / "kiosk.toml", dir / "log1.txt");
    REQUIRE(WaitForStatus(status, "\"source\": \"built-in\"", 20) >= 0);
    // Bad candidates first: unsigned, signed by a stranger, truncated, a symlink.
    fs::copy_file(dir / "v1000.snapshot", dir / "inbox" / "unsigned.snapshot");
    fs::copy_file(dir / "v1000.snapshot", dir / "inbox" / "stranger.snapshot");
    REQUIRE(Run(tool + " sign " + (dir / "inbox" / "stranger.snapshot").string() + " -s " + (dir / "stranger.key").string()) == 0);
    std::string bytes = Read(dir / "v1000.snapshot");
    std::ofstream(dir / "inbox" / "cut.snapshot", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    fs::copy_file(dir / "v1000.snapshot.minisig", dir / "inbox" / "cut.snapshot.minisig");
    fs::create_symlink("/etc/shadow", dir / "inbox" / "shadow.snapshot");
    REQUIRE(WaitForStatus(status, "\"refused\": 4", 10) >= 0);
    CHECK(Read(status).find("\"content_version\": 1,") != std::string::npos);  // still the built-in demo
    // Then a good one.
    fs::copy_file(dir / "v2000.snapshot.minisig", dir / "inbox" / "forum.snapshot.minisig");
    fs::copy_file(dir / "v2000.snapshot", dir / "inbox" / "forum.snapshot");
    double took = WaitForStatus(status, "\"content_version\": 2000", 5);
    MESSAGE("picked up in " << took << " s");
    CHECK(took >= 0);
    CHECK(took <= 5);
    CHECK(Read(dir / "log1.txt").find("installed") != std::string::npos);
  }
  // Each refusal has its reason in rejected/.
  std::string reasons;
  for (const auto& e : fs::directory_iterator(dir / "data" / "rejected"))
    if (e.path().extension() == ".txt") reasons += Read(e.path());
  CHECK(reasons.find("no signature") != std::string::npos);
  CHECK(reasons.find("not among the trusted keys") != std::string::npos);
  CHECK(reasons.find("signature does not match") != std::string::npos);
  CHECK(reasons.find("symbolic link") != std::string::npos);
  // The kiosk was killed (SIGKILL); started again it shows the installed snapshot, and a screenshot of it
  // is a picture.
  std::string png = (dir / "after-restart.png").string();
  int rc = std::system(("xvfb-run -a -s '-screen 0 1280x800x24' " FORUM_KIOSK " --windowed 1280x800 --config " +
                        (dir / "kiosk.toml").string() + " --screenshot " + png + " >" + (dir / "log2.txt").string() + " 2>&1").c_str());
  CHECK(rc == 0);
  CHECK(Read(dir / "log2.txt").find("forum-v2000.snapshot (installed, content version 2000)") != std::string::npos);
  CHECK(fs::file_size(png) > 10000);
}

TEST_CASE("the real kiosk, killed with SIGKILL at random moments of installs, restarts on a valid snapshot") {
  // FORUM_E2E_KILL_COUNT kills (default 6; `FORUM_E2E_KILL_COUNT=100 ./build/tests/e2e_tests -tc="the real kiosk, killed*"`
  // for the full run). Each round drops a newer signed snapshot, starts the kiosk, kills it somewhere between
  // start-up and a finished install, and starts it again: it must open the old or the new snapshot, valid.
  int count = std::getenv("FORUM_E2E_KILL_COUNT") ? std::atoi(std::getenv("FORUM_E2E_KILL_COUNT")) : 6;
  fs::path dir = SCREENSHOT_DIR "/kill";
  fs::remove_all(dir);
  fs::create_directories(dir / "inbox");
  std::string tool = KIOSK_SNAPSHOT;
  const std::string pub = MakeKeys(dir);
  std::ofstream(dir / "kiosk.toml") << "data_dir = \"" << (dir / "data").string() << "\"\ninbox = [\"" << (dir / "inbox").string()
                                    << "\"]\ntrusted_keys = [\"" << pub << "\"]\nsettle_s = 0\n";
  int64_t shown = 1;  // the built-in demo
  int old_seen = 0, new_seen = 0;
  for (int i = 0; i < count; ++i) {
    CAPTURE(i);
    int64_t version = 5000 + i;
    std::string snap = (dir / ("v" + std::to_string(version) + ".snapshot")).string();
    REQUIRE(Run(tool + " build " FORUM_DEMO_SOURCES " -o " + snap + " --content-version " + std::to_string(version)) == 0);
    REQUIRE(Run(tool + " sign " + snap + " -s " + (dir / "k.key").string()) == 0);
    fs::copy_file(snap + ".minisig", dir / "inbox" / ("forum-" + std::to_string(i) + ".snapshot.minisig"));
    fs::copy_file(snap, dir / "inbox" / ("forum-" + std::to_string(i) + ".snapshot"));
    {
      Kiosk kiosk(dir / "kiosk.toml", dir / "run.log");
      std::this_thread::sleep_for(std::chrono::milliseconds(50 + (i * 97) % 600));  // somewhere in start-up or install
    }  // SIGKILL
    std::string log = (dir / ("restart-" + std::to_string(i) + ".log")).string();
    int rc = std::system(("xvfb-run -a -s '-screen 0 1280x800x24' " FORUM_KIOSK " --windowed 1280x800 --config " +
                          (dir / "kiosk.toml").string() + " --screenshot " + (dir / "restart.png").string() + " >" + log + " 2>&1").c_str());
    CHECK(rc == 0);
    std::string out = Read(log);
    int64_t opened = shown;
    auto at = out.find("content version ");
    if (out.find("showing ") != std::string::npos && at != std::string::npos) opened = std::atoll(out.c_str() + at + 16);
    CHECK_MESSAGE((opened == shown || opened == version), "opened " << opened << ", expected " << shown << " or " << version << "\n" << out);
    (opened == version ? new_seen : old_seen)++;
    CHECK(fs::is_empty(dir / "data" / "staging"));
    // The installed snapshot it opened passes every check.
    if (opened > 1)
      CHECK(Run(tool + " validate " + (dir / "data" / "snapshots" / ("forum-v" + std::to_string(opened) + ".snapshot")).string()) == 0);
    // Whatever was interrupted completes on a later start: the next round compares with this version.
    shown = version;
    std::string status = Read(dir / "data" / "status.json");
    if (status.find("\"content_version\": " + std::to_string(version)) == std::string::npos) {
      // The screenshot run may have exited before its watcher's first look: a kiosk left running installs it.
      {
        Kiosk again(dir / "kiosk.toml", dir / "again.log");
        WaitForStatus(dir / "data" / "status.json", "\"content_version\": " + std::to_string(version), 10);
      }
    }
    CHECK(Read(dir / "data" / "status.json").find("\"content_version\": " + std::to_string(version)) != std::string::npos);
  }
  MESSAGE(count << " kills: restarted on the previous snapshot " << old_seen << " times, on the new one " << new_seen);
}

TEST_CASE("deliveries by the real rsync (default, --inplace --bwlimit, an interrupted --partial, the signature first or last) are each installed with no refusal") {
  REQUIRE_MESSAGE(Run("command -v rsync") == 0, "rsync is not installed: run .ci/deps");
  fs::path dir = SCREENSHOT_DIR "/update-rsync";
  fs::remove_all(dir);
  fs::create_directories(dir / "inbox");
  std::string tool = KIOSK_SNAPSHOT;
  const std::string pub = MakeKeys(dir);
  for (int v : {1001, 1002, 1003, 1004}) {
    fs::path out = dir / ("v" + std::to_string(v));
    fs::create_directories(out);
    BuildSigned(FORUM_DEMO_SOURCES, (out / "forum.snapshot").string(), v, dir);
    // Built minutes apart, as staff would: rsync's quick check skips a file of the same size and the same
    // whole-second time, and these four are built within one second.
    for (const char* f : {"forum.snapshot", "forum.snapshot.minisig"})
      fs::last_write_time(out / f, fs::file_time_type::clock::now() - std::chrono::minutes(1005 - v));
  }
  // The defaults a venue gets: settle_s 1, pair_grace_s 300, rescan_s 10.
  std::ofstream(dir / "kiosk.toml") << "kiosk_id = \"rsync\"\ndata_dir = \"" << (dir / "data").string() << "\"\ninbox = [\""
                                    << (dir / "inbox").string() << "\"]\ntrusted_keys = [\"" << pub << "\"]\n";
  fs::path status = dir / "data" / "status.json", inbox = dir / "inbox";
  auto from = [&](int v, const char* file = "forum.snapshot") { return (dir / ("v" + std::to_string(v)) / file).string(); };
  const std::string sig = "forum.snapshot.minisig";
  Kiosk kiosk(dir / "kiosk.toml", dir / "log.txt");
  REQUIRE(WaitForStatus(status, "\"source\": \"built-in\"", 20) >= 0);

  // 1. rsync's default: each file into a hidden temporary, renamed at the end; the snapshot, then its signature.
  CHECK(Run("rsync " + from(1001) + " " + from(1001, sig.c_str()) + " " + inbox.string() + "/") == 0);
  CHECK(WaitForStatus(status, "\"content_version\": 1001", 15) >= 0);

  // 2. The signature first, then the snapshot written in place, slowly (256 KiB every 1.28 s at 200 KB/s).
  CHECK(Run("rsync " + from(1002, sig.c_str()) + " " + inbox.string() + "/") == 0);
  CHECK(Run("rsync --inplace --bwlimit=200 " + from(1002) + " " + inbox.string() + "/") == 0);
  CHECK(WaitForStatus(status, "\"content_version\": 1002", 15) >= 0);

  // 3. The signature first; an rsync --partial interrupted half-way leaves a short file under the final name;
  //    the rerun completes it.
  CHECK(Run("rsync " + from(1003, sig.c_str()) + " " + inbox.string() + "/") == 0);
  CHECK(Run("timeout -s INT 2 rsync --partial --bwlimit=150 " + from(1003) + " " + inbox.string() + "/") != 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  CHECK(fs::file_size(inbox / "forum.snapshot") < fs::file_size(from(1003)));  // the interrupted delivery is there
  CHECK(Read(status).find("\"content_version\": 1002") != std::string::npos);
  CHECK(Run("rsync --partial " + from(1003) + " " + inbox.string() + "/") == 0);
  CHECK(WaitForStatus(status, "\"content_version\": 1003", 15) >= 0);

  // 4. The snapshot first, its signature three seconds later.
  CHECK(Run("rsync " + from(1004) + " " + inbox.string() + "/") == 0);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(Run("rsync " + from(1004, sig.c_str()) + " " + inbox.string() + "/") == 0);
  CHECK(WaitForStatus(status, "\"content_version\": 1004", 15) >= 0);

  std::string st = Read(status);
  CHECK_MESSAGE(st.find("\"refused\": 0") != std::string::npos, st);
  CHECK_MESSAGE(st.find("\"state\": \"ok\"") != std::string::npos, st);
  CHECK(st.find("\"installed\": 4") != std::string::npos);
  CHECK(fs::is_empty(dir / "data" / "rejected"));
  std::string log = Read(dir / "log.txt");
  CHECK(log.find("forum-kiosk: installed ") != std::string::npos);
  CHECK_MESSAGE(log.find("forum-kiosk: refused") == std::string::npos, log);
  CHECK(log.find("waiting: " + (inbox / "forum.snapshot").string() + " does not match its signature yet") != std::string::npos);
}

TEST_CASE("three kiosks fed by rsync from one staff folder reach the newest version, and kiosk-snapshot fleet shows all three") {
  REQUIRE_MESSAGE(Run("command -v rsync") == 0, "rsync is not installed: run .ci/deps");
  fs::path dir = SCREENSHOT_DIR "/fleet";
  fs::remove_all(dir);
  fs::create_directories(dir / "staff");
  std::string tool = KIOSK_SNAPSHOT;
  const std::string pub = MakeKeys(dir);
  auto publish = [&](int v) {  // into the staff folder, as the docs say
    BuildSigned(FORUM_DEMO_SOURCES, (dir / "staff" / "forum.snapshot").string(), v, dir);
  };
  std::vector<std::unique_ptr<Kiosk>> kiosks;
  const std::vector<std::string> names = {"hall-a", "hall-b", "entrance"};
  for (const auto& n : names) {
    fs::create_directories(dir / n / "inbox");
    std::ofstream(dir / n / "kiosk.toml") << "kiosk_id = \"" << n << "\"\ndata_dir = \"" << (dir / n / "data").string()
                                         << "\"\ninbox = [\"" << (dir / n / "inbox").string() << "\"]\ntrusted_keys = [\"" << pub
                                         << "\"]\noutbox = \"" << (dir / n / "outbox").string() << "\"\nheartbeat_s = 5\n";
    kiosks.push_back(std::make_unique<Kiosk>(dir / n / "kiosk.toml", dir / n / "log.txt"));
  }
  // The venue's sync, both ways: the staff folder to every inbox, every outbox back to the staff's fleet folder.
  auto sync = [&](const std::vector<std::string>& to) {
    for (const auto& n : to) CHECK(Run("rsync -a " + (dir / "staff").string() + "/ " + (dir / n / "inbox").string() + "/") == 0);
  };
  auto collect = [&] {
    fs::create_directories(dir / "fleet-in");
    for (const auto& n : names) Run("rsync -a " + (dir / n / "outbox").string() + "/ " + (dir / "fleet-in").string() + "/");
  };
  publish(5001);
  sync(names);
  for (const auto& n : names) CHECK_MESSAGE(WaitForStatus(dir / n / "data" / "status.json", "\"content_version\": 5001", 20) >= 0, n);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the heartbeat after the install
  collect();
  std::string out = (dir / "fleet.json").string();
  CHECK(std::system((tool + " fleet " + (dir / "fleet-in").string() + " --json >" + out).c_str()) == 0);
  auto j = nlohmann::json::parse(Read(out));
  REQUIRE(j["kiosks"].size() == 3);
  for (const auto& k : j["kiosks"]) {
    CHECK(k["content_version"] == 5001);
    CHECK(k["state"] == "ok");
    CHECK(k["behind"] == false);
  }
  // One kiosk is switched off; the others take the next version; the fleet view says who is behind.
  kiosks[2]->Kill();
  publish(5002);
  sync({"hall-a", "hall-b"});
  for (const char* n : {"hall-a", "hall-b"}) CHECK(WaitForStatus(dir / n / "data" / "status.json", "\"content_version\": 5002", 20) >= 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  collect();
  std::string table = (dir / "fleet.txt").string();
  CHECK(std::system((tool + " fleet " + (dir / "fleet-in").string() + " >" + table).c_str()) != 0);  // someone needs a look
  std::string t = Read(table);
  MESSAGE(t);
  CHECK(t.find("entrance                 5001") != std::string::npos);
  CHECK(t.find("behind: shows 5001, the newest is 5002") != std::string::npos);
  CHECK(t.find("hall-a                   5002         ok") != std::string::npos);
  CHECK(t.find("3 kiosk(s), newest content version 5002; some need a look") != std::string::npos);
}

namespace {

// A Syncthing instance of its own (Debian's syncthing 1.19): a home with a fresh key, one folder shared with
// one other device on loopback, discovery, relays, NAT and usage reports off. Stopped (its process group
// killed) when destroyed.
struct Syncthing {
  fs::path home;
  std::string id;
  pid_t pid = -1;
  explicit Syncthing(const fs::path& h) : home(h) {
    fs::create_directories(home);
    std::string out = (home / "generate.txt").string();
    REQUIRE(std::system(("syncthing generate --home=" + home.string() + " >" + out + " 2>&1").c_str()) == 0);  // not Run: it sends the output away
    std::string text = Read(out);
    auto at = text.find("Device ID: ");
    REQUIRE_MESSAGE(at != std::string::npos, text);
    id = text.substr(at + 11, 63);
  }
  // `type`: sendonly or receiveonly; the folder at `path`, shared with `other` listening on `other_port`.
  void Configure(const std::string& type, const fs::path& path, int port, int gui_port, const Syncthing& other, int other_port) {
    std::ofstream(home / "config.xml") << "<configuration version=\"36\">\n"
        "  <folder id=\"forum\" label=\"forum\" path=\"" << path.string() << "\" type=\"" << type
        << "\" rescanIntervalS=\"5\" fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\">\n"
        "    <device id=\"" << id << "\"></device>\n    <device id=\"" << other.id << "\"></device>\n  </folder>\n"
        "  <device id=\"" << id << "\" name=\"self\"><address>dynamic</address></device>\n"
        "  <device id=\"" << other.id << "\" name=\"other\"><address>tcp://127.0.0.1:" << other_port << "</address></device>\n"
        "  <gui enabled=\"true\" tls=\"false\"><address>127.0.0.1:" << gui_port << "</address><apikey>test</apikey></gui>\n"
        "  <options>\n    <listenAddress>tcp://127.0.0.1:" << port << "</listenAddress>\n"
        "    <globalAnnounceEnabled>false</globalAnnounceEnabled>\n    <localAnnounceEnabled>false</localAnnounceEnabled>\n"
        "    <relaysEnabled>false</relaysEnabled>\n    <natEnabled>false</natEnabled>\n    <urAccepted>-1</urAccepted>\n"
        "    <startBrowser>false</startBrowser>\n    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
        "    <crashReportingEnabled>false</crashReportingEnabled>\n  </options>\n</configuration>\n";
  }
  void Start() {
    pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      std::string cmd = "exec syncthing serve --home=" + home.string() + " --no-browser --no-restart >" + (home / "log.txt").string() + " 2>&1";
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setpgid(pid, pid);
  }
  ~Syncthing() {
    if (pid > 0) ::kill(-pid, SIGKILL), ::waitpid(pid, nullptr, 0);
  }
};

}  // namespace

TEST_CASE("deliveries through two real Syncthing instances (a small snapshot, then 20 MB) are installed with no refusal") {
  REQUIRE_MESSAGE(Run("command -v syncthing") == 0, "syncthing is not installed: run .ci/deps");
  fs::path dir = SCREENSHOT_DIR "/update-syncthing";
  fs::remove_all(dir);
  fs::create_directories(dir / "staff");
  std::string tool = KIOSK_SNAPSHOT;
  const std::string pub = MakeKeys(dir);
  std::string small = (dir / "small.snapshot").string(), big = (dir / "big.snapshot").string();
  REQUIRE(Run(tool + " build " FORUM_DEMO_SOURCES " -o " + small + " --content-version 7001") == 0);
  REQUIRE(Run(tool + " synth -o " + big + " --exhibitors 5000 --sessions 2000 --content-version 7002") == 0);
  for (const auto& f : {small, big}) REQUIRE(Run(tool + " sign " + f + " -s " + (dir / "k.key").string()) == 0);
  CHECK(fs::file_size(big) > 15u << 20);
  // The staff laptop's send-only folder and the kiosk's receive-only one, on ports of this process's own.
  const int base = 21000 + ::getpid() % 4000 * 4;
  Syncthing staff(dir / "st-staff"), kiosk_st(dir / "st-kiosk");
  fs::path inbox = dir / "kiosk-inbox";
  staff.Configure("sendonly", dir / "staff", base, base + 1, kiosk_st, base + 2);
  kiosk_st.Configure("receiveonly", inbox, base + 2, base + 3, staff, base);
  staff.Start();
  kiosk_st.Start();
  std::ofstream(dir / "kiosk.toml") << "kiosk_id = \"syncthing\"\ndata_dir = \"" << (dir / "data").string() << "\"\ninbox = [\""
                                    << inbox.string() << "\"]\ntrusted_keys = [\"" << pub << "\"]\n";
  fs::path status = dir / "data" / "status.json";
  Kiosk kiosk(dir / "kiosk.toml", dir / "log.txt");
  REQUIRE(WaitForStatus(status, "\"source\": \"built-in\"", 20) >= 0);
  // As staff do it: both files into the synced folder (Syncthing sends the small signature first).
  auto publish = [&](const std::string& snap) {
    fs::copy_file(snap + ".minisig", dir / "staff" / "forum.snapshot.minisig", fs::copy_options::overwrite_existing);
    fs::copy_file(snap, dir / "staff" / "forum.snapshot", fs::copy_options::overwrite_existing);
  };
  publish(small);
  double took = WaitForStatus(status, "\"content_version\": 7001", 90);
  CHECK_MESSAGE(took >= 0, Read(dir / "log.txt") << Read(kiosk_st.home / "log.txt"));
  MESSAGE("the small snapshot through Syncthing: installed after " << took << " s");
  publish(big);
  took = WaitForStatus(status, "\"content_version\": 7002", 120);
  CHECK_MESSAGE(took >= 0, Read(dir / "log.txt"));
  MESSAGE("20 MB through Syncthing: installed after " << took << " s");
  std::string st = Read(status);
  CHECK_MESSAGE(st.find("\"refused\": 0") != std::string::npos, st);
  CHECK(fs::is_empty(dir / "data" / "rejected"));
  CHECK_MESSAGE(Read(dir / "log.txt").find("forum-kiosk: refused") == std::string::npos, Read(dir / "log.txt"));
}

TEST_CASE("a file named with bytes that are no UTF-8, and an inbox that cannot be read: the running kiosk reports both and goes on") {
  fs::path dir = SCREENSHOT_DIR "/update-odd";
  fs::remove_all(dir);
  fs::create_directories(dir / "inbox");
  const std::string pub = MakeKeys(dir);
  BuildSigned(FORUM_DEMO_SOURCES, (dir / "good.snapshot").string(), 3001, dir);
  // A second inbox where a mount point should be, but a file is: it cannot be listed (ENOTDIR), as a network
  // mount gone stale cannot ("Transport endpoint is not connected").
  std::ofstream(dir / "stale") << "not a folder";
  std::ofstream(dir / "kiosk.toml") << "kiosk_id = \"odd\"\ndata_dir = \"" << (dir / "data").string() << "\"\ninbox = [\""
                                    << (dir / "inbox").string() << "\", \"" << (dir / "stale" / "inbox").string()
                                    << "\"]\ntrusted_keys = [\"" << pub << "\"]\npair_grace_s = 1\n";
  fs::path status = dir / "data" / "status.json";
  Kiosk kiosk(dir / "kiosk.toml", dir / "log.txt");
  REQUIRE(WaitForStatus(status, "\"source\": \"built-in\"", 20) >= 0);
  CHECK(WaitForStatus(status, "\"state\": \"problem\"", 10) >= 0);
  CHECK(Read(status).find("Not a directory") != std::string::npos);
  // Latin-1 "café" and a lone 0xFF: a stick formatted on another system can hold such a name.
  const std::string odd = std::string("caf\xE9\xFF") + ".snapshot";
  std::ofstream(dir / "inbox" / odd, std::ios::binary) << "not a snapshot";
  REQUIRE(WaitForStatus(status, "\"refused\": 1", 15) >= 0);
  auto j = nlohmann::json::parse(Read(status));  // still valid JSON
  CHECK(j["last_refusal"]["file"].get<std::string>().find("caf\\xE9\\xFF.snapshot") != std::string::npos);
  CHECK(Read(dir / "log.txt").find("cannot be read: Not a directory") != std::string::npos);
  CHECK(db::IsValidUtf8(Read(dir / "log.txt")));  // every name in the journal escaped
  // And the kiosk goes on: a good snapshot is still taken.
  fs::copy_file(dir / "good.snapshot.minisig", dir / "inbox" / "good.snapshot.minisig");
  fs::copy_file(dir / "good.snapshot", dir / "inbox" / "good.snapshot");
  CHECK(WaitForStatus(status, "\"content_version\": 3001", 15) >= 0);
}

TEST_CASE("a stick mounted on the inbox while the kiosk runs is looked at within two seconds, not at the next rescan") {
  fs::path dir = SCREENSHOT_DIR "/update-mount";
  fs::remove_all(dir);
  fs::create_directories(dir / "media");
  const std::string pub = MakeKeys(dir);
  BuildSigned(FORUM_DEMO_SOURCES, (dir / "forum.snapshot").string(), 4001, dir);
  // rescan_s 60: only the mount's news can make the kiosk look in time.
  std::ofstream(dir / "kiosk.toml") << "kiosk_id = \"mount\"\ndata_dir = \"" << (dir / "data").string() << "\"\ninbox = [\""
                                    << (dir / "media").string() << "\"]\ntrusted_keys = [\"" << pub << "\"]\nrescan_s = 60\n";
  fs::path status = dir / "data" / "status.json";
  Kiosk kiosk(dir / "kiosk.toml", dir / "log.txt");
  REQUIRE(WaitForStatus(status, "\"source\": \"built-in\"", 20) >= 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // The "stick": a tmpfs with the files on it already, mounted over the inbox (inotify on the folder beneath
  // sees nothing of it).
  fs::create_directories(dir / "stick");
  if (Run("mount -t tmpfs -o size=16m tmpfs " + (dir / "stick").string()) != 0) {
    MESSAGE("[skipped] cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): the mount case did not run");
    return;
  }
  fs::copy_file(dir / "forum.snapshot", dir / "stick" / "forum.snapshot");
  fs::copy_file(dir / "forum.snapshot.minisig", dir / "stick" / "forum.snapshot.minisig");
  CHECK(Run("mount --move " + (dir / "stick").string() + " " + (dir / "media").string()) == 0);
  double took = WaitForStatus(status, "\"content_version\": 4001", 10);
  Run("umount " + (dir / "media").string());
  MESSAGE("a mounted stick's snapshot installed after " << took << " s");
  CHECK(took >= 0);
  CHECK(took < 2.0);
}

namespace {

// A FAT16 stick image (mkfs.vfat, mtools) holding `files` in that order, each in one contiguous cluster run from
// cluster 2. With `damaged`, the first file's cluster chain is cut half-way in both FATs: the directory still
// gives its full size, reading it ends early, as on a stick pulled out while it was written.
void MakeStick(const fs::path& image, const std::vector<fs::path>& files, bool damaged) {
  REQUIRE(Run("mkfs.vfat -F 16 -C " + image.string() + " 16384") == 0);
  for (const auto& f : files) REQUIRE(Run("mcopy -i " + image.string() + " " + f.string() + " ::" + f.filename().string()) == 0);
  if (!damaged) return;
  std::fstream img(image, std::ios::in | std::ios::out | std::ios::binary);
  unsigned char boot[64];
  img.read(reinterpret_cast<char*>(boot), sizeof boot);
  const unsigned sector = boot[11] | boot[12] << 8, per_cluster = boot[13], reserved = boot[14] | boot[15] << 8, fats = boot[16],
                 fat_sectors = boot[22] | boot[23] << 8;
  const uint64_t clusters = (fs::file_size(files.front()) + sector * per_cluster - 1) / (sector * per_cluster);
  const uint64_t cut = 2 + clusters / 2;  // its last cluster from now on
  for (unsigned f = 0; f < fats; ++f) {
    img.seekp((reserved + f * fat_sectors) * uint64_t(sector) + cut * 2);
    img.write("\xFF\xFF", 2);  // end of chain
  }
}

}  // namespace

TEST_CASE("a damaged file on a real FAT stick is refused once with its reason, the kiosk goes on, and the stick copied again is installed") {
  if (Run("command -v fusefat && command -v mkfs.vfat && command -v mcopy") != 0) {
    MESSAGE("[skipped] fusefat, dosfstools or mtools is not installed (run .ci/deps): the damaged stick did not run");
    return;
  }
  fs::path dir = SCREENSHOT_DIR "/update-damaged";
  // Whatever happens below (a failed REQUIRE, a kiosk still reading the stick), the stick is unmounted at the
  // end: lazily (-z) when busy, so no mount is left behind to block the next run's clean-up.
  struct Unmount {
    fs::path media;
    ~Unmount() { Run("fusermount -u -z " + media.string()); }
  } unmount{dir / "media"};
  Run("fusermount -u -z " + (dir / "media").string());
  fs::remove_all(dir);
  fs::create_directories(dir / "media");
  const std::string pub = MakeKeys(dir);
  BuildSigned(FORUM_DEMO_SOURCES, (dir / "forum.snapshot").string(), 4101, dir);
  MakeStick(dir / "damaged.img", {dir / "forum.snapshot", dir / "forum.snapshot.minisig"}, true);
  MakeStick(dir / "good.img", {dir / "forum.snapshot", dir / "forum.snapshot.minisig"}, false);
  std::ofstream(dir / "kiosk.toml") << "kiosk_id = \"stick\"\ndata_dir = \"" << (dir / "data").string() << "\"\ninbox = [\""
                                    << (dir / "media").string() << "\"]\ntrusted_keys = [\"" << pub << "\"]\n";
  fs::path status = dir / "data" / "status.json";
  Kiosk kiosk(dir / "kiosk.toml", dir / "log.txt");
  REQUIRE(WaitForStatus(status, "\"source\": \"built-in\"", 20) >= 0);
  // The stick inserted: the real FAT driver (fusefat) mounted on the inbox.
  if (Run("fusefat -o ro " + (dir / "damaged.img").string() + " " + (dir / "media").string()) != 0) {
    MESSAGE("[skipped] cannot mount through FUSE here (/dev/fuse and root needed): the damaged stick did not run");
    return;
  }
  CHECK(fs::file_size(dir / "media" / "forum.snapshot") == fs::file_size(dir / "forum.snapshot"));  // the medium's size
  CHECK(WaitForStatus(status, "\"refused\": 1", 20) >= 0);
  auto j = nlohmann::json::parse(Read(status));
  std::string reason = j["last_refusal"]["reason"];
  CHECK_MESSAGE(reason.find("shorter than its size on the medium") != std::string::npos, reason);
  // Refused once, not retried every few seconds while the stick stays in.
  std::this_thread::sleep_for(std::chrono::seconds(12));
  std::string st = Read(status);
  CHECK_MESSAGE(st.find("\"refused\": 1") != std::string::npos, st);
  CHECK(st.find("\"source\": \"built-in\"") != std::string::npos);
  CHECK(Read(dir / "log.txt").find("forum-kiosk: refused") != std::string::npos);  // in the journal
  // Staff copy the file again: the stick is pulled out and comes back good.
  // The good copy has the damaged one's name, size, time and place on the medium: the kiosk knows it again only
  // after it has looked at the inbox without the stick (a scan after the unmount: its last_check moves on).
  CHECK(Run("fusermount -u " + (dir / "media").string()) == 0);
  const std::string checked = nlohmann::json::parse(Read(status))["last_check"];
  for (int i = 0; i < 150 && nlohmann::json::parse(Read(status))["last_check"] == checked; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(Run("fusefat -o ro " + (dir / "good.img").string() + " " + (dir / "media").string()) == 0);
  double took = WaitForStatus(status, "\"content_version\": 4101", 20);
  Run("fusermount -u " + (dir / "media").string());
  CHECK(took >= 0);
  MESSAGE("the good stick's snapshot installed after " << took << " s");
  CHECK(Read(status).find("\"state\": \"ok\"") != std::string::npos);
}
