// Fuzz target: db::CheckImage (db/image_check.h), the check every logo passes at build time, on any bytes.
// The limits are the defaults staff get.
#include "db/image_check.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<unsigned char> bytes(data, data + size);
  auto info = db::CheckImage(bytes);
  if (info.ok() && (info.value().width <= 0 || info.value().height <= 0)) std::abort();  // accepted means drawable
  return 0;
}
