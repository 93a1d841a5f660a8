#include "app/kiosk/source_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <system_error>

#include "db/snapshot/validate.h"
#include "db/tool/build.h"

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
  db::BuildOutcome built;
  if (auto failed = db::Guard("building " + sources_.string(), [&] { built = db::BuildSnapshot(sources_.string(), out.string(), number); }))
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
