// `kiosk-snapshot new DIR --languages kk,ru,en [--format xlsx|csv]`: a forum to fill in, so that nobody starts
// from the documentation alone. Every table of db/sources/source_tables.h with every column for those
// languages, a header row and one example row (flagged `sample` where the table has the flag), plus a floor
// plan and a one-event program; it builds as it is, with warnings only (tests/db/template_test.cpp).
// Language names, country names, plural families, month and weekday names come from ICU's CLDR data.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "db/base/result.h"

namespace db {

enum class TemplateFormat { Workbook, Csv };  // Workbook: one forum.xlsx (libxlsxwriter)

// Writes the template into `dir` (created when missing; refused when it holds anything, so nothing of
// staff's is overwritten). `languages`: codes in picker order, each falling back to the next; the first is
// the default. Returns the files written, relative to `dir`.
Result<std::vector<std::string>> WriteTemplate(const std::filesystem::path& dir,
                                               const std::vector<std::string>& languages, TemplateFormat format);

}  // namespace db
