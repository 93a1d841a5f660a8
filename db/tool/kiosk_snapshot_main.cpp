// kiosk-snapshot: the staff tool that makes and checks forum snapshots.
//   new DIR --languages kk,ru,en [--format xlsx|csv]  a forum to fill in, that builds as it is
//   build SRC_DIR -o FILE [--content-version N] [--json]  sources -> snapshot (atomic; nothing written on error)
//   validate FILE                                 can the kiosk show it? exit 0 only if so
//   inspect FILE [--sessions] [--json]            what it holds; --sessions: the program, session by session
//   diff OLD NEW [--json]                         what changed: exhibitors, sessions, agreements
//   search FILE QUERY [--lang CODE] [--json] [--all]  the kiosk's search, ranked (8 per group, or all); exit 0 also when nothing is found
//   synth -o FILE [--exhibitors N] [--sessions N] a large synthetic forum, for benchmarks
//   fleet DIR [--json] [--silent-after S]         the kiosks' heartbeats: versions, who is behind, silent, in trouble
//   keygen -p PUB -s SECRET                       a minisign key pair (unencrypted secret key)
//   sign FILE --secret-key SECRET                 validate FILE, then write FILE.minisig
//   verify FILE --public-key PUB...               check FILE.minisig against trusted keys
// Exit codes: 0 success, 1 the data has problems (reported on stderr), 2 wrong usage.
// Index of this file:
// [SECTION] The glyph check: characters the kiosk fonts cannot draw
// [SECTION] Commands: build, validate, inspect, search
// [SECTION] Keys and signatures: keygen, sign, verify
// [SECTION] diff
// [SECTION] The command line

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>

#include "db/base/diagnostics_json.h"
#include "db/tool/build.h"
#include "db/model/catalog.h"
#include "db/tool/inspect.h"
#include "db/snapshot/search.h"
#include "db/field/fleet.h"
#include "db/field/signature.h"
#include "db/base/text.h"
#include "db/tool/synth.h"
#include "db/tool/template.h"
#include "db/snapshot/validate.h"
#include "db/snapshot/writer.h"
#include "fonts/font_files.h"

// [SECTION] The glyph check: characters the kiosk fonts cannot draw

namespace {

// A character of a visible text that the fonts cannot draw.
struct MissingGlyph {
  std::string where;  // "organization 'astana-hub' name_kk"
  char32_t cp = 0;
  std::string text;   // the whole string, for the message
};

// Every character of every visible text of `c` (db::ForEachText) missing from `coverage`; control characters
// (line breaks) are not drawn and not checked. At most one entry per string and character.
std::vector<MissingGlyph> FindMissingGlyphs(const db::Catalog& c, const fonts::FontCoverage& coverage) {
  std::vector<MissingGlyph> out;
  db::ForEachText(c, [&](const db::TextRef& t) {
    std::set<char32_t> seen;
    size_t i = 0;
    char32_t cp;
    while (db::NextCodepoint(t.text, i, cp)) {
      if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || coverage.Has(cp) || !seen.insert(cp).second) continue;
      std::string where = std::string(t.table) + " '" + std::string(t.id) + "' " + std::string(t.field);
      if (!t.lang.empty()) where += "_" + std::string(t.lang);
      out.push_back({where, cp, t.text});
    }
  });
  return out;
}

// Warns, naming the string, about every character the kiosk's fonts cannot draw (a visitor would see �).
// Warnings only: the data is valid, and a kiosk with other fonts installed may draw it. Returns the count.
size_t GlyphWarnings(const std::string& file) {
  auto c = db::LoadCatalog(file);
  if (!c) return 0;  // validation has said why
  fonts::KioskFonts files = fonts::FindKioskFonts();
  fonts::FontCoverage coverage;
  std::string error;
  if (files.regular.empty() || !coverage.Open(files, error)) {
    std::cerr << file << ": warning: glyphs not checked: " << (files.regular.empty() ? "font Noto Sans not found" : error) << "\n";
    return 1;
  }
  auto missing = FindMissingGlyphs(*c.value(), coverage);
  const size_t shown = 40;
  for (size_t i = 0; i < missing.size() && i < shown; ++i)
    std::cerr << file << ": warning: " << missing[i].where << ": " << fonts::DescribeCodepoint(missing[i].cp)
              << " has no glyph in the kiosk's fonts (Noto Sans and its fallbacks)"
              << " in \"" << missing[i].text.substr(0, 80) << "\"\n";
  if (missing.size() > shown) std::cerr << file << ": warning: ... and " << missing.size() - shown << " more characters without a glyph\n";
  return missing.size();
}

