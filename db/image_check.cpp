#include "db/image_check.h"

#include <sodium.h>

#include <algorithm>
#include <stb_image.h>

#include "db/text.h"

namespace db {

Result<ImageInfo> CheckImage(const std::vector<unsigned char>& bytes, const ImageLimits& limits) {
  ImageInfo info;
  if (bytes.empty()) return Error{"the file is empty"};
  if (bytes.size() > limits.max_bytes)
    return Error{"the file is " + std::to_string(bytes.size() / 1024) + " KiB, more than the " +
                 std::to_string(limits.max_bytes / 1024) + " KiB allowed"};
  static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (bytes.size() >= 8 && std::equal(kPng, kPng + 8, bytes.begin())) info.mime = "image/png";
  else if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) info.mime = "image/jpeg";
  else return Error{"not a PNG or JPEG image"};

  int w = 0, h = 0, comp = 0;
  // Header only: no pixel memory is allocated yet.
  if (!stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp))
    return Error{std::string("cannot read the image header: ") + stbi_failure_reason()};
  if (w <= 0 || h <= 0) return Error{"the image has no pixels"};
  if (w > limits.max_side || h > limits.max_side)
    return Error{"the image is " + std::to_string(w) + " x " + std::to_string(h) + " pixels, more than " +
                 std::to_string(limits.max_side) + " x " + std::to_string(limits.max_side) +
                 " allowed (scale it down)"};
  int dw = 0, dh = 0, dc = 0;
  unsigned char* pixels = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &dw, &dh, &dc, 4);
  if (!pixels) return Error{std::string("the image is broken: ") + stbi_failure_reason()};
  stbi_image_free(pixels);
  if (dw != w || dh != h) return Error{"the image decodes to a size other than its header says"};
  info.width = w;
  info.height = h;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes.data(), bytes.size());
  info.sha256 = HexLower(digest, sizeof digest);
  return info;
}

}  // namespace db
