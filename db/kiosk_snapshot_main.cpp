// kiosk-snapshot: the staff tool that makes and checks forum snapshots.
//   build SRC_DIR -o FILE [--content-version N]   sources -> snapshot (atomic; nothing written on error)
//   validate FILE                                 can the kiosk show it? exit 0 only if so
//   inspect FILE [--json]                         what it holds
//   diff OLD NEW [--json]                         what changed: exhibitors, sessions, agreements
//   search FILE QUERY [--lang CODE] [--json]      the kiosk's search, ranked; exit 0 also when nothing is found
//   synth -o FILE [--exhibitors N] [--sessions N] a large synthetic forum, for benchmarks
// Exit codes: 0 success, 1 the data has problems (reported on stderr), 2 wrong usage.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "db/build.h"
#include "db/catalog.h"
#include "db/inspect.h"
#include "db/search.h"
#include "db/synth.h"
#include "db/validate.h"
#include "db/writer.h"
#include "platform/font_files.h"

namespace {

// Warns, naming the string, about every character the kiosk's fonts cannot draw (a visitor would see �).
// Warnings only: the data is valid, and a kiosk with other fonts installed may draw it. Returns the count.
size_t GlyphWarnings(const std::string& file) {
  auto c = db::LoadCatalog(file);
  if (!c) return 0;  // validation has said why
  platform::KioskFonts fonts = platform::FindKioskFonts();
  platform::FontCoverage coverage;
  std::string error;
  if (fonts.regular.empty() || !coverage.Open({fonts.regular, fonts.bold}, error)) {
    std::cerr << file << ": warning: glyphs not checked: " << (fonts.regular.empty() ? "font Noto Sans not found" : error) << "\n";
    return 1;
  }
  auto missing = platform::FindMissingGlyphs(*c.value(), coverage);
  const size_t shown = 40;
  for (size_t i = 0; i < missing.size() && i < shown; ++i)
    std::cerr << file << ": warning: " << missing[i].where << ": " << platform::DescribeCodepoint(missing[i].cp)
              << " has no glyph in the kiosk's fonts (" << fonts.regular << ") in \"" << missing[i].text.substr(0, 80) << "\"\n";
  if (missing.size() > shown) std::cerr << file << ": warning: ... and " << missing.size() - shown << " more characters without a glyph\n";
  return missing.size();
}

void Print(const db::Diagnostics& d) {
  for (const auto& item : d.items()) std::cerr << db::Format(item) << "\n";
}

int Build(const std::string& src, const std::string& out, int64_t version) {
  auto outcome = db::BuildSnapshot(src, out, version);
  Print(outcome.diags);
  if (!outcome.written) {
    std::cerr << "build failed: " << outcome.diags.error_count() << " error(s), " << outcome.diags.warning_count()
              << " warning(s); " << out << " was not written\n";
    return 1;
  }
  size_t glyphs = GlyphWarnings(out);
  std::cerr << "wrote " << out << " (content version " << version << ", " << outcome.diags.warning_count() + glyphs
            << " warning(s))\n";
  return 0;
}

int Validate(const std::string& file) {
  auto d = db::ValidateSnapshot(file);
  Print(d);
  if (d.has_errors()) {
    std::cerr << file << ": NOT valid: " << d.error_count() << " problem(s)\n";
    return 1;
  }
  GlyphWarnings(file);
  std::cout << file << ": valid\n";
  return 0;
}

int Inspect(const std::string& file, bool as_json) {
  auto c = db::LoadCatalog(file);
  if (!c) {
    std::cerr << c.error().message << "\n";
    return 1;
  }
  std::string j = db::InspectJson(*c.value());
  if (as_json) {
    std::cout << j << "\n";
    return 0;
  }
  // Human-readable: the same facts, one per line.
  for (char& ch : j)
    if (ch == '{' || ch == '}' || ch == '"' || ch == ',') ch = ' ';
  std::cout << j << "\n";
  return 0;
}

int SearchCommand(const std::string& file, const std::string& query, std::string lang, bool as_json) {
  auto c = db::LoadCatalog(file);
  if (!c) {
    std::cerr << c.error().message << "\n";
    return 1;
  }
  const db::Catalog& cat = *c.value();
  if (lang.empty()) lang = cat.forum.default_language;
  auto hits = db::Search(cat, query, lang);
  if (as_json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& h : hits)
      j.push_back({{"group", db::GroupName(db::GroupOf(h.kind))}, {"kind", db::KindName(h.kind)}, {"id", h.ref},
                   {"title", db::HitTitle(cat, h, lang)}, {"score", h.score}});
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (hits.empty()) std::cout << "nothing found\n";
  const char* group = nullptr;
  for (const auto& h : hits) {
    const char* g = db::GroupName(db::GroupOf(h.kind));
    if (g != group) std::cout << (group ? "\n" : "") << g << ":\n", group = g;
    std::cout << "  " << db::KindName(h.kind) << " " << h.ref << "  " << db::HitTitle(cat, h, lang) << "\n";
  }
  return 0;
}

int Diff(const std::string& a, const std::string& b, bool as_json) {
  auto ca = db::LoadCatalog(a);
  if (!ca) {
    std::cerr << ca.error().message << "\n";
    return 1;
  }
  auto cb = db::LoadCatalog(b);
  if (!cb) {
    std::cerr << cb.error().message << "\n";
    return 1;
  }
  auto changes = db::Diff(*ca.value(), *cb.value());
  std::cout << (as_json ? db::DiffJson(changes) + "\n" : db::FormatDiff(changes));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kiosk-snapshot " FORUM_KIOSK_VERSION ": make and check Forum Kiosk snapshots (see docs/SOURCES.md)"};
  app.require_subcommand(1);
  std::string src, out, file, old_file, new_file;
  // Default: the build time in seconds, which grows with every build, so staff need not count.
  int64_t version = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
  bool json = false;

  auto* build = app.add_subcommand("build", "Build a snapshot from a source folder");
  build->add_option("SRC_DIR", src, "source folder (CSV, schedule, floor plan, logos)")->required();
  build->add_option("-o,--output", out, "snapshot file to write")->required();
  build->add_option("--content-version", version, "integer that grows with every published snapshot (default: now, in Unix seconds)");
  auto* validate = app.add_subcommand("validate", "Check a snapshot; exit 0 only if the kiosk can show it");
  validate->add_option("FILE", file)->required();
  auto* inspect = app.add_subcommand("inspect", "Show what a snapshot holds");
  inspect->add_option("FILE", file)->required();
  inspect->add_flag("--json", json, "print a JSON object");
  auto* diff = app.add_subcommand("diff", "Show added, removed and changed exhibitors, sessions, agreements");
  diff->add_option("OLD", old_file)->required();
  diff->add_option("NEW", new_file)->required();
  diff->add_flag("--json", json, "print JSON");

  std::string query, lang;
  auto* search = app.add_subcommand("search", "Search a snapshot as the kiosk does; exit 0 also when nothing is found");
  search->add_option("FILE", file)->required();
  search->add_option("QUERY", query, "what a visitor typed")->required();
  search->add_option("--lang", lang, "the visitor's language (default: the forum's)");
  search->add_flag("--json", json, "print JSON");
  size_t synth_exhibitors = 5000, synth_sessions = 2000;
  auto* synth = app.add_subcommand("synth", "Write a large synthetic forum snapshot (for benchmarks)");
  synth->add_option("-o,--output", out, "snapshot file to write")->required();
  synth->add_option("--exhibitors", synth_exhibitors, "number of exhibitors (default 5000)");
  synth->add_option("--sessions", synth_sessions, "number of sessions (default 2000)");
  synth->add_option("--content-version", version, "content version (default: now, in Unix seconds)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*build) return Build(src, out, version);
  if (*validate) return Validate(file);
  if (*inspect) return Inspect(file, json);
  if (*diff) return Diff(old_file, new_file, json);
  if (*search) return SearchCommand(file, query, lang, json);
  if (*synth) {
    auto written = db::WriteSnapshot(db::SynthCatalog(synth_exhibitors, synth_sessions), out, version);
    if (!written) {
      std::cerr << written.error().message << "\n";
      return 1;
    }
    std::cerr << "wrote " << written.value() << " (" << synth_exhibitors << " exhibitors, " << synth_sessions << " sessions)\n";
    return 0;
  }
  return 2;
}
