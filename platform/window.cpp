#include "platform/window.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include "platform/touch_x11.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <cfloat>
#include <vector>

namespace platform {

// The input callbacks (which ImGui's backend chains to) run on the UI thread inside glfwWaitEvents; they
// write into the Window's own Input (reached through the GLFW window's user pointer), read by Wait() and
// BeginFrame().
namespace {
Window::Input& InputOf(GLFWwindow* w) { return *static_cast<Window::Input*>(glfwGetWindowUserPointer(w)); }
void OnCursor(GLFWwindow* w, double, double) { InputOf(w).any = true; }
void OnButton(GLFWwindow* w, int button, int action, int) {
  Window::Input& in = InputOf(w);
  in.any = true;
  ++in.button_events;
  if (button != GLFW_MOUSE_BUTTON_LEFT) return;
  // Where the finger came down and lifted, as the X server said at that moment: the pointer may have moved
  // on before the next frame samples it.
  double x, y;
  glfwGetCursorPos(w, &x, &y);
  in.down = action == GLFW_PRESS;
  if (in.down) {
    in.Press(glfwGetTime(), float(x), float(y));
  } else {
    in.release_pending = true;
    in.release_x = float(x);
    in.release_y = float(y);
  }
}
void OnScroll(GLFWwindow* w, double, double) { InputOf(w).any = true; }
void OnKey(GLFWwindow* w, int, int, int, int) { InputOf(w).any = true; }
void OnChar(GLFWwindow* w, unsigned) { InputOf(w).any = true; }
void OnSize(GLFWwindow* w, int, int) { InputOf(w).any = true; }
void OnRefresh(GLFWwindow* w) { InputOf(w).any = true; }
}  // namespace

void Window::Input::Press(double t, float x, float y) {
  press_pending = true;
  press_x = x, press_y = y;
  // ImGui's double-click rule (io.MouseDoubleClickTime, MouseDoubleClickMaxDist), on the press's own time.
  double_pending = last_press_t >= 0 && t - last_press_t <= 0.40 && std::hypot(x - last_press_x, y - last_press_y) <= double_max_dist;
  last_press_t = double_pending ? -1 : t;  // a third tap starts afresh
  last_press_x = x, last_press_y = y;
}

bool Window::OpenDisplay(std::string& error) {
  glfwSetErrorCallback(nullptr);
  // Started by systemd before the session exported its display (forum-kiosk.service takes it from the
  // session's import-environment): the kiosk's own display, :0 (cage's Xwayland, a single X server).
  if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
    ::setenv("DISPLAY", ":0", 0);
    std::fprintf(stderr, "forum-kiosk: DISPLAY is not set; using :0\n");
  }
  if (!glfwInit()) {  // a second call, once it succeeded, does nothing
    error = "cannot open the display (GLFW init failed; is DISPLAY set and an X server running?)";
    return false;
  }
  return true;
}

