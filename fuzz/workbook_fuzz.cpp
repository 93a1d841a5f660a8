// Fuzz target: the workbook reader (db/sources/workbook.h) on any bytes as an .xlsx and as an .ods: the zip
// container (libzip), the XML parts (pugixml), shared strings, number formats and date serials; then every
// sheet read as the source readers read it, and the cell names the messages use.
#include "db/sources/workbook.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::TempFile xlsx("workbook", ".xlsx"), ods("workbook", ".ods");
  for (fuzz::TempFile* f : {&xlsx, &ods}) {
    db::Diagnostics diags;
    auto sheets = db::ReadWorkbook(f->Write(data, size), "fuzz", diags);
    if (!sheets) continue;
    for (const auto& t : *sheets)
      for (const auto& row : t.rows) {
        db::CsvRowReader r(t, row);
        for (const auto& column : t.header) (void)r.Get(column);
        diags.Error(t.file, row.line, t.header.empty() ? "" : t.header.back(), "a problem in this row");
      }
    db::NameCellsAsSpreadsheet(*sheets, diags);
    for (const auto& d : diags.items()) (void)db::Format(d);
  }
  return 0;
}
