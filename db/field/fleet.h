// The fleet view (issue 16, part 6): each kiosk writes a small heartbeat file into an outbox folder that the
// venue's own sync tool (rsync, Syncthing, a shared folder) carries back to staff; `kiosk-snapshot fleet DIR`
// reads every heartbeat there and says which kiosk shows which version, which are behind, silent or have a
// problem. No network protocol of our own: the files travel the way snapshots do, the other way.
//
// A heartbeat is <outbox>/<kiosk_id>.heartbeat.json, written atomically (a temporary beside it, renamed: a sync
// tool never carries half a file), after every install or refusal and at least every heartbeat_s.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "db/base/result.h"
#include "db/field/install.h"

namespace db {

struct Heartbeat {
  std::string kiosk_id;
  int64_t content_version = 0;
  std::string state;          // Installer::Status::State(): ok, refused, problem
  std::string last_install, last_refusal, last_refusal_reason, last_refusal_at, last_problem;
  int64_t uptime_s = 0;
  int64_t free_disk_mb = -1;  // of the data folder; -1 unknown
  std::string written_at;     // ISO 8601 UTC, when the kiosk wrote it
  int64_t written_utc = 0;    // the same, in Unix seconds
};

// The heartbeat of a kiosk with installer status `st`.
Heartbeat MakeHeartbeat(const std::string& kiosk_id, const Installer::Status& st, int64_t uptime_s,
                        const std::string& data_dir, int64_t now_utc);
// Writes it into `outbox` (created when missing). The file's path, or why not.
Result<std::string> WriteHeartbeat(const std::string& outbox, const Heartbeat& h);

// One kiosk as the fleet view shows it.
struct FleetRow {
  Heartbeat beat;
  std::string file;             // where it was read
  bool behind = false;          // shows an older content version than the newest in the fleet
  bool silent = false;          // no heartbeat for longer than the threshold
  std::vector<std::string> notes;  // what staff should look at, in plain words
};
struct Fleet {
  std::vector<FleetRow> kiosks;        // sorted by kiosk id
  std::vector<std::string> unreadable; // files that are no heartbeat, with why
  int64_t newest_version = 0;
};
// Every *.heartbeat.json in `dir`. `now_utc` and `silent_after_s` decide who is silent.
Fleet ReadFleet(const std::string& dir, int64_t now_utc, int64_t silent_after_s);

}  // namespace db
