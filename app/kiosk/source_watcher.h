// forum-kiosk --sources DIR, the live preview on a staff laptop: a thread of its own builds the source folder
// with the staff tool (`kiosk-snapshot build --json`, whose report db/base/diagnostics_json.h reads: the kiosk
// links none of the importers) into a snapshot in a private temporary folder, at
// start and whenever a file in DIR (or a folder in it, such as logos/) is saved (inotify, then a quiet
// 150 ms so that a program writing several files is built once). Each build is handed to `on_built` on that
// thread: the catalog when it built and opened, and every problem found either way. The caller swaps the
// catalog in at a frame boundary (app/state/swap.h) and shows the problems (app/state/preview.h).
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/base/diagnostics.h"
#include "db/base/files.h"
#include "db/model/catalog.h"

namespace kiosk {

struct SourceBuild {
  int number = 0;                                // 1 for the first build, then one more each time
  std::shared_ptr<const db::Catalog> catalog;    // null when the sources have errors
  std::vector<db::Diagnostic> problems;          // errors, warnings and notes of this build, in order
  double seconds = 0;                            // the build and the opening of its snapshot
};

class SourceWatcher {
 public:
  // Starts the thread, which builds at once. The temporary folder is made here and removed by the destructor.
  SourceWatcher(std::filesystem::path sources, std::function<void(SourceBuild)> on_built);
  ~SourceWatcher();  // stops the thread, waits for it, removes the temporary snapshots
  SourceWatcher(const SourceWatcher&) = delete;
  SourceWatcher& operator=(const SourceWatcher&) = delete;

 private:
  void Supervise();  // the thread: runs Run, restarting it after a failure
  void Run();
  SourceBuild Build(int number);
  std::filesystem::path sources_, work_;
  std::function<void(SourceBuild)> on_built_;
  db::UniqueFd stop_fd_;  // eventfd: wakes the thread to stop
  std::filesystem::path shown_;  // the snapshot file of the last good build (its catalog may still be open)
  int builds_ = 0;  // builds so far: the content versions, which only go forward, even when Run starts again
  std::thread thread_;
};

}  // namespace kiosk
