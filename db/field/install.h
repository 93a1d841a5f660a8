// Installing snapshots in the field: staff drop a signed snapshot (and its .minisig) into an inbox folder —
// a USB stick or a folder a sync tool fills — and each kiosk takes a good one within seconds and refuses a
// bad one, without a visitor ever seeing broken or half-loaded data.
//
// The data folder (InstallOptions::data_dir) holds:
//   snapshots/forum-v<VERSION>.snapshot   installed snapshots: the current one and the last-known-good
//   staging/                              copies being checked (emptied at start-up)
//   rejected/<time>-<NAME>.reason.txt     why a candidate was refused (with the refused copy beside it
//                                         when one was made; never for a symlink or special file)
//   seen.tsv                              candidates already handled (so a stick's files are not retried)
//   installed.tsv                         the content hashes of the snapshots installed so far: a file
//                                         that reappears anywhere, any time, is ignored, not refused
//   status.json                           current version and file, last check, last install and refusal
//
// One candidate's install: lstat (refuse symlinks, special and oversized files) → copy into staging while
// hashing it (BLAKE2b-512) → check the source did not change meanwhile → verify the signature → fsync →
// validate the staged copy (quick_check, schema, checksum, search index, rules) → version newer than the
// installed one → rename into snapshots/ → fsync the folder → prune older than the last-known-good. Every
// step can be interrupted (power loss, SIGKILL): the installed files are only ever complete, validated
// files, renamed into place. Inbox files are never changed or deleted: a synced folder would carry a
// deletion to every kiosk of the venue, and a stick may be read-only. Runs on a worker thread.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/model/catalog.h"
#include "db/field/signature.h"

namespace db {

struct InstallOptions {
  std::string data_dir;
  std::vector<std::string> inboxes;
  std::vector<PublicKey> trusted;      // at least one unless allow_unsigned
  bool allow_unsigned = false;         // development only: take snapshots without a signature
  uint64_t max_bytes = 512ull << 20;   // larger candidates are refused unread
  // A candidate nobody said is complete (no inotify event: a polled stick, a network folder) must stay
  // unchanged this long before it is taken, and twice the longest pause seen between two of its changes
  // (rsync --inplace --bwlimit pauses 1.3 s between writes), so a slow writer is waited for.
  double settle_s = 1.0;
  // A snapshot and its .minisig that do not match are waiting for each other, not refused, while either
  // changed less than this long ago: sync tools send them in any order, Syncthing the small one first
  // (97 s before a 20 MB snapshot, seen), and an interrupted rsync --partial leaves a short file until rerun.
  double pair_grace_s = 300;
  uint64_t rejected_max_bytes = 1ull << 30;  // copies kept in rejected/ (oldest go first); reasons are all kept
  // Called with one line for the journal per install, refusal, problem and recovery ("refused ...: reason").
  std::function<void(const std::string&)> log;
  std::string kiosk_id;                // written into status.json
  // Test hook: called with the name of each step of an install, e.g. to kill the process there.
  std::function<void(const char* step)> on_step;
};

// What the inbox watcher saw (inotify), so a delivery is taken when its writer is done with it: a snapshot
// being written (created or modified, not closed since) is no candidate; one closed after writing, or renamed
// into the inbox (how rsync, Syncthing and cp end), is complete at once, also when its .minisig arrives
// later. Paths are inbox/name of the snapshots. Without it (no inotify, or a medium that sends no events),
// the settle time decides.
struct InboxActivity {
  std::map<std::string, double> writing;  // path -> when last created or modified (the monotonic clock of Scan)
  std::set<std::string> completed;        // closed after its last write, or moved in
  // The watcher's bookkeeping of one inotify event on `path` (a snapshot; its signature's events are none of
  // this: they only make the watcher look).
  void Written(const std::string& path, double now_s) { writing[path] = now_s, completed.erase(path); }
  void Closed(const std::string& path) { writing.erase(path), completed.insert(path); }
};

// A snapshot the kiosk can show.
struct Installed {
  std::string path;
  int64_t version = 0;
  std::string source;  // "installed", "last-known-good", "built-in"
  std::shared_ptr<const Catalog> catalog;
};

class Installer {
 public:
  explicit Installer(InstallOptions options);
  ~Installer();
  Installer(const Installer&) = delete;
  Installer& operator=(const Installer&) = delete;

  // At start-up: empties staging/ and returns the newest installed snapshot that passes every check, else
  // the last-known-good, else nothing (the kiosk then shows its built-in snapshot, which the caller reports
  // with Running()). Writes status.json.
  std::optional<Installed> Startup();
  // Tells the installer what the kiosk shows (e.g. the built-in demo), so candidates are compared with it.
  void Running(const std::string& path, int64_t version, const std::string& source);
  // One look at every inbox. Returns the snapshot newly installed, to swap in, if any. `now_s` is a
  // monotonic clock in seconds (for settle_s).
  std::optional<Installed> Scan(double now_s, InboxActivity* activity = nullptr);
  // True when the last Scan saw a candidate still settling (look again soon, not only at the next rescan).
  bool Waiting() const;

  struct Status {
    std::string current_file, current_source;
    int64_t current_version = 0;
    std::string last_check, last_install, last_refusal, last_refusal_reason, last_refusal_at, last_problem;
    int refused = 0, installed = 0;  // kept across restarts (status.json is read back at start-up)
    bool refused_since_install = false;
    std::map<std::string, std::string> inbox_problems;  // inbox -> why it cannot be read now
    // "ok", or what the last event left: "refused" (a refusal since the last install) or "problem".
    std::string State() const;
  };
  const Status& status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace db
