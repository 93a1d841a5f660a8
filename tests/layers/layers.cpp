#include "tests/layers/layers.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <string_view>

namespace layers {

namespace fs = std::filesystem;

namespace {

// The external headers a layer must be allowed by name to include. Any other external header (the C++
// library, POSIX, libsodium, FreeType...) is free: which libraries a layer links is the CMake files' business.
struct Guarded {
  std::string_view key;   // what the include starts with
  std::string_view name;  // for messages
};
constexpr Guarded kGuarded[] = {
    {"sqlite3.h", "SQLite"},
    {"imgui", "Dear ImGui"},  // imgui.h, imgui_internal.h, imgui_freetype.h, imgui_impl_*.h
    {"GLFW/", "GLFW"},
    {"GL/", "GL"},
};

// A layer: a folder (ending in '/') or one file, what project headers it may include (folders ending in '/'
// or single headers; "*" for anything) and which guarded external headers (by key). The most specific scope
// that holds a file is its rule. docs/LAYERS.md explains the picture; keep the two in step.
struct Rule {
  std::string_view scope;
  std::vector<std::string_view> may_include;
  std::vector<std::string_view> guarded;
};
const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = {
      {"db/base/", {"db/base/"}, {}},
      {"db/model/", {"db/base/", "db/model/"}, {}},
      {"db/sources/", {"db/base/", "db/model/", "db/sources/"}, {}},
      {"db/snapshot/", {"db/base/", "db/model/", "db/snapshot/"}, {"sqlite3.h"}},
      {"db/field/", {"db/base/", "db/model/", "db/snapshot/", "db/field/"}, {}},
      {"db/tool/", {"db/", "fonts/"}, {}},
      // Font files and their coverage (FreeType, fontconfig): below both the kiosk's platform and the staff tool.
      {"fonts/", {"db/base/", "fonts/"}, {}},
      {"platform/", {"db/base/", "db/model/", "db/field/", "fonts/", "platform/"}, {"imgui", "GLFW/", "GL/"}},
      {"app/",
       {"app/", "db/base/", "db/model/", "db/snapshot/search.h", "db/snapshot/search_fold.h", "db/sources/csv_table.h"},
       {"imgui"}},
      // The program: it wires the layers together. app/kiosk/ holds main()'s parts once it is split into
      // named phases (issue 13 part 3): the same licence.
      {"app/main.cpp", {"*"}, {"sqlite3.h", "imgui", "GLFW/", "GL/"}},
      {"app/kiosk/", {"*"}, {"sqlite3.h", "imgui", "GLFW/", "GL/"}},
  };
  return rules;
}

constexpr std::string_view kTopFolders[] = {"app/", "db/", "fonts/", "platform/"};

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// A prefix ending in '/' matches everything below it; anything else matches exactly.
bool Covers(std::string_view pattern, std::string_view path) {
  return pattern == "*" || (pattern.back() == '/' ? StartsWith(path, pattern) : path == pattern);
}

const Rule* RuleFor(std::string_view file) {
  const Rule* best = nullptr;
  for (const Rule& r : Rules())
    if (Covers(r.scope, file) && (!best || r.scope.size() > best->scope.size())) best = &r;
  return best;
}

std::string Join(const std::vector<std::string_view>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += std::string(i == 0 ? "" : ", ") + std::string(items[i]);
  return out;
}

std::string Describe(const Rule& r) {
  std::string out = std::string(r.scope) + " may include " + Join(r.may_include) + "; of ";
  for (size_t i = 0; i < std::size(kGuarded); ++i)
    out += std::string(i == 0 ? "" : i + 1 == std::size(kGuarded) ? " and " : ", ") + std::string(kGuarded[i].name);
  if (r.guarded.empty()) return out + " nothing";
  out += " only ";
  for (size_t i = 0; i < r.guarded.size(); ++i)
    for (const auto& g : kGuarded)
      if (g.key == r.guarded[i]) out += std::string(i == 0 ? "" : ", ") + std::string(g.name);
  return out;
}

bool IsSource(const fs::path& p) {
  static const std::vector<std::string> ext = {".h", ".hpp", ".cpp", ".cc", ".c", ".inc"};
  return std::find(ext.begin(), ext.end(), p.extension().string()) != ext.end();
}

}  // namespace

// Known exceptions, each with the reason and when it goes. Keep this list short: an exception that no include
// needs any more fails the check, so it is removed when its reason is gone.
const std::vector<Exception>& KnownExceptions() {
  // None today: the snapshot loader moved from db/model/catalog.cpp to db/snapshot/loader.cpp. An entry is
  // {file, the include prefix it may use, why}; the check fails on an entry that is no longer needed.
  static const std::vector<Exception> list = {};
  return list;
}

std::string Format(const Violation& v) {
  return v.file + ":" + std::to_string(v.line) + ": #include " + v.include + " breaks the rule: " + v.rule +
         " (docs/LAYERS.md)";
}

Report CheckTree(const fs::path& root, const std::vector<Exception>& exceptions) {
  Report report;
  std::vector<bool> exception_used(exceptions.size(), false);
  std::vector<std::string> files;
  for (std::string_view top : kTopFolders) {
    std::error_code ec;
    fs::path dir = root / std::string(top.substr(0, top.size() - 1));
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && IsSource(it->path())) files.push_back(it->path().lexically_relative(root).generic_string());
  }
  std::sort(files.begin(), files.end());  // messages in a stable order

  // `#include "x"` or `#include <x>`, with any spacing; a macro include (FT_FREETYPE_H) names no file.
  static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  for (const std::string& file : files) {
    const Rule* rule = RuleFor(file);
    if (!rule) {
      report.uncovered.push_back(file);
      continue;
    }
    std::ifstream in(root / file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::smatch m;
      if (!std::regex_search(line, m, include_line)) continue;
      std::string target = m[2].str();
      std::string written = m[1].str() == "<" ? "<" + target + ">" : "\"" + target + "\"";
      // A quoted name without a folder is found beside the including file first.
      if (m[1].str() == "\"" && target.find('/') == std::string::npos) {
        std::string beside = (fs::path(file).parent_path() / target).generic_string();
        std::error_code ec;
        if (fs::exists(root / beside, ec)) target = beside;
      }
      bool project = std::any_of(std::begin(kTopFolders), std::end(kTopFolders),
                                 [&](std::string_view top) { return StartsWith(target, top); });
      bool allowed;
      if (project) {
        allowed = std::any_of(rule->may_include.begin(), rule->may_include.end(),
                              [&](std::string_view p) { return Covers(p, target); });
      } else {
        const Guarded* guard = nullptr;
        for (const auto& g : kGuarded)
          if (StartsWith(target, g.key)) guard = &g;
        allowed = !guard || std::find(rule->guarded.begin(), rule->guarded.end(), guard->key) != rule->guarded.end();
      }
      if (allowed) continue;
      bool excepted = false;
      for (size_t i = 0; i < exceptions.size(); ++i)
        if (exceptions[i].file == file && Covers(exceptions[i].include, target)) excepted = exception_used[i] = true;
      if (!excepted) report.violations.push_back({file, number, written, Describe(*rule)});
    }
  }
  for (size_t i = 0; i < exceptions.size(); ++i)
    if (!exception_used[i])
      report.stale_exceptions.push_back(exceptions[i].file + " may include " + exceptions[i].include + " (" +
                                        exceptions[i].why + ")");
  return report;
}

}  // namespace layers
