// Problems found while reading sources or checking a snapshot, with where they are, so staff can fix them
// all in one go instead of one per run.
#pragma once
#include <string>
#include <vector>

namespace db {

// Note: what staff may want to know and need not act on ("exhibitors.csv: read as UTF-16LE, tab-separated").
enum class Severity { Note, Warning, Error };
// The severities' names, in Severity's order ("note", "warning", "error"): messages, the preview's panel and
// the build report's JSON all name them so.
inline constexpr const char* kSeverityNames[] = {"note", "warning", "error"};
inline const char* SeverityName(Severity s) { return kSeverityNames[static_cast<int>(s)]; }

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;   // file name relative to the source folder ("organizations.csv"), or the snapshot path
  int line = 0;       // 1-based; 0 when the problem is not on one line
  std::string field;  // column, property or table.column; empty when not about one field
  std::string message;
};

// Formats as "file:line: error: field: message" (the shape compilers use, so editors can jump to it).
std::string Format(const Diagnostic& d);

class Diagnostics {
 public:
  void Error(std::string file, int line, std::string field, std::string message);
  void Warning(std::string file, int line, std::string field, std::string message);
  void Note(std::string file, int line, std::string field, std::string message);
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }

  const std::vector<Diagnostic>& items() const { return items_; }
  int error_count() const;
  int warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // The first error, for a one-line reason (a refusal, the kiosk's staff message); null when there is none.
  const Diagnostic* first_error() const;

 private:
  std::vector<Diagnostic> items_;
};

// The errors counted per file, in the order the files first appear: "3 errors in exhibitors.csv, 1 in
// agreements.csv" (a problem with no file counts as "the snapshot"); "" when there is no error. The last line
// staff read after a failed build.
std::string ErrorSummary(const Diagnostics& d);

}  // namespace db
