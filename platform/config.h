// The kiosk's configuration file (TOML, `forum-kiosk --config FILE`; every key in docs/DEPLOY.md). A bad
// value never stops the kiosk: it is reported with the file, line and key, and that key keeps its default.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "db/field/signature.h"

namespace platform {

struct Config {
  std::string kiosk_id = "kiosk";                     // names this kiosk in status.json and staff mode
  std::string data_dir;                               // installed snapshots, status.json; "" = no installer
  std::vector<std::string> inboxes;                   // folders watched for new snapshots
  std::vector<db::PublicKey> trusted_keys;            // minisign public keys (two allow a key rotation)
  bool allow_unsigned = false;                        // development only
  double rescan_s = 10;                               // look at the inboxes at least this often (media mount late)
  double settle_s = 1;                                // a file must be still this long before it is taken
  uint64_t max_snapshot_mb = 512;                     // larger candidates are refused unread
  double pair_grace_s = 300;                          // a snapshot and signature that disagree wait this long
  uint64_t rejected_max_mb = 0;                       // copies kept in rejected/; 0 = twice max_snapshot_mb
  std::string outbox;                                 // heartbeats for the fleet view (db/field/fleet.h); "" = none
  double heartbeat_s = 60;                            // a heartbeat at least this often (and after each event)
  std::string default_language;                       // "" = the forum's (snapshot)
  int idle_timeout_s = 0;                             // 0 = the forum's (snapshot)
  bool has_position = false;                          // you_are_here given
  double here_x = 0, here_y = 0, here_facing_deg = 0; // on the floor plan, metres; 0° = plan's +y (north)
  int here_level = 0;                                 // the ordinal of its level (levels.csv, IMDF); 0: ground
  std::string staff_pin_hash;                         // "" = staff mode cannot be opened
  int rotation = 0;                                   // 0, 90, 180, 270: the screen as mounted
  bool allow_quit = false;                            // staff mode offers "quit the kiosk"
  std::string stats_db;                               // usage counts; "" = data_dir/stats.db (none without)
};

// Reads `path`. Problems ("FILE:LINE: key: what; using the default") are appended to `problems`; an
// unreadable or unparsable file gives all defaults and one problem.
Config LoadConfig(const std::string& path, std::vector<std::string>& problems);

}  // namespace platform
