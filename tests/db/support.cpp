#include "support.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "db/snapshot/checksum.h"
#include "db/snapshot/sqlite.h"

namespace test {

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "forum-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << data;
}

void AppendFile(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary | std::ios::app);
  out << data;
}

fs::path SourceDir() { return FORUM_SOURCE_DIR; }
fs::path SharedDir() { return FORUM_SHARED_DIR; }
fs::path FixtureDir() { return SourceDir() / "tests" / "fixtures" / "minimal"; }
fs::path DemoSnapshot() { return FORUM_DEMO_SNAPSHOT; }

fs::path CopyFixture(const TempDir& dir) {
  fs::path src = dir.path() / "src";
  fs::copy(FixtureDir(), src, fs::copy_options::recursive);
  return src;
}

db::BuildOutcome Build(const fs::path& src, const TempDir& dir, int64_t version) {
  return db::BuildSnapshot(src.string(), dir / "out.snapshot", version);
}

std::string GoodSnapshot(const TempDir& dir) {
  auto out = Build(CopyFixture(dir), dir, 5);
  REQUIRE_MESSAGE(out.written, Dump(out.diags));
  return dir / "out.snapshot";
}

void EditSnapshot(const std::string& path, const std::string& sql) {
  db::Database rw(path, db::Database::Mode::ReadWriteCreate);
  rw.Exec(sql);
  rw.Exec("UPDATE meta SET value = '" + db::ContentChecksum(rw) + "' WHERE key = 'content_checksum'");
}

std::string ContentOf(const std::string& snapshot) {
  EditSnapshot(snapshot, "UPDATE meta SET value = '2022-09-28T00:00:00+06:00' WHERE key = 'built_at'");
  db::Database d(snapshot);
  return d.QueryText("SELECT value FROM meta WHERE key = 'content_checksum'");
}

void Edit(const fs::path& p, const std::string& from, const std::string& to) {
  std::string s = ReadFile(p);
  auto at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
  s.replace(at, from.size(), to);
  WriteFile(p, s);
}

bool Has(const db::Diagnostics& d, db::Severity sev, const std::string& file, int line, const std::string& field,
         const std::string& part) {
  for (const auto& x : d.items()) {
    if (x.severity != sev) continue;
    if (!file.empty() && x.file.find(file) == std::string::npos) continue;
    if (line && x.line != line) continue;
    if (!field.empty() && x.field != field) continue;
    if (!part.empty() && x.message.find(part) == std::string::npos) continue;
    return true;
  }
  return false;
}

bool HasError(const db::Diagnostics& d, const std::string& file, int line, const std::string& field,
              const std::string& part) {
  return Has(d, db::Severity::Error, file, line, field, part);
}

std::string Dump(const db::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) out += db::Format(x) + "\n";
  return out;
}

// What would show markup to a visitor: a tag, an entity, or Markdown's link, heading, emphasis or list syntax.
std::string MarkupIn(const std::string& text) {
  static const std::regex tag(R"(</?(p|a|br|ul|ol|li|div|span|strong|em|b|i|h[1-6]|code|pre|blockquote)\b[^>]*>)", std::regex::icase);
  static const std::regex entity(R"(&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});)");
  static const std::regex md_link(R"(\]\((https?://|www\.))");
  // ("1. Why we started" is a heading as its author numbered it, not list syntax: numbers are not checked.)
  static const std::regex md_line(R"((^|\n)(#{1,6} |[-*+] |> |```))");
  static const std::regex md_strong(R"(\*\*[^*\n]+\*\*)");
  std::smatch m;
  for (const auto* re : {&tag, &entity, &md_link, &md_line, &md_strong})
    if (std::regex_search(text, m, *re)) return m.str();
  return {};
}

}  // namespace test
