// Index of this file:
// [SECTION] Helpers: clock, identities, versioned names
// [SECTION] The installer state: folders, ledger, status, refusals
// [SECTION] One candidate: copy, verify, validate, rename
// [SECTION] Installed files: the current and the last-known-good
// [SECTION] Installer: start-up and scans

#include "db/field/install.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "db/base/files.h"
#include "db/snapshot/snapshot_file.h"
#include "db/base/text.h"
#include "db/snapshot/validate.h"

namespace db {

namespace fs = std::filesystem;

// [SECTION] Helpers: clock, identities, versioned names

namespace {

constexpr uint64_t kMaxSignatureBytes = 64 * 1024;

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string Stamp() {
  auto ns = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return std::to_string(ns);
}

// What identifies a candidate's state: the file and its signature, as stat sees them. A changed identity
// (a new file under the same name, a signature that arrived later) makes it a new candidate.
struct Identity {
  bool exists = false;
  struct stat st {};
  bool has_sig = false;
  uint64_t sig_size = 0;
  int64_t sig_mtime = 0;
  std::string Key() const {
    std::ostringstream k;
    k << st.st_size << ":" << st.st_mtim.tv_sec << "." << st.st_mtim.tv_nsec << ":" << st.st_ino << ":" << st.st_mode
      << ":" << has_sig << ":" << sig_size << ":" << sig_mtime;
    return k.str();
  }
};

Identity Look(const fs::path& p) {
  Identity id;
  id.exists = ::lstat(p.c_str(), &id.st) == 0;
  struct stat sig {};
  fs::path sp = p;
  sp += ".minisig";
  if (::lstat(sp.c_str(), &sig) == 0) {
    id.has_sig = true;
    id.sig_size = static_cast<uint64_t>(sig.st_size);
    id.sig_mtime = sig.st_mtim.tv_sec * 1000000000LL + sig.st_mtim.tv_nsec;
  }
  return id;
}

std::optional<int64_t> VersionOfName(const std::string& name) {
  const std::string pre = "forum-v", post = ".snapshot";
  if (name.size() <= pre.size() + post.size() || name.rfind(pre, 0) != 0 || name.substr(name.size() - post.size()) != post)
    return std::nullopt;
  std::string digits = name.substr(pre.size(), name.size() - pre.size() - post.size());
  if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(digits);
}

// Names that are never candidates: sync tools' and editors' temporary files (rsync's ".name.XXXXXX",
// Syncthing's ".syncthing.name.tmp", "~name", "name.partial"); only "*.snapshot" files are looked at at all.
bool Candidate(const std::string& name) {
  return name.size() > 9 && name[0] != '.' && name[0] != '~' && name.substr(name.size() - 9) == ".snapshot";
}

// A writer that modified a file and never closed it for this long has gone (a killed copy): the file is
// judged by the settle time again.
constexpr double kWriterGoneS = 120;

}  // namespace

std::string Installer::Status::State() const {
  if (!last_problem.empty() || !inbox_problems.empty()) return "problem";
  return refused_since_install ? "refused" : "ok";
}

// [SECTION] The installer state: folders, ledger, status, refusals

struct Installer::Impl {
  InstallOptions o;
  Status st;
  fs::path data, snapshots, staging, rejected, ledger_path, status_path, digests_path;
  std::map<std::string, std::string> seen;  // candidate path -> identity handled
  struct Settling {
    std::string key;   // the identity last seen
    double changed = 0, gap = 0;  // when it last changed; the longest time between two changes
  };
  std::map<std::string, Settling> settling;          // candidate path -> how it has been changing
  std::map<std::string, std::string> pair_waiting;   // candidate path -> identity waiting for its other half
  std::map<std::string, std::string> short_reads;    // candidate path -> identity a short read left it with (FUSE)
  std::map<std::string, int> read_failures;          // candidate path + identity -> reads that failed
  std::set<std::string> installed_digests;           // BLAKE2b-512 (hex) of every snapshot installed
  bool waiting = false;                              // the last scan left a candidate settling

