// The real kiosk driven by real input: forum-kiosk running under its own Xvfb, touched through the X
// server with XTest (a tap is a pointer move, a press and a release, as an X11 touchscreen's emulated
// pointer delivers them), read back from the X screen (XGetImage) and from the report the kiosk writes
// after each frame (forum-kiosk --report, app/state/report.h: the screen, the open detail, the language and every
// touch target with its rectangle). Nothing here reaches into the kiosk: it sees only X events.
#pragma once
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support.h"

typedef struct _XDisplay Display;

namespace e2e {

struct Rect {
  std::string key;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float cx() const { return (x0 + x1) / 2; }
  float cy() const { return (y0 + y1) / 2; }
  float w() const { return x1 - x0; }
  float h() const { return y1 - y0; }
};

// One report of the kiosk (see app/state/report.h), parsed.
struct Report {
  std::vector<std::pair<std::string, std::string>> lines;
  std::vector<Rect> targets;
  std::string Get(const std::string& key) const;  // the first line with that key, "" if none
  bool Overlay(const std::string& name) const;     // "languages", "pin_pad", "staff", "idle_warning", "attract"
  const Rect* Find(const std::string& suffix) const;  // the first target whose key ends with `suffix`
  double Number(const std::string& key, int index = 0) const;  // a number of a line ("map_center", 1 = y)
  long buttons() const { return static_cast<long>(Number("buttons")); }
  bool rest() const { return Get("rest") == "1"; }
  std::string Summary() const;  // what a failure message shows: screen, detail, language, overlays
};
Report ParseReport(const std::string& text);

// An Xvfb of its own (a free display found with -displayfd), with an X connection for input and grabs.
class XServer {
 public:
  XServer(int width, int height);
  ~XServer();
  XServer(const XServer&) = delete;
  XServer& operator=(const XServer&) = delete;
  bool ok() const { return dpy_ != nullptr; }
  const std::string& display() const { return display_; }
  int width() const { return w_; }
  int height() const { return h_; }
  // Real input through XTest, on screen coordinates.
  void Move(int x, int y);
  void Button(bool down);
  // The screen as the visitor sees it, written as PNG; the pixels too, for comparisons.
  Image Grab(const std::string& png = "");

 private:
  pid_t pid_ = -1;
  Display* dpy_ = nullptr;
  std::string display_;
  int w_, h_;
};

// forum-kiosk on an XServer. Its arguments are given as they are typed; --report is added.
class LiveKiosk {
 public:
  // Starts forum-kiosk with `args` and, when `wait`, waits (20 s at most) until it is ready for input.
  LiveKiosk(XServer& x, const std::vector<std::string>& args, const std::string& name, bool wait = true);
  ~LiveKiosk();
  LiveKiosk(const LiveKiosk&) = delete;
  LiveKiosk& operator=(const LiveKiosk&) = delete;

  // Waits until the first report at rest and takes the window's place from it (what the constructor does
  // unless told not to wait). False after `seconds` without one.
  bool WaitUntilReady(double seconds);
  // The kiosk's latest report (an empty one before the first frame).
  Report Now() const;
  // Waits until the kiosk has received every button event sent so far and its screen is at rest, then
  // until `until` holds (default: nothing more), for at most `seconds`. nullopt on a timeout.
  std::optional<Report> Settle(const std::function<bool(const Report&)>& until = nullptr, double seconds = 10);
  // Gestures, in window coordinates, with a finger's timing. Each waits for the kiosk to settle.
  Report TapAt(float x, float y);
  // Taps the centre of the target whose key ends with `key`; nullopt when no such target is on screen.
  std::optional<Report> Tap(const std::string& key);
  Report DoubleTapAt(float x, float y);
  Report Hold(float x, float y, double seconds);  // a long press
  // A finger put down at `from`, moved to `to` in `seconds`, held still there for `hold_s`, lifted (a flick
  // when fast and not held).
  Report Drag(float x0, float y0, float x1, float y1, double seconds = 0.4, double hold_s = 0);
  // The screen now, saved as SCREENSHOT_DIR/journeys/NAME.png.
  Image Shot(const std::string& name);
  bool Alive();
  pid_t pid() const { return pid_; }  // the kiosk's process, for /proc (the soak samples memory, files, CPU)
  std::string Log() const;  // what the kiosk wrote to stderr

 private:
  void Down(float x, float y);
  void MoveTo(float x, float y);
  void Up();
  XServer& x_;
  pid_t pid_ = -1;
  std::string report_, log_;
  long sent_ = 0;       // button events sent since the kiosk started
  int wx_ = 0, wy_ = 0;          // the window's corner on the screen
  float ww_ = 0, wh_ = 0;        // its size
  int rotation_ = 0;             // the screen as mounted (targets are reported unturned)
};

// Renders `screen` with forum-kiosk --screenshot in a fresh Xvfb of the same size (the expected picture of a
// screen that a journey reaches). `extra` are further arguments, e.g. "--lang kk".
Image Expected(const std::string& screen, int width, int height, const std::string& extra, const std::string& png);

// The process's resident memory (VmRSS of /proc/PID/status) in KB, -1 when it cannot be read.
long RssKb(pid_t pid);

}  // namespace e2e
