#include "db/tool/build.h"

#include "db/model/check.h"
#include "db/sources/sources.h"
#include "db/sources/workbook.h"
#include "db/snapshot/writer.h"

namespace db {

BuildOutcome BuildSnapshot(const std::string& src_dir, const std::string& out_file, int64_t content_version) {
  BuildOutcome out;
  std::vector<CsvTable> sheets;
  std::shared_ptr<const Catalog> catalog = ReadSources(src_dir, out.diags, &sheets);
  CheckCatalog(*catalog, out.diags);
  NameCellsAsSpreadsheet(sheets, out.diags);
  if (content_version <= 0) out.diags.Error("--content-version", 0, "", "must be a whole number above 0");
  if (out.diags.has_errors()) return out;
  auto written = WriteSnapshot(*catalog, out_file, content_version);
  if (!written) {
    out.diags.Error(out_file, 0, "", written.error().message);
    return out;
  }
  out.written = true;
  return out;
}

}  // namespace db