std::unique_ptr<Window> Window::Create(const WindowOptions& opt, std::string& error) {
  if (!OpenDisplay(error)) return nullptr;
  std::unique_ptr<Window> win(new Window());
  win->kiosk_ = opt.kiosk;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_VISIBLE, opt.visible ? GLFW_TRUE : GLFW_FALSE);
  // Dear ImGui draws with neither: GLFW's default (24-bit depth, 8-bit stencil) costs a buffer the size of
  // the screen, 8 MB at 1920x1080 under Mesa's software renderer, that nothing would ever read.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  GLFWmonitor* monitor = nullptr;
  int w = opt.width, h = opt.height;
  if (opt.fullscreen) {
    monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
      w = mode->width;
      h = mode->height;
    }
  }
  win->w_ = glfwCreateWindow(w, h, "Forum Kiosk", monitor, nullptr);
  if (!win->w_) {
    error = "cannot create an OpenGL 3 window";
    return nullptr;
  }
  glfwMakeContextCurrent(win->w_);
  glfwSwapInterval(1);
  if (GLFWmonitor* m = monitor ? monitor : glfwGetPrimaryMonitor())
    if (const GLFWvidmode* mode = glfwGetVideoMode(m); mode && mode->refreshRate >= 24 && mode->refreshRate <= 500)
      win->refresh_period_s_ = 1.0 / mode->refreshRate - 0.001;
  if (opt.kiosk) glfwSetInputMode(win->w_, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  glfwSetWindowUserPointer(win->w_, &win->input_);  // ImGui 1.86's GLFW backend does not use it
  glfwSetCursorPosCallback(win->w_, OnCursor);
  glfwSetMouseButtonCallback(win->w_, OnButton);
  glfwSetScrollCallback(win->w_, OnScroll);
  glfwSetKeyCallback(win->w_, OnKey);
  glfwSetCharCallback(win->w_, OnChar);
  glfwSetFramebufferSizeCallback(win->w_, OnSize);
  glfwSetWindowRefreshCallback(win->w_, OnRefresh);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk remembers nothing between runs
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen | ImGuiConfigFlags_NoMouseCursorChange;
  // A finger's second tap of a double tap lands a few millimetres from the first, and a little later than a
  // mouse's second click (ImGui's defaults: 6 px, 0.30 s).
  io.MouseDoubleClickMaxDist = 6.0f * win->PxPerMm();
  io.MouseDoubleClickTime = 0.40f;  // Input::Press applies the same rule on the events' own times
  win->input_.double_max_dist = io.MouseDoubleClickMaxDist;
  ImGui_ImplGlfw_InitForOpenGL(win->w_, true);  // chains to the callbacks above
  ImGui_ImplOpenGL3_Init("#version 130");
  // The backend's objects now, so that its first NewFrame does not make a font texture of its own: the
  // atlas is the window's (UploadFonts). Made for ImGui's default atlas, and dropped at once.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  int major = 0, minor = 0;
  glGetIntegerv(GL_MAJOR_VERSION, &major);
  glGetIntegerv(GL_MINOR_VERSION, &minor);
  win->swizzle_ = major > 3 || (major == 3 && minor >= 3) || glfwExtensionSupported("GL_ARB_texture_swizzle") ||
                  glfwExtensionSupported("GL_EXT_texture_swizzle");
  win->imgui_ready_ = true;
  // After the window exists (its touches are selected on it); null when the display is not X11 or has no
  // XInput 2.2, and then GLFW alone waits and points.
  win->touch_ = X11Touch::Open(win->w_);
  return win;
}

Window::~Window() {
  if (font_texture_) glDeleteTextures(1, &font_texture_);
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (w_) glfwDestroyWindow(w_);
  glfwTerminate();
}

namespace {
// What Wake() writes to for a wait that is not GLFW's (X11Touch::WaitEvents): an eventfd made once for the
// process (Wake is static, called from any thread), or -1 when none could be made.
int WakeFd() {
  static const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return fd;
}
}  // namespace

void Window::Wake() {
  glfwPostEmptyEvent();
  if (WakeFd() >= 0) {
    uint64_t one = 1;
    ssize_t n = ::write(WakeFd(), &one, sizeof one);
    (void)n;  // full (2^64 - 1 wakes pending) is awake enough
  }
}

// ImGui's atlas is one channel, which its GL backend uploads as RGBA: 4 MB at 1024x1024 in Mesa's copy (and
// as much again on the CPU for the conversion). Here it goes up as one channel that the sampler reads as
// (1, 1, 1, a), the same pixels for a quarter of the memory; as RGBA only where the GL has no swizzles. The
// CPU's copy is released once uploaded. One texture, filled again for each new atlas.
void Window::UploadFonts() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* px = nullptr;
  int w = 0, h = 0;
  if (!font_texture_) glGenTextures(1, &font_texture_);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  if (swizzle_) {
    atlas->GetTexDataAsAlpha8(&px, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, px);
    const GLint alpha_only[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, alpha_only);
  } else {
    atlas->GetTexDataAsRGBA32(&px, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glBindTexture(GL_TEXTURE_2D, 0);
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(font_texture_)));
  atlas->ClearTexData();
}

bool Window::Wait(double timeout_s) {
  if (touch_) {
    touch_->WaitEvents(timeout_s, WakeFd());
    uint64_t wakes;
    if (WakeFd() >= 0) (void)!::read(WakeFd(), &wakes, sizeof wakes);  // consumed: the next wait sleeps again
    TakeTouches();
  } else if (timeout_s <= 0) {
    glfwPollEvents();
  } else {
    glfwWaitEventsTimeout(timeout_s);
  }
  if (kiosk_ && glfwWindowShouldClose(w_)) glfwSetWindowShouldClose(w_, GLFW_FALSE);  // visitors cannot close it
  return std::exchange(input_.any, false);
}

