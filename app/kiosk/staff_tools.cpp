#include "app/kiosk/staff_tools.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "db/base/files.h"
#include "db/base/text.h"
#include "platform/pin.h"

namespace kiosk {

namespace {

std::string Mb(long kb) { return std::to_string(kb / 1024) + " MB"; }

long RssKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// Says why on stderr; returns the exit code.
int Fail(int code, const std::string& why) {
  std::cerr << "forum-kiosk: " << why << "\n";
  return code;
}

}  // namespace

int SetPin(const std::string& config_path) {
  if (config_path.empty()) return Fail(2, "--set-pin needs --config FILE");
  std::string pin;
  std::getline(std::cin, pin);
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  if (!platform::IsValidPin(pin)) return Fail(2, "a PIN is 4 to 12 digits");
  std::string hash = platform::HashPin(pin);
  if (hash.empty()) return Fail(1, "cannot hash the PIN");
  std::string text = db::ReadWholeFile(config_path).value_or("");
  std::string line = "staff_pin_hash = \"" + hash + "\"";
  std::string out;
  bool replaced = false;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    bool is_key = l.rfind("staff_pin_hash", 0) == 0 && l.find('=') != std::string::npos;
    out += (is_key ? (replaced ? std::string() : line) : l) + (is_key && replaced ? "" : "\n");
    replaced |= is_key;
  }
  if (!replaced) out = line + "\n" + out;  // top of the file: before any [table]
  if (!db::WriteFileAtomic(config_path, out)) return Fail(1, "cannot replace " + config_path);
  std::cout << "the staff PIN hash is in " << config_path << "\n";
  return 0;
}

std::vector<std::pair<std::string, std::string>> StaffInfo(const platform::Config& config, const app::AppState& s,
                                                           const db::Installer::Status& st, double uptime_s,
                                                           double frame_ms, int rotation) {
  std::vector<std::pair<std::string, std::string>> rows;
  const db::Catalog* c = s.catalog.get();
  auto up = static_cast<long>(uptime_s);
  char uptime[64];
  std::snprintf(uptime, sizeof uptime, "%ld d %02ld:%02ld:%02ld", up / 86400, up / 3600 % 24, up / 60 % 60, up % 60);
  char frame[32];
  std::snprintf(frame, sizeof frame, "%.1f ms", frame_ms);
  rows.push_back({"Kiosk", config.kiosk_id});
  rows.push_back({"Snapshot", st.current_file.empty() ? "(from the command line or built in)" : st.current_file + " (" + st.current_source + ")"});
  if (c) {
    rows.push_back({"Content version", std::to_string(c->info.content_version)});
    rows.push_back({"Built", c->info.built_at + " by " + c->info.generator});
  }
  rows.push_back({"Last check", st.last_check.empty() ? "-" : st.last_check});
  rows.push_back({"Last update", st.last_install.empty() ? "-" : st.last_install});
  rows.push_back({"Last refusal", st.last_refusal.empty() ? "-" : st.last_refusal + ": " + st.last_refusal_reason});
  if (!st.last_problem.empty()) rows.push_back({"Problem", st.last_problem});
  for (const auto& [inbox, why] : st.inbox_problems) rows.push_back({"Problem", "the inbox " + inbox + " cannot be read: " + why});
  rows.push_back({"Update state", st.State()});
  rows.push_back({"Uptime", uptime});
  rows.push_back({"Frame time", frame});
  rows.push_back({"Memory", Mb(RssKb())});
  rows.push_back({"Screen", std::to_string(rotation) + "\xC2\xB0"});
  return rows;
}

}  // namespace kiosk