  void Log(const std::string& line) {
    if (o.log) o.log(line);
  }

  explicit Impl(InstallOptions opt) : o(std::move(opt)) {
    data = o.data_dir;
    snapshots = data / "snapshots";
    staging = data / "staging";
    rejected = data / "rejected";
    ledger_path = data / "seen.tsv";
    status_path = data / "status.json";
    digests_path = data / "installed.tsv";
  }

  void Step(const char* name) {
    if (o.on_step) o.on_step(name);
  }

  void Dirs() {
    std::error_code ec;
    for (const auto& d : {data, snapshots, staging, rejected}) fs::create_directories(d, ec);
  }

  void LoadLedger() {
    std::ifstream in(ledger_path);
    std::string line;
    while (std::getline(in, line)) {
      auto tab = line.find('\t');
      if (tab != std::string::npos) seen[line.substr(0, tab)] = line.substr(tab + 1);
    }
  }

  // The installer's own files (the ledger, status.json, the reasons in rejected/): a write that fails (a full
  // or read-only data disk) is reported as the last problem, unless one is already there: the first problem
  // is usually the cause (no space while copying, then no space for status.json), and stays until an install
  // succeeds. The install itself does not depend on these files: a lost ledger line only means that
  // candidate is looked at again after a restart, and is then refused or found already installed.
  void Write(const fs::path& path, const std::string& content) {
    if (!WriteFileAtomic(path, content) && st.last_problem.empty())
      st.last_problem = "cannot write " + Printable(path.string()) + " (is the data disk full or read-only?)";
  }

  void LoadDigests() {
    std::ifstream in(digests_path);
    for (std::string line; std::getline(in, line);)
      if (line.size() == 128) installed_digests.insert(line);
  }

