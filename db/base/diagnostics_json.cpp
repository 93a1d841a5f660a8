#include "db/base/diagnostics_json.h"

#include <nlohmann/json.hpp>

namespace db {

std::string BuildReportJson(const Diagnostics& d, bool written) {
  nlohmann::json items = nlohmann::json::array();
  for (const Diagnostic& item : d.items())
    items.push_back({{"severity", SeverityName(item.severity)},
                     {"file", item.file},
                     {"line", item.line},
                     {"field", item.field},
                     {"message", item.message}});
  nlohmann::json out = {{"written", written}, {"diagnostics", std::move(items)}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<BuildReport> ParseBuildReport(std::string_view json, std::string& error) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("written") || !j["written"].is_boolean() ||
      !j.contains("diagnostics") || !j["diagnostics"].is_array()) {
    error = "not a build report (JSON with \"written\" and \"diagnostics\")";
    return std::nullopt;
  }
  BuildReport r;
  r.written = j["written"].get<bool>();
  try {  // value() throws on a member of another type
    for (const nlohmann::json& item : j["diagnostics"]) {
      Diagnostic d;
      std::string severity = item.value("severity", "");
      int s = 0;
      while (s < 3 && severity != kSeverityNames[s]) ++s;
      if (s == 3 || !item.value("message", nlohmann::json()).is_string()) {
        error = "a diagnostic without a severity or message in the build report";
        return std::nullopt;
      }
      d.severity = static_cast<Severity>(s);
      d.file = item.value("file", "");
      d.line = item.value("line", 0);
      d.field = item.value("field", "");
      d.message = item.value("message", "");
      r.diags.Add(std::move(d));
    }
  } catch (const nlohmann::json::exception& e) {
    error = std::string("a diagnostic of another shape in the build report (") + e.what() + ")";
    return std::nullopt;
  }
  return r;
}

}  // namespace db
