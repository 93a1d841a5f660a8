// Fuzz target: the frab/pentabarf schedule XML importer (db/sources/schedule_import.h) on any bytes.
#include "db/sources/schedule_import.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  db::Diagnostics diags;
  auto s = db::ParseScheduleXml(fuzz::AsString(data, size), "schedule.xml", {}, diags);
  for (const auto& d : diags.items()) (void)db::Format(d);
  return 0;
}
