// Fuzz target: pictures both ways (db/model/image_check.h) on any bytes, with the default limits staff get:
// CanonicalizeImage, what the build does to a logo (PNG or JPEG decoded with libpng / libjpeg-turbo,
// re-encoded as our PNG), then CheckImage on its result (what validate and the kiosk accept: our own output
// must always pass), and CheckImage on the raw bytes (a stored picture forced into a snapshot).
#include "db/model/image_check.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const unsigned char> bytes(data, size);
  if (auto canonical = db::CanonicalizeImage(bytes)) {
    auto again = db::CheckImage(canonical.value().bytes);
    if (!again.ok() || again.value().width != canonical.value().info.width ||
        again.value().height != canonical.value().info.height)
      std::abort();  // the build stored something validate would refuse
  }
  auto info = db::CheckImage(bytes);
  if (info.ok() && (info.value().width <= 0 || info.value().height <= 0)) std::abort();  // accepted means drawable
  return 0;
}
