#include "live_kiosk.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <fcntl.h>
#include <signal.h>
#include <stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace e2e {

namespace {

void Sleep(double seconds) { std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(seconds * 1e6))); }

double Clock() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A finger's timing: it rests about 80 ms on the glass for a tap; a double tap's second touch follows
// within about 150 ms.
constexpr double kTapS = 0.08, kBetweenTapsS = 0.15;

}  // namespace

// [SECTION] Reports

std::string Report::Get(const std::string& key) const {
  for (const auto& [k, v] : lines)
    if (k == key) return v;
  return "";
}

bool Report::Overlay(const std::string& name) const {
  for (const auto& [k, v] : lines)
    if (k == "overlay" && v == name) return true;
  return false;
}

const Rect* Report::Find(const std::string& suffix) const {
  for (const auto& t : targets)
    if (t.key.size() >= suffix.size() && t.key.compare(t.key.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &t;
  return nullptr;
}

double Report::Number(const std::string& key, int index) const {
  std::istringstream in(Get(key));
  double v = 0;
  for (int i = 0; i <= index; ++i)
    if (!(in >> v)) return 0;
  return v;
}

std::string Report::Summary() const {
  std::string out = "screen=" + Get("screen") + " lang=" + Get("lang");
  for (const char* k : {"exhibitor", "agreement", "session", "focus", "query"})
    if (!Get(k).empty()) out += std::string(" ") + k + "=" + Get(k);
  for (const auto& [k, v] : lines)
    if (k == "overlay") out += " overlay=" + v;
  return out + " (" + std::to_string(targets.size()) + " targets)";
}

Report ParseReport(const std::string& text) {
  Report r;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto sp = line.find(' ');
    std::string key = line.substr(0, sp), value = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (key != "target") {
      r.lines.emplace_back(key, value);
      continue;
    }
    // "target KEY X0 Y0 X1 Y1": the four numbers are the last words (a key never ends in a number and space).
    Rect t;
    std::string rest = value;
    float* dst[] = {&t.y1, &t.x1, &t.y0, &t.x0};
    bool ok = true;
    for (float* d : dst) {
      auto at = rest.rfind(' ');
      if (at == std::string::npos) { ok = false; break; }
      *d = std::strtof(rest.c_str() + at + 1, nullptr);
      rest.resize(at);
    }
    t.key = rest;
    if (ok) r.targets.push_back(t);
  }
  return r;
}

// [SECTION] The X server

XServer::XServer(int width, int height) : w_(width), h_(height) {
  int fds[2];
  if (::pipe(fds) != 0) return;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::close(fds[0]);
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1), ::dup2(devnull, 2);
    std::string fd = std::to_string(fds[1]), screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    ::execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp", "-noreset",
             static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  // Xvfb writes its display number once it accepts connections.
  std::string number;
  char c;
  while (::read(fds[0], &c, 1) == 1 && c != '\n') number += c;
  ::close(fds[0]);
  if (number.empty()) return;
  display_ = ":" + number;
  dpy_ = XOpenDisplay(display_.c_str());
  int ev, err, major, minor;
  if (dpy_ && !XTestQueryExtension(dpy_, &ev, &err, &major, &minor)) XCloseDisplay(dpy_), dpy_ = nullptr;
}

