// The gesture recognizer (platform/gestures.h) fed touch sequences as a touchscreen delivers them: one finger
// left to the pointer, a pinch, a two-finger pan, a second finger arriving during a drag, a finger lifting
// during a pinch, a palm resting, a third contact, jitter. Each sequence is a list of contacts' begins,
// updates and ends with times, as XInput 2.2 reports them (tests/platform/xi_touch_test.cpp decodes real
// XI events into such sequences).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "platform/gestures.h"

using platform::GestureRecognizer;
using platform::GestureStep;
using platform::PointerEvent;
using platform::TouchEvent;

namespace {

constexpr auto B = TouchEvent::Kind::Begin, U = TouchEvent::Kind::Update, E = TouchEvent::Kind::End;
using P = PointerEvent::Kind;

struct Step {
  double t;
  TouchEvent::Kind kind;
  uint64_t id;
  float x, y;
};

void Play(GestureRecognizer& r, const std::vector<Step>& steps) {
  for (const Step& s : steps) r.Feed({s.kind, s.id, s.x, s.y, s.t});
}

// Where the content that was at (x, y) is after the step.
struct Pt {
  float x, y;
};
Pt Apply(const GestureStep& g, Pt p) {
  return {g.focal_x + g.scale * (p.x - g.from_x), g.focal_y + g.scale * (p.y - g.from_y)};
}

std::vector<P> Kinds(const std::vector<PointerEvent>& events) {
  std::vector<P> out;
  for (const auto& e : events) out.push_back(e.kind);
  return out;
}

// Two fingers moving in `n` steps from (a0, b0) to (a1, b1), from time t.
std::vector<Step> Move2(double t, Pt a0, Pt b0, Pt a1, Pt b1, int n = 10) {
  std::vector<Step> out;
  for (int i = 1; i <= n; ++i) {
    float k = float(i) / float(n);
    out.push_back({t + i * 0.01, U, 1, a0.x + (a1.x - a0.x) * k, a0.y + (a1.y - a0.y) * k});
    out.push_back({t + i * 0.01 + 0.005, U, 2, b0.x + (b1.x - b0.x) * k, b0.y + (b1.y - b0.y) * k});
  }
  return out;
}

}  // namespace

TEST_CASE("gestures: one finger is the pointer: a tap presses and releases where it lands, a drag moves it") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 300, 400}, {0.08, E, 1, 301, 400}});
  auto tap = r.TakePointer();
  REQUIRE(Kinds(tap) == std::vector<P>{P::Press, P::Release});
  CHECK(tap[0].x == 300);
  CHECK(tap[1].x == 301);
  CHECK_FALSE(r.TakeGesture().moved);

  Play(r, {{1.00, B, 2, 300, 400}, {1.05, U, 2, 340, 400}, {1.10, U, 2, 400, 420}, {1.15, E, 2, 400, 420}});
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Move, P::Move, P::Release});
  GestureStep g = r.TakeGesture();
  CHECK_FALSE(g.active);
  CHECK_FALSE(g.moved);
}

TEST_CASE("gestures: a pinch zooms about the fingers' midpoint, which stays under them") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 400, 500}, {0.02, B, 2, 600, 500}});
  // The first finger pressed; the second cancels that press before it could tap anything.
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Cancel});
  CHECK(r.TakeGesture().active);
  Play(r, Move2(0.02, {400, 500}, {600, 500}, {300, 500}, {700, 500}));
  GestureStep g = r.TakeGesture();
  CHECK(g.active);
  CHECK(g.moved);
  CHECK(g.scale == doctest::Approx(2));
  Pt mid = Apply(g, {500, 500});
  CHECK(mid.x == doctest::Approx(500));
  CHECK(mid.y == doctest::Approx(500));
  // What was under each finger when the pinch began is under it now.
  Pt under_a = Apply(g, {400, 500});
  CHECK(under_a.x == doctest::Approx(300));
  CHECK(r.TakePointer().empty());
  // And back: pinching in halves it again.
  Play(r, Move2(0.2, {300, 500}, {700, 500}, {400, 500}, {600, 500}));
  CHECK(r.TakeGesture().scale == doctest::Approx(0.5));
}

