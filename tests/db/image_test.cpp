// db/base/image_codec.h and db/model/image_check.h: every kind of picture staff may have (PNG of each colour type and
// depth, baseline and progressive JPEG) decodes to the pixels it shows; truncated, corrupt, oversized and
// bomb files are refused with a reason before any pixel memory is taken; what the snapshot stores is our own
// canonical PNG.
#include <doctest/doctest.h>

#include <turbojpeg.h>

#include <cstdlib>

#include "db/model/image_check.h"
#include "db/base/image_codec.h"
#include "images.h"

using test::Bytes;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The RGBA of pixel (x, y).
std::vector<int> At(const db::RgbaImage& img, int x, int y) {
  size_t i = (static_cast<size_t>(y) * img.width + x) * 4;
  return {img.rgba[i], img.rgba[i + 1], img.rgba[i + 2], img.rgba[i + 3]};
}

}  // namespace

TEST_CASE("images: PNGs of every colour type and bit depth decode to the colours they show") {
  SUBCASE("8-bit greyscale") {
    auto img = db::DecodeImage(Bytes(test::RawPng(2, 1, 8, 0, std::string("\x00\xC8", 2))));
    REQUIRE_MESSAGE(img, img.error().message);
    CHECK(At(img.value(), 0, 0) == std::vector<int>{0, 0, 0, 255});
    CHECK(At(img.value(), 1, 0) == std::vector<int>{200, 200, 200, 255});
  }
  SUBCASE("palette with a transparent entry") {
    std::string plte = test::PngChunk("PLTE", std::string("\xFF\x00\x00\x00\x00\xFF", 6));  // red, blue
    std::string trns = test::PngChunk("tRNS", std::string("\xFF\x00", 2));                  // blue is transparent
    auto img = db::DecodeImage(Bytes(test::RawPng(2, 1, 8, 3, std::string("\x00\x01", 2), plte + trns)));
    REQUIRE_MESSAGE(img, img.error().message);
    CHECK(At(img.value(), 0, 0) == std::vector<int>{255, 0, 0, 255});
    CHECK(At(img.value(), 1, 0)[3] == 0);
  }
  SUBCASE("16-bit RGB without gAMA is taken as sRGB, as every viewer does, not as linear light") {
    auto img = db::DecodeImage(Bytes(test::RawPng(1, 1, 16, 2, std::string("\x80\x80\x20\x20\xF0\xF0", 6))));
    REQUIRE_MESSAGE(img, img.error().message);
    auto px = At(img.value(), 0, 0);
    CHECK(std::abs(px[0] - 0x80) <= 1);
    CHECK(std::abs(px[1] - 0x20) <= 1);
    CHECK(std::abs(px[2] - 0xF0) <= 1);
    CHECK(px[3] == 255);
  }
  SUBCASE("greyscale with alpha") {
    auto img = db::DecodeImage(Bytes(test::RawPng(1, 1, 8, 4, std::string("\x64\x80", 2))));
    REQUIRE_MESSAGE(img, img.error().message);
    CHECK(At(img.value(), 0, 0) == std::vector<int>{100, 100, 100, 128});
  }
}

TEST_CASE("images: a truncated PNG is refused wherever the cut loses pixels, a missing IEND alone loses none") {
  auto noise = test::NoiseRgb(64, 64);
  std::string png = test::RawPng(64, 64, 8, 2, std::string(noise.begin(), noise.end()));  // IDAT of ~12 KiB
  const size_t end_of_idat = png.size() - 12;                                             // IEND is 12 bytes
  for (size_t cut : {size_t{20}, size_t{40}, png.size() / 4, png.size() / 2, end_of_idat - 5, end_of_idat - 1}) {
    CAPTURE(cut);
    auto img = db::DecodeImage(Bytes(png.substr(0, cut)));
    REQUIRE_FALSE(img);
    CHECK(Contains(img.error().message, "PNG"));
  }
  // libpng reads the pixels and stops; whatever follows the image data, IEND included, is not looked at
  // (as with trailing bytes). The stored form then is complete again.
  auto whole = db::DecodeImage(Bytes(png.substr(0, end_of_idat)));
  REQUIRE_MESSAGE(whole, whole.error().message);
  CHECK(whole.value().rgba[4] == noise[3]);
  auto stored = db::CanonicalizeImage(Bytes(png.substr(0, end_of_idat)));
  REQUIRE(stored);
  std::string bytes(stored.value().bytes.begin(), stored.value().bytes.end());
  CHECK(bytes.substr(bytes.size() - 8, 4) == "IEND");
}

