// The layering check itself: a tree with deliberately bad includes must fail, naming file, line and rule.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "tests/layers/layers.h"

namespace fs = std::filesystem;

namespace {

// A scratch source tree under the temp folder, removed at the end.
struct Tree {
  fs::path root;
  Tree() {
    root = fs::temp_directory_path() /
           ("layers-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(root);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void Add(const std::string& file, const std::string& text) {
    fs::create_directories((root / file).parent_path());
    std::ofstream(root / file) << text;
  }
};

std::string All(const layers::Report& r) {
  std::string out;
  for (const auto& v : r.violations) out += layers::Format(v) + "\n";
  return out;
}

const std::vector<layers::Exception> kNone;

}  // namespace

TEST_CASE("layers: includes that follow the rules pass") {
  Tree t;
  t.Add("db/base/text.h", "#pragma once\n#include <string>\n#include <png.h>\n");
  t.Add("db/model/catalog.h", "#include \"db/base/text.h\"\n");
  t.Add("db/snapshot/sqlite.cpp", "#include <sqlite3.h>\n#include \"db/model/catalog.h\"\n#include \"schema_sql.h\"\n");
  t.Add("db/snapshot/schema_sql.h", "\n");
  t.Add("db/tool/main.cpp", "#include \"db/snapshot/sqlite.h\"\n#include \"fonts/font_files.h\"\n");
  t.Add("fonts/font_files.cpp", "#include \"db/base/text.h\"\n#include <ft2build.h>\n#include FT_FREETYPE_H\n");
  t.Add("platform/window.cpp", "#include <GLFW/glfw3.h>\n#include <imgui.h>\n#include \"db/field/install.h\"\n");
  t.Add("app/ui.cpp", "#include <imgui.h>\n#include \"db/snapshot/search.h\"\n#include \"app/theme.h\"\n");
  t.Add("app/main.cpp", "#include \"platform/window.h\"\n#include <GLFW/glfw3.h>\n#include <sqlite3.h>\n");
  t.Add("app/kiosk/options.h", "#include \"platform/window.h\"\n#include \"db/field/install.h\"\n");
  layers::Report r = layers::CheckTree(t.root, kNone);
  INFO(All(r));
  CHECK(r.ok());
}

TEST_CASE("layers: a bad include fails with its file, line and the rule it breaks") {
  Tree t;
  t.Add("db/base/text.cpp", "#include <string>\n\n#include \"db/model/catalog.h\"\n");
  t.Add("db/model/catalog.cpp", "// the loader\n#include \"db/snapshot/sqlite.h\"\n");
  t.Add("db/model/ui.cpp", "#include <imgui.h>\n");
  t.Add("db/field/stats.cpp", "#  include   <sqlite3.h>\n");
  t.Add("db/snapshot/writer.cpp", "#include \"platform/fonts.h\"\n");
  t.Add("fonts/font_files.cpp", "#include \"db/model/catalog.h\"\n");
  t.Add("platform/fonts.h", "#include \"app/state/app_state.h\"\n");
  t.Add("app/screens/map.cpp", "#include \"platform/window.h\"\n#include <GL/gl.h>\n#include \"db/snapshot/writer.h\"\n");
  layers::Report r = layers::CheckTree(t.root, kNone);
  std::string all = All(r);
  INFO(all);
  CHECK(r.violations.size() == 10);
  CHECK(!r.ok());
  CHECK(all.find("db/base/text.cpp:3: #include \"db/model/catalog.h\" breaks the rule: db/base/ may include db/base/;") !=
        std::string::npos);
  CHECK(all.find("db/model/catalog.cpp:2: #include \"db/snapshot/sqlite.h\" breaks the rule: db/model/ may include "
                 "db/base/, db/model/;") != std::string::npos);
  CHECK(all.find("db/model/ui.cpp:1: #include <imgui.h> breaks the rule") != std::string::npos);
  CHECK(all.find("db/field/stats.cpp:1: #include <sqlite3.h> breaks the rule: db/field/ may include db/base/, "
                 "db/model/, db/snapshot/, db/field/; of SQLite, Dear ImGui, GLFW and GL nothing") != std::string::npos);
  CHECK(all.find("db/snapshot/writer.cpp:1: #include \"platform/fonts.h\"") != std::string::npos);
  CHECK(all.find("fonts/font_files.cpp:1: #include \"db/model/catalog.h\"") != std::string::npos);
  CHECK(all.find("platform/fonts.h:1: #include \"app/state/app_state.h\"") != std::string::npos);
  CHECK(all.find("app/screens/map.cpp:1: #include \"platform/window.h\"") != std::string::npos);
  CHECK(all.find("app/screens/map.cpp:2: #include <GL/gl.h> breaks the rule: app/ may include app/, db/base/, "
                 "db/model/, db/snapshot/search.h, db/snapshot/search_fold.h, db/sources/csv_table.h; of SQLite, "
                 "Dear ImGui, GLFW and GL only "
                 "Dear ImGui") != std::string::npos);
  CHECK(all.find("app/screens/map.cpp:3: #include \"db/snapshot/writer.h\"") != std::string::npos);
}

TEST_CASE("layers: a known exception allows its include, and one no longer needed is reported") {
  Tree t;
  t.Add("db/model/catalog.cpp", "#include \"db/snapshot/sqlite.h\"\n");
  std::vector<layers::Exception> list = {{"db/model/catalog.cpp", "db/snapshot/", "the loader"},
                                         {"db/model/check.cpp", "db/sources/csv_table.h", "gone"}};
  layers::Report r = layers::CheckTree(t.root, list);
  CHECK(r.violations.empty());
  REQUIRE(r.stale_exceptions.size() == 1);
  CHECK(r.stale_exceptions[0].find("db/model/check.cpp may include db/sources/csv_table.h") == 0);
  CHECK(!r.ok());
}

TEST_CASE("layers: a file in a folder no rule covers is reported") {
  Tree t;
  t.Add("db/cache/lru.h", "#include <map>\n");
  t.Add("db/README.md", "#include <sqlite3.h>\n");  // not a source file
  layers::Report r = layers::CheckTree(t.root, kNone);
  REQUIRE(r.uncovered.size() == 1);
  CHECK(r.uncovered[0] == "db/cache/lru.h");
}
