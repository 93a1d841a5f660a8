// The kiosk's window: GLFW + OpenGL 3 through Dear ImGui's GLFW/OpenGL3 backends. Full screen on the primary
// monitor by default; in kiosk mode the cursor is hidden and close requests are ignored. Input wakes the
// event loop; nothing else does, so an untouched kiosk sleeps.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "platform/gestures.h"

struct GLFWwindow;
struct ImDrawData;

namespace platform {

class X11Touch;

struct WindowOptions {
  bool fullscreen = true;   // false: a window of width x height (--windowed WxH)
  int width = 1920, height = 1080;
  bool kiosk = true;        // hide the cursor, ignore close requests
  bool visible = true;
};

class Window {
 public:
  // Creates the window, the GL context and the ImGui context with its backends. nullptr and `error` set on
  // failure (no display, no OpenGL 3).
  static std::unique_ptr<Window> Create(const WindowOptions& opt, std::string& error);
  // Connects to the display (GLFW), as Create does first: the screen can then be asked about
  // (ScreenPxPerMm) before the window and its GL context exist, which takes most of the start-up. UI thread.
  static bool OpenDisplay(std::string& error);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Sleeps until input arrives or `timeout_s` passes (0: poll). True when input arrived.
  bool Wait(double timeout_s);
  void BeginFrame();  // backends' NewFrame + ImGui::NewFrame; clears the hover a lifted finger left behind
  // ImGui::Render + draw + swap. With `capture_png`, the finished frame is also read back (before the swap,
  // from the back buffer, which is defined on every driver) and written there as PNG; false and `error` if
  // that fails.
  // `filter` (optional) may change the draw data before it is rendered (the high-contrast theme). `clear`:
  // the colour (IM_COL32) the frame starts from (default: the kiosk's paper).
  bool EndFrame(const std::string& capture_png, std::string& error,
                const std::function<void(ImDrawData*)>& filter = nullptr, uint32_t clear = 0xFFEAF1F4);
  // When the last EndFrame's ImGui::Render() returned (Now()'s clock): the end of the app's own work on a
  // frame; what follows is the GL backend, the driver and the swap (--frame-log splits the two).
  double RenderedAt() const { return rendered_s_; }
  // The screen as mounted: 0, 90, 180 or 270 degrees clockwise. The app then lays out for the rotated size
  // (a landscape monitor on its side gets the portrait layout) and touches are turned to match.
  void SetRotation(int degrees);
  int rotation() const { return rotation_; }
  bool CloseRequested() const;
  int width() const;
  int height() const;
  void Position(int& x, int& y) const;  // the window's top-left corner on the X screen
  // Presses and releases the window has received since it opened (--report: a test that sent a tap knows
  // when the kiosk has seen all of it).
  long ButtonEvents() const { return input_.button_events; }
  // Two fingers' movement since the last call (pinch and two-finger pan on a touchscreen, platform/gestures.h),
  // in the coordinates the app lays out in (the screen's rotation applied). `moved` false: none.
  GestureStep TakeGesture();
  bool HasTouchscreen() const;  // a touchscreen's touches come to the window (XInput 2.2)

  // What the input callbacks saw since the last frame. Written and read on the UI thread only.
  struct Input {
    bool any = false;            // any input: Wait() returns true
    bool down = false;           // the left button (a finger) is down
    long button_events = 0;
    bool press_pending = false, release_pending = false;  // not yet seen by a frame
    float press_x = 0, press_y = 0, release_x = 0, release_y = 0;
    // A second press soon after the first and close to it, timed when it came (not when a frame saw it: a
    // busy frame must not turn a double tap into two taps). Press() sets it; the press's frame reads it.
    bool double_pending = false;
    double last_press_t = -1;
    float last_press_x = 0, last_press_y = 0;
    float double_max_dist = 20;  // px: ImGui's MouseDoubleClickMaxDist, set with the window
    void Press(double t, float x, float y);
  };
  // Pixels per millimetre of the monitor, from its reported physical size; 3.6 (a 24-inch 1080p screen)
  // when the monitor does not report a plausible size (as under Xvfb).
  float PxPerMm() const;
  static float ScreenPxPerMm();  // the same, after OpenDisplay, before the window exists
  double Now() const;  // seconds, monotonic
  // The display's frame period less a millisecond of slack, so that pacing never makes a vsynced swap miss
  // its refresh (1/60 s when the monitor reports no rate, as under Xvfb). Read once, at Create.
  double RefreshPeriod() const { return refresh_period_s_; }
  // Wakes Wait() from another thread (a new snapshot is ready). Thread-safe.
  static void Wake();

 private:
  Window() = default;
  GLFWwindow* w_ = nullptr;
  bool kiosk_ = true;
  bool imgui_ready_ = false;
  int rotation_ = 0;
  unsigned font_texture_ = 0;  // the GL texture of ImGui's atlas (UploadFonts); owned, deleted with the window
  bool swizzle_ = false;       // the GL has texture swizzles (3.3, or ARB/EXT_texture_swizzle): the atlas goes up as one channel
  void UploadFonts();
  double rendered_s_ = 0;
  double refresh_period_s_ = 1.0 / 60 - 0.001;
  Input input_;
  int frames_up_ = 2;  // frames since the finger lifted (BeginFrame); 2 = long enough to forget where
  // A touchscreen (X11, XInput 2.2): its touches come here instead of the server's emulated pointer; the
  // first finger is given to ImGui as the pointer (input_), two make gestures. Null elsewhere (no X11).
  std::unique_ptr<X11Touch> touch_;
  GestureRecognizer gestures_;
  float touch_x_ = 0, touch_y_ = 0;  // where the pointer finger is
  void TakeTouches();
  // Window pixels -> the turned layout's (SetRotation), for a window of pw x ph physical pixels: the pointer and
  // the gestures alike.
  void Turn(float& x, float& y, float pw, float ph) const;
};

}  // namespace platform
