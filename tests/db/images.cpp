#include "images.h"

#include <turbojpeg.h>
#include <zlib.h>

#include <doctest/doctest.h>

#include "db/base/image_codec.h"

namespace test {

namespace {

std::string BigEndian(uint32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
  return s;
}

}  // namespace

std::vector<unsigned char> Bytes(const std::string& s) { return {s.begin(), s.end()}; }

std::string PngChunk(const std::string& type, const std::string& data) {
  std::string body = type + data;
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  return BigEndian(static_cast<uint32_t>(data.size())) + body + BigEndian(static_cast<uint32_t>(crc));
}

std::string RawPng(int w, int h, int bit_depth, int color_type, const std::string& raw, const std::string& before_idat) {
  std::string ihdr = BigEndian(static_cast<uint32_t>(w)) + BigEndian(static_cast<uint32_t>(h));
  ihdr += static_cast<char>(bit_depth);
  ihdr += static_cast<char>(color_type);
  ihdr += std::string(3, '\0');  // deflate, adaptive filtering, no interlace
  size_t row = raw.size() / static_cast<size_t>(h);
  REQUIRE(row * static_cast<size_t>(h) == raw.size());
  std::string filtered;
  for (int y = 0; y < h; ++y) filtered += '\0' + raw.substr(static_cast<size_t>(y) * row, row);
  uLongf size = compressBound(static_cast<uLong>(filtered.size()));
  std::string idat(size, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(idat.data()), &size, reinterpret_cast<const Bytef*>(filtered.data()),
                   static_cast<uLong>(filtered.size())) == Z_OK);
  idat.resize(size);
  return "\x89PNG\r\n\x1a\n" + PngChunk("IHDR", ihdr) + before_idat + PngChunk("IDAT", idat) + PngChunk("IEND", "");
}

std::string PngBomb(int w, int h) {
  std::string ihdr = BigEndian(static_cast<uint32_t>(w)) + BigEndian(static_cast<uint32_t>(h));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  return "\x89PNG\r\n\x1a\n" + PngChunk("IHDR", ihdr) + PngChunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
         PngChunk("IEND", "");
}

std::string SolidPng(int w, int h, unsigned char r, unsigned char g, unsigned char b, unsigned char a) {
  db::RgbaImage img;
  img.width = w;
  img.height = h;
  for (int i = 0; i < w * h; ++i) img.rgba.insert(img.rgba.end(), {r, g, b, a});
  auto png = db::EncodePng(img);
  REQUIRE(png);
  return {png.value().begin(), png.value().end()};
}

std::vector<unsigned char> NoiseRgb(int w, int h) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * h * 3);
  uint32_t x = 12345;
  for (auto& v : px) {
    x = x * 1103515245u + 12345u;
    v = static_cast<unsigned char>(x >> 24);
  }
  return px;
}

std::string Jpeg(int w, int h, const std::vector<unsigned char>& pixels, int pixel_format, int flags) {
  tjhandle tj = tjInitCompress();
  REQUIRE(tj);
  unsigned char* out = nullptr;
  unsigned long size = 0;
  int subsamp = pixel_format == TJPF_GRAY ? TJSAMP_GRAY : TJSAMP_444;
  int rc = tjCompress2(tj, pixels.data(), w, 0, h, pixel_format, &out, &size, subsamp, 90, flags);
  std::string why = rc != 0 ? tjGetErrorStr2(tj) : "";
  tjDestroy(tj);
  REQUIRE_MESSAGE(rc == 0, why);
  std::string s(reinterpret_cast<char*>(out), size);
  tjFree(out);
  return s;
}

}  // namespace test