  // What the last run said (counts, last install and refusal), so a restart does not wipe the history.
  void LoadStatus() {
    auto text = ReadWholeFile(status_path.string());
    if (!text) return;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object()) return;
    auto str = [&](const nlohmann::json& o, const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); };
    auto num = [&](const char* k) { return j.contains(k) && j[k].is_number_integer() ? j[k].get<int>() : 0; };
    st.installed = num("installed");
    st.refused = num("refused");
    st.last_install = str(j, "last_install");
    if (j.contains("last_refusal") && j["last_refusal"].is_object()) {
      st.last_refusal = str(j["last_refusal"], "file");
      st.last_refusal_reason = str(j["last_refusal"], "reason");
      st.last_refusal_at = str(j["last_refusal"], "at");
    }
    // A refusal after the last install (the times are ISO 8601 UTC, which order as text) still stands.
    st.refused_since_install = !st.last_refusal_at.empty() && st.last_refusal_at > st.last_install.substr(0, 20);
  }

  void Remember(const fs::path& p, const Identity& id) {
    seen[Printable(p.string())] = id.Key();  // escaped: a tab or newline in a file name cannot break a line
    WriteLedger();
  }

  void WriteLedger() {
    std::string out;
    for (const auto& [k, v] : seen) out += k + "\t" + v + "\n";
    Write(ledger_path, out);
  }

  // What `inbox` no longer holds (`listed`: the candidates a complete listing found) is forgotten: a file
  // that comes back (a stick pulled out and copied again, whose file keeps its size, time and place on the
  // medium) is a new candidate. What was installed stays known by its content (installed_digests).
  void Forget(const std::string& inbox, const std::set<std::string>& listed) {
    const std::string prefix = Printable((fs::path(inbox) / "").string());
    bool changed = false;
    auto gone = [&](const std::string& path) { return path.compare(0, prefix.size(), prefix) == 0 && !listed.count(path); };
    for (auto it = seen.begin(); it != seen.end();)
      if (gone(it->first)) it = seen.erase(it), changed = true;
      else ++it;
    std::erase_if(settling, [&](const auto& e) { return gone(Printable(e.first)); });
    std::erase_if(pair_waiting, [&](const auto& e) { return gone(Printable(e.first)); });
    std::erase_if(short_reads, [&](const auto& e) { return gone(Printable(e.first)); });
    std::erase_if(read_failures, [&](const auto& e) { return gone(Printable(e.first.substr(0, e.first.find('\t')))); });
    if (changed) WriteLedger();
  }

  void WriteStatus() {
    // File names are bytes, not text: the status holds them escaped (db::Printable, where they are set);
    // the error handler is the backstop that keeps the file valid JSON whatever slips through.
    nlohmann::json j = {
        {"kiosk_id", o.kiosk_id},
        {"current", {{"file", st.current_file}, {"content_version", st.current_version}, {"source", st.current_source}}},
        {"last_check", st.last_check},
        {"last_install", st.last_install},
        {"last_refusal", {{"file", st.last_refusal}, {"reason", st.last_refusal_reason}, {"at", st.last_refusal_at}}},
        {"last_problem", st.last_problem},
        {"state", st.State()},
        {"installed", st.installed},
        {"refused", st.refused},
        {"inboxes", o.inboxes},
        {"inbox_problems", st.inbox_problems},
    };
    Write(status_path, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }

  // Refuses a candidate: its copy (if one was made) and a text saying why go to rejected/. Returns nullopt,
  // what Process returns then.
  std::nullopt_t Reject(const fs::path& source, const Identity& id, const std::string& reason, const fs::path& staged = {}) {
    std::string base = Stamp() + "-" + source.filename().string();
    std::error_code ec;
    if (!staged.empty() && fs::exists(staged, ec)) fs::rename(staged, rejected / base, ec);
    std::string text = "refused: " + Printable(reason) + "\nfile: " + Printable(source.string()) + "\nat: " + NowIso() + "\n";
    Write(rejected / (base + ".reason.txt"), text);
    st.refused++;
    st.last_refusal = Printable(source.string());  // the status is shown and written as text
    st.last_refusal_reason = Printable(reason);
    st.last_refusal_at = NowIso();
    st.refused_since_install = true;
    Log("refused " + st.last_refusal + ": " + st.last_refusal_reason);
    Remember(source, id);
    PruneRejected();
    return std::nullopt;
  }

  // rejected/ keeps every reason, and copies up to o.rejected_max_bytes: the oldest copies go first (their
  // names start with the time they were refused).
  void PruneRejected() {
    std::vector<std::pair<std::string, uint64_t>> copies;
    uint64_t total = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(rejected, ec)) {
      std::string n = e.path().filename().string();
      if (n.size() > 11 && n.substr(n.size() - 11) == ".reason.txt") continue;
      uint64_t size = e.is_regular_file(ec) ? e.file_size(ec) : 0;
      copies.push_back({n, size});
      total += size;
    }
    std::sort(copies.begin(), copies.end());
    for (const auto& [n, size] : copies) {
      if (total <= o.rejected_max_bytes) break;
      if (fs::remove(rejected / n, ec)) total -= size;
    }
  }

  // A candidate that is waiting for its other half (the signature or the rest of the snapshot): not refused,
  // looked at again when either changes, refused only when they still disagree after o.pair_grace_s.
  std::nullopt_t WaitForPair(const fs::path& source, const Identity& id, const std::string& why, const fs::path& staged) {
    std::error_code ec;
    if (!staged.empty()) fs::remove(staged, ec);
    if (pair_waiting[source.string()] != id.Key())
      Log("waiting: " + Printable(source.string()) + " " + Printable(why) + " (refused only if it stays so for " +
          std::to_string(int(o.pair_grace_s)) + " s)");
    pair_waiting[source.string()] = id.Key();
    waiting = true;
    return std::nullopt;
  }

  // A problem that is not the candidate's fault (no space, a file still being written): try again later.
  // Returns nullopt, what Process returns then.
  std::nullopt_t Later(const fs::path& source, const std::string& problem, const fs::path& staged = {}) {
    std::error_code ec;
    if (!staged.empty()) fs::remove(staged, ec);
    if (st.last_problem != Printable(problem)) Log("problem: " + Printable(problem));
    st.last_problem = Printable(problem);
    settling.erase(source.string());
    return std::nullopt;
  }

