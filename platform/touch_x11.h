// Touches from XInput 2.2 on the X window GLFW created (GLFW 3.3 has no touch API). The header is free of X11
// so that the window and the tests include it without Xlib's macros.
//
// Why a connection of its own: GLFW has announced XInput 2.0 on its connection, and an X server keeps the
// first version a client announced (a later request for 2.2 is answered with 2.0), and sends touch events
// only to 2.2 clients; GLFW's event loop would also drop the GenericEvents it does not use. So the kiosk
// opens a second connection to the same display, announces 2.2 there and selects the touch events of
// GLFW's window on it: they arrive on that connection alone, and Wait() sleeps on both.
//
// Only when the server has a direct touch device (a touchscreen, not a touchpad) are touches selected: a
// window that selects them no longer gets the server's emulated pointer for them, so the window then gives
// the first finger to ImGui itself (platform/gestures.h). Without one (Xvfb, a desk with a mouse), nothing
// is selected and the pointer path is exactly GLFW's. A touchscreen plugged in later is found on the next
// XI_HierarchyChanged.
#pragma once
#include <memory>
#include <vector>

#include "platform/gestures.h"

struct GLFWwindow;

namespace platform {

// The fields of an XIDeviceEvent (XInput 2.2) that the touch decoding reads: what tests feed as recorded
// events. evtype XI_TouchBegin 18, XI_TouchUpdate 19, XI_TouchEnd 20; flags XITouchPendingEnd 1 << 16
// (the touch has physically ended; its TouchEnd comes when ownership is settled), XITouchEmulatingPointer
// 1 << 17.
struct XiTouchRecord {
  int evtype = 0;
  int deviceid = 0, sourceid = 0;  // the master device, the physical one that sent it
  unsigned detail = 0;             // the touch id, unique per device while it is down
  double event_x = 0, event_y = 0;  // relative to the event window: GLFW's window, in pixels
  unsigned long time = 0;           // server milliseconds
  int flags = 0;
};

// The recognizer's event for a recorded XI event; false when it is none (not a touch event, or the
// TouchEnd of a touch already ended by its pending-end update).
bool DecodeXiTouch(const XiTouchRecord& r, TouchEvent& out);

class X11Touch {
 public:
  // nullptr when GLFW is not on X11, or the server has no XInput 2.2: then GLFW's wait and pointer alone.
  static std::unique_ptr<X11Touch> Open(GLFWwindow* window);
  ~X11Touch();
  X11Touch(const X11Touch&) = delete;
  X11Touch& operator=(const X11Touch&) = delete;

  // glfwWaitEventsTimeout, but woken by either connection or by `wake_fd` becoming readable (GLFW 3.3.8 wakes
  // its own wait through a pipe of its own, which this wait cannot see: the window gives one of its own):
  // sleeps until GLFW's or this connection has
  // events, or `timeout_s` passes (0: does not sleep); then GLFW's events are processed.
  void WaitEvents(double timeout_s, int wake_fd);
  // The touches that arrived since the last call, as the recognizer's events, oldest first. After a change
  // of the device hierarchy the devices are looked at again (`devices_changed` then true).
  std::vector<TouchEvent> Take(bool& devices_changed);
  bool selected() const { return selected_; }  // a touchscreen is there and its touches come here

 private:
  X11Touch() = default;
  void Select();  // touches selected exactly when a direct touch device exists

  struct Connection;
  std::unique_ptr<Connection> c_;
  bool selected_ = false;
};

}  // namespace platform
