#include "harness.h"

#include <cfloat>
#include <stdexcept>

#include "app/theme.h"
#include "app/ui.h"
#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "platform/fonts.h"

namespace test {

Harness::Harness(int w, int h, const std::string& snapshot) {
  auto c = db::LoadCatalog(snapshot);
  if (!c) throw std::runtime_error(c.error().message);
  s.catalog = std::move(c.value());  // as loaded, as the kiosk does
  handover.Showing(s.catalog.get());
  s.lang = s.catalog->forum.default_language;
  s.now_utc = 1664341200;  // 2022-09-28 11:00 in Astana (+06:00)
  ctx_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(float(w), float(h));
  io.DeltaTime = 1.0f / 60;
  io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
  s.metrics = app::MetricsFor(3.6f);
  BuildFonts();
  app::ApplyTheme(1.0f);
  s.targets = &targets_;
  s.overflows = &overflows;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  Settle();
}

Harness::~Harness() { ImGui::DestroyContext(ctx_); }

void Harness::BuildFonts() {
  fonts_large_ = s.large_text;
  platform::FontSet fonts;
  std::string error;
  if (!fonts.Build(app::TextForGlyphs(s.catalog.get()), s.large_text ? 1.3f : 1.0f, app::TypeScale(), s.fonts, error)) throw std::runtime_error(error);
  unsigned char* px;
  int tw, th;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &tw, &th);  // no renderer: the atlas only needs to exist
}

void Harness::Frame() {
  if (app::SwapIn(s, handover)) BuildFonts();  // the atlas for the new snapshot's text
  if (s.large_text != fonts_large_) BuildFonts();  // as the kiosk does: larger text is a new type scale
  clock += 1.0 / 60;
  s.time_s = clock;
  targets_.clear();
  ImGui::NewFrame();
  app::DrawFrame(s);
  ImGui::Render();
  app::ApplyActions(s);
}

void Harness::Resize(int w, int h) {
  ImGui::GetIO().DisplaySize = ImVec2(float(w), float(h));
  Settle();
}

void Harness::Swap(std::shared_ptr<const db::Catalog> catalog) {
  handover.Offer(std::move(catalog), app::SwapOrigin::StaffReload, handover.Ticket());
  Settle();
}

void Harness::TapAt(ImVec2 p) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = p;
  Frame();
  io.MouseDown[0] = true;
  s.last_input_s = clock;
  Frame();
  io.MouseDown[0] = false;
  Frame();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // the finger is gone
  Settle();
}

const app::AppState::Target* Harness::Find(const std::string& key) const {
  for (const auto& t : targets_)
    if (t.key.size() >= key.size() && t.key.compare(t.key.size() - key.size(), key.size(), key) == 0) return &t;
  return nullptr;
}

bool Harness::Tap(const std::string& key) {
  const auto* t = Find(key);
  if (!t) return false;
  TapAt(ImVec2((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2));
  return true;
}

void Harness::Drag(ImVec2 from, ImVec2 to, int steps) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = from;
  Frame();
  io.MouseDown[0] = true;
  Frame();
  for (int i = 1; i <= steps; ++i) {
    io.MousePos = ImVec2(from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps);
    Frame();
  }
  io.MouseDown[0] = false;
  Frame();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  s.last_input_s = clock;
  Settle();
}

}  // namespace test
