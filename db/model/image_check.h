// Pictures on their way into and out of a snapshot, on top of db/base/image_codec.h (libpng, libjpeg-turbo):
//  - the build turns each of staff's logos (PNG or JPEG) into the canonical form the snapshot stores: decoded
//    once under the caps, re-encoded by our own PNG encoder (so trailing bytes, text chunks, colour profiles
//    and whatever else the file carried stay behind, and the kiosk only ever decodes PNGs we wrote);
//  - validate (db/model/check.cpp) decodes every stored picture again, under the same caps.
// The caps (ImageLimits) are checked from the header before any pixel memory is allocated.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "db/base/image_codec.h"
#include "db/base/result.h"

namespace db {

struct ImageInfo {
  std::string mime;  // always image/png for a stored picture
  int width = 0, height = 0;
  std::string sha256;  // hex digest of the stored bytes
};

// A source picture in its stored form: `bytes` is the canonical PNG, `info` describes those bytes.
struct CanonicalImage {
  ImageInfo info;
  std::vector<unsigned char> bytes;
};

// Staff's file (PNG or JPEG) -> canonical PNG. Fails with a plain reason when the file is over a cap, not a
// picture, damaged, or when the re-encoded PNG itself is over the byte cap.
Result<CanonicalImage> CanonicalizeImage(std::span<const unsigned char> source, const ImageLimits& limits = {});

// A picture as stored in a snapshot: must be a PNG within the caps that decodes cleanly; returns what it
// really is (type, size, checksum of the bytes) for the caller to compare with what the snapshot records.
Result<ImageInfo> CheckImage(std::span<const unsigned char> stored, const ImageLimits& limits = {});

}  // namespace db