bool Window::HasTouchscreen() const { return touch_ && touch_->selected(); }

// The touches since the last look, through the recognizer: the pointer finger's press, moves and release
// into input_ as OnButton puts a mouse's (a cancelled press is released off the window, so it taps nothing).
void Window::TakeTouches() {
  bool devices_changed = false;
  std::vector<TouchEvent> touches = touch_->Take(devices_changed);
  if (devices_changed && !touch_->selected()) gestures_.Reset();  // the touchscreen went away mid-touch
  for (const TouchEvent& e : touches) gestures_.Feed(e);
  for (const PointerEvent& p : gestures_.TakePointer()) {
    input_.any = true;
    ++input_.button_events;
    switch (p.kind) {
      case PointerEvent::Kind::Press:
        input_.down = true;
        input_.Press(Now(), p.x, p.y);
        touch_x_ = p.x, touch_y_ = p.y;
        break;
      case PointerEvent::Kind::Move:
        touch_x_ = p.x, touch_y_ = p.y;
        --input_.button_events;  // a move is no button event
        break;
      case PointerEvent::Kind::Release:
      case PointerEvent::Kind::Cancel:
        input_.down = false;
        input_.release_pending = true;
        input_.release_x = touch_x_ = p.kind == PointerEvent::Kind::Cancel ? -FLT_MAX : p.x;
        input_.release_y = touch_y_ = p.kind == PointerEvent::Kind::Cancel ? -FLT_MAX : p.y;
        break;
    }
  }
  if (!touches.empty()) input_.any = true;
}

void Window::Turn(float& x, float& y, float pw, float ph) const {
  float mx = x, my = y;
  if (rotation_ == 90) x = my, y = pw - mx;
  if (rotation_ == 180) x = pw - mx, y = ph - my;
  if (rotation_ == 270) x = ph - my, y = mx;
}

GestureStep Window::TakeGesture() {
  GestureStep g = gestures_.TakeGesture();
  const float pw = float(width()), ph = float(height());
  Turn(g.focal_x, g.focal_y, pw, ph);
  Turn(g.from_x, g.from_y, pw, ph);
  Turn(g.start_x, g.start_y, pw, ph);
  return g;
}

void Window::BeginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  if (!ImGui::GetIO().Fonts->TexID) UploadFonts();  // an atlas not uploaded yet: the first, or a new snapshot's
  ImGui_ImplGlfw_NewFrame();
  // A finger that lifted leaves the X pointer where it was: without forgetting it, the last touched item would
  // keep looking hovered until the next touch. But a tap is a release over the item that was pressed, so
  // ImGui must see the pointer where the finger lifted on the frame of the release: it is forgotten on the
  // frame after (frames_up_ counts the frames since the finger lifted; 0 while it is down).
  ImGuiIO& io = ImGui::GetIO();
  // ImGui 1.86 samples the pointer once a frame. The frame that sees a press gets the position of the press
  // (so a drag is measured from where the finger came down, and a tap lands where it was aimed), the frame
  // that sees a release the position of the release; a press and a release between two frames take one
  // frame each (the backend holds the button down for the first).
  const bool touch = HasTouchscreen();  // the pointer is the recognizer's first finger, not GLFW's
  if (touch) io.MousePos = ImVec2(touch_x_, touch_y_), io.MouseDown[0] = input_.down;
  bool double_tap = false;
  if (input_.press_pending) {
    io.MousePos = ImVec2(input_.press_x, input_.press_y);
    if (touch) io.MouseDown[0] = true;
    input_.press_pending = false;
    double_tap = std::exchange(input_.double_pending, false);
  } else if (input_.release_pending && (touch || !io.MouseDown[0])) {
    io.MousePos = ImVec2(input_.release_x, input_.release_y);
    if (touch) io.MouseDown[0] = false;
    input_.release_pending = false;
  }
  if (io.MouseDown[0] || input_.down) frames_up_ = 0;
  else if (frames_up_ < 2) ++frames_up_;
  if (kiosk_ && frames_up_ >= 2) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  if (rotation_) {  // lay out for the turned screen; turn the touch back into its coordinates
    float pw = io.DisplaySize.x, ph = io.DisplaySize.y;
    if (rotation_ != 180) io.DisplaySize = ImVec2(ph, pw);
    if (io.MousePos.x > -FLT_MAX / 2) Turn(io.MousePos.x, io.MousePos.y, pw, ph);
  }
  ImGui::NewFrame();
  // The second press of a double tap, however long the frames between took: ImGui 1.86 measures the gap
  // between the frames that saw the presses, so a busy kiosk would see two taps.
  if (double_tap) io.MouseDoubleClicked[0] = true;
}