XServer::~XServer() {
  if (dpy_) XCloseDisplay(dpy_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

void XServer::Move(int x, int y) {
  XTestFakeMotionEvent(dpy_, -1, x, y, CurrentTime);
  XFlush(dpy_);
}

void XServer::Button(bool down) {
  XTestFakeButtonEvent(dpy_, 1, down ? True : False, CurrentTime);
  XFlush(dpy_);
}

Image XServer::Grab(const std::string& png) {
  Image img;
  XImage* xi = XGetImage(dpy_, DefaultRootWindow(dpy_), 0, 0, w_, h_, AllPlanes, ZPixmap);
  if (!xi) return img;
  img.w = w_, img.h = h_;
  img.rgb.resize(static_cast<size_t>(w_) * h_ * 3);
  auto shift = [](unsigned long mask) { int s = 0; while (mask && !(mask & 1)) mask >>= 1, ++s; return s; };
  int rs = shift(xi->red_mask), gs = shift(xi->green_mask), bs = shift(xi->blue_mask);
  for (int y = 0; y < h_; ++y)
    for (int x = 0; x < w_; ++x) {
      unsigned long p = XGetPixel(xi, x, y);
      unsigned char* o = &img.rgb[(static_cast<size_t>(y) * w_ + x) * 3];
      o[0] = (p & xi->red_mask) >> rs, o[1] = (p & xi->green_mask) >> gs, o[2] = (p & xi->blue_mask) >> bs;
    }
  XDestroyImage(xi);
  if (!png.empty()) {
    fs::create_directories(fs::path(png).parent_path());
    stbi_write_png(png.c_str(), w_, h_, 3, img.rgb.data(), w_ * 3);
  }
  return img;
}

// [SECTION] The kiosk

LiveKiosk::LiveKiosk(XServer& x, const std::vector<std::string>& args, const std::string& name, bool wait) : x_(x) {
  fs::path dir = fs::path(SCREENSHOT_DIR) / "journeys";
  fs::create_directories(dir);
  report_ = (dir / (name + ".report")).string();
  log_ = (dir / (name + ".log")).string();
  fs::remove(report_);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::setenv("DISPLAY", x.display().c_str(), 1);
    int log = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(log, 1), ::dup2(log, 2);
    std::vector<std::string> all{FORUM_KIOSK};
    all.insert(all.end(), args.begin(), args.end());
    all.push_back("--report");
    all.push_back(report_);
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (wait) WaitUntilReady(20);
}

bool LiveKiosk::WaitUntilReady(double seconds) {
  // Ready when the first report at rest is written; its window (place, size) and rotation map targets onto
  // the screen.
  auto r = Settle(nullptr, seconds);
  if (!r) return false;
  wx_ = static_cast<int>(r->Number("window")), wy_ = static_cast<int>(r->Number("window", 1));
  ww_ = static_cast<float>(r->Number("window", 2)), wh_ = static_cast<float>(r->Number("window", 3));
  rotation_ = static_cast<int>(r->Number("rotation"));
  return true;
}

LiveKiosk::~LiveKiosk() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

bool LiveKiosk::Alive() { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

std::string LiveKiosk::Log() const { return Read(log_); }

Report LiveKiosk::Now() const { return ParseReport(Read(report_)); }

std::optional<Report> LiveKiosk::Settle(const std::function<bool(const Report&)>& until, double seconds) {
  double end = Clock() + seconds;
  for (;;) {
    Report r = Now();
    if (!r.lines.empty() && r.rest() && r.buttons() >= sent_ && (!until || until(r))) return r;
    if (Clock() > end) return std::nullopt;
    Sleep(0.01);
  }
}

void LiveKiosk::MoveTo(float x, float y) {
  // Targets are reported in the laid-out (logical) frame; a screen mounted turned shows that frame rotated
  // (platform::Window::SetRotation), so the finger lands at the turned point.
  float px = x, py = y;
  if (rotation_ == 90) px = ww_ - y, py = x;
  if (rotation_ == 180) px = ww_ - x, py = wh_ - y;
  if (rotation_ == 270) px = y, py = wh_ - x;
  x_.Move(wx_ + static_cast<int>(px), wy_ + static_cast<int>(py));
}

void LiveKiosk::Down(float x, float y) {
  MoveTo(x, y);  // an X11 touchscreen moves the pointer to the touch, then presses
  Sleep(0.01);
  x_.Button(true);
  ++sent_;
}

void LiveKiosk::Up() {
  x_.Button(false);
  ++sent_;
}

Report LiveKiosk::TapAt(float x, float y) {
  Down(x, y);
  Sleep(kTapS);
  Up();
  return Settle().value_or(Now());
}

std::optional<Report> LiveKiosk::Tap(const std::string& key) {
  Report r = Now();
  const Rect* t = r.Find(key);
  if (!t) return std::nullopt;
  return TapAt(t->cx(), t->cy());
}

Report LiveKiosk::DoubleTapAt(float x, float y) {
  Down(x, y);
  Sleep(kTapS);
  Up();
  Sleep(kBetweenTapsS - kTapS);
  Down(x + 3, y + 2);  // a finger never lands twice on the same pixel
  Sleep(kTapS);
  Up();
  return Settle().value_or(Now());
}

Report LiveKiosk::Hold(float x, float y, double seconds) {
  Down(x, y);
  Sleep(seconds);
  Up();
  return Settle().value_or(Now());
}

Report LiveKiosk::Drag(float x0, float y0, float x1, float y1, double seconds, double hold_s) {
  Down(x0, y0);
  Sleep(0.03);
  int steps = std::max(4, static_cast<int>(seconds / 0.016));
  for (int i = 1; i <= steps; ++i) {
    MoveTo(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
    Sleep(seconds / steps);
  }
  Sleep(hold_s);
  Up();
  return Settle().value_or(Now());
}

Image LiveKiosk::Shot(const std::string& name) {
  return x_.Grab((fs::path(SCREENSHOT_DIR) / "journeys" / (name + ".png")).string());
}

long RssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

Image Expected(const std::string& screen, int width, int height, const std::string& extra, const std::string& png) {
  fs::create_directories(fs::path(png).parent_path());
  std::string size = std::to_string(width) + "x" + std::to_string(height);
  std::string cmd = "xvfb-run -a -s '-screen 0 " + size + "x24' " FORUM_KIOSK " --windowed " + size + " --screen " +
                    screen + " " + extra + " --screenshot " + png + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) return {};
  return Load(png);
}

}  // namespace e2e
