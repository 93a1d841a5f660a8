#include "db/field/fleet.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "db/base/files.h"
#include "db/base/text.h"

namespace db {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSuffix = ".heartbeat.json";

// A kiosk id as a file name: its letters, digits, '-', '_' and '.' kept, anything else '_'.
std::string FileName(const std::string& id) {
  std::string out;
  for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  return (out.empty() || out[0] == '.' ? "kiosk" + out : out) + kSuffix;
}

std::string Str(const nlohmann::json& j, const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; }
int64_t Int(const nlohmann::json& j, const char* k, int64_t otherwise) {
  return j.contains(k) && j[k].is_number_integer() ? j[k].get<int64_t>() : otherwise;
}

std::string Age(int64_t s) {
  if (s < 120) return std::to_string(s) + " s";
  if (s < 7200) return std::to_string(s / 60) + " min";
  return std::to_string(s / 3600) + " h";
}

}  // namespace

Heartbeat MakeHeartbeat(const std::string& kiosk_id, const Installer::Status& st, int64_t uptime_s,
                        const std::string& data_dir, int64_t now_utc) {
  Heartbeat h;
  h.kiosk_id = kiosk_id;
  h.content_version = st.current_version;
  h.state = st.State();
  h.last_install = st.last_install;
  h.last_refusal = st.last_refusal;
  h.last_refusal_reason = st.last_refusal_reason;
  h.last_refusal_at = st.last_refusal_at;
  h.last_problem = st.last_problem;
  for (const auto& [inbox, why] : st.inbox_problems)
    if (h.last_problem.empty()) h.last_problem = "the inbox " + inbox + " cannot be read: " + why;
  h.uptime_s = uptime_s;
  struct statvfs fs {};
  if (!data_dir.empty() && ::statvfs(data_dir.c_str(), &fs) == 0)
    h.free_disk_mb = static_cast<int64_t>(fs.f_bavail * fs.f_frsize >> 20);
  h.written_utc = now_utc;
  h.written_at = FormatInstant(now_utc, 0);
  return h;
}

Result<std::string> WriteHeartbeat(const std::string& outbox, const Heartbeat& h) {
  std::error_code ec;
  fs::create_directories(outbox, ec);
  nlohmann::json j = {{"kiosk_id", h.kiosk_id},       {"content_version", h.content_version},
                      {"state", h.state},             {"last_install", h.last_install},
                      {"last_refusal", {{"file", h.last_refusal}, {"reason", h.last_refusal_reason}, {"at", h.last_refusal_at}}},
                      {"last_problem", h.last_problem}, {"uptime_s", h.uptime_s},
                      {"free_disk_mb", h.free_disk_mb}, {"written_at", h.written_at},
                      {"written_utc", h.written_utc}};
  std::string path = (fs::path(outbox) / FileName(h.kiosk_id)).string();
  if (!WriteFileAtomic(path, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"))
    return Error{"cannot write the heartbeat " + Printable(path) + " (is the outbox writable?)"};
  return path;
}

Fleet ReadFleet(const std::string& dir, int64_t now_utc, int64_t silent_after_s) {
  Fleet f;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.size() <= std::string(kSuffix).size() || name[0] == '.' ||
        name.compare(name.size() - std::string(kSuffix).size(), std::string::npos, kSuffix) != 0)
      continue;
    auto text = ReadWholeFile(e.path().string());
    auto j = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    if (!j.is_object() || Str(j, "kiosk_id").empty()) {
      f.unreadable.push_back(Printable(name) + ": not a heartbeat (no JSON object with a kiosk_id)");
      continue;
    }
    FleetRow r;
    r.file = e.path().string();
    Heartbeat& h = r.beat;
    h.kiosk_id = Str(j, "kiosk_id");
    h.content_version = Int(j, "content_version", 0);
    h.state = Str(j, "state");
    h.last_install = Str(j, "last_install");
    if (j.contains("last_refusal") && j["last_refusal"].is_object()) {
      h.last_refusal = Str(j["last_refusal"], "file");
      h.last_refusal_reason = Str(j["last_refusal"], "reason");
      h.last_refusal_at = Str(j["last_refusal"], "at");
    }
    h.last_problem = Str(j, "last_problem");
    h.uptime_s = Int(j, "uptime_s", 0);
    h.free_disk_mb = Int(j, "free_disk_mb", -1);
    h.written_at = Str(j, "written_at");
    h.written_utc = Int(j, "written_utc", 0);
    f.newest_version = std::max(f.newest_version, h.content_version);
    f.kiosks.push_back(std::move(r));
  }
  if (ec) f.unreadable.push_back(Printable(dir) + ": " + ec.message());
  std::sort(f.kiosks.begin(), f.kiosks.end(), [](const FleetRow& a, const FleetRow& b) { return a.beat.kiosk_id < b.beat.kiosk_id; });
  for (FleetRow& r : f.kiosks) {
    const Heartbeat& h = r.beat;
    r.behind = h.content_version < f.newest_version;
    r.silent = now_utc - h.written_utc > silent_after_s;
    if (r.behind) r.notes.push_back("behind: shows " + std::to_string(h.content_version) + ", the newest is " + std::to_string(f.newest_version));
    if (r.silent) r.notes.push_back("silent for " + Age(now_utc - h.written_utc) + " (is it on, and is its outbox synced?)");
    if (h.state == "problem") r.notes.push_back("problem: " + h.last_problem);
    if (h.state == "refused") r.notes.push_back("refused " + h.last_refusal + ": " + h.last_refusal_reason);
    if (h.free_disk_mb >= 0 && h.free_disk_mb < 1024) r.notes.push_back("only " + std::to_string(h.free_disk_mb) + " MB free on its data disk");
  }
  return f;
}

}  // namespace db