TEST_CASE("images: a PNG whose header claims 30000 x 30000 pixels is refused from its header") {
  auto bytes = Bytes(test::PngBomb(30000, 30000));
  CHECK(bytes.size() < 100);
  auto header = db::ReadImageHeader(bytes);
  REQUIRE_FALSE(header);
  CHECK(Contains(header.error().message, "30000 x 30000 pixels, more than 2048 x 2048"));
  auto img = db::DecodeImage(bytes);
  REQUIRE_FALSE(img);
  CHECK(Contains(img.error().message, "30000 x 30000 pixels"));
  // The kiosk's 12000 x 12000 logo of issue 12 likewise.
  CHECK_FALSE(db::DecodeImage(Bytes(test::PngBomb(12000, 12000)), {}, db::ImageFormats::kPngOnly));
  // The total-pixel cap on its own, for a caller with a lower one.
  db::ImageLimits small;
  small.max_pixels = 100;
  auto wide = db::DecodeImage(Bytes(test::SolidPng(20, 10, 1, 2, 3)), small);
  REQUIRE_FALSE(wide);
  CHECK(Contains(wide.error().message, "more than the 100 pixels allowed"));
  // And the byte cap, before the file is looked at.
  db::ImageLimits tiny;
  tiny.max_bytes = 10;
  auto big = db::DecodeImage(Bytes(test::SolidPng(2, 2, 1, 2, 3)), tiny);
  REQUIRE_FALSE(big);
  CHECK(Contains(big.error().message, "KiB allowed"));
}

TEST_CASE("images: a corrupt or truncated JPEG is refused, not drawn with grey stripes") {
  auto noise = test::NoiseRgb(64, 64);
  std::string jpeg = test::Jpeg(64, 64, noise, TJPF_RGB);
  REQUIRE(db::DecodeImage(Bytes(jpeg)));
  SUBCASE("cut in the middle of the scan") {
    auto img = db::DecodeImage(Bytes(jpeg.substr(0, jpeg.size() / 2)));
    REQUIRE_FALSE(img);
    CHECK(Contains(img.error().message, "JPEG is broken"));
  }
  SUBCASE("a marker in the middle of the entropy-coded data") {
    std::string bad = jpeg;
    bad.replace(bad.size() / 2, 2, "\xFF\xD9");  // a premature end of image
    auto img = db::DecodeImage(Bytes(bad));
    REQUIRE_FALSE(img);
    CHECK(Contains(img.error().message, "JPEG"));
  }
  SUBCASE("a header cut short") {
    for (size_t cut : {size_t{3}, size_t{20}, size_t{400}}) {
      CAPTURE(cut);
      auto img = db::DecodeImage(Bytes(jpeg.substr(0, cut)));
      REQUIRE_FALSE(img);
      CHECK(Contains(img.error().message, "cannot read the JPEG header"));
    }
  }
}

