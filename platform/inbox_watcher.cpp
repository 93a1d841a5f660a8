#include "platform/inbox_watcher.h"

#include "platform/background.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <map>

namespace platform {

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

InboxWatcher::InboxWatcher(std::unique_ptr<db::Installer> installer, std::vector<std::string> inboxes, double rescan_s,
                           double settle_s, std::function<void(db::Installed)> on_installed,
                           std::function<void(const db::Installer::Status&)> on_checked)
    : installer_(std::move(installer)),
      inboxes_(std::move(inboxes)),
      rescan_s_(rescan_s),
      settle_s_(settle_s),
      on_installed_(std::move(on_installed)),
      on_checked_(std::move(on_checked)),
      stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      thread_([this] { Supervise(); }) {}

void InboxWatcher::Supervise() {
  RunInBackground();  // an install (copy, hash, every check) yields the cores to the frames
  // Run returns only when asked to stop; if it ever fails outside a scan (inotify, memory), the failure is
  // reported and the watcher starts again after a second.
  for (;;) {
    auto failed = db::Guard("the inbox watcher", [&] { Run(); });
    if (!failed) return;
    std::fprintf(stderr, "forum-kiosk: %s; restarting it\n", failed->message.c_str());
    {
      std::lock_guard<std::mutex> lock(status_mu_);
      status_.last_problem = failed->message;
    }
    pollfd stop = {stop_fd_.get(), POLLIN, 0};
    if (::poll(&stop, 1, 1000) > 0) return;
  }
}

InboxWatcher::~InboxWatcher() {
  uint64_t one = 1;
  if (stop_fd_ && ::write(stop_fd_.get(), &one, sizeof one) < 0) std::perror("forum-kiosk: stopping the inbox watcher");
  if (thread_.joinable()) thread_.join();
}

db::Installer::Status InboxWatcher::status() {
  std::lock_guard<std::mutex> lock(status_mu_);
  return status_;
}

void InboxWatcher::Run() {
  const db::UniqueFd inotify(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));  // closed however Run ends
  const db::UniqueFd mounts(::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC));  // POLLPRI on each change
  const int in = inotify.get();
  std::map<std::string, int> watches;  // inbox -> watch descriptor (an inbox may appear later)
  std::map<int, std::string> folder_of;  // watch descriptor -> inbox
  auto add_watches = [&] {
    if (in < 0) return;
    for (const auto& dir : inboxes_)
      if (!watches.count(dir)) {
        int wd = ::inotify_add_watch(in, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB |
                                                          IN_DELETE_SELF | IN_MOVE_SELF);
        if (wd >= 0) watches[dir] = wd, folder_of[wd] = dir;
      }
  };
  auto unwatch_all = [&] {  // a stick unmounted or a mount changed: watch again what is there now
    for (auto& [dir, wd] : watches) ::inotify_rm_watch(in, wd);
    watches.clear(), folder_of.clear();
  };
  double hot_until = 0;  // after a change, look again often until the file has settled
  double next_scan = 0;
  for (;;) {
    add_watches();
    double now = Now();
    if (now >= next_scan) {
      // The thread's exception boundary: a failure is reported (status, staff panel, log) and the watcher
      // looks again at the next rescan instead of taking the kiosk down.
      auto failed = db::Guard("checking the inboxes", [&] {
        if (auto installed = installer_->Scan(now, &activity_)) on_installed_(std::move(*installed));
      });
      {
        std::lock_guard<std::mutex> lock(status_mu_);
        status_ = installer_->status();
        if (failed) status_.last_problem = failed->message;
      }
      if (failed) std::fprintf(stderr, "forum-kiosk: %s\n", failed->message.c_str());
      if (on_checked_) {
        auto hb_failed = db::Guard("writing the heartbeat", [&] { on_checked_(installer_->status()); });
        if (hb_failed) std::fprintf(stderr, "forum-kiosk: %s\n", hb_failed->message.c_str());
      }
      next_scan = now + (!failed && (now < hot_until || installer_->Waiting()) ? 0.25 : rescan_s_);
    }
    pollfd fds[3] = {{stop_fd_.get(), POLLIN, 0}, {mounts.get(), POLLPRI, 0}, {in, POLLIN, 0}};
    int timeout_ms = static_cast<int>(std::max(0.0, next_scan - Now()) * 1000) + 1;
    int n = ::poll(fds, in >= 0 ? 3 : 2, timeout_ms);
    if (n > 0 && (fds[0].revents & POLLIN)) break;
    if (n > 0 && (fds[1].revents & (POLLPRI | POLLERR))) {  // a stick mounted or gone: watch and look now
      char drain[4096];
      ::lseek(mounts.get(), 0, SEEK_SET);
      while (::read(mounts.get(), drain, sizeof drain) > 0) {
      }
      unwatch_all();
      next_scan = Now();
    }
    if (n > 0 && in >= 0 && (fds[2].revents & POLLIN)) {
      alignas(inotify_event) char buf[4096];
      bool gone = false;
      for (ssize_t r; (r = ::read(in, buf, sizeof buf)) > 0;)
        for (char* p = buf; p < buf + r;) {
          auto* e = reinterpret_cast<inotify_event*>(p);
          p += sizeof(inotify_event) + e->len;
          gone |= (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) != 0;
          if (!e->len || !folder_of.count(e->wd)) continue;
          std::string name = e->name, path = (std::filesystem::path(folder_of[e->wd]) / name).string();  // as Scan names it
          bool sig = name.size() > 8 && name.compare(name.size() - 8, 8, ".minisig") == 0;
          if (sig) continue;  // a signature arriving only makes the watcher look: its snapshot is as it was
          if (e->mask & (IN_CREATE | IN_MODIFY)) activity_.Written(path, Now());
          if (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) activity_.Closed(path);
        }
      if (gone) unwatch_all();
      hot_until = Now() + settle_s_ + 2;
      next_scan = Now();
    }
  }
}

}  // namespace platform
