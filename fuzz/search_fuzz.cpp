// Fuzz target: what a visitor types, into db::Search on the demo forum's catalog (loaded once), in one of the
// forum's languages (the first input byte picks it; the rest is the query), and the titles of the hits as
// the results screen shows them. The catalog is $FORUM_FUZZ_SNAPSHOT (.ci/fuzz-smoke sets it), else the fuzz
// build's demo.snapshot.
#include <cstdio>
#include <cstdlib>

#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/search.h"
#include "fuzz/fuzz_input.h"

namespace {
std::shared_ptr<const db::Catalog> LoadOnce() {
  const char* env = std::getenv("FORUM_FUZZ_SNAPSHOT");
  std::string path = env && *env ? env : FORUM_DEMO_SNAPSHOT;
  auto c = db::LoadCatalog(path);
  if (!c.ok() || c.value()->languages.empty()) {
    std::fprintf(stderr, "search_fuzz: cannot load %s: %s\n", path.c_str(), c.ok() ? "no languages" : c.error().message.c_str());
    std::abort();
  }
  return c.value();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::shared_ptr<const db::Catalog> catalog = LoadOnce();
  if (size == 0) return 0;
  const std::string& lang = catalog->languages[data[0] % catalog->languages.size()].code;
  std::string query = fuzz::AsString(data + 1, size - 1);
  auto hits = db::Search(*catalog, query, lang);  // an error is a value: nothing to do with it here
  if (hits)
    for (const auto& group : hits.value().groups)
      for (const auto& hit : group.hits) (void)db::HitTitle(*catalog, hit, lang);
  return 0;
}