TEST_CASE("images: a progressive JPEG decodes like the baseline one, greyscale too, CMYK is refused with a reason") {
  std::vector<unsigned char> px;  // a gradient: smooth enough for JPEG to keep it within a few levels
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 48; ++x) px.insert(px.end(), {static_cast<unsigned char>(x * 5), static_cast<unsigned char>(y * 7), 90});
  auto baseline = db::DecodeImage(Bytes(test::Jpeg(48, 32, px, TJPF_RGB)));
  auto progressive = db::DecodeImage(Bytes(test::Jpeg(48, 32, px, TJPF_RGB, TJFLAG_PROGRESSIVE)));
  REQUIRE_MESSAGE(baseline, baseline.error().message);
  REQUIRE_MESSAGE(progressive, progressive.error().message);
  CHECK(progressive.value().width == 48);
  CHECK(progressive.value().height == 32);
  int worst = 0;
  for (size_t i = 0; i < baseline.value().rgba.size(); ++i)
    worst = std::max(worst, std::abs(baseline.value().rgba[i] - progressive.value().rgba[i]));
  CHECK(worst <= 2);
  auto p = At(progressive.value(), 20, 10);
  CHECK(std::abs(p[0] - 100) <= 6);
  CHECK(std::abs(p[1] - 70) <= 6);
  CHECK(p[3] == 255);

  std::vector<unsigned char> grey(16 * 16, 150);
  auto g = db::DecodeImage(Bytes(test::Jpeg(16, 16, grey, TJPF_GRAY)));
  REQUIRE_MESSAGE(g, g.error().message);
  CHECK(std::abs(At(g.value(), 3, 3)[0] - 150) <= 2);

  std::vector<unsigned char> cmyk(16 * 16 * 4, 40);
  auto c = db::DecodeImage(Bytes(test::Jpeg(16, 16, cmyk, TJPF_CMYK)));
  REQUIRE_FALSE(c);
  CHECK(Contains(c.error().message, "CMYK"));
}

TEST_CASE("images: bytes after the end of the picture are ignored when decoding and dropped from the stored form") {
  const std::string garbage = "<?php system($_GET['x']); ?> trailing bytes of a polyglot file";
  std::string png = test::SolidPng(8, 8, 200, 10, 10) + garbage;
  std::string jpeg = test::Jpeg(8, 8, std::vector<unsigned char>(8 * 8 * 3, 77), TJPF_RGB) + garbage;
  for (const std::string& file : {png, jpeg}) {
    auto canonical = db::CanonicalizeImage(Bytes(file));
    REQUIRE_MESSAGE(canonical, canonical.error().message);
    std::string stored(canonical.value().bytes.begin(), canonical.value().bytes.end());
    CHECK_FALSE(Contains(stored, garbage));
    CHECK(canonical.value().info.mime == "image/png");
    CHECK(canonical.value().info.width == 8);
    auto checked = db::CheckImage(canonical.value().bytes);
    REQUIRE(checked);
    CHECK(checked.value().sha256 == canonical.value().info.sha256);
  }
}

TEST_CASE("images: the canonical PNG keeps every pixel exactly, opaque or not") {
  db::RgbaImage img;
  img.width = 5;
  img.height = 3;
  for (int i = 0; i < 15; ++i)
    img.rgba.insert(img.rgba.end(), {static_cast<unsigned char>(i * 17), static_cast<unsigned char>(255 - i), 3,
                                     static_cast<unsigned char>(i == 7 ? 0 : 255)});
  auto opaque = img;
  for (size_t i = 3; i < opaque.rgba.size(); i += 4) opaque.rgba[i] = 255;
  for (const auto* original : {&img, &opaque}) {
    auto png = db::EncodePng(*original);
    REQUIRE(png);
    auto back = db::DecodeImage(png.value(), {}, db::ImageFormats::kPngOnly);
    REQUIRE_MESSAGE(back, back.error().message);
    CHECK(back.value().rgba == original->rgba);
    // Re-encoding what we decoded gives the same bytes: the stored form is a fixed point.
    auto again = db::EncodePng(back.value());
    REQUIRE(again);
    CHECK(again.value() == png.value());
  }
  CHECK_FALSE(db::EncodePng(db::RgbaImage{}));
}

TEST_CASE("images: a stored picture must be one of our PNGs, a JPEG or text in the image table is refused") {
  auto jpeg = db::CheckImage(Bytes(test::Jpeg(8, 8, std::vector<unsigned char>(8 * 8 * 3, 77), TJPF_RGB)));
  REQUIRE_FALSE(jpeg);
  CHECK(Contains(jpeg.error().message, "re-encoded as PNG"));
  CHECK_FALSE(db::CheckImage(Bytes("plain text")));
  CHECK_FALSE(db::CheckImage({}));
  auto ok = db::CheckImage(Bytes(test::SolidPng(7, 9, 1, 2, 3)));
  REQUIRE(ok);
  CHECK(ok.value().width == 7);
  CHECK(ok.value().height == 9);
  CHECK(ok.value().sha256.size() == 64);
}
