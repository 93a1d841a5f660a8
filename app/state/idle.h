// Unattended running: the idle warning, the idle reset and the attract loop, driven by the loop's timers.
// Only AppState (app/state/app_state.h, which includes this header for the screens that draw them).
#pragma once

namespace app {

struct AppState;

// Seconds without a touch before the idle reset: the configuration's, else the forum's; never below 30 s,
// so the warning has room.
double IdleTimeout(const AppState& s);
// Seconds the warning before the idle reset lasts (at least 20, as visitors need time to notice it).
inline constexpr double kIdleWarningS = 20;
// The attract loop: a slide every kAttractSlideS seconds, faded in over kAttractFadeS in three steps; no
// frames in between, so an idle kiosk stays cheap.
inline constexpr double kAttractSlideS = 8, kAttractFadeS = 0.6;

// Timers, once per loop turn: the idle warning, then the idle reset and the attract loop after the idle
// timeout (configuration, else the forum's) without a touch. True when something changed and a frame
// should be drawn.
bool Tick(AppState& s, double now_s);
// Seconds until Tick has something to do (for the event loop's wait), or a large number.
double NextTimer(const AppState& s, double now_s);

}  // namespace app
