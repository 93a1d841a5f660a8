// Decodes and encodes pictures from untrusted sources (staff's logos/, a snapshot's image table) with
// Debian's libpng and libjpeg-turbo, both fuzzed upstream by OSS-Fuzz. stb_image is not used on such input:
// a fuzzer found undefined behaviour inside its decoder that no check before decoding can rule out.
//
// Every decode reads the header first and checks the caps (bytes, width, height, total pixels) before any
// pixel memory is allocated, so a 50-byte PNG that claims 30000 x 30000 pixels (a decompression bomb) costs
// nothing. Errors are values with a plain reason a staff member can act on. No SQLite here: the platform
// layer (the kiosk's texture worker) uses this module too.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "db/base/result.h"

namespace db {

// Caps on one picture. The defaults are the rule documented in docs/SOURCES.md; a logo is drawn at most a
// few hundred pixels wide, so 2048 leaves room for sharp scaling.
struct ImageLimits {
  size_t max_bytes = 2 * 1024 * 1024;          // 2 MiB per file (and per stored, re-encoded picture)
  int max_side = 2048;                          // pixels, each of width and height
  uint64_t max_pixels = 2048ull * 2048ull;      // width x height: 16 MiB of RGBA at most
};

enum class ImageFormat { kPng, kJpeg };

// "image/png" or "image/jpeg".
const char* ImageMime(ImageFormat format);

// The format its signature shows (the first bytes), or nothing when it is neither PNG nor JPEG.
std::optional<ImageFormat> SniffImageFormat(std::span<const unsigned char> bytes);

// What the header says, after the caps were checked. Nothing is decoded.
struct ImageHeader {
  ImageFormat format = ImageFormat::kPng;
  int width = 0, height = 0;
};

// 8-bit RGBA, straight (not premultiplied) alpha, sRGB, rows top to bottom without padding:
// rgba.size() == width * height * 4.
struct RgbaImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
};

// Which formats a caller accepts. Staff sources may be PNG or JPEG; the kiosk reads only the PNGs our own
// encoder wrote into the snapshot.
enum class ImageFormats { kPngOrJpeg, kPngOnly };

// Recognises the format by its signature and reads the header; checks every cap. Allocates no pixels.
Result<ImageHeader> ReadImageHeader(std::span<const unsigned char> bytes, const ImageLimits& limits = {},
                                    ImageFormats formats = ImageFormats::kPngOrJpeg);

// Header, caps, then the whole picture into RGBA. Any damage the decoder notices (truncated data, a bad
// checksum, corrupt entropy-coded data) is an error, never a half-decoded picture. Bytes after the end of the
// picture (after PNG's IEND, JPEG's EOI) are ignored: they are not part of it and re-encoding drops them.
Result<RgbaImage> DecodeImage(std::span<const unsigned char> bytes, const ImageLimits& limits = {},
                              ImageFormats formats = ImageFormats::kPngOrJpeg);

// The canonical form stored in a snapshot: a PNG written by libpng, 8-bit RGB when every pixel is opaque,
// RGBA otherwise, no ancillary chunks (no text, no colour profile, no trailing bytes).
Result<std::vector<unsigned char>> EncodePng(const RgbaImage& image);

}  // namespace db
