#include "db/base/diagnostics.h"

namespace db {

std::string Format(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("snapshot") : d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += d.severity == Severity::Error ? ": error: " : d.severity == Severity::Warning ? ": warning: " : ": note: ";
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

}  // namespace db