// [SECTION] Commands: build, validate, inspect, search

// Prints `message` as a line on stderr and returns `code`, the exit code: `return Fail(1, "cannot read " + f)`.
int Fail(int code, const std::string& message) {
  std::cerr << message << "\n";
  return code;
}

void Print(const db::Diagnostics& d) {
  for (const auto& item : d.items()) std::cerr << db::Format(item) << "\n";
}

// --json: the diagnostics as JSON on standard output as well (db/base/diagnostics_json.h: the kiosk's live
// preview runs this and shows them); the exit code is the same.
int Build(const std::string& src, const std::string& out, int64_t version, bool as_json) {
  auto outcome = db::BuildSnapshot(src, out, version);
  if (as_json) std::cout << db::BuildReportJson(outcome.diags, outcome.written) << "\n" << std::flush;
  Print(outcome.diags);
  if (!outcome.written) {
    std::cerr << "build failed: " << db::ErrorSummary(outcome.diags) << " (and " << outcome.diags.warning_count()
              << " warning(s)); nothing was written, " << out << " is as it was\n";
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

int Inspect(const std::string& file, bool as_json, bool sessions) {
  auto c = db::LoadCatalog(file);
  if (!c) {
    std::cerr << c.error().message << "\n";
    return 1;
  }
  if (sessions) {
    std::cout << (as_json ? db::SessionsJson(*c.value()) + "\n" : db::SessionsTable(*c.value()));
    return 0;
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

int SearchCommand(const std::string& file, const std::string& query, std::string lang, bool as_json, bool all) {
  auto c = db::LoadCatalog(file);
  if (!c) {
    std::cerr << c.error().message << "\n";
    return 1;
  }
  const db::Catalog& cat = *c.value();
  if (lang.empty()) lang = cat.forum.default_language;
  auto found = db::Search(cat, query, lang, all ? db::kAllHits : 8);
  if (!found) {
    std::cerr << file << ": " << found.error().message << "\n";
    return 1;
  }
  const db::SearchResults& results = found.value();
  if (as_json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& g : results.groups)
      for (const auto& h : g.hits)
        j.push_back({{"group", db::GroupName(g.group)}, {"group_count", g.count}, {"kind", db::KindName(h.kind)}, {"id", h.ref},
                     {"title", db::HitTitle(cat, h, lang)}, {"match", db::WhereName(h.where)}, {"bm25", h.bm25}});
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";  // never throws
    return 0;
  }
  if (results.empty()) std::cout << "nothing found\n";
  for (size_t i = 0; i < results.groups.size(); ++i) {
    const auto& g = results.groups[i];
    std::cout << (i ? "\n" : "") << db::GroupName(g.group) << " (" << g.count << "):\n";
    for (const auto& h : g.hits) std::cout << "  " << db::KindName(h.kind) << " " << h.ref << "  " << db::HitTitle(cat, h, lang) << "\n";
  }
  return 0;
}

// [SECTION] Keys and signatures: keygen, sign, verify

int Keygen(const std::string& pub_path, const std::string& sec_path, bool force) {
  namespace fs = std::filesystem;
  for (const auto* p : {&pub_path, &sec_path})
    if (!force && fs::exists(*p)) {
      std::cerr << *p << " exists; not overwriting a key (use --force)\n";
      return 1;
    }
  db::PublicKey pub;
  db::SecretKey sec;
  db::GenerateKeyPair(pub, sec);
  {
    std::ofstream out(sec_path, std::ios::trunc);
    out << db::FormatSecretKey(sec);
    if (!out) return Fail(1, "cannot write " + sec_path);
  }
  fs::permissions(sec_path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  std::ofstream(pub_path, std::ios::trunc) << db::FormatPublicKey(pub);
  std::cout << "key " << pub.IdHex() << "\npublic key (for the kiosks' configuration): " << db::PublicKeyLine(pub)
            << "\nwrote " << pub_path << " and " << sec_path << " (keep the secret key off the kiosks)\n";
  return 0;
}

// The BLAKE2b-512 of a file, read in chunks.
std::optional<std::array<unsigned char, 64>> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  db::Prehash h;
  std::vector<char> buf(1 << 16);
  while (in.read(buf.data(), buf.size()) || in.gcount() > 0) h.Update(buf.data(), static_cast<size_t>(in.gcount()));
  return h.Final();
}

int Sign(const std::string& file, const std::string& key_path, std::string out) {
  auto d = db::ValidateSnapshot(file);
  if (d.has_errors()) {
    Print(d);
    std::cerr << file << ": NOT signed: the snapshot does not validate\n";
    return 1;
  }
  auto text = db::ReadWholeFile(key_path);
  if (!text) return Fail(1, "cannot read " + key_path);
  auto sec = db::ParseSecretKey(*text);
  if (!sec) return Fail(1, key_path + ": " + sec.error().message);
  auto c = db::LoadCatalog(file);
  if (!c) return Fail(1, c.error().message);
  auto hash = HashFile(file);
  if (!hash) return Fail(1, "cannot read " + file);
  std::string comment = "forum-kiosk snapshot forum:" + c.value()->forum.code + " content_version:" +
                        std::to_string(c.value()->info.content_version) + " file:" +
                        std::filesystem::path(file).filename().string();
  if (out.empty()) out = file + ".minisig";
  std::ofstream(out, std::ios::trunc) << db::SignPrehashed(sec.value(), *hash, comment);
  std::cout << "wrote " << out << " (" << comment << ")\n";
  return 0;
}

int Verify(const std::string& file, const std::vector<std::string>& key_paths, std::string sig_path) {
  std::vector<db::PublicKey> keys;
  for (const auto& p : key_paths) {
    auto text = db::ReadWholeFile(p);
    auto k = db::ParsePublicKey(text ? *text : p);  // a file, or the key's line itself
    if (!k) return Fail(2, p + ": " + k.error().message);
    keys.push_back(k.value());
  }
  if (sig_path.empty()) sig_path = file + ".minisig";
  auto sig = db::ReadWholeFile(sig_path);
  if (!sig) return Fail(1, "cannot read " + sig_path);
  auto hash = HashFile(file);
  if (!hash) return Fail(1, "cannot read " + file);
  std::optional<std::string> data;
  if (sig->find("\nRW") != std::string::npos) data = db::ReadWholeFile(file);  // legacy ("Ed") signatures sign the whole file
  auto v = db::VerifySignature(*sig, *hash, data ? *data : std::string(), keys);
  if (!v) return Fail(1, file + ": NOT verified: " + v.error().message);
  std::cout << file << ": signature verified (key " << v.value().key_id << ", trusted comment: " << v.value().trusted_comment << ")\n";
  return 0;
}

// [SECTION] diff

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

// `fleet`: one line per kiosk from the heartbeats in DIR. Exit 1 when any kiosk is behind, silent or in
// trouble, so a script can alert; 0 when all are well.
int FleetCommand(const std::string& dir, bool json, int64_t silent_after_s) {
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  db::Fleet f = db::ReadFleet(dir, now, silent_after_s);
  bool trouble = false;
  for (const auto& r : f.kiosks) trouble |= !r.notes.empty();
  if (json) {
    nlohmann::json out = {{"newest_version", f.newest_version}, {"kiosks", nlohmann::json::array()}, {"unreadable", f.unreadable}};
    for (const auto& r : f.kiosks)
      out["kiosks"].push_back({{"kiosk_id", r.beat.kiosk_id}, {"content_version", r.beat.content_version},
                               {"state", r.beat.state}, {"written_at", r.beat.written_at}, {"behind", r.behind},
                               {"silent", r.silent}, {"uptime_s", r.beat.uptime_s}, {"free_disk_mb", r.beat.free_disk_mb},
                               {"last_install", r.beat.last_install}, {"notes", r.notes}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::printf("%-24s %-12s %-8s %-26s %s\n", "KIOSK", "VERSION", "STATE", "LAST HEARD", "NOTES");
    for (const auto& r : f.kiosks) {
      std::string notes;
      for (const auto& n : r.notes) notes += (notes.empty() ? "" : "; ") + n;
      std::printf("%-24s %-12lld %-8s %-26s %s\n", db::Printable(r.beat.kiosk_id).c_str(), static_cast<long long>(r.beat.content_version),
                  r.beat.state.c_str(), r.beat.written_at.c_str(), notes.empty() ? "ok" : notes.c_str());
    }
    std::printf("%zu kiosk(s), newest content version %lld%s\n", f.kiosks.size(), static_cast<long long>(f.newest_version),
                trouble ? "; some need a look" : "; all up to date");
    for (const auto& u : f.unreadable) std::fprintf(stderr, "kiosk-snapshot fleet: %s\n", u.c_str());
  }
  if (f.kiosks.empty()) std::fprintf(stderr, "kiosk-snapshot fleet: no heartbeat (*.heartbeat.json) in %s\n", dir.c_str());
  return trouble || f.kiosks.empty() ? 1 : 0;
}

// `new`: the template, and what to do next.
int NewForum(const std::string& dir, const std::vector<std::string>& languages, const std::string& format) {
  auto written = db::WriteTemplate(dir, languages, format == "csv" ? db::TemplateFormat::Csv : db::TemplateFormat::Workbook);
  if (!written) {
    std::cerr << "kiosk-snapshot new: " << written.error().message << "\n";
    return 1;
  }
  std::cout << "wrote " << dir << ":";
  for (const auto& f : written.value()) std::cout << " " << f;
  std::cout << "\nEach table has one example row (sample = 1); replace them with the forum's own, then set sample to 0.\n"
               "Replace schedule.xml with your schedule system's export and floorplan.geojson with the venue's plan.\n"
               "Build it: kiosk-snapshot build " << dir << " -o forum.snapshot (docs/SOURCES.md says what each column means)\n";
  return 0;
}

// [SECTION] The command line

// Why this is long: it is the tool's whole command line, each subcommand with its options as --help lists
// them, then one line per subcommand handing over to its function; splitting it would scatter that list.
int main(int argc, char** argv) {
  CLI::App app{"kiosk-snapshot " FORUM_KIOSK_VERSION ": make and check Forum Kiosk snapshots (see docs/SOURCES.md)"};
  app.require_subcommand(1);
  std::string src, out, file, old_file, new_file;
  // Default: the build time in seconds, which grows with every build, so staff need not count.
  int64_t version = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
  bool json = false, sessions = false;

  std::vector<std::string> languages;
  std::string format = "xlsx";
  auto* make = app.add_subcommand("new", "Write a forum to fill in: every table for your languages, one example row each");
  make->add_option("DIR", src, "folder to create (it must be new or empty)")->required();
  make->add_option("--languages", languages, "language codes in picker order, each falling back to the next (kk,ru,en)")
      ->required()->delimiter(',');
  make->add_option("--format", format, "xlsx: one workbook (default); csv: one CSV file per table")
      ->check(CLI::IsMember({"xlsx", "csv"}));
  int64_t silent_after_s = 600;
  auto* fleet = app.add_subcommand("fleet", "The kiosks' heartbeats in a folder: which shows which version, who is behind, silent or in trouble");
  fleet->add_option("DIR", file, "the folder the kiosks' outboxes sync into")->required();
  fleet->add_flag("--json", json, "print JSON");
  fleet->add_option("--silent-after", silent_after_s, "seconds without a heartbeat before a kiosk counts as silent (default 600)");
  auto* build = app.add_subcommand("build", "Build a snapshot from a source folder");
  build->add_option("SRC_DIR", src, "source folder (CSV, schedule, floor plan, logos)")->required();
  build->add_option("-o,--output", out, "snapshot file to write")->required();
  build->add_flag("--json", json, "also print what was found as JSON on standard output (for the kiosk's live preview)");
  build->add_option("--content-version", version, "integer that grows with every published snapshot (default: now, in Unix seconds)");
  auto* validate = app.add_subcommand("validate", "Check a snapshot; exit 0 only if the kiosk can show it");
  validate->add_option("FILE", file)->required();
  auto* inspect = app.add_subcommand("inspect", "Show what a snapshot holds");
  inspect->add_option("FILE", file)->required();
  inspect->add_flag("--json", json, "print a JSON object");
  inspect->add_flag("--sessions", sessions, "the program: every session with its times, room, track, people and text");
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
  bool search_all = false;
  search->add_flag("--all", search_all, "every hit of every group (the kiosk shows 8 and \"show all N\")");
  size_t synth_exhibitors = 5000, synth_sessions = 2000;
  auto* synth = app.add_subcommand("synth", "Write a large synthetic forum snapshot (for benchmarks)");
  synth->add_option("-o,--output", out, "snapshot file to write")->required();
  synth->add_option("--exhibitors", synth_exhibitors, "number of exhibitors (default 5000)");
  synth->add_option("--sessions", synth_sessions, "number of sessions (default 2000)");
  synth->add_option("--content-version", version, "content version (default: now, in Unix seconds)");

  std::string pub_path, sec_path, sig_path;
  std::vector<std::string> pub_paths;
  bool force = false;
  auto* keygen = app.add_subcommand("keygen", "Make a minisign key pair for signing snapshots");
  keygen->add_option("-p,--public-key", pub_path, "public key file to write (goes into the kiosks' configuration)")->required();
  keygen->add_option("-s,--secret-key", sec_path, "secret key file to write (unencrypted: keep it safe)")->required();
  keygen->add_flag("--force", force, "overwrite existing key files");
  auto* sign = app.add_subcommand("sign", "Validate a snapshot and write FILE.minisig (minisign format)");
  sign->add_option("FILE", file)->required();
  sign->add_option("-s,--secret-key", sec_path, "secret key (kiosk-snapshot keygen or minisign -G -W)")->required();
  sign->add_option("-o,--output", sig_path, "signature file (default FILE.minisig)");
  auto* verify = app.add_subcommand("verify", "Check FILE.minisig against public keys");
  verify->add_option("FILE", file)->required();
  verify->add_option("-p,--public-key", pub_paths, "public key file or line (repeat for several)")->required();
  verify->add_option("-x,--signature", sig_path, "signature file (default FILE.minisig)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*make) return NewForum(src, languages, format);
  if (*fleet) return FleetCommand(file, json, silent_after_s);
  if (*build) return Build(src, out, version, json);
  if (*validate) return Validate(file);
  if (*inspect) return Inspect(file, json, sessions);
  if (*diff) return Diff(old_file, new_file, json);
  if (*search) return SearchCommand(file, query, lang, json, search_all);
  if (*keygen) return Keygen(pub_path, sec_path, force);
  if (*sign) return Sign(file, sec_path, sig_path);
  if (*verify) return Verify(file, pub_paths, sig_path);
  if (*synth) {
    auto written = db::WriteSnapshot(*db::SynthCatalog(synth_exhibitors, synth_sessions), out, version);
    if (!written) {
      std::cerr << written.error().message << "\n";
      return 1;
    }
    std::cerr << "wrote " << written.value() << " (" << synth_exhibitors << " exhibitors, " << synth_sessions << " sessions)\n";
    return 0;
  }
  return 2;
}