// [SECTION] One candidate: copy, verify, validate, rename

  // One candidate's install, the steps in the order install.h lists them.
  // Why this is long: the steps read top to bottom (about 120 lines), and every way out is a visible
  // `return Reject(...)` (the candidate's fault: never retried) or `return Later(...)` (not its fault: tried
  // again); split up, the ways out would hide in helpers.
  // `young`: the candidate or its signature changed less than o.pair_grace_s ago (a mismatch then waits).
  std::optional<Installed> Process(const fs::path& src, const Identity& id, bool young) {
    Step("candidate");
    const std::string name = src.filename().string();
    if (S_ISLNK(id.st.st_mode)) {
      std::error_code ec;
      auto target = fs::read_symlink(src, ec);
      return Reject(src, id, "a symbolic link (to " + target.string() + "): only regular files are taken");
    }
    if (!S_ISREG(id.st.st_mode)) return Reject(src, id, "not a regular file (a folder, device, pipe or socket)");
    if (static_cast<uint64_t>(id.st.st_size) > o.max_bytes)
      return Reject(src, id, std::to_string(id.st.st_size) + " bytes, over the limit of " + std::to_string(o.max_bytes));
    if (id.st.st_size == 0) {  // created, and its writer not started yet (cp creates, then writes)
      if (young) return WaitForPair(src, id, "is empty so far", {});
      return Reject(src, id, "the file is empty");
    }

    // The signature, read whole (small), from a regular file only.
    std::string signature;
    if (id.has_sig) {
      fs::path sp = src;
      sp += ".minisig";
      struct stat s {};
      if (::lstat(sp.c_str(), &s) != 0 || !S_ISREG(s.st_mode) || static_cast<uint64_t>(s.st_size) > kMaxSignatureBytes)
        return Reject(src, id, "its signature file is not a small regular file");
      auto text = ReadWholeFile(sp.string());
      if (!text) return Later(src, "cannot read " + sp.string());
      signature = *text;
    } else if (!o.allow_unsigned) {
      if (young) return WaitForPair(src, id, "has no " + name + ".minisig yet", {});
      return Reject(src, id, "no signature (" + name + ".minisig); unsigned snapshots are not allowed");
    }

    // Copy into staging while hashing: every later check reads the copy, never the inbox (a stick can
    // change or vanish).
    Step("staging");
    fs::path staged = staging / (name + ".partial");
    UniqueFd in(::open(src.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!in) return Later(src, "cannot open " + src.string() + ": " + std::strerror(errno));
    struct stat fst {};
    if (::fstat(in.get(), &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_ino != id.st.st_ino)
      return Later(src, src.string() + " changed while it was opened; will look again");
    UniqueFd out(::open(staged.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!out) return Later(src, "cannot write to " + staging.string() + ": " + std::strerror(errno));
    Prehash hash;
    std::vector<char> buf(1 << 20);
    uint64_t total = 0;
    std::string copy_error;
    for (;;) {
      ssize_t n = ::read(in.get(), buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        copy_error = std::string("cannot read ") + src.string() + ": " + std::strerror(err);
        // A medium that fails again and again (a damaged stick) is refused once, with its real reason.
        if (++read_failures[src.string() + "\t" + id.Key()] >= 3) {
          out.reset();
          return Reject(src, id, "cannot be read (" + std::string(std::strerror(err)) + ", three times): the medium may be damaged; copy the file again", staged);
        }
        break;
      }
      if (n == 0) break;
      total += static_cast<uint64_t>(n);
      if (total > o.max_bytes) {
        copy_error = "grew over the limit while copied";
        break;
      }
      hash.Update(buf.data(), static_cast<size_t>(n));
      for (ssize_t off = 0; off < n;) {
        ssize_t w = ::write(out.get(), buf.data() + off, static_cast<size_t>(n - off));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
          copy_error = (errno == ENOSPC ? std::string("no space left on the data disk while copying ")
                                        : std::string("cannot write the copy of ")) + name + ": " + std::strerror(errno);
          break;
        }
        off += w;
      }
      if (!copy_error.empty()) break;
    }
    in.reset();
    if (copy_error.empty() && ::fsync(out.get()) != 0)
      copy_error = std::string("cannot write the copy of ") + name + " to disk: " + std::strerror(errno);
    out.reset();  // closed before the copy is checked, renamed or removed
    if (!copy_error.empty()) return Later(src, copy_error + "; will try again", staged);
    Step("copied");
    Identity after = Look(src);
    // Unchanged (same file, same time), and yet not all there: the medium. A FUSE file system (fusefat, a
    // network mount) that reads short also shrinks the size it reports to what it read, until its attribute
    // cache times out: that size, with the time unchanged, is the same short read, not a writer.
    const bool same_file = after.exists && after.st.st_ino == id.st.st_ino && after.st.st_mtim.tv_sec == id.st.st_mtim.tv_sec &&
                           after.st.st_mtim.tv_nsec == id.st.st_mtim.tv_nsec;
    const uint64_t listed_size = static_cast<uint64_t>(id.st.st_size);
    if (same_file && total < listed_size && (after.Key() == id.Key() || static_cast<uint64_t>(after.st.st_size) == total)) {
      short_reads[src.string()] = after.Key();  // refused too while the shrunk size shows
      return Reject(src, id, "the file is shorter than its size on the medium (" + std::to_string(total) + " of " +
                                 std::to_string(listed_size) + " bytes could be read): copy it again", staged);
    }
    if (!after.exists || after.Key() != id.Key())
      return Later(src, name + " changed while it was copied; will look again when it is still", staged);
    if (total != listed_size)  // grew past its listed size, the time unchanged: look again
      return Later(src, name + " changed while it was copied; will look again when it is still", staged);

    auto digest = hash.Final();
    // A snapshot installed before, back under any name (a stick inserted again, a sync tool's second copy,
    // an old snapshot beside a newer signature): nothing to do, and nothing to refuse.
    if (installed_digests.count(HexLower(digest.data(), digest.size()))) {
      std::error_code ec;
      fs::remove(staged, ec);
      Log(Printable(src.string()) + " is a snapshot already installed (same content): ignored");
      Remember(src, id);
      return std::nullopt;
    }
    std::string signer = "unsigned (allowed by the configuration)";
    if (!signature.empty()) {
      std::optional<std::string> whole;
      if (signature.find("\nRW") != std::string::npos) whole = ReadWholeFile(staged.string());  // legacy "Ed"
      auto v = VerifySignature(signature, digest, whole ? *whole : std::string(), o.trusted);
      // A trusted key's signature of other bytes: the other half may still be on its way. Any other failure
      // (an unknown key, a damaged signature file) is no matter of waiting.
      bool other_bytes = !v && v.error().message.find("does not match") != std::string::npos;
      if (other_bytes && young) return WaitForPair(src, id, "does not match its signature yet (" + v.error().message + ")", staged);
      if (!v) return Reject(src, id, "signature: " + v.error().message, staged);
      signer = "key " + v.value().key_id;
    }
    Step("verified");
    CheckedSnapshot checked = CheckSnapshot(staged.string());
    const Diagnostics& d = checked.diagnostics;
    if (d.has_errors()) {
      const Diagnostic* first = d.first_error();
      std::string why = first->message.empty() ? Format(*first) : first->message;
      return Reject(src, id, "does not validate: " + why, staged);
    }
    std::shared_ptr<const Catalog> loaded = std::move(checked.catalog);
    Step("validated");
    int64_t version = loaded->info.content_version;
    if (version <= st.current_version)
      return Reject(src, id, "content version " + std::to_string(version) + " is not newer than the one shown (" +
                                 std::to_string(st.current_version) + ")", staged);
    fs::path target = snapshots / ("forum-v" + std::to_string(version) + ".snapshot");
    std::error_code ec;
    if (fs::exists(target, ec)) return Reject(src, id, "version " + std::to_string(version) + " is already installed", staged);
    if (::rename(staged.c_str(), target.c_str()) != 0)
      return Later(src, "cannot move the checked copy into " + snapshots.string() + ": " + std::strerror(errno), staged);
    Step("renamed");
    FsyncPath(snapshots.string(), true);
    Step("synced");
    st.current_file = target.string();
    st.current_version = version;
    st.current_source = "installed";
    st.installed++;
    st.last_install = NowIso() + " " + Printable(name) + " (content version " + std::to_string(version) + ", " + signer + ")";
    st.last_problem.clear();
    st.refused_since_install = false;
    installed_digests.insert(HexLower(digest.data(), digest.size()));
    std::string digests;
    for (const auto& d : installed_digests) digests += d + "\n";
    Write(digests_path, digests);
    Log("installed " + st.last_install);
    Remember(src, id);
    Prune();
    Step("pruned");
    return Installed{target.string(), version, "installed", std::move(loaded)};
  }

  void Consider(const fs::path& p, double now_s, InboxActivity* activity, std::optional<Installed>& newest);

// [SECTION] Installed files: the current and the last-known-good

  // The installed snapshots (forum-v<VERSION>.snapshot), newest first.
  std::vector<std::pair<int64_t, fs::path>> InstalledFiles() const {
    std::vector<std::pair<int64_t, fs::path>> all;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(snapshots, ec))
      if (auto v = VersionOfName(e.path().filename().string())) all.push_back({*v, e.path()});
    std::sort(all.rbegin(), all.rend());
    return all;
  }

  // Keeps the current snapshot and the one before it (the last-known-good); removes older ones.
  void Prune() {
    auto all = InstalledFiles();
    std::error_code ec;
    for (size_t i = 2; i < all.size(); ++i) fs::remove(all[i].second, ec);
  }
};

