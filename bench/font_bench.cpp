// Font atlas benchmark (not a test; docs/PERFORMANCE.md, "Fonts"): builds the kiosk's atlas for a snapshot's
// text as the kiosk does at start-up (platform::FontSet over app::TypeScale, scale 1 = a 24-inch 1080p screen),
// a few times, and prints its size, its glyphs and the median build time.
//   font_bench SNAPSHOT [SCALE]
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "app/theme.h"
#include "app/ui.h"
#include "db/snapshot/loader.h"
#include "platform/fonts.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: font_bench SNAPSHOT [SCALE]\n");
    return 2;
  }
  float scale = argc > 2 ? float(std::atof(argv[2])) : 1.0f;
  auto c = db::LoadCatalog(argv[1]);
  if (!c) {
    std::fprintf(stderr, "%s: %s\n", argv[1], c.error().message.c_str());
    return 1;
  }
  ImGui::CreateContext();
  std::string text = app::TextForGlyphs(c.value().get());
  std::vector<double> ms;
  platform::FontSet fonts;
  app::Fonts out;
  for (int run = 0; run < 7; ++run) {
    std::string error;
    auto t0 = std::chrono::steady_clock::now();
    if (!fonts.Build(text, scale, app::TypeScale(), out, error)) {
      std::fprintf(stderr, "font build failed: %s\n", error.c_str());
      return 1;
    }
    unsigned char* px;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);  // what the GL backend uploads
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  int glyphs = 0;
  for (const ImFont* f : atlas->Fonts) glyphs += f->Glyphs.Size;
  std::printf("%s: atlas %d x %d (%.1f MB RGBA), %d sizes, %d glyphs in all (%d in the first size), %zu missing; "
              "build median %.1f ms (min %.1f, max %.1f, %zu runs)\n",
              argv[1], fonts.atlas_width(), fonts.atlas_height(), fonts.atlas_width() * fonts.atlas_height() * 4 / 1e6,
              atlas->Fonts.Size, glyphs, atlas->Fonts[0]->Glyphs.Size, fonts.missing().size(), ms[ms.size() / 2], ms.front(),
              ms.back(), ms.size());
  ImGui::DestroyContext();
  return 0;
}
