#include "app/state/ui_strings.h"

#include "app/state/default_strings.h"
#include "db/sources/csv_table.h"

namespace app {

void AddDefaultUiStrings(db::CatalogData& c) {
  db::Diagnostics ignored;  // the file is checked by every build of the demo snapshot
  auto table = db::ParseCsv(kDefaultStringsCsv, "strings.csv", ignored);
  if (!table) return;
  std::vector<std::string> langs;
  for (const auto& h : table->header)
    if (h.rfind("text_", 0) == 0) langs.push_back(h.substr(5));
  for (const auto& row : table->rows) {
    db::CsvRowReader r(*table, row);
    db::Text& dst = c.ui_strings[r.Get("key")];
    for (auto& [lang, text] : r.GetText("text", langs).by_lang) dst.by_lang.emplace(lang, text);  // keeps the snapshot's
  }
}

}  // namespace app
