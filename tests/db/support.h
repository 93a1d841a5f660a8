// Helpers shared by the db tests: temporary folders (removed in the destructor), file I/O, building a
// variant of the minimal fixture, and looking for a diagnostic.
#pragma once
#include <filesystem>
#include <string>

#include "db/tool/build.h"
#include "db/base/diagnostics.h"

namespace test {

namespace fs = std::filesystem;

// A fresh empty folder under the system temp dir, deleted with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& p);
void WriteFile(const fs::path& p, const std::string& data);
void AppendFile(const fs::path& p, const std::string& data);

fs::path SourceDir();   // the repository
fs::path SharedDir();   // ../shared beside the repository (seed articles, real exports)
fs::path FixtureDir();  // tests/fixtures/minimal
fs::path DemoSnapshot();  // build/demo.snapshot, made by the normal build

// Copies the minimal fixture into `dir`/src and returns that folder.
fs::path CopyFixture(const TempDir& dir);
// Builds `src` into `dir`/out.snapshot.
db::BuildOutcome Build(const fs::path& src, const TempDir& dir, int64_t version = 1);
// The minimal fixture built as content version 5 into `dir`/out.snapshot (REQUIREs that it builds); its path.
std::string GoodSnapshot(const TempDir& dir);
// Runs `sql` on the snapshot at `path`, then records the content checksum of the result, as a careful forger
// would: what is left to notice the change is every check but the checksum.
void EditSnapshot(const std::string& path, const std::string& sql);
// The snapshot's content checksum with its build time set aside (it is part of the checksum): equal for two
// builds of the same content.
std::string ContentOf(const std::string& snapshot);
// Replaces the first occurrence of `from` in the file (REQUIREs that it is there).
void Edit(const fs::path& p, const std::string& from, const std::string& to);

// True when an error (or warning) matches every given part; empty parts match anything, line 0 anything.
bool Has(const db::Diagnostics& d, db::Severity sev, const std::string& file, int line, const std::string& field,
         const std::string& message_part);
bool HasError(const db::Diagnostics& d, const std::string& file, int line, const std::string& field,
              const std::string& message_part);
std::string Dump(const db::Diagnostics& d);  // for failure messages
// The first piece of markup a visitor would see in `text` (a tag, an entity, Markdown's link, heading, list or
// emphasis syntax), or "" when there is none.
std::string MarkupIn(const std::string& text);

}  // namespace test
