#include "app/state/ui_strings.h"

#include <algorithm>
#include <vector>

#include "app/state/default_strings.h"
#include "db/sources/csv_table.h"

namespace app {

namespace {
using Table = std::map<std::string, db::Text, std::less<>>;

Table Parse() {
  Table out;
  db::Diagnostics ignored;  // the file is checked by every build of the demo snapshot
  auto table = db::ParseUtf8Csv(std::string(kDefaultStringsCsv), "strings.csv", ignored);
  if (!table) return out;
  std::vector<std::string> langs;
  for (const auto& h : table->header)
    if (h.rfind("text_", 0) == 0) langs.push_back(h.substr(5));
  for (const auto& row : table->rows) {
    db::CsvRowReader r(*table, row);
    db::Text& dst = out[r.Get("key")];
    for (auto& [lang, text] : r.GetText("text", langs).by_lang)
      if (!text.empty()) dst.by_lang.emplace(lang, text);
  }
  return out;
}
}  // namespace

const Table& BuiltInUiStrings() {
  static const Table table = Parse();  // a constant, built once (thread-safe initialisation)
  return table;
}

const std::string& UiString(const db::Catalog& c, std::string_view key, std::string_view lang, std::string_view* from) {
  const Table& builtin = BuiltInUiStrings();
  auto b_it = builtin.find(key);
  if (b_it == builtin.end()) return c.Ui(key, lang, from);
  auto s_it = c.ui_strings.find(key);
  if (s_it == c.ui_strings.end()) return c.Tr(b_it->second, lang, from);
  // Both know the key: each resolved on its own, then the one whose language comes first for `lang`.
  std::string_view in_snapshot, in_builtin;
  const std::string& mine = c.Tr(s_it->second, lang, &in_snapshot);
  const std::string& theirs = c.Tr(b_it->second, lang, &in_builtin);
  bool snapshot = true;
  if (mine.empty()) snapshot = false;
  else if (!theirs.empty() && in_snapshot != in_builtin) {
    // Rare (a snapshot that lacks a language for a key): the order Tr walks, lang's chain then the default
    // language's; a language in neither is a last resort, taken in code order as Tr does.
    std::vector<std::string> order = c.Chain(lang);
    for (auto& code : c.Chain(c.forum.default_language)) order.push_back(std::move(code));
    auto rank = [&](std::string_view code) { return std::find(order.begin(), order.end(), code) - order.begin(); };
    auto a = rank(in_snapshot), b = rank(in_builtin);
    snapshot = a != b ? a < b : in_snapshot < in_builtin;
  }
  if (from) *from = snapshot ? in_snapshot : in_builtin;
  return snapshot ? mine : theirs;
}

}  // namespace app
