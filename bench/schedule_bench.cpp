// Schedule benchmark (not a test): the CPU time of the kiosk's frames on the schedule screen of a large
// program, drawn by the real screens in the headless UI harness (tests/ui/harness.h: NewFrame, DrawFrame,
// Render, ApplyActions; no GPU, so what is measured is the app's own work, which the list's virtualization
// is about). Prints median, p99 and max in milliseconds for: frames at rest, frames while a finger drags the
// list, and the frame after a filter changes (the list recomputed).
//   schedule_bench SNAPSHOT NOW_UTC [FRAMES]
//   e.g. FOSDEM 2026 on its first morning: schedule_bench fosdem.snapshot 1769853600
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/ui/harness.h"

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

double Timed(test::Harness& h) {
  auto t0 = std::chrono::steady_clock::now();
  h.Frame();
  return Ms(t0);
}

void Print(const char* what, std::vector<double> ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  std::printf("%-34s %5zu frames  median %.3f ms  p99 %.3f ms  max %.3f ms\n", what, ms.size(), at(0.5), at(0.99), ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: schedule_bench SNAPSHOT NOW_UTC [FRAMES]\n");
    return 2;
  }
  const int frames = argc > 3 ? std::atoi(argv[3]) : 300;
  test::Harness h(1920, 1080, argv[1]);
  h.s.now_utc = std::atoll(argv[2]);
  h.s.lang = h.s.catalog->forum.default_language;
  h.s.Do({.kind = app::Action::Kind::Go, .screen = app::Screen::Schedule});
  h.Settle();
  size_t day = 0;
  for (const auto& x : h.s.catalog->sessions) day += x.day_index == h.s.schedule_view.day;
  std::printf("%s: %zu sessions, %zu on the day shown, %zu rooms, %zu tracks\n", argv[1], h.s.catalog->sessions.size(), day,
              h.s.catalog->rooms.size(), h.s.catalog->tracks.size());

  std::vector<double> rest, drag, filter;
  for (int i = 0; i < frames; ++i) rest.push_back(Timed(h));
  // A finger on the list, moved up and down by 600 px in steps of 20 px, a frame each.
  ImGuiIO& io = ImGui::GetIO();
  for (int round = 0; round < frames / 60 + 1; ++round) {
    io.MousePos = ImVec2(960, 800);
    io.MouseDown[0] = true;
    h.Frame();
    for (int step = 1; step <= 60; ++step) {
      io.MousePos = ImVec2(960, 800 - 20 * float(step <= 30 ? step : 60 - step));
      drag.push_back(Timed(h));
    }
    io.MouseDown[0] = false;
    h.Frame();
  }
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  h.Settle();
  // Each track in turn, then all again: the frame that recomputes the list.
  for (const auto& t : h.s.catalog->tracks) {
    h.s.Do({.kind = app::Action::Kind::FilterTrack, .id = t.id});
    h.Frame();  // applies the action
    filter.push_back(Timed(h));
    if (filter.size() >= static_cast<size_t>(frames)) break;
  }
  // The other day and back, all tracks: the whole day's list recomputed and laid out.
  std::vector<double> day_change;
  h.s.Do({.kind = app::Action::Kind::FilterTrack});
  h.Frame();
  for (int i = 0; i < 20; ++i) {
    h.s.Do({.kind = app::Action::Kind::SelectDay, .number = i % 2 ? 1 : 2});
    h.Frame();
    day_change.push_back(Timed(h));
  }
  Print("at rest", rest);
  Print("dragging the list", drag);
  Print("first frame after a track is chosen", filter);
  Print("first frame after a day is chosen", day_change);
  return 0;
}
