#include "db/base/image_codec.h"

#include <png.h>
#include <turbojpeg.h>

#include <algorithm>
#include <memory>
#include <optional>

// [SECTION] Caps and signatures
// [SECTION] PNG (libpng's simplified API: it keeps its own setjmp/longjmp inside libpng, never through our
//           frames, and reports errors as a return value with a message)
// [SECTION] JPEG (TurboJPEG: errors as return values; warnings such as corrupt entropy data are errors too)
// [SECTION] Public functions

namespace db {

namespace {

// [SECTION] Caps and signatures

constexpr unsigned char kPngSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

bool IsPng(std::span<const unsigned char> b) {
  return b.size() >= sizeof kPngSignature && std::equal(kPngSignature, kPngSignature + sizeof kPngSignature, b.begin());
}
bool IsJpeg(std::span<const unsigned char> b) { return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF; }

std::string Kib(size_t n) { return std::to_string(n / 1024) + " KiB"; }

std::optional<Error> CheckBytes(std::span<const unsigned char> bytes, const ImageLimits& limits) {
  if (bytes.empty()) return Error{"the file is empty"};
  if (bytes.size() > limits.max_bytes)
    return Error{"the file is " + Kib(bytes.size()) + ", more than the " + Kib(limits.max_bytes) + " allowed"};
  return std::nullopt;
}

// Width and height from the header against the caps; called before any pixel memory exists.
std::optional<Error> CheckSize(long long w, long long h, const ImageLimits& limits) {
  if (w <= 0 || h <= 0) return Error{"the image has no pixels"};
  if (w > limits.max_side || h > limits.max_side)
    return Error{"the image is " + std::to_string(w) + " x " + std::to_string(h) + " pixels, more than " +
                 std::to_string(limits.max_side) + " x " + std::to_string(limits.max_side) +
                 " allowed (scale it down)"};
  if (static_cast<uint64_t>(w) * static_cast<uint64_t>(h) > limits.max_pixels)
    return Error{"the image is " + std::to_string(w) + " x " + std::to_string(h) + " pixels, more than the " +
                 std::to_string(limits.max_pixels) + " pixels allowed in all (scale it down)"};
  return std::nullopt;
}

// [SECTION] PNG

// Frees what libpng holds in image.opaque, whichever way the function leaves (png_image_free is a no-op on
// an image libpng already freed after an error).
struct PngImage {
  png_image image{};
  PngImage() { image.version = PNG_IMAGE_VERSION; }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
  std::string Reason() const { return image.message[0] ? std::string(image.message) : std::string("unknown error"); }
};

Result<ImageHeader> PngHeader(PngImage& png, std::span<const unsigned char> bytes, const ImageLimits& limits) {
  if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()))
    return Error{"cannot read the PNG header: " + png.Reason()};
  if (auto e = CheckSize(png.image.width, png.image.height, limits)) return *e;
  return ImageHeader{ImageFormat::kPng, static_cast<int>(png.image.width), static_cast<int>(png.image.height)};
}

Result<RgbaImage> DecodePng(std::span<const unsigned char> bytes, const ImageLimits& limits) {
  PngImage png;
  auto header = PngHeader(png, bytes, limits);
  if (!header) return header.error();
  png.image.format = PNG_FORMAT_RGBA;
  // A 16-bit file is sRGB-encoded like an 8-bit one unless it says otherwise (gAMA); without this flag
  // libpng would take it for linear light and draw it much too bright.
  png.image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  RgbaImage out;
  out.width = header.value().width;
  out.height = header.value().height;
  out.rgba.resize(PNG_IMAGE_SIZE(png.image));  // within the caps: at most max_pixels * 4 bytes
  if (!png_image_finish_read(&png.image, nullptr, out.rgba.data(), 0, nullptr))
    return Error{"the PNG is broken: " + png.Reason()};
  return out;
}

// [SECTION] JPEG

struct TjHandle {
  tjhandle h;
  explicit TjHandle(tjhandle handle) : h(handle) {}
  ~TjHandle() {
    if (h) tjDestroy(h);
  }
  TjHandle(const TjHandle&) = delete;
  TjHandle& operator=(const TjHandle&) = delete;
  std::string Reason() const { return tjGetErrorStr2(h); }
};

struct JpegHeader {
  ImageHeader header;
  int colorspace = TJCS_RGB;
};

