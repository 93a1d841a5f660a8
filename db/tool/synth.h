// A large synthetic forum for benchmarks (`kiosk-snapshot synth`): thousands of exhibitors with made-up names
// in Latin and Cyrillic, booths on a grid, rooms, tracks, people, agreements and sessions over three days.
// Deterministic (fixed seed), and it passes CheckCatalog like any real forum. Never shipped to a kiosk.
#pragma once
#include <cstddef>

#include "db/model/catalog.h"

namespace db {

std::shared_ptr<const Catalog> SynthCatalog(size_t exhibitors, size_t sessions);

}  // namespace db
