// Watches the inbox folders on a thread of its own and runs the installer (db/field/install.h) when something
// arrives (inotify) and at least every `rescan_s` (a network folder inotify does not see). inotify also says
// when a delivery is complete (db::InboxActivity: a file closed after writing or renamed in, as rsync,
// Syncthing and cp end) and which files are still being written; a mount appearing or going
// (/proc/self/mountinfo, which poll() flags on every change) is looked at at once, not at the next rescan. A newly installed snapshot is handed to `on_installed` on that thread; the caller
// passes it to the UI thread, which swaps it in at a frame boundary.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "db/base/files.h"
#include "db/field/install.h"

namespace platform {

class InboxWatcher {
 public:
  // Takes the installer (its Startup already done). Starts the thread.
  // `on_checked` (may be null): called on the thread after every look, with the installer's status (the
  // kiosk writes its heartbeat from it).
  InboxWatcher(std::unique_ptr<db::Installer> installer, std::vector<std::string> inboxes, double rescan_s,
               double settle_s, std::function<void(db::Installed)> on_installed,
               std::function<void(const db::Installer::Status&)> on_checked = nullptr);
  ~InboxWatcher();  // stops the thread and waits for it
  // The installer's status after its last look (thread-safe copy).
  db::Installer::Status status();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

 private:
  void Supervise();  // the thread: runs Run, restarting it after a failure
  void Run();
  std::unique_ptr<db::Installer> installer_;
  std::vector<std::string> inboxes_;
  double rescan_s_, settle_s_;
  std::function<void(db::Installed)> on_installed_;
  std::function<void(const db::Installer::Status&)> on_checked_;
  db::UniqueFd stop_fd_;  // eventfd: wakes the thread to stop; closed after the thread has ended
  db::InboxActivity activity_;  // the thread's own: what inotify said about the inboxes' files
  std::mutex status_mu_;
  db::Installer::Status status_;  // guarded by status_mu_
  std::thread thread_;
};

}  // namespace platform
