// Headless UI harness: the real screens in an ImGui context without a renderer, driven by synthesized taps
// and drags through io.MousePos / io.MouseDown, as a finger on an X11 touchscreen arrives.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/state/app_state.h"
#include "app/state/swap.h"

namespace test {

class Harness {
 public:
  // Loads a snapshot (default: the demo) with db::LoadCatalog, the raw loader, so that a test can show a
  // damaged file on purpose (the kiosk opens files through db::OpenSnapshot's checks: tests/db and
  // tests/e2e); a screen of w x h pixels at the default density (24-inch 1080p).
  explicit Harness(int w = 1920, int h = 1080, const std::string& snapshot = FORUM_DEMO_SNAPSHOT);
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  app::AppState s;
  double clock = 0;  // seconds; the harness's own monotonic clock

  // One frame as the kiosk's loop runs it (app/main.cpp): a snapshot waiting in `handover` swapped in
  // (app::SwapIn, fonts rebuilt), NewFrame, DrawFrame, Render, ApplyActions.
  void Frame();
  void Settle() { for (int i = 0; i < 3; ++i) Frame(); }
  void TapAt(ImVec2 p);               // press and lift without moving
  bool Tap(const std::string& key);   // taps the target whose key ends with `key`; false if none is visible
  void Drag(ImVec2 from, ImVec2 to, int steps = 12);
  void Resize(int w, int h);          // the screen turned (landscape <-> portrait)
  // A new snapshot arrives as a staff reload of it would (taken whatever its version), and is swapped in
  // at the next frame boundary as the kiosk does.
  void Swap(std::shared_ptr<const db::Catalog> catalog);
  // Where snapshots wait for the next frame: a test offers them as the watcher or a staff reload would.
  app::CatalogHandOver handover;
  const app::AppState::Target* Find(const std::string& key) const;  // visible target by key suffix
  bool Visible(const std::string& key) const { return Find(key) != nullptr; }
  const std::vector<app::AppState::Target>& targets() const { return targets_; }  // of the last frame

  std::vector<std::string> overflows;  // texts that did not fit their box (AppState::overflows), all frames

 private:
  std::vector<app::AppState::Target> targets_;
  ImGuiContext* ctx_ = nullptr;
  // The atlas for the catalog's text at the type scale of s.large_text (the kiosk's build_fonts).
  void BuildFonts();
  bool fonts_large_ = false;  // the type scale the fonts were built for (AppState::large_text)
};

}  // namespace test
