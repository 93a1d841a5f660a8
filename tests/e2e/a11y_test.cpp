// End-to-end: the accessibility modes on the real forum-kiosk under Xvfb, every screen in landscape and
// portrait, as pictures a visitor would see (build/screenshots/a11y/MODE/ORIENTATION-SCREEN.png; copies in
// docs/screenshots/a11y). Each must draw every character from the atlas (exit 0), high contrast must be a
// dark screen, and reach mode's upper half must hold something to read, not an empty band.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support.h"

namespace fs = std::filesystem;
using e2e::Image;
using e2e::Load;
using e2e::Spread;

namespace {

const char* kViews[] = {"home", "map", "exhibitors", "agreements", "schedule", "search", "exhibitors/astana-hub"};

// The part of `img` between rows y0 and y1.
Image Rows(const Image& img, int y0, int y1) {
  Image out;
  out.w = img.w, out.h = y1 - y0;
  out.rgb.assign(img.rgb.begin() + static_cast<long>(y0) * img.w * 3, img.rgb.begin() + static_cast<long>(y1) * img.w * 3);
  return out;
}

double Brightness(const Image& img) {
  double sum = 0;
  for (unsigned char c : img.rgb) sum += c;
  return img.rgb.empty() ? 0 : sum / img.rgb.size();
}

// Renders every view with the modes `mode` (--a11y) in `lang` at `w` x `h`, into a11y/`folder`.
void RenderMode(const std::string& folder, const std::string& mode, const std::string& lang, int w, int h) {
  std::string size = std::to_string(w) + "x" + std::to_string(h);
  std::string dir = SCREENSHOT_DIR "/a11y/" + folder;
  fs::create_directories(dir);
  for (const char* view : kViews) {
    std::string name = view;
    for (char& c : name) c = c == '/' ? '-' : c;
    std::string png = dir + "/" + (w > h ? "landscape-" : "portrait-") + name + ".png";
    fs::remove(png);
    std::string cmd = "xvfb-run -a -s '-screen 0 " + size + "x24' " FORUM_KIOSK " --windowed " + size + " --screen " + view +
                      " --now 2022-09-28T11:00 --lang " + lang + " --a11y " + mode + " --screenshot " + png + " 2>&1";
    int rc = std::system(cmd.c_str());
    CHECK_MESSAGE(rc == 0, cmd);  // 3: a character without a glyph
    Image img = Load(png);
    REQUIRE_MESSAGE(img.w == w, png);
    CHECK_MESSAGE(Spread(img) > 20, png << " looks blank");
    if (mode.find("high_contrast") != std::string::npos)
      CHECK_MESSAGE(Brightness(img) < 90, png << ": high contrast is not a dark screen (" << Brightness(img) << ")");
    if (mode.find("reach") != std::string::npos)
      CHECK_MESSAGE(Spread(Rows(img, 0, h / 2)) > 8, png << ": the upper half is an empty band");
  }
}

}  // namespace

TEST_CASE("accessibility modes render every screen in landscape 1920x1080") {
  RenderMode("reach", "reach", "en", 1920, 1080);
  RenderMode("large-text", "large_text", "kk", 1920, 1080);  // Kazakh: the longest words
  RenderMode("high-contrast", "high_contrast", "en", 1920, 1080);
  RenderMode("all", "reach,large_text,high_contrast", "kk", 1920, 1080);
}

TEST_CASE("accessibility modes render every screen in portrait 1080x1920") {
  RenderMode("reach", "reach", "en", 1080, 1920);
  RenderMode("large-text", "large_text", "kk", 1080, 1920);  // Kazakh: the longest words
  RenderMode("high-contrast", "high_contrast", "en", 1080, 1920);
  RenderMode("all", "reach,large_text,high_contrast", "kk", 1080, 1920);
}
