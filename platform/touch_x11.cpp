#include "platform/touch_x11.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <X11/Xlib.h>
#include <X11/extensions/XInput2.h>
#include <poll.h>

#include <cmath>
#include <cstdio>

namespace platform {

static_assert(XI_TouchBegin == 18 && XI_TouchUpdate == 19 && XI_TouchEnd == 20, "XiTouchRecord documents these");
static_assert(XITouchPendingEnd == 1 << 16 && XITouchEmulatingPointer == 1 << 17, "XiTouchRecord documents these");

bool DecodeXiTouch(const XiTouchRecord& r, TouchEvent& out) {
  if (r.evtype != XI_TouchBegin && r.evtype != XI_TouchUpdate && r.evtype != XI_TouchEnd) return false;
  // Touch ids are unique per physical device: two touchscreens may use the same at once.
  out.id = uint64_t(uint32_t(r.sourceid)) << 32 | r.detail;
  out.x = float(r.event_x), out.y = float(r.event_y);
  out.t = double(r.time) / 1000.0;
  // An update with a pending end is the finger lifting (the TouchEnd follows when ownership is settled, which
  // only a grab delays); the recognizer ignores the end of a contact it has forgotten.
  if (r.evtype == XI_TouchBegin) out.kind = TouchEvent::Kind::Begin;
  else if (r.evtype == XI_TouchEnd || (r.flags & XITouchPendingEnd)) out.kind = TouchEvent::Kind::End;
  else out.kind = TouchEvent::Kind::Update;
  return true;
}

namespace {

// An X error on this connection (another client holding the window's touches: BadAccess) must not end the
// kiosk, as Xlib's default handler would: the request is made synchronously under a handler of its own, as
// GLFW does for its own requests, and the previous handler is put back. Xlib's handler is per process.
// (Xlib's handler takes no user data: these two live only for the length of one Checked call.)
int failed_code = 0;
XErrorHandler previous = nullptr;
Display* checked_display = nullptr;
int NoteError(Display* d, XErrorEvent* e) {
  if (d != checked_display) return previous ? previous(d, e) : 0;  // GLFW's: as before
  failed_code = e->error_code;
  return 0;
}
bool Checked(Display* d, const XIEventMask& mask, ::Window w) {
  failed_code = 0;
  checked_display = d;
  previous = XSetErrorHandler(NoteError);
  XISelectEvents(d, w, const_cast<XIEventMask*>(&mask), 1);
  XSync(d, False);
  XSetErrorHandler(previous);
  return failed_code == 0;
}

}  // namespace

struct X11Touch::Connection {
  Display* glfw = nullptr;  // GLFW's connection: only waited on here
  Display* own = nullptr;   // this one: XInput 2.2, touch and hierarchy events
  ::Window window = 0;
  int opcode = 0;
  ~Connection() {
    if (own) XCloseDisplay(own);
  }
};

std::unique_ptr<X11Touch> X11Touch::Open(GLFWwindow* window) {
  Display* glfw_display = glfwGetX11Display();
  ::Window x_window = glfwGetX11Window(window);
  if (!glfw_display || !x_window) return nullptr;
  std::unique_ptr<X11Touch> t(new X11Touch());
  t->c_ = std::make_unique<Connection>();
  Connection& c = *t->c_;
  c.glfw = glfw_display;
  c.window = x_window;
  c.own = XOpenDisplay(DisplayString(glfw_display));
  int event, error;
  if (!c.own || !XQueryExtension(c.own, "XInputExtension", &c.opcode, &event, &error)) return nullptr;
  int major = 2, minor = 2;
  if (XIQueryVersion(c.own, &major, &minor) != Success || major < 2 || (major == 2 && minor < 2)) return nullptr;
  // Hot plugging: the hierarchy events come for every device (XIAllDevices is the only device they can be
  // selected for), on the root window.
  unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
  XISetMask(bits, XI_HierarchyChanged);
  XIEventMask mask{XIAllDevices, int(sizeof bits), bits};
  if (!Checked(c.own, mask, DefaultRootWindow(c.own))) return nullptr;
  t->Select();
  return t;
}

X11Touch::~X11Touch() = default;

void X11Touch::Select() {
  Connection& c = *c_;
  bool touchscreen = false;
  int n = 0;
  if (XIDeviceInfo* devices = XIQueryDevice(c.own, XIAllDevices, &n)) {
    for (int i = 0; i < n && !touchscreen; ++i)
      for (int k = 0; k < devices[i].num_classes; ++k) {
        auto* touch = reinterpret_cast<XITouchClassInfo*>(devices[i].classes[k]);
        if (touch->type == XITouchClass && touch->mode == XIDirectTouch && devices[i].enabled) touchscreen = true;
      }
    XIFreeDeviceInfo(devices);
  }
  if (touchscreen == selected_) return;
  unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
  if (touchscreen) {  // the three together: XInput 2.2 refuses a selection of only some of them
    XISetMask(bits, XI_TouchBegin);
    XISetMask(bits, XI_TouchUpdate);
    XISetMask(bits, XI_TouchEnd);
  }
  XIEventMask mask{XIAllMasterDevices, int(sizeof bits), bits};
  if (!Checked(c.own, mask, c.window)) {
    std::fprintf(stderr, "forum-kiosk: the touchscreen's touches cannot be selected (X error %d): the pointer alone\n", failed_code);
    return;
  }
  selected_ = touchscreen;
  std::fprintf(stderr, "forum-kiosk: %s\n", touchscreen ? "a touchscreen: pinch and two-finger pan on (XInput 2.2)"
                                                        : "the touchscreen is gone: the pointer alone");
}

void X11Touch::WaitEvents(double timeout_s, int wake_fd) {
  Connection& c = *c_;
  // Events already read into either queue (while Xlib waited for a reply) wake nothing: look there first.
  if (timeout_s > 0 && XPending(c.glfw) == 0 && XPending(c.own) == 0) {
    pollfd fds[3] = {{ConnectionNumber(c.glfw), POLLIN, 0}, {ConnectionNumber(c.own), POLLIN, 0}, {wake_fd, POLLIN, 0}};
    ::poll(fds, wake_fd >= 0 ? 3 : 2, int(std::ceil(std::min(timeout_s, 3600.0) * 1000)));
  }
  glfwPollEvents();
}

std::vector<TouchEvent> X11Touch::Take(bool& devices_changed) {
  Connection& c = *c_;
  std::vector<TouchEvent> out;
  devices_changed = false;
  while (XPending(c.own)) {
    XEvent ev;
    XNextEvent(c.own, &ev);
    XGenericEventCookie* cookie = &ev.xcookie;
    if (cookie->type != GenericEvent || cookie->extension != c.opcode || !XGetEventData(c.own, cookie)) continue;
    if (cookie->evtype == XI_HierarchyChanged) {
      devices_changed = true;
    } else {
      const auto* d = static_cast<const XIDeviceEvent*>(cookie->data);
      XiTouchRecord r{d->evtype, d->deviceid, d->sourceid, unsigned(d->detail), d->event_x, d->event_y, d->time, d->flags};
      TouchEvent e;
      if (d->event == c.window && DecodeXiTouch(r, e)) out.push_back(e);
    }
    XFreeEventData(c.own, cookie);
  }
  if (devices_changed) Select();
  return out;
}

}  // namespace platform
