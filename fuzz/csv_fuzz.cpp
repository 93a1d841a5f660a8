// Fuzz target: the CSV reader (db/sources/csv_table.h) on any bytes, then every cell read back by name and as a
// translated text, and the header check, as the source readers use them.
#include "db/sources/csv_table.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  db::Diagnostics diags;
  auto table = db::ParseCsv(fuzz::AsString(data, size), "fuzz.csv", diags);
  if (!table) return 0;
  const std::vector<std::string> languages = {"kk", "ru", "en"};
  for (const auto& row : table->rows) {
    db::CsvRowReader r(*table, row);
    for (const auto& column : table->header) (void)r.Get(column);
    (void)r.GetText("name", languages);
  }
  db::CheckColumns(*table, {"id"}, {"id", "kind"}, {"name"}, languages, diags);
  for (const auto& d : diags.items()) (void)db::Format(d);
  return 0;
}
