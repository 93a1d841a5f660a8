#include "platform/gestures.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace platform {

namespace {
// More contacts than this at once is a hand flat on the screen or a lost end: the rest are ignored.
constexpr size_t kMaxContacts = 16;
float Distance(float ax, float ay, float bx, float by) { return std::hypot(ax - bx, ay - by); }
}  // namespace

GestureRecognizer::Contact* GestureRecognizer::Find(uint64_t id) {
  for (Contact& c : contacts_)
    if (c.id == id) return &c;
  return nullptr;
}

void GestureRecognizer::Feed(const TouchEvent& e) {
  Contact* c = Find(e.id);
  if (e.kind == TouchEvent::Kind::Begin && !c) Begin(e);
  else if (e.kind == TouchEvent::Kind::End && c) c->x = e.x, c->y = e.y, End(e.id);
  else if (c) Update(*c, e);  // an update, or a repeated begin: the contact is where it says
}

void GestureRecognizer::Cancel() {
  if (Contact* p = mode_ == Mode::Pointer ? Find(pointer_) : nullptr)
    pointer_events_.push_back({PointerEvent::Kind::Cancel, p->x, p->y});
  mode_ = Mode::None;
}

void GestureRecognizer::Begin(const TouchEvent& e) {
  if (contacts_.size() >= kMaxContacts) return;
  // Whatever has lain still since well before this finger landed is a resting hand, not a finger that means
  // anything: ignored, so that it blocks nothing the new finger does.
  for (Contact& c : contacts_) {
    if (c.resting || c.moved || e.t - c.t0 < opt_.rest_s) continue;
    c.resting = true;
    if (mode_ == Mode::Pointer && c.id == pointer_) Cancel();
  }
  contacts_.push_back({e.id, e.x, e.y, e.t, e.x, e.y, e.x, e.y});
  if (mode_ == Mode::Pointer) {  // a second finger: the pointer's drag becomes a gesture
    Cancel();
    mode_ = Mode::Gesture;
    drivers_.clear();
  }
  if (mode_ == Mode::Gesture) {
    Pair();
    if (drivers_.size() == 2 && drivers_[1] == e.id) {
      const Contact &a = *Find(drivers_[0]), &b = *Find(drivers_[1]);
      start_x_ = (a.x + b.x) / 2, start_y_ = (a.y + b.y) / 2;
    }
    return;
  }
  // Alone (or beside resting contacts only): the pointer.
  mode_ = Mode::Pointer;
  pointer_ = e.id;
  pointer_events_.push_back({PointerEvent::Kind::Press, e.x, e.y});
}

void GestureRecognizer::Update(Contact& c, const TouchEvent& e) {
  c.x = e.x, c.y = e.y;
  if (Distance(c.x, c.y, c.x0, c.y0) > opt_.dead_zone_px) c.moved = true;
  if (c.resting) return;
  if (mode_ == Mode::Pointer && c.id == pointer_) pointer_events_.push_back({PointerEvent::Kind::Move, c.x, c.y});
  if (mode_ == Mode::Gesture && std::find(drivers_.begin(), drivers_.end(), c.id) != drivers_.end()) Account();
}

void GestureRecognizer::End(uint64_t id) {
  auto it = std::find_if(contacts_.begin(), contacts_.end(), [&](const Contact& c) { return c.id == id; });
  const bool driver = mode_ == Mode::Gesture && !it->resting && std::find(drivers_.begin(), drivers_.end(), id) != drivers_.end();
  // What the lifting finger moved before it lifted (its last position came with the end): accounted while it
  // is still a contact.
  if (driver) Account();
  Contact c = *it;
  contacts_.erase(it);
  if (c.resting) return;
  if (mode_ == Mode::Pointer && c.id == pointer_) {
    pointer_events_.push_back({PointerEvent::Kind::Release, c.x, c.y});
    mode_ = Mode::None;
    return;
  }
  if (driver) {
    drivers_.erase(std::find(drivers_.begin(), drivers_.end(), id));
    Pair();
  }
}

void GestureRecognizer::Pair() {
  for (const Contact& c : contacts_) {
    if (drivers_.size() >= 2) break;
    if (!c.resting && std::find(drivers_.begin(), drivers_.end(), c.id) == drivers_.end()) drivers_.push_back(c.id);
  }
  if (drivers_.empty()) {
    mode_ = Mode::None;
    return;
  }
  // The new pair goes on from where its fingers are: what moves from here on is measured from here.
  for (uint64_t id : drivers_) {
    Contact& c = *Find(id);
    c.last_x = c.x, c.last_y = c.y;
  }
  engaged_ = false;
}

void GestureRecognizer::Account() {
  Contact& a = *Find(drivers_[0]);
  if (drivers_.size() == 1) {  // one finger left of a gesture: it pans
    float dx = a.x - a.last_x, dy = a.y - a.last_y;
    if (!engaged_ && std::hypot(dx, dy) <= opt_.dead_zone_px) return;
    engaged_ = true;
    tx_ += dx, ty_ += dy;
    a.last_x = a.x, a.last_y = a.y;
    return;
  }
  Contact& b = *Find(drivers_[1]);
  float m0x = (a.last_x + b.last_x) / 2, m0y = (a.last_y + b.last_y) / 2, d0 = Distance(a.last_x, a.last_y, b.last_x, b.last_y);
  float m1x = (a.x + b.x) / 2, m1y = (a.y + b.y) / 2, d1 = Distance(a.x, a.y, b.x, b.y);
  if (!engaged_ && Distance(m0x, m0y, m1x, m1y) <= opt_.dead_zone_px && std::fabs(d1 - d0) <= opt_.dead_zone_px) return;
  engaged_ = true;
  float k = d0 >= opt_.min_span_px && d1 >= opt_.min_span_px ? d1 / d0 : 1.f;
  // This step maps p to m1 + k (p - m0); after the steps before it (p -> scale p + t) that is
  // p -> k scale p + m1 + k (t - m0).
  scale_ *= k;
  tx_ = m1x + k * (tx_ - m0x);
  ty_ = m1y + k * (ty_ - m0y);
  a.last_x = a.x, a.last_y = a.y, b.last_x = b.x, b.last_y = b.y;
}

std::vector<PointerEvent> GestureRecognizer::TakePointer() { return std::exchange(pointer_events_, {}); }

GestureStep GestureRecognizer::TakeGesture() {
  GestureStep g;
  g.active = mode_ == Mode::Gesture;
  g.moved = scale_ != 1 || tx_ != 0 || ty_ != 0;
  g.scale = scale_;
  // The focal point: the drivers' midpoint (the fingers' own point, so a pinch is about the point under
  // them); with none left, the gesture's start. Any point expresses the same step.
  float fx = start_x_, fy = start_y_;
  if (g.active) {
    fx = fy = 0;
    for (uint64_t id : drivers_) fx += Find(id)->x / float(drivers_.size()), fy += Find(id)->y / float(drivers_.size());
  }
  g.focal_x = fx, g.focal_y = fy;
  g.from_x = (fx - tx_) / scale_, g.from_y = (fy - ty_) / scale_;
  g.start_x = start_x_, g.start_y = start_y_;
  scale_ = 1, tx_ = ty_ = 0;
  return g;
}

void GestureRecognizer::Reset() {
  Cancel();
  contacts_.clear();
  drivers_.clear();
  mode_ = Mode::None;
}

}  // namespace platform
