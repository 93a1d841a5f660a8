// The idle timers: when a visit is over, the warning before it ends, and the attract loop after it.
#include "app/state/idle.h"

#include <algorithm>
#include <cmath>

#include "app/state/app_state.h"
#include "app/state/setup_message.h"

namespace app {

namespace {
// Anything a visitor changed that the next visitor should not find.
bool Visited(const AppState& s) {
  return s.screen != Screen::Home || !s.exhibitor_id.empty() || !s.agreement_id.empty() || !s.session_id.empty() ||
         s.language_picker || !s.country_filter.empty() || !s.track_filter.empty() || !s.room_filter.empty() || s.day_index != 0 ||
         !s.search_query.empty() || s.keyboard != -1 || s.reach || s.large_text || s.high_contrast ||
         s.staff.pin_pad || s.staff.open || (s.catalog && s.lang != VisitLanguage(s));
}
}  // namespace

double IdleTimeout(const AppState& s) {
  double t = s.idle_timeout_s > 0 ? s.idle_timeout_s : s.catalog ? s.catalog->forum.idle_timeout_s : 60;
  return std::max(30.0, t);
}

bool Tick(AppState& s, double now_s) {
  if (s.attract) return false;  // the loop redraws by NextTimer; a touch ends it
  double idle = now_s - s.last_input_s, timeout = IdleTimeout(s);
  if (idle >= timeout) {
    if (Visited(s)) s.Do({.kind = Action::Kind::ResetVisit});
    ApplyActions(s);
    s.idle_warning = false;
    s.attract = true;
    s.attract_since = now_s;
    return true;
  }
  bool warn = Visited(s) && idle >= timeout - kIdleWarningS;
  // The countdown's number: a frame is due when it changes (once a second), not on every turn of the loop.
  int64_t left = warn ? static_cast<int64_t>(std::ceil(timeout - idle)) : -1;
  bool changed = warn != s.idle_warning || left != s.idle_warning_left;
  s.idle_warning = warn;
  s.idle_warning_left = left;
  return changed;
}

double NextTimer(const AppState& s, double now_s) {
  if (s.loading) return kLoadingStepS - std::fmod(now_s, kLoadingStepS);  // the loading view's next dot
  if (s.attract) {
    double in_slide = std::fmod(now_s - s.attract_since, kAttractSlideS);
    return in_slide < kAttractFadeS ? kAttractFadeS / 3 : kAttractSlideS - in_slide;
  }
  double idle = now_s - s.last_input_s, timeout = IdleTimeout(s);
  if (s.staff.pin_pad && now_s < s.staff.locked_until) return std::min(1.0, s.staff.locked_until - now_s);
  if (s.idle_warning) return std::min(timeout - idle, 1.0 - std::fmod(idle, 1.0));
  if (!Visited(s)) return std::max(0.0, timeout - idle);
  return std::max(0.0, timeout - kIdleWarningS - idle);
}

}  // namespace app
