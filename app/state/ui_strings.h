// The interface's own text. Every snapshot carries UI strings (staff can correct a translation without a new
// program build); the kiosk also carries the demo forum's strings.csv compiled in, and uses it for any key
// or language a snapshot lacks, so that no label is ever empty or a key name.
#pragma once
#include "db/model/catalog.h"

namespace app {

// Adds the built-in strings where `c` has none for a key and language. Call before sharing the catalog.
void AddDefaultUiStrings(db::CatalogData& c);

}  // namespace app
