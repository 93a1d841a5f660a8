// The XInput 2.2 decoding (platform/touch_x11.h) fed XI device events as the X server sends them for a
// touchscreen (the fields of XIDeviceEvent the decoding reads, with the protocol's evtype and flag values):
// Xvfb has no touch device and XTest cannot send touches, so this is how the decoding is tested; docs/DEPLOY.md
// gives the manual check on touch hardware.
#include <doctest/doctest.h>

#include <vector>

#include "platform/gestures.h"
#include "platform/touch_x11.h"

using platform::DecodeXiTouch;
using platform::TouchEvent;
using platform::XiTouchRecord;

namespace {
constexpr int kBegin = 18, kUpdate = 19, kEnd = 20, kMotion = 6, kPendingEnd = 1 << 16, kEmulating = 1 << 17;
}

TEST_CASE("XI 2.2 touches decode into contacts: ids per physical device, window pixels, seconds, ends") {
  TouchEvent e;
  REQUIRE(DecodeXiTouch({kBegin, 2, 11, 5, 400.5, 300.25, 123456, kEmulating}, e));
  CHECK(e.kind == TouchEvent::Kind::Begin);
  CHECK(e.x == 400.5f);
  CHECK(e.y == 300.25f);
  CHECK(e.t == doctest::Approx(123.456));
  TouchEvent other;  // the same touch id from a second touchscreen is another contact
  REQUIRE(DecodeXiTouch({kBegin, 2, 12, 5, 10, 10, 123460, 0}, other));
  CHECK(other.id != e.id);
  REQUIRE(DecodeXiTouch({kUpdate, 2, 11, 5, 410, 300, 123470, 0}, e));
  CHECK(e.kind == TouchEvent::Kind::Update);
  // The finger lifted while another client holds the touch's ownership: the update with a pending end is the lift.
  REQUIRE(DecodeXiTouch({kUpdate, 2, 11, 5, 412, 300, 123480, kPendingEnd}, e));
  CHECK(e.kind == TouchEvent::Kind::End);
  REQUIRE(DecodeXiTouch({kEnd, 2, 11, 5, 412, 300, 123490, 0}, e));
  CHECK(e.kind == TouchEvent::Kind::End);
  CHECK_FALSE(DecodeXiTouch({kMotion, 2, 11, 0, 1, 1, 1, 0}, e));  // pointer motion is GLFW's, not a touch
}

TEST_CASE("XI 2.2: a pinch as the server sends it (two touch ids, interleaved updates) zooms 2x about its midpoint") {
  std::vector<XiTouchRecord> events = {{kBegin, 2, 11, 40, 400, 500, 1000, kEmulating}, {kBegin, 2, 11, 41, 600, 500, 1020, 0}};
  for (int i = 1; i <= 10; ++i) {
    events.push_back({kUpdate, 2, 11, 40, 400.0 - 10 * i, 500, static_cast<unsigned long>(1020 + 16 * i), kEmulating});
    events.push_back({kUpdate, 2, 11, 41, 600.0 + 10 * i, 500, static_cast<unsigned long>(1028 + 16 * i), 0});
  }
  events.push_back({kEnd, 2, 11, 40, 300, 500, 1300, kEmulating});
  events.push_back({kEnd, 2, 11, 41, 700, 500, 1310, 0});
  platform::GestureRecognizer r;
  float scale = 1;
  for (const auto& x : events) {
    TouchEvent e;
    REQUIRE(DecodeXiTouch(x, e));
    r.Feed(e);
    scale *= r.TakeGesture().scale;
  }
  CHECK(scale == doctest::Approx(2));
  auto pointer = r.TakePointer();
  REQUIRE(pointer.size() == 2);  // the first finger's press, cancelled by the second: nothing tapped
  CHECK(pointer[0].kind == platform::PointerEvent::Kind::Press);
  CHECK(pointer[1].kind == platform::PointerEvent::Kind::Cancel);
  CHECK(r.contacts() == 0);
}
