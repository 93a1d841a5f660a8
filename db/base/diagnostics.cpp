#include "db/base/diagnostics.h"

#include <utility>

namespace db {

std::string Format(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("snapshot") : d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += std::string(": ") + SeverityName(d.severity) + ": ";
  if (!d.field.empty()) out += d.field + ": ";
  out += d.message;
  return out;
}

void Diagnostics::Error(std::string file, int line, std::string field, std::string message) {
  items_.push_back({Severity::Error, std::move(file), line, std::move(field), std::move(message)});
}

void Diagnostics::Warning(std::string file, int line, std::string field, std::string message) {
  items_.push_back({Severity::Warning, std::move(file), line, std::move(field), std::move(message)});
}

void Diagnostics::Note(std::string file, int line, std::string field, std::string message) {
  items_.push_back({Severity::Note, std::move(file), line, std::move(field), std::move(message)});
}

const Diagnostic* Diagnostics::first_error() const {
  for (const auto& d : items_)
    if (d.severity == Severity::Error) return &d;
  return nullptr;
}

int Diagnostics::error_count() const {
  int n = 0;
  for (const auto& d : items_) n += d.severity == Severity::Error;
  return n;
}

int Diagnostics::warning_count() const {
  int n = 0;
  for (const auto& d : items_) n += d.severity == Severity::Warning;
  return n;
}

std::string ErrorSummary(const Diagnostics& d) {
  std::vector<std::pair<std::string, int>> per_file;  // few files: a linear search keeps their order
  for (const auto& item : d.items()) {
    if (item.severity != Severity::Error) continue;
    std::string file = item.file.empty() ? "the snapshot" : item.file;
    auto it = per_file.begin();
    while (it != per_file.end() && it->first != file) ++it;
    if (it == per_file.end()) per_file.emplace_back(file, 1);
    else ++it->second;
  }
  std::string out;
  for (size_t i = 0; i < per_file.size(); ++i) {
    const auto& [file, n] = per_file[i];
    out += i ? ", " + std::to_string(n) + " in " + file
             : std::to_string(n) + (n == 1 ? " error in " : " errors in ") + file;
  }
  return out;
}

}  // namespace db
