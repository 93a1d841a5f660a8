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
  double settle_s = 1.0;               // a candidate must stay unchanged this long before it is taken
  std::string kiosk_id;                // written into status.json
  // Test hook: called with the name of each step of an install, e.g. to kill the process there.
  std::function<void(const char* step)> on_step;
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
  std::optional<Installed> Scan(double now_s);
  // True when the last Scan saw a candidate still settling (look again soon, not only at the next rescan).
  bool Waiting() const;

  struct Status {
    std::string current_file, current_source;
    int64_t current_version = 0;
    std::string last_check, last_install, last_refusal, last_refusal_reason, last_problem;
    int refused = 0, installed = 0;
  };
  const Status& status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace db
