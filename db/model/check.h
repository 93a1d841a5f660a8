// The consistency rules of a forum, applied to a Catalog: by `build` to what it read from the sources (the
// messages then name file and line) and by `validate` / the kiosk's installer to what a snapshot holds (the
// messages then name table and id). One set of rules for both, so a snapshot that validates is one `build`
// would have produced.
#pragma once
#include "db/model/catalog.h"
#include "db/base/diagnostics.h"

namespace db {

void CheckCatalog(const Catalog& c, Diagnostics& diags);

}  // namespace db
