// Work the visitor does not wait for (an install from an inbox, the fonts and routes of the next snapshot,
// the logos, freeing the last snapshot) runs on worker threads that yield the cores to the UI thread: on a
// 2-core kiosk with a software renderer, a frame drawn beside an install would otherwise take twice as long.
#pragma once

namespace platform {

// Lowers the calling thread's CPU priority (nice 10; Linux sets it per thread). Call first thing on the
// thread. Failing to (a sandbox that forbids it) leaves the priority as it was.
void RunInBackground();

}  // namespace platform
