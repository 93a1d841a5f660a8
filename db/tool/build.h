// `kiosk-snapshot build`: source folder -> checked snapshot file.
#pragma once
#include <cstdint>
#include <string>

#include "db/base/diagnostics.h"

namespace db {

struct BuildOutcome {
  Diagnostics diags;    // every problem found, errors and warnings, in one run
  bool written = false; // true only when there was no error and FILE was replaced
};

// Reads SRC_DIR, checks it (CheckCatalog) and, only when there is no error, writes FILE atomically.
BuildOutcome BuildSnapshot(const std::string& src_dir, const std::string& out_file, int64_t content_version);

}  // namespace db
