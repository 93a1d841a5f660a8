// Diagnostics as JSON, for a program that runs the staff tool and shows what it found: `kiosk-snapshot build
// --json` writes them, the kiosk's live preview (app/kiosk/source_watcher.h) reads them back. One shape:
//   {"written": true, "diagnostics": [{"severity": "warning", "file": "organizations.csv", "line": 3,
//                                      "field": "name_en", "message": "..."}]}
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "db/base/diagnostics.h"

namespace db {

// `d` and whether the file was written, as one JSON object (text that is not UTF-8 is replaced, never thrown on).
std::string BuildReportJson(const Diagnostics& d, bool written);

struct BuildReport {
  Diagnostics diags;
  bool written = false;
};
// The object BuildReportJson wrote; nullopt (and why in `error`) for anything else.
std::optional<BuildReport> ParseBuildReport(std::string_view json, std::string& error);

}  // namespace db
