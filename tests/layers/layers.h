// The layering rules of the source tree, checked on its #include lines (docs/LAYERS.md). The build links
// SQLite PRIVATE to forumdb and GLFW/GL PRIVATE to forum_platform, but their headers live in /usr/include, so
// only this check keeps a layer from including what it must not: `check_layers` runs it in CTest.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace layers {

// One #include that breaks a rule.
struct Violation {
  std::string file;     // relative to the root, with '/': "db/model/catalog.cpp"
  int line = 0;         // 1-based
  std::string include;  // as written: "<sqlite3.h>", "\"app/theme.h\""
  std::string rule;     // what the file's layer may include, in words
};

// "db/base/text.cpp:12: #include "db/model/catalog.h" breaks the rule: db/base/ may include ..."
std::string Format(const Violation& v);

struct Report {
  std::vector<Violation> violations;
  // Known exceptions (layers.cpp) that no include needs any more: remove them from the list.
  std::vector<std::string> stale_exceptions;
  // Source files in app/, db/, fonts/ or platform/ that no rule covers (a new folder needs its rule).
  std::vector<std::string> uncovered;
  bool ok() const { return violations.empty() && stale_exceptions.empty() && uncovered.empty(); }
};

// A known exception to the rules: `file` may include `include` (a folder ending in '/' or one header).
struct Exception {
  std::string file, include, why;
};
// The project's list (layers.cpp): short, each with its reason.
const std::vector<Exception>& KnownExceptions();

// Checks every C++ source and header under root/{app,db,fonts,platform} against the rules, allowing
// `exceptions`. Other folders (tests, bench, fuzz) may include anything.
Report CheckTree(const std::filesystem::path& root, const std::vector<Exception>& exceptions = KnownExceptions());

}  // namespace layers
