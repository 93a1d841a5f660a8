// Watches the inbox folders on a thread of its own and runs the installer (db/field/install.h) when something
// arrives (inotify) and at least every `rescan_s` (a USB stick mounted after start-up, a network folder
// inotify does not see). A newly installed snapshot is handed to `on_installed` on that thread; the caller
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
  InboxWatcher(std::unique_ptr<db::Installer> installer, std::vector<std::string> inboxes, double rescan_s,
               double settle_s, std::function<void(db::Installed)> on_installed);
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
  db::UniqueFd stop_fd_;  // eventfd: wakes the thread to stop; closed after the thread has ended
  std::mutex status_mu_;
  db::Installer::Status status_;  // guarded by status_mu_
  std::thread thread_;
};

}  // namespace platform