TEST_CASE("gestures: two fingers moving together pan, however many frames the movement is cut into") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 400, 500}, {0.01, B, 2, 600, 520}});
  r.TakePointer();
  r.TakeGesture();
  // The frames' steps composed as a view composes them: p -> scale p + (tx, ty).
  float tx = 0, ty = 0, scale = 1;
  std::vector<Step> pan = Move2(0.01, {400, 500}, {600, 520}, {520, 560}, {720, 580}, 30);
  for (size_t i = 0; i < pan.size(); i += 7) {  // a frame every seven events
    Play(r, std::vector<Step>(pan.begin() + long(i), pan.begin() + long(std::min(pan.size(), i + 7))));
    GestureStep g = r.TakeGesture();
    Pt o = Apply(g, {tx, ty});
    tx = o.x, ty = o.y, scale *= g.scale;
  }
  CHECK(tx == doctest::Approx(120).epsilon(0.001));
  CHECK(ty == doctest::Approx(60).epsilon(0.001));
  CHECK(scale == doctest::Approx(1).epsilon(0.001));  // the span stayed 200 px: no zoom
}

TEST_CASE("gestures: a second finger arriving during a drag turns it into a pinch without a jump") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 100, 500}, {0.05, U, 1, 200, 500}, {0.10, U, 1, 300, 500}});
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Move, P::Move});
  Play(r, {{0.12, B, 2, 500, 500}});
  // The drag ends without a tap; the gesture starts from where both fingers are: nothing moves yet.
  auto cancel = r.TakePointer();
  REQUIRE(Kinds(cancel) == std::vector<P>{P::Cancel});
  GestureStep g = r.TakeGesture();
  CHECK(g.active);
  CHECK_FALSE(g.moved);
  CHECK(g.start_x == doctest::Approx(400));
  Play(r, Move2(0.12, {300, 500}, {500, 500}, {250, 500}, {550, 500}));
  g = r.TakeGesture();
  CHECK(g.scale == doctest::Approx(1.5));
  Pt mid = Apply(g, {400, 500});
  CHECK(mid.x == doctest::Approx(400));
  // Lifting both: no tap, no release of a pointer that was cancelled.
  Play(r, {{0.5, E, 1, 250, 500}, {0.52, E, 2, 550, 500}});
  CHECK(r.TakePointer().empty());
  CHECK_FALSE(r.TakeGesture().active);
}

TEST_CASE("gestures: a finger lifting during a pinch leaves the other panning from where it is, no tap after") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 400, 500}, {0.01, B, 2, 600, 500}});
  Play(r, Move2(0.01, {400, 500}, {600, 500}, {350, 500}, {650, 500}));
  r.TakePointer();
  CHECK(r.TakeGesture().scale == doctest::Approx(1.5));
  Play(r, {{0.20, E, 2, 650, 500}});
  GestureStep g = r.TakeGesture();
  CHECK(g.active);
  CHECK_FALSE(g.moved);  // the lift itself moves nothing
  // The remaining finger pans (the dead zone first, then all of its way).
  Play(r, {{0.25, U, 1, 353, 500}});
  CHECK_FALSE(r.TakeGesture().moved);
  Play(r, {{0.30, U, 1, 380, 530}, {0.35, U, 1, 410, 560}});
  g = r.TakeGesture();
  CHECK(g.scale == 1);
  Pt o = Apply(g, {0, 0});
  CHECK(o.x == doctest::Approx(60));
  CHECK(o.y == doctest::Approx(60));
  // A finger landing again pinches with it.
  Play(r, {{0.40, B, 3, 610, 560}, {0.45, U, 3, 710, 560}});
  CHECK(r.TakeGesture().scale == doctest::Approx(1.5));
  Play(r, {{0.50, E, 1, 410, 560}, {0.51, E, 3, 710, 560}});
  CHECK(r.TakePointer().empty());  // the last finger of a gesture never taps
  CHECK_FALSE(r.TakeGesture().active);
  Play(r, {{1.00, B, 4, 800, 300}, {1.05, E, 4, 800, 300}});
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Release});  // and the next finger is the pointer
}