// [SECTION] Installer: start-up and scans

Installer::Installer(InstallOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Installer::~Installer() = default;
const Installer::Status& Installer::status() const { return impl_->st; }
bool Installer::Waiting() const { return impl_->waiting; }

void Installer::Running(const std::string& path, int64_t version, const std::string& source) {
  auto& st = impl_->st;
  st.current_file = path;
  st.current_version = version;
  st.current_source = source;
  impl_->WriteStatus();
}

std::optional<Installed> Installer::Startup() {
  Impl& m = *impl_;
  m.Dirs();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(m.staging, ec)) fs::remove_all(e.path(), ec);  // interrupted copies
  m.LoadLedger();
  m.LoadDigests();
  m.LoadStatus();
  auto all = m.InstalledFiles();
  m.st.last_check = NowIso();
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& [version, path] = all[i];
    CheckedSnapshot checked = CheckSnapshot(path.string());
    const Diagnostics& d = checked.diagnostics;
    if (checked.catalog && checked.catalog->info.content_version == version) {
      std::string source = i == 0 ? "installed" : "last-known-good";
      m.st.current_file = path.string();
      m.st.current_version = version;
      m.st.current_source = source;
      m.WriteStatus();
      return Installed{path.string(), version, source, std::move(checked.catalog)};
    }
    // Damaged on disk (a failing card, a hand edit): set aside with the reason, never shown.
    std::string why = d.has_errors() ? Format(*d.first_error()) : "its content version does not match its name";
    std::string base = Stamp() + "-" + path.filename().string();
    fs::rename(path, m.rejected / base, ec);
    m.Write(m.rejected / (base + ".reason.txt"), "set aside at start-up: " + why + "\n");
    m.st.last_problem = "installed snapshot " + path.filename().string() + " failed its checks at start-up: " + why;
  }
  m.WriteStatus();
  return std::nullopt;
}

