#include "db/model/image_check.h"

#include <sodium.h>

#include "db/base/text.h"

namespace db {

namespace {

std::string Sha256Hex(std::span<const unsigned char> bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes.data(), bytes.size());
  return HexLower(digest, sizeof digest);
}

}  // namespace

Result<CanonicalImage> CanonicalizeImage(std::span<const unsigned char> source, const ImageLimits& limits) {
  auto decoded = DecodeImage(source, limits, ImageFormats::kPngOrJpeg);
  if (!decoded) return decoded.error();
  auto png = EncodePng(decoded.value());
  if (!png) return png.error();
  if (png.value().size() > limits.max_bytes)
    return Error{"stored as PNG the picture takes " + std::to_string(png.value().size() / 1024) + " KiB, more than the " +
                 std::to_string(limits.max_bytes / 1024) + " KiB allowed (scale it down or use fewer colours)"};
  CanonicalImage out;
  out.info.mime = ImageMime(ImageFormat::kPng);
  out.info.width = decoded.value().width;
  out.info.height = decoded.value().height;
  out.info.sha256 = Sha256Hex(png.value());
  out.bytes = std::move(png.value());
  return out;
}

Result<ImageInfo> CheckImage(std::span<const unsigned char> stored, const ImageLimits& limits) {
  if (!stored.empty() && SniffImageFormat(stored) != ImageFormat::kPng)
    return Error{"not a PNG image: a snapshot stores pictures re-encoded as PNG (rebuild it with this kiosk-snapshot)"};
  auto decoded = DecodeImage(stored, limits, ImageFormats::kPngOnly);
  if (!decoded) return decoded.error();
  ImageInfo info;
  info.mime = ImageMime(ImageFormat::kPng);
  info.width = decoded.value().width;
  info.height = decoded.value().height;
  info.sha256 = Sha256Hex(stored);
  return info;
}

}  // namespace db
