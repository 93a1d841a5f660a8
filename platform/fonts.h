// Fonts: Noto Sans (regular and bold) found through fontconfig, rasterized by FreeType (imgui_freetype),
// with glyphs only for the characters the kiosk will draw (the snapshot's text and the UI's own symbols), so
// the atlas stays small enough for a low-end GPU.
#pragma once
#include <imgui.h>

#include <string>

#include "app/app_state.h"

namespace platform {

class FontSet {
 public:
  // Builds the type scale into ImGui's atlas. `text` holds every string that may be drawn; `scale` is
  // px_per_mm / 3.6. False and `error` when no usable font is installed.
  bool Build(const std::string& text, float scale, app::Fonts& out, std::string& error);
  int atlas_width() const { return atlas_w_; }
  int atlas_height() const { return atlas_h_; }

 private:
  ImVector<ImWchar> ranges_;  // must outlive the atlas
  int atlas_w_ = 0, atlas_h_ = 0;
};

// The file of the best font fontconfig knows for `family` and `style` ("" when none).
std::string FindFont(const char* family, const char* style);

}  // namespace platform
