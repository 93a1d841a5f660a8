// nlohmann::json's exceptions as diagnostics: every parse of a JSON source (floor plan, schedule) catches
// nlohmann::json::exception and reports it here, so no JSON file can stop `build` with an uncaught exception.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "db/base/diagnostics.h"

namespace db {

// A syntax error names its line (from the byte offset); a number too large for a double ("1e400", nlohmann's
// out_of_range.406) names the line where that number is written; anything else (a value of the wrong type
// where the format wants another) names the file.
void ReportJsonError(const nlohmann::json::exception& e, std::string_view data, const std::string& file,
                     Diagnostics& diags);

}  // namespace db
