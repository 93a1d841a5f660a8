// Two-finger gestures from touch contacts: pinch to zoom and two-finger pan, with one finger left to the
// pointer (ImGui's emulated left mouse button). Platform-independent (no X11, GLFW or ImGui): fed from XInput
// 2.2 by platform/touch_x11.cpp, and from recorded sequences by tests/platform/gestures_test.cpp.
//
// The rules, in the order they are applied:
// - One finger is the pointer: it presses, moves and lifts like a mouse's left button (a tap, a drag), as the
//   X server's emulated pointer did before the kiosk selected touch events.
// - A second finger turns it into a gesture: the pointer is cancelled (lifted where nothing is hovered, so
//   nothing is tapped and ImGui stops dragging) and the two fingers pinch and pan from where they are then:
//   the view does not jump.
// - A finger lifting during a gesture leaves the other panning, from where it is; a finger landing again
//   pairs with it. The pointer comes back only when every finger has lifted: the last finger of a pinch
//   never taps what it happens to be on.
// - Only two contacts drive a gesture. A third and more are ignored while two drive (a hand brushing the
//   screen beside the fingers makes no wild zoom); one of them takes over when a driving finger lifts.
// - A resting contact is a palm, or a thumb holding the kiosk's frame: one that has stayed within the dead
//   zone for `rest_s` when another contact lands. It is ignored from then on, until it lifts (when it was
//   the pointer, the pointer is cancelled), and the new finger acts as if it were alone. So a resting hand
//   does not block a visitor's tap, drag or pinch. XInput 2.2 gives no contact size, so stillness is the test.
// - Jitter: a gesture moves nothing until its fingers' midpoint has moved, or their span changed, by more
//   than `dead_zone_px`; then all of the movement since it began is given at once, so none is lost.
// - Scale is measured only while the two fingers are `min_span_px` apart or more: closer, a pixel of jitter
//   is a large ratio. Closer fingers pan.
#pragma once
#include <cstdint>
#include <vector>

namespace platform {

struct TouchEvent {
  enum class Kind { Begin, Update, End };
  Kind kind = Kind::Begin;
  uint64_t id = 0;   // unique among the contacts down at the same time (XI: the device and the touch id)
  float x = 0, y = 0;  // window pixels
  double t = 0;        // seconds
};

// What the pointer finger did, in order: the window hands these to ImGui as the left button.
struct PointerEvent {
  enum class Kind { Press, Move, Release, Cancel };  // Cancel: lift without a tap (a gesture took the finger)
  Kind kind = Kind::Press;
  float x = 0, y = 0;
};

// How the fingers moved the content since the last TakeGesture, as a scale about a point: the content that
// was at `from` is now at `focal`, scaled by `scale` about it. For a view: zoom *= scale, and the content
// point under `from` goes under `focal`.
struct GestureStep {
  bool active = false;  // fingers are in a gesture: the pointer is up
  bool moved = false;   // the step is not the identity
  float scale = 1;
  float focal_x = 0, focal_y = 0;  // the driving fingers' midpoint now
  float from_x = 0, from_y = 0;
  float start_x = 0, start_y = 0;  // where the gesture began (the midpoint when the second finger landed)
};

struct GestureOptions {
  float dead_zone_px = 7;   // 2 mm on a 24-inch 1080p screen
  float min_span_px = 54;   // 15 mm: two fingertips side by side are about this far apart
  double rest_s = 0.8;      // a tap or a drag has moved or lifted by then
};

class GestureRecognizer {
 public:
  explicit GestureRecognizer(GestureOptions o = {}) : opt_(o) {}
  void Feed(const TouchEvent& e);
  // The pointer events since the last call, oldest first.
  std::vector<PointerEvent> TakePointer();
  // The movement since the last call (and whether a gesture is on).
  GestureStep TakeGesture();
  bool InGesture() const { return mode_ == Mode::Gesture; }
  int contacts() const { return int(contacts_.size()); }
  // Forgets every contact (the touch device went away): a pointer press is cancelled.
  void Reset();

 private:
  struct Contact {
    uint64_t id;
    float x0, y0;          // where it landed
    double t0;             // when
    float x, y;            // where it is
    float last_x, last_y;  // what of its movement the gesture has accounted for
    bool moved = false;    // it left the dead zone around where it landed
    bool resting = false;  // a palm: ignored until it lifts
  };
  enum class Mode { None, Pointer, Gesture };
  Contact* Find(uint64_t id);
  void Begin(const TouchEvent& e);
  void Update(Contact& c, const TouchEvent& e);
  void End(uint64_t id);
  void Pair();     // picks the drivers after a change of contacts; the gesture goes on from where they are
  void Account();  // the drivers' movement since last accounted, into the step (past the dead zone)
  void Cancel();   // the pointer lifts without a tap

  GestureOptions opt_;
  std::vector<Contact> contacts_;  // in the order they landed
  Mode mode_ = Mode::None;
  uint64_t pointer_ = 0;
  std::vector<uint64_t> drivers_;  // Gesture: one or two contacts
  bool engaged_ = false;           // the drivers have left the dead zone since they were paired
  std::vector<PointerEvent> pointer_events_;
  // The step since the last TakeGesture as p -> scale * p + (tx, ty).
  float scale_ = 1, tx_ = 0, ty_ = 0;
  float start_x_ = 0, start_y_ = 0;
};

}  // namespace platform
