// Fuzz target: the frab/pretalx schedule JSON importer (db/sources/schedule_import.h) on any bytes.
#include "db/sources/schedule_import.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  db::Diagnostics diags;
  auto s = db::ParseScheduleJson(fuzz::AsString(data, size), "schedule.json", {}, diags);
  for (const auto& d : diags.items()) (void)db::Format(d);
  return 0;
}
