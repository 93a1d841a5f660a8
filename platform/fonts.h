// Fonts: Noto Sans (regular, bold, italic, bold italic) with its fallbacks (Noto Sans Symbols, Math, Color Emoji, Symbols2, the
// scripts, CJK, Symbola: fonts/font_files.h) merged into every size, rasterized by FreeType (imgui_freetype),
// with glyphs only for the characters the kiosk will draw (the snapshot's text and the UI's own symbols): a
// fallback adds only the characters it supplies, so the atlas stays small enough for a low-end GPU. A
// character without a glyph draws as U+FFFD (�), which the glyph audit below can find in a rendered frame.
#pragma once
#include <imgui.h>

#include "db/base/text.h"

#include <memory>
#include <string>
#include <vector>

namespace platform {

// One face to build: its size in px before the scale, its weight, and where the built font goes. The sizes
// and weights are the app's type scale (app::TypeScale, app/theme.h); the platform only builds them.
struct FontFace {
  float px = 0;
  bool bold = false;
  ImFont** out = nullptr;  // set when the whole build succeeds; the font is owned by ImGui's atlas
  bool italic = false;     // Noto Sans Italic / Bold Italic, else the upright face of that weight
};

// An atlas built by FontSet::Prepare, off the UI thread, waiting to be adopted (FontSet::Adopt) at a frame
// boundary. Owns its atlas until then. Movable, not copyable.
class PreparedFonts {
 public:
  PreparedFonts() = default;
  PreparedFonts(PreparedFonts&&) noexcept = default;
  PreparedFonts& operator=(PreparedFonts&&) noexcept = default;
  bool ok() const { return atlas_ != nullptr; }
  const std::string& error() const { return error_; }  // why not ok()

 private:
  friend class FontSet;
  struct DeleteAtlas {
    void operator()(ImFontAtlas* a) const { IM_DELETE(a); }
  };
  std::unique_ptr<ImFontAtlas, DeleteAtlas> atlas_;
  std::vector<ImFont*> built_;  // one per face, in the atlas
  ImVector<ImWchar> ranges_;
  db::StandIns stand_ins_;
  std::string error_;
};

class FontSet {
 public:
  FontSet() = default;
  ~FontSet();  // ImGuiIO::UserData no longer points at its stand-ins
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;
  // Builds `faces` into ImGui's atlas (the first is ImGui's default font). `text` holds every string that may
  // be drawn; `scale` multiplies every size (px_per_mm / 3.6, times the larger-text factor). False and `error`
  // when no usable font is installed; the atlas and every `out` are then left as they were (a rebuild that
  // fails keeps the fonts on screen).
  bool Build(const std::string& text, float scale, const std::vector<FontFace>& faces, std::string& error);
  // Build in two steps. Prepare does all the work (fontconfig, FreeType, packing) and touches neither
  // ImGui's context nor its atlas: any thread may call it while frames are drawn (a swap, the start-up).
  // Adopt, on the UI thread, makes a prepared atlas ImGui's and sets every `out` of `faces` (which must be
  // the faces it was prepared with); the caller then uploads its texture. False and `error` when the
  // preparation failed: the fonts on screen stay.
  static PreparedFonts Prepare(const std::string& text, float scale, const std::vector<FontFace>& faces);
  bool Adopt(PreparedFonts prepared, const std::vector<FontFace>& faces, std::string& error);
  // The faces of a type scale given as a table of {member, px, bold, italic} over a struct of ImFont*
  // members (app::TypeScale() over app::Fonts), written into the members of `out`.
  template <class Table, class Fonts>
  static std::vector<FontFace> Faces(const Table& type_scale, Fonts& out) {
    std::vector<FontFace> faces;
    for (const auto& f : type_scale) faces.push_back({f.px, f.bold, &(out.*f.font), f.italic});
    return faces;
  }
  // The same for a type scale given as a table of {member, px, bold} over a struct of ImFont* members
  // (app::TypeScale() over app::Fonts), writing the members of `out`: the platform builds the sizes the app
  // chose without including the app.
  template <class Table, class Fonts>
  bool Build(const std::string& text, float scale, const Table& type_scale, Fonts& out, std::string& error) {
    return Build(text, scale, Faces(type_scale, out), error);
  }
  int atlas_width() const { return atlas_w_; }
  int atlas_height() const { return atlas_h_; }
  // Characters of `text` (last Build) that no font of the set has a glyph for, e.g. for a log line.
  const std::vector<ImWchar>& missing() const { return missing_; }

 private:
  void FindMissing(const std::vector<FontFace>& faces);
  ImVector<ImWchar> ranges_;  // every character of the last Build's text
  // The characters above U+FFFF of that text and their stand-ins in the atlas; ImGuiIO::UserData points here
  // while this atlas is ImGui's, for what draws text (app/widgets: DrawableText).
  db::StandIns stand_ins_;
  std::vector<ImWchar> missing_;
  int atlas_w_ = 0, atlas_h_ = 0;
};

// Glyph audit of a rendered frame: how many characters were drawn with a font's fallback glyph (U+FFFD),
// i.e. had no glyph in the atlas. Call after ImGui::Render(), on ImGui::GetDrawData().
int FallbackGlyphsDrawn(const ImDrawData* data);

}  // namespace platform
