// Fuzz target: a snapshot file from any bytes, through `validate` (db::ValidateSnapshot) and the kiosk's
// loader (db::LoadCatalog), and, when it loads, what the kiosk does first with a catalog (walk every text for
// the fonts and the glyph check, search it) and what `kiosk-snapshot inspect --json` and `diff --json` print. The seeds are whole snapshots (the demo's and the minimal fixture's,
// built by .ci/fuzz-smoke); most mutations break SQLite's page structure, which is what a damaged file on
// a USB stick looks like.
#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "db/tool/inspect.h"
#include "db/snapshot/search.h"
#include "db/snapshot/validate.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::TempFile file("snapshot", ".snapshot");
  const std::string& path = file.Write(data, size);
  db::Diagnostics diags = db::ValidateSnapshot(path);
  for (const auto& d : diags.items()) (void)db::Format(d);
  auto loaded = db::LoadCatalog(path);
  if (!loaded.ok()) return 0;
  const db::Catalog& c = *loaded.value();
  size_t bytes = 0;
  db::ForEachText(c, [&](const db::TextRef& t) { bytes += t.text.size(); });
  for (const auto& lang : c.languages)
    if (auto hits = db::Search(c, "a", lang.code))
      for (const auto& group : hits.value().groups)
        for (const auto& hit : group.hits) (void)db::HitTitle(c, hit, lang.code);
  (void)db::InspectJson(c);
  (void)db::DiffJson(db::Diff(c, c));
  return 0;
}
