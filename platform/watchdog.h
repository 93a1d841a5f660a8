// systemd supervision (sd_notify): READY=1 once the first frame is on screen, WATCHDOG=1 after completed
// frames, so that a hung render loop is killed and restarted (Restart=always, WatchdogSec= in
// platform/forum-kiosk.service). Without systemd (no NOTIFY_SOCKET) every call does nothing.
#pragma once

namespace platform {

class Watchdog {
 public:
  Watchdog();
  // Seconds within which the loop must ping (half of WatchdogSec), or 0 when there is no watchdog.
  double interval() const { return interval_s_; }
  void Ready();             // the first frame is on screen
  void Ping(double now_s);  // after a completed frame; sends at most every interval()/2
  void Stopping();

 private:
  double interval_s_ = 0, last_ = -1e9;
};

}  // namespace platform
