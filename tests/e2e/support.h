// Helpers shared by the end-to-end tests: files and pictures.
#pragma once
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/common/real_exports.h"

namespace e2e {

// The whole file ("" when it cannot be read).
inline std::string Read(const std::filesystem::path& p) {
  std::stringstream ss;
  ss << std::ifstream(p).rdbuf();
  return ss.str();
}

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgb;  // w * h * 3
  const unsigned char* At(int x, int y) const { return &rgb[(static_cast<size_t>(y) * w + x) * 3]; }
};

inline Image Load(const std::string& path) {
  Image img;
  int n = 0;
  unsigned char* px = stbi_load(path.c_str(), &img.w, &img.h, &n, 3);
  if (px) {
    img.rgb.assign(px, px + static_cast<size_t>(img.w) * img.h * 3);
    stbi_image_free(px);
  }
  return img;
}

// Standard deviation of luminance: ~0 for a blank (single-colour) frame.
inline double Spread(const Image& img) {
  double sum = 0, sq = 0;
  size_t n = img.rgb.size() / 3;
  if (!n) return 0;
  for (size_t i = 0; i < n; ++i) {
    double l = 0.3 * img.rgb[3 * i] + 0.59 * img.rgb[3 * i + 1] + 0.11 * img.rgb[3 * i + 2];
    sum += l;
    sq += l * l;
  }
  double mean = sum / n;
  return std::sqrt(std::max(0.0, sq / n - mean * mean));
}

// Share of pixels that differ between two same-sized images (1 when the sizes differ).
inline double Difference(const Image& a, const Image& b) {
  if (a.w != b.w || a.h != b.h || a.rgb.empty()) return 1;
  size_t diff = 0, n = a.rgb.size() / 3;
  for (size_t i = 0; i < n; ++i)
    diff += a.rgb[3 * i] != b.rgb[3 * i] || a.rgb[3 * i + 1] != b.rgb[3 * i + 1] || a.rgb[3 * i + 2] != b.rgb[3 * i + 2];
  return double(diff) / n;
}

// A snapshot of the real export `file` (tests/common/real_exports.h), built by the real kiosk-snapshot from the
// minimal fixture with only that program, in SCREENSHOT_DIR/exports/; "" when the build failed (its output is
// in <name>.log beside it). Each call builds afresh: tests run in parallel processes.
inline std::string RealExportSnapshot(const char* file, const std::string& name) {
  namespace fs = std::filesystem;
  const test::RealExport& e = test::RealExportNamed(file);
  fs::path dir = fs::path(SCREENSHOT_DIR) / "exports";
  fs::create_directories(dir);
  fs::path src = dir / (name + "-src"), snap = dir / (name + ".snapshot"), log = dir / (name + ".log");
  test::MakeExportSource(FORUM_FIXTURE, fs::path(FORUM_SOURCE_DIR) / ".." / "shared" / "testdata" / "schedules" / file, e, src);
  std::string cmd = std::string(KIOSK_SNAPSHOT) + " build " + src.string() + " -o " + snap.string() +
                    " --content-version 1 >" + log.string() + " 2>&1";
  return std::system(cmd.c_str()) == 0 ? snap.string() : "";
}

}  // namespace e2e
