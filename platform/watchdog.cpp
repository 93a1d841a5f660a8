#include "platform/watchdog.h"

#include <systemd/sd-daemon.h>

#include <unistd.h>

#include <string>

namespace platform {

Watchdog::Watchdog() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) interval_s_ = static_cast<double>(usec) / 1e6 / 2;
}

void Watchdog::Ready() {
  std::string msg = "READY=1\nSTATUS=showing the forum\nMAINPID=" + std::to_string(getpid());
  sd_notify(0, msg.c_str());
}

void Watchdog::Ping(double now_s) {
  if (interval_s_ <= 0 || now_s - last_ < interval_s_ / 2) return;
  last_ = now_s;
  sd_notify(0, "WATCHDOG=1");
}

void Watchdog::Stopping() { sd_notify(0, "STOPPING=1"); }

}  // namespace platform