// One candidate of a scan: taken when its writer is done (InboxActivity) or, without word from one, when it
// has settled; skipped while it waits for its other half, unchanged.
void Installer::Impl::Consider(const fs::path& p, double now_s, InboxActivity* activity, std::optional<Installed>& newest) {
  Identity id = Look(p);
  if (!id.exists) return;
  std::string key = id.Key(), ps = p.string();
  if (auto it = seen.find(Printable(ps)); it != seen.end() && it->second == key) return;
  if (auto it = short_reads.find(ps); it != short_reads.end() && it->second == key) return;
  if (activity && S_ISREG(id.st.st_mode))  // a symlink or a pipe is created, never written: refused at once
    if (auto w = activity->writing.find(ps); w != activity->writing.end() && now_s - w->second < kWriterGoneS) {
      waiting = true;  // being written: it is not a candidate until its writer closes it
      return;
    }
  bool done = activity && activity->completed.count(ps);
  Settling& s = settling[ps];
  if (s.key != key) {
    if (!s.key.empty()) s.gap = std::max(s.gap, now_s - s.changed);
    s.key = key;
    s.changed = now_s;
  }
  if (!done && now_s - s.changed < std::max(o.settle_s, 2 * s.gap)) {
    waiting = true;
    return;
  }
  bool young = now_s - s.changed < o.pair_grace_s;
  if (auto w = pair_waiting.find(ps); w != pair_waiting.end() && w->second == key) {
    if (young) {  // still waiting for its other half: nothing new to look at, but look again soon
      waiting = true;
      return;
    }
    pair_waiting.erase(w);
  }
  // The boundary of one candidate: whatever goes wrong while handling it (out of memory, a bug) is
  // reported and the scan goes on with the next; the candidate is tried again at the next scan.
  if (auto failed = Guard("while checking " + Printable(ps), [&] {
        if (auto installed = Process(p, id, young)) newest = std::move(installed);
      })) {
    st.last_problem = failed->message;
    Log("problem: " + failed->message);
  }
}