TEST_CASE("gestures: a palm resting on the screen blocks neither a tap, nor a drag, nor a pinch") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 9, 60, 1000}, {0.50, U, 9, 62, 1001}});  // lands and lies still (within the dead zone)
  CHECK(Kinds(r.TakePointer()) == (std::vector<P>{P::Press, P::Move}));
  // A finger taps elsewhere: the palm's press is cancelled (it taps nothing), the finger taps.
  Play(r, {{2.00, B, 1, 800, 400}, {2.08, E, 1, 800, 400}});
  auto tap = r.TakePointer();
  REQUIRE(Kinds(tap) == std::vector<P>{P::Cancel, P::Press, P::Release});
  CHECK(tap[1].x == 800);
  CHECK_FALSE(r.TakeGesture().active);
  // A drag beside it is a drag.
  Play(r, {{3.00, B, 2, 800, 400}, {3.05, U, 2, 900, 400}, {3.10, E, 2, 900, 400}});
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Move, P::Release});
  // A pinch beside it zooms about the two fingers only.
  Play(r, {{4.00, B, 1, 400, 500}, {4.01, B, 2, 600, 500}});
  Play(r, {{4.02, U, 9, 70, 990}});  // the palm shifts a little: still ignored
  Play(r, Move2(4.01, {400, 500}, {600, 500}, {300, 500}, {700, 500}));
  GestureStep g = r.TakeGesture();
  CHECK(g.scale == doctest::Approx(2));
  CHECK(Apply(g, {500, 500}).x == doctest::Approx(500));
  CHECK(r.contacts() == 3);
  Play(r, {{5.0, E, 1, 300, 500}, {5.0, E, 2, 700, 500}, {5.1, E, 9, 70, 990}});
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Cancel});  // the pinch's first finger, cancelled
  CHECK(r.contacts() == 0);
}

TEST_CASE("gestures: a third contact during a pinch makes no zoom, it takes over when a finger lifts") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 400, 500}, {0.01, B, 2, 600, 500}});
  r.TakeGesture();
  // A knuckle lands far off and slides about wildly while the two fingers stay.
  Play(r, {{0.10, B, 3, 1500, 200}, {0.12, U, 3, 100, 900}, {0.14, U, 3, 1800, 50}});
  GestureStep g = r.TakeGesture();
  CHECK(g.active);
  CHECK_FALSE(g.moved);
  // One of the two lifts: the knuckle pairs with the other, from where both are.
  Play(r, {{0.20, E, 2, 600, 500}});
  CHECK_FALSE(r.TakeGesture().moved);
  Play(r, {{0.30, U, 3, 1900, 50}});  // the pair's span 1500 -> 1600 about... a real movement now
  g = r.TakeGesture();
  CHECK(g.scale > 1.0f);
  CHECK(g.scale < 1.1f);
}

TEST_CASE("gestures: jitter inside the dead zone moves nothing, past it, all of the movement comes") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 400, 500}, {0.01, B, 2, 600, 500}});
  r.TakeGesture();
  Play(r, {{0.05, U, 1, 402, 501}, {0.06, U, 2, 598, 499}, {0.07, U, 1, 399, 502}, {0.08, U, 2, 603, 500}});
  CHECK_FALSE(r.TakeGesture().moved);
  Play(r, {{0.10, U, 1, 420, 500}, {0.11, U, 2, 620, 500}});
  GestureStep g = r.TakeGesture();
  CHECK(Apply(g, {0, 0}).x == doctest::Approx(20).epsilon(0.02));  // from where they landed, not from the jitter
}

TEST_CASE("gestures: fingers closer than the minimum span pan and never zoom") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 500, 500}, {0.01, B, 2, 520, 500}});  // 20 px apart: one fat fingertip read twice
  r.TakeGesture();
  Play(r, {{0.05, U, 1, 520, 500}, {0.06, U, 2, 560, 500}});  // 40 px apart: "twice the span"
  GestureStep g = r.TakeGesture();
  CHECK(g.scale == 1);
  CHECK(g.moved);
}

TEST_CASE("gestures: Reset cancels the pointer and forgets the contacts (the touch device went away)") {
  GestureRecognizer r;
  Play(r, {{0.00, B, 1, 500, 500}});
  r.Reset();
  CHECK(Kinds(r.TakePointer()) == std::vector<P>{P::Press, P::Cancel});
  CHECK(r.contacts() == 0);
  Play(r, {{0.1, U, 1, 510, 500}, {0.2, E, 1, 510, 500}});  // an end for a forgotten contact is ignored
  CHECK(r.TakePointer().empty());
}
