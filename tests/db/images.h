// Pictures made inside the tests, with the same libraries the kiosk trusts (libpng through db::EncodePng,
// zlib for hand-built PNG chunks, TurboJPEG): PNGs of every colour type and bit depth, JPEGs baseline,
// progressive and CMYK, and the broken ones a fuzzer or an unlucky export produces.
#pragma once
#include <string>
#include <vector>

namespace test {

// One PNG chunk: length, type, data, CRC-32 (zlib's).
std::string PngChunk(const std::string& type, const std::string& data);
// A PNG built chunk by chunk: IHDR (colour type, bit depth), `before_idat` chunks (PLTE, tRNS, gAMA ...), the
// scanlines in `raw` (each row without its filter byte: filter 0 is added) deflated by zlib, IEND.
std::string RawPng(int w, int h, int bit_depth, int color_type, const std::string& raw, const std::string& before_idat = "");
// A valid-looking PNG whose header claims w x h 8-bit RGB pixels over a tiny (empty) IDAT: a decompression bomb.
std::string PngBomb(int w, int h);
// A w x h RGBA PNG written by db::EncodePng, every pixel (r, g, b, a).
std::string SolidPng(int w, int h, unsigned char r, unsigned char g, unsigned char b, unsigned char a = 255);
// Deterministic noise, 3 bytes per pixel: gives a JPEG enough entropy-coded data to damage.
std::vector<unsigned char> NoiseRgb(int w, int h);
// A JPEG from packed pixels in TurboJPEG pixel format `pixel_format` (TJPF_RGB, TJPF_GRAY, TJPF_CMYK ...)
// with `flags` (TJFLAG_PROGRESSIVE ...), quality 90, 4:4:4 (grey: TJSAMP_GRAY).
std::string Jpeg(int w, int h, const std::vector<unsigned char>& pixels, int pixel_format, int flags = 0);

std::vector<unsigned char> Bytes(const std::string& s);

}  // namespace test
