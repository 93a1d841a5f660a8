// forum-kiosk --sources DIR (issue 15, part 4): what the live preview's last build of the source folder said,
// for the panel drawn over the screens (app/sheets/preview_panel.cpp) and the --report. Filled by the kiosk's
// loop at a frame boundary from the preview's thread (app/kiosk/source_watcher.h); present in AppState only
// in preview mode.
#pragma once
#include <string>
#include <vector>

#include "db/base/diagnostics.h"

namespace app {

struct PreviewStatus {
  std::string sources;   // the folder, as given on the command line
  int build = 0;         // the number of the last build (1, 2, ...): 0 until the first has finished
  int shown_build = 0;   // the build on the screen (0: none built yet; the screens say "being set up")
  bool failed = false;   // the last build had errors: the screen shows `shown_build`, an older one
  double seconds = 0;    // how long the last build took
  std::vector<db::Diagnostic> problems;  // of the last build: errors, warnings and notes as the build found them
};

}  // namespace app
