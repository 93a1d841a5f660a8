// Fonts: Noto Sans (regular and bold, platform/font_files.h), rasterized by FreeType (imgui_freetype), with
// glyphs only for the characters the kiosk will draw (the snapshot's text and the UI's own symbols), so the
// atlas stays small enough for a low-end GPU. A character without a glyph draws as U+FFFD (�), which the
// glyph audit below can find in a rendered frame.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/state/app_state.h"

namespace platform {

class FontSet {
 public:
  // Builds the type scale into ImGui's atlas. `text` holds every string that may be drawn; `scale` is
  // px_per_mm / 3.6. False and `error` when no usable font is installed; the atlas and `out` are then left
  // as they were (a rebuild that fails keeps the fonts on screen).
  bool Build(const std::string& text, float scale, app::Fonts& out, std::string& error);
  int atlas_width() const { return atlas_w_; }
  int atlas_height() const { return atlas_h_; }
  // Characters of `text` (last Build) that no font of the set has a glyph for, e.g. for a log line.
  const std::vector<ImWchar>& missing() const { return missing_; }

 private:
  ImVector<ImWchar> ranges_;  // must outlive the atlas
  std::vector<ImWchar> missing_;
  int atlas_w_ = 0, atlas_h_ = 0;
};

// Glyph audit of a rendered frame: how many characters were drawn with a font's fallback glyph (U+FFFD),
// i.e. had no glyph in the atlas. Call after ImGui::Render(), on ImGui::GetDrawData().
int FallbackGlyphsDrawn(const ImDrawData* data);

}  // namespace platform