Result<JpegHeader> ReadJpegHeader(TjHandle& tj, std::span<const unsigned char> bytes, const ImageLimits& limits) {
  int w = 0, h = 0, subsamp = 0, colorspace = 0;
  if (tjDecompressHeader3(tj.h, bytes.data(), static_cast<unsigned long>(bytes.size()), &w, &h, &subsamp, &colorspace) != 0)
    return Error{"cannot read the JPEG header: " + tj.Reason()};
  // libjpeg's memory source ends a short file with a fake end marker: a header cut off reads as 0 x 0.
  if (w <= 0 || h <= 0) return Error{"cannot read the JPEG header: the file ends before the picture starts (is it cut short?)"};
  if (auto e = CheckSize(w, h, limits)) return *e;
  // TurboJPEG cannot turn CMYK into RGB, and guessing (Adobe's inverted CMYK or not) would change colours.
  if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK)
    return Error{"the JPEG is in CMYK colours (for print): save it as an RGB JPEG or a PNG"};
  return JpegHeader{ImageHeader{ImageFormat::kJpeg, w, h}, colorspace};
}

Result<RgbaImage> DecodeJpeg(std::span<const unsigned char> bytes, const ImageLimits& limits) {
  TjHandle tj(tjInitDecompress());
  if (!tj.h) return Error{"cannot start the JPEG decoder"};
  auto header = ReadJpegHeader(tj, bytes, limits);
  if (!header) return header.error();
  RgbaImage out;
  out.width = header.value().header.width;
  out.height = header.value().header.height;
  out.rgba.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 4);
  // STOPONWARNING: corrupt or missing data is an error, not a picture with grey stripes. LIMITSCANS: a
  // progressive JPEG with thousands of scans (a CPU bomb) is refused.
  int flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;
  if (tjDecompress2(tj.h, bytes.data(), static_cast<unsigned long>(bytes.size()), out.rgba.data(), out.width,
                    out.width * 4, out.height, TJPF_RGBA, flags) != 0)
    return Error{"the JPEG is broken: " + tj.Reason()};
  return out;
}

}  // namespace

// [SECTION] Public functions

const char* ImageMime(ImageFormat format) { return format == ImageFormat::kPng ? "image/png" : "image/jpeg"; }

std::optional<ImageFormat> SniffImageFormat(std::span<const unsigned char> bytes) {
  if (IsPng(bytes)) return ImageFormat::kPng;
  if (IsJpeg(bytes)) return ImageFormat::kJpeg;
  return std::nullopt;
}

Result<ImageHeader> ReadImageHeader(std::span<const unsigned char> bytes, const ImageLimits& limits, ImageFormats formats) {
  if (auto e = CheckBytes(bytes, limits)) return *e;
  if (IsPng(bytes)) {
    PngImage png;
    return PngHeader(png, bytes, limits);
  }
  if (IsJpeg(bytes) && formats == ImageFormats::kPngOrJpeg) {
    TjHandle tj(tjInitDecompress());
    if (!tj.h) return Error{"cannot start the JPEG decoder"};
    auto header = ReadJpegHeader(tj, bytes, limits);
    if (!header) return header.error();
    return header.value().header;
  }
  return Error{formats == ImageFormats::kPngOnly ? "not a PNG image" : "not a PNG or JPEG image"};
}

Result<RgbaImage> DecodeImage(std::span<const unsigned char> bytes, const ImageLimits& limits, ImageFormats formats) {
  if (auto e = CheckBytes(bytes, limits)) return *e;
  if (IsPng(bytes)) return DecodePng(bytes, limits);
  if (IsJpeg(bytes) && formats == ImageFormats::kPngOrJpeg) return DecodeJpeg(bytes, limits);
  return Error{formats == ImageFormats::kPngOnly ? "not a PNG image" : "not a PNG or JPEG image"};
}

Result<std::vector<unsigned char>> EncodePng(const RgbaImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgba.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 4)
    return Error{"the picture to encode has no pixels or the wrong number of bytes"};
  bool opaque = true;
  for (size_t i = 3; i < image.rgba.size() && opaque; i += 4) opaque = image.rgba[i] == 255;
  std::vector<unsigned char> rgb;
  const unsigned char* pixels = image.rgba.data();
  if (opaque) {  // an opaque logo as RGB: a quarter smaller before compression
    rgb.reserve(image.rgba.size() / 4 * 3);
    for (size_t i = 0; i < image.rgba.size(); i += 4) rgb.insert(rgb.end(), &image.rgba[i], &image.rgba[i] + 3);
    pixels = rgb.data();
  }
  PngImage png;
  png.image.width = static_cast<png_uint_32>(image.width);
  png.image.height = static_cast<png_uint_32>(image.height);
  png.image.format = opaque ? PNG_FORMAT_RGB : PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  // First call: the size it needs; second: the bytes.
  if (!png_image_write_to_memory(&png.image, nullptr, &size, 0, pixels, 0, nullptr))
    return Error{"cannot encode the PNG: " + png.Reason()};
  std::vector<unsigned char> out(size);
  if (!png_image_write_to_memory(&png.image, out.data(), &size, 0, pixels, 0, nullptr))
    return Error{"cannot encode the PNG: " + png.Reason()};
  out.resize(size);
  return out;
}

}  // namespace db
