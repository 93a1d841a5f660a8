// The kiosk's configuration: good values are read; a bad value is reported with file, line and key and
// keeps its default; the kiosk never refuses to start over a typo.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "db/field/signature.h"
#include "platform/config.h"

namespace fs = std::filesystem;

namespace {

fs::path Write(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("forum-config-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p;
}

bool Has(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems)
    if (p.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("config: every key read, two trusted keys, one as a line and one as a .pub file") {
  db::PublicKey a, b;
  db::SecretKey sa, sb;
  db::GenerateKeyPair(a, sa);
  db::GenerateKeyPair(b, sb);
  fs::path pub = Write("b.pub", db::FormatPublicKey(b));
  fs::path p = Write("good.toml", "kiosk_id = \"hall-a-1\"\ndata_dir = \"/var/lib/fk\"\ninbox = [\"/media/forum\", \"/srv/in\"]\n"
                                  "trusted_keys = [\"" + db::PublicKeyLine(a) + "\", \"" + pub.string() + "\"]\n"
                                  "allow_unsigned = false\nrescan_s = 5\nsettle_s = 0.5\nmax_snapshot_mb = 64\n");
  std::vector<std::string> problems;
  auto c = platform::LoadConfig(p.string(), problems);
  CHECK(problems.empty());
  CHECK(c.kiosk_id == "hall-a-1");
  CHECK(c.data_dir == "/var/lib/fk");
  CHECK(c.inboxes == std::vector<std::string>{"/media/forum", "/srv/in"});
  REQUIRE(c.trusted_keys.size() == 2);
  CHECK(c.trusted_keys[0].IdHex() == a.IdHex());
  CHECK(c.trusted_keys[1].IdHex() == b.IdHex());
  CHECK(c.rescan_s == 5);
  CHECK(c.settle_s == 0.5);
  CHECK(c.max_snapshot_mb == 64);
  fs::remove(p), fs::remove(pub);
}

TEST_CASE("config: a bad value names file, line and key and keeps the default") {
  fs::path p = Write("bad.toml", "kiosk_id = 7\n"
                                 "inbox = \"/media/forum\"\n"
                                 "allow_unsigned = \"yes\"\n"
                                 "rescan_s = -3\n"
                                 "trusted_keys = [\"not a key\"]\n"
                                 "kiosk_idd = \"typo\"\n");
  std::vector<std::string> problems;
  auto c = platform::LoadConfig(p.string(), problems);
  std::string f = p.string();
  CHECK(Has(problems, f + ":1: kiosk_id: expected a string"));
  CHECK(Has(problems, f + ":2: inbox: expected a list of strings"));
  CHECK(Has(problems, f + ":3: allow_unsigned: expected true or false"));
  CHECK(Has(problems, f + ":4: rescan_s: out of range"));
  CHECK(Has(problems, f + ":5: trusted_keys:"));
  CHECK(Has(problems, f + ":6: kiosk_idd: unknown key"));
  CHECK(c.kiosk_id == "kiosk");
  CHECK(c.inboxes.empty());
  CHECK(!c.allow_unsigned);
  CHECK(c.rescan_s == 10);
  CHECK(c.trusted_keys.empty());
  fs::remove(p);
}

TEST_CASE("config: a file that is not TOML at all gives every default and one problem with its line") {
  fs::path p = Write("broken.toml", "kiosk_id = \"a\"\n[[[ nonsense\n");
  std::vector<std::string> problems;
  auto c = platform::LoadConfig(p.string(), problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find(p.string() + ":2:") == 0);
  CHECK(c.kiosk_id == "kiosk");
  std::vector<std::string> missing;
  platform::LoadConfig("/nonexistent/kiosk.toml", missing);
  CHECK(missing.size() == 1);
  fs::remove(p);
}
