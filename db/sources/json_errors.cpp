#include "db/sources/json_errors.h"

#include <nlohmann/json.hpp>

#include "db/base/text.h"
#include "db/model/text_rules.h"

namespace db {

void ReportJsonError(const nlohmann::json::exception& e, std::string_view data, const std::string& file,
                     Diagnostics& diags) {
  std::string what = Printable(e.what());
  if (const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    diags.Error(file, LineAt(data, pe->byte > 0 ? pe->byte - 1 : 0), "", "not valid JSON: " + what);
    return;
  }
  if (e.id == 406) {  // "number overflow parsing '1e400'": the parser stops at that number
    std::string token;
    size_t a = what.find('\''), b = a == std::string::npos ? a : what.find('\'', a + 1);
    if (b != std::string::npos) token = what.substr(a + 1, b - a - 1);
    size_t at = token.empty() ? std::string_view::npos : data.find(token);
    diags.Error(file, at == std::string_view::npos ? 0 : LineAt(data, at), "",
                "the number " + (token.empty() ? std::string("here") : token) +
                    " is too large to be read (at most about 1.8e308; coordinates are metres within 1000000 of "
                    "the origin)");
    return;
  }
  diags.Error(file, 0, "", "unexpected JSON content: " + what);
}

}  // namespace db