void Window::SetRotation(int degrees) { rotation_ = ((degrees % 360) + 360) % 360 / 90 * 90; }

namespace {

// Turns the laid-out frame onto the physical screen (pw x ph): vertices and clip rectangles.
void Rotate(ImDrawData* d, int rotation, float pw, float ph) {
  auto turn = [&](ImVec2 p) {
    if (rotation == 90) return ImVec2(pw - p.y, p.x);
    if (rotation == 180) return ImVec2(pw - p.x, ph - p.y);
    return ImVec2(p.y, ph - p.x);  // 270
  };
  for (int l = 0; l < d->CmdListsCount; ++l) {
    ImDrawList* dl = d->CmdLists[l];
    for (ImDrawVert& v : dl->VtxBuffer) v.pos = turn(v.pos);
    for (ImDrawCmd& c : dl->CmdBuffer) {
      ImVec2 a = turn(ImVec2(c.ClipRect.x, c.ClipRect.y)), b = turn(ImVec2(c.ClipRect.z, c.ClipRect.w));
      c.ClipRect = ImVec4(std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y));
    }
  }
  d->DisplaySize = ImVec2(pw, ph);
}

}  // namespace

bool Window::EndFrame(const std::string& capture_png, std::string& error,
                      const std::function<void(ImDrawData*)>& filter, uint32_t clear) {
  ImGui::Render();
  rendered_s_ = Now();
  int w, h;
  glfwGetFramebufferSize(w_, &w, &h);
  if (filter) filter(ImGui::GetDrawData());
  if (rotation_) Rotate(ImGui::GetDrawData(), rotation_, static_cast<float>(w), static_cast<float>(h));
  glViewport(0, 0, w, h);
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(clear);
  glClearColor(c.x, c.y, c.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  bool ok = true;
  if (!capture_png.empty()) {
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, px.data());
    stbi_flip_vertically_on_write(1);  // GL's rows go bottom-up
    if (!stbi_write_png(capture_png.c_str(), w, h, 3, px.data(), w * 3)) {
      error = "cannot write " + capture_png;
      ok = false;
    }
  }
  glfwSwapBuffers(w_);
  return ok;
}

bool Window::CloseRequested() const { return !kiosk_ && glfwWindowShouldClose(w_); }

int Window::width() const {
  int w, h;
  glfwGetFramebufferSize(w_, &w, &h);
  return w;
}

int Window::height() const {
  int w, h;
  glfwGetFramebufferSize(w_, &w, &h);
  return h;
}

float Window::PxPerMm() const { return ScreenPxPerMm(); }

float Window::ScreenPxPerMm() {
  GLFWmonitor* m = glfwGetPrimaryMonitor();
  const GLFWvidmode* mode = m ? glfwGetVideoMode(m) : nullptr;
  int mm_w = 0, mm_h = 0;
  if (m) glfwGetMonitorPhysicalSize(m, &mm_w, &mm_h);
  // Plausible kiosk screens are 10 to 100 inches; outside that the EDID is missing or made up.
  if (!mode || mm_w < 200 || mm_w > 2300) return 3.6f;
  float ppmm = float(mode->width) / float(mm_w);
  return ppmm < 1.5f || ppmm > 20.f ? 3.6f : ppmm;
}

void Window::Position(int& x, int& y) const { glfwGetWindowPos(w_, &x, &y); }

double Window::Now() const { return glfwGetTime(); }

}  // namespace platform