std::optional<Installed> Installer::Scan(double now_s, InboxActivity* activity) {
  Impl& m = *impl_;
  m.Dirs();
  m.st.last_check = NowIso();
  std::optional<Installed> newest;
  m.waiting = false;
  for (const auto& inbox : m.o.inboxes) {
    std::error_code ec;
    std::vector<fs::path> names;
    fs::directory_iterator it(inbox, ec), end;
    // A folder that is not there is a stick not inserted; one that cannot be read (a network or FUSE mount
    // gone: "Transport endpoint is not connected") is a problem staff must hear of.
    if (ec && ec != std::errc::no_such_file_or_directory) {
      std::string why = Printable(ec.message());
      if (m.st.inbox_problems[inbox] != why) m.Log("problem: the inbox " + Printable(inbox) + " cannot be read: " + why);
      m.st.inbox_problems[inbox] = why;
      continue;
    }
    if (m.st.inbox_problems.erase(inbox)) m.Log("the inbox " + Printable(inbox) + " can be read again");
    for (; !ec && it != end; it.increment(ec))
      if (Candidate(it->path().filename().string())) names.push_back(it->path());
    if (!ec) {  // only a complete listing says what is gone
      std::set<std::string> listed;
      for (const auto& p : names) listed.insert(Printable(p.string()));
      m.Forget(inbox, listed);
    }
    std::sort(names.begin(), names.end());
    for (const auto& p : names) m.Consider(p, now_s, activity, newest);
  }
  m.WriteStatus();
  return newest;
}

}  // namespace db
