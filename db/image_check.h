// Checks a picture before it goes into a snapshot: type, byte size and pixel size are capped *before*
// decoding (a 50 KB PNG can claim 30000 x 30000 pixels and expand to gigabytes: a decompression bomb), then
// the whole image is decoded once with stb_image to prove it is not broken.
#pragma once
#include <string>
#include <vector>

#include "db/result.h"

namespace db {

struct ImageLimits {
  size_t max_bytes = 2 * 1024 * 1024;  // 2 MiB per file
  int max_side = 2048;                 // pixels, each of width and height
};

struct ImageInfo {
  std::string mime;  // image/png or image/jpeg
  int width = 0, height = 0;
  std::string sha256;  // hex digest of the bytes
};

Result<ImageInfo> CheckImage(const std::vector<unsigned char>& bytes, const ImageLimits& limits = {});

}  // namespace db
