// Fuzz target: the GeoJSON floor plan reader (db/sources/floorplan.h) with its geometry checks, on any bytes.
#include "db/sources/floorplan.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  db::Diagnostics diags;
  auto plan = db::ParseFloorplan(fuzz::AsString(data, size), "floorplan.geojson", {"kk", "ru", "en"}, diags);
  for (const auto& d : diags.items()) (void)db::Format(d);
  return 0;
}
