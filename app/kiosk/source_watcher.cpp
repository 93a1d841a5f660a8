#include "app/kiosk/source_watcher.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <system_error>
#include <vector>

#include "db/base/diagnostics_json.h"
#include "db/snapshot/validate.h"

extern char** environ;

namespace kiosk {

namespace fs = std::filesystem;

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A quiet spell after the last change before building: LibreOffice writes a temporary file and renames it,
// a script may copy several files; each of those is one build, not several.
constexpr double kQuietS = 0.15;

// Files the spreadsheet programs keep beside an open book (LibreOffice's ".~lock.forum.xlsx#", Excel's
// "~$forum.xlsx") and editors' temporary files: not the forum's, and rewritten on every open.
bool Ignored(const char* name) {
  std::string n = name;
  return n.rfind(".~lock.", 0) == 0 || n.rfind("~$", 0) == 0 || n.rfind(".#", 0) == 0 || (!n.empty() && n.back() == '~') ||
         (n.size() > 4 && n.compare(n.size() - 4, 4, ".swp") == 0) || n.rfind(".goutputstream", 0) == 0;
}

fs::path MakeWorkDir() {
  std::string pattern = (fs::temp_directory_path() / "forum-kiosk-preview-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::system_error(errno, std::generic_category(), "a temporary folder for the preview");
  return pattern;
}

// The staff tool that builds the preview, kiosk-snapshot: the environment's FORUM_SNAPSHOT_TOOL, else beside
// this program, else where this build tree made it (FORUM_SNAPSHOT_TOOL), else on PATH. The kiosk does not
// link the importers (PROJ, libzip, pugixml and what they load: 7 MB of every kiosk's memory), so the preview
// runs the same build staff run by hand.
std::string SnapshotTool() {
  if (const char* chosen = std::getenv("FORUM_SNAPSHOT_TOOL"); chosen && *chosen) return chosen;
  std::error_code ec;
  fs::path beside = fs::read_symlink("/proc/self/exe", ec).parent_path() / "kiosk-snapshot";
  if (!ec && ::access(beside.c_str(), X_OK) == 0) return beside.string();
  if (::access(FORUM_SNAPSHOT_TOOL, X_OK) == 0) return FORUM_SNAPSHOT_TOOL;
  return "kiosk-snapshot";
}

struct ToolRun {
  int spawn_error = -1;  // why it could not be started (an errno: the pipes', posix_spawnp's); 0: it started
  bool stopped = false;  // `stop_fd` asked the thread to stop, and the tool was killed
  int status = 0;        // waitpid's
  std::string out, err;  // what it printed (each kept to its first kMaxOutput bytes)
  bool started() const { return spawn_error == 0; }
};
constexpr size_t kMaxOutput = 16 << 20;

// Runs `argv` with its standard output and error read into the result, until it exits, or until `stop_fd`
// becomes readable (the watcher is stopping: the tool is killed). `stop_fd` is not read.
ToolRun RunTool(const std::vector<std::string>& argv, int stop_fd) {
  ToolRun run;
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return run.spawn_error = errno, run;
  if (::pipe2(err, O_CLOEXEC) != 0) {
    run.spawn_error = errno;
    ::close(out[0]), ::close(out[1]);
    return run;
  }
  db::UniqueFd out_r(out[0]), out_w(out[1]), err_r(err[0]), err_w(err[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), 1);  // dup2 clears O_CLOEXEC on 1 and 2
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  run.spawn_error = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (!run.started()) return run;
  out_w = db::UniqueFd(), err_w = db::UniqueFd();  // the tool holds the write ends now: EOF when it exits
  for (bool out_open = true, err_open = true; out_open || err_open;) {
    pollfd fds[3] = {{stop_fd, POLLIN, 0}, {out_open ? out_r.get() : -1, POLLIN, 0}, {err_open ? err_r.get() : -1, POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) {
      ::kill(pid, SIGKILL);
      run.stopped = true;
      break;
    }
    auto drain = [](const pollfd& f, bool& open, std::string& into) {
      if (!(f.revents & (POLLIN | POLLHUP | POLLERR))) return;
      char buf[65536];
      ssize_t r = ::read(f.fd, buf, sizeof buf);
      if (r <= 0 && !(r < 0 && errno == EINTR)) open = false;
      else if (r > 0 && into.size() < kMaxOutput) into.append(buf, size_t(r));
    };
    drain(fds[1], out_open, run.out);
    drain(fds[2], err_open, run.err);
  }
  while (::waitpid(pid, &run.status, 0) < 0 && errno == EINTR) {}
  return run;
}

// Why a run of the tool gave no report, in a staff member's words.
std::string ToolFailure(const std::string& tool, const ToolRun& run, const std::string& parse_error) {
  if (!run.started()) return "could not run the staff tool " + tool + " (install it beside forum-kiosk): " + std::strerror(run.spawn_error);
  std::string why = WIFSIGNALED(run.status) ? "was stopped by signal " + std::to_string(WTERMSIG(run.status))
                  : "exited with " + std::to_string(WEXITSTATUS(run.status)) + " without a build report (" + parse_error + ")";
  std::string last = run.err.substr(0, std::min(run.err.size(), size_t(2000)));  // the tool's own words, first
  while (!last.empty() && std::isspace(static_cast<unsigned char>(last.back()))) last.pop_back();
  return "the staff tool " + tool + " " + why + (last.empty() ? "" : ": " + last);
}

}  // namespace

SourceWatcher::SourceWatcher(fs::path sources, std::function<void(SourceBuild)> on_built)
    : sources_(std::move(sources)),
      work_(MakeWorkDir()),
      on_built_(std::move(on_built)),
      stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      thread_([this] { Supervise(); }) {}

SourceWatcher::~SourceWatcher() {
  uint64_t one = 1;
  if (stop_fd_ && ::write(stop_fd_.get(), &one, sizeof one) < 0) std::perror("forum-kiosk: stopping the preview");
  if (thread_.joinable()) thread_.join();
  std::error_code ec;
  fs::remove_all(work_, ec);  // the catalogs still open keep their files until they close (unlinked, not gone)
}

void SourceWatcher::Supervise() {
  // The thread's exception boundary: a failure outside a build (inotify, memory) is reported and the watcher
  // starts again after a second.
  for (;;) {
    auto failed = db::Guard("the preview of " + sources_.string(), [&] { Run(); });
    if (!failed) return;
    std::fprintf(stderr, "forum-kiosk: %s; starting it again\n", failed->message.c_str());
    pollfd stop = {stop_fd_.get(), POLLIN, 0};
    if (::poll(&stop, 1, 1000) > 0) return;
  }
}

SourceBuild SourceWatcher::Build(int number) {
  double t0 = Now();
  SourceBuild b;
  b.number = number;
  fs::path out = work_ / ("preview-" + std::to_string(number) + ".snapshot");
  db::BuildReport built;
  if (auto failed = db::Guard("building " + sources_.string(), [&] {
        const std::string tool = SnapshotTool();
        ToolRun run = RunTool({tool, "build", sources_.string(), "-o", out.string(), "--content-version", std::to_string(number), "--json"},
                              stop_fd_.get());
        if (run.stopped) return built.diags.Error(sources_.string(), 0, "", "the build was stopped: the preview is closing");
        std::string why;
        if (auto report = db::ParseBuildReport(run.out, why); report && run.started() && WIFEXITED(run.status)) built = std::move(*report);
        else built.diags.Error(sources_.string(), 0, "", ToolFailure(tool, run, why));
      }))
    built.diags.Error(sources_.string(), 0, "", failed->message);
  if (built.written) {
    auto opened = db::OpenSnapshot(out.string());
    if (opened) {
      b.catalog = std::move(opened.value());
      std::error_code ec;
      if (!shown_.empty()) fs::remove(shown_, ec);  // its catalog, if still shown, keeps the open file
      shown_ = out;
    } else {
      built.diags.Error(out.string(), 0, "", opened.error().message);
    }
  }
  b.problems = built.diags.items();
  b.seconds = Now() - t0;
  return b;
}

void SourceWatcher::Run() {
  const db::UniqueFd inotify(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  const int in = inotify.get();
  constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB;
  std::map<int, fs::path> watches;  // the folder and its subfolders (logos/): a new one is watched as it appears
  auto watch_all = [&] {
    if (in < 0) return;
    for (auto& [wd, dir] : watches) ::inotify_rm_watch(in, wd);
    watches.clear();
    std::error_code ec;
    if (int wd = ::inotify_add_watch(in, sources_.c_str(), kMask); wd >= 0) watches[wd] = sources_;
    for (fs::recursive_directory_iterator it(sources_, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec) && !it->is_symlink(ec))
        if (int wd = ::inotify_add_watch(in, it->path().c_str(), kMask); wd >= 0) watches[wd] = it->path();
  };
  double build_at = 0;  // when to build (0: nothing to build)
  watch_all();
  on_built_(Build(++builds_));
  for (;;) {
    int timeout_ms = build_at ? std::max(0, int((build_at - Now()) * 1000) + 1) : -1;
    pollfd fds[2] = {{stop_fd_.get(), POLLIN, 0}, {in, POLLIN, 0}};
    int n = ::poll(fds, in >= 0 ? 2 : 1, timeout_ms);
    if (n > 0 && (fds[0].revents & POLLIN)) return;
    if (n > 0 && in >= 0 && (fds[1].revents & POLLIN)) {
      alignas(inotify_event) char buf[4096];
      bool changed = false, folders = false;
      for (ssize_t r; (r = ::read(in, buf, sizeof buf)) > 0;)
        for (char* p = buf; p < buf + r;) {
          auto* e = reinterpret_cast<inotify_event*>(p);
          p += sizeof(inotify_event) + e->len;
          if (e->len && Ignored(e->name)) continue;
          changed = true;
          folders |= (e->mask & IN_ISDIR) != 0;
        }
      if (folders) watch_all();
      if (changed) build_at = Now() + kQuietS;
      continue;
    }
    if (build_at && Now() >= build_at) {
      build_at = 0;
      on_built_(Build(++builds_));
    }
  }
}

}  // namespace kiosk
