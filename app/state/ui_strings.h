// The interface's own text. Every snapshot carries UI strings (staff can correct a translation without a new
// program build); the kiosk also carries the demo forum's strings.csv compiled in, and falls back to it for
// any key or language a snapshot lacks, so that no label is ever empty or a key name. The lookups consult
// the built-in table beside the catalog: the catalog is used as loaded, never copied to add the strings.
// May include db/model only.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "db/model/catalog.h"

namespace app {

// The built-in table, key -> text: parsed once, on first use, from the compiled-in strings.csv; immutable
// after that and safe to read from any thread. Lives as long as the program.
const std::map<std::string, db::Text, std::less<>>& BuiltInUiStrings();

// The UI string `key` in `lang`, resolved like db::Catalog::Tr over the snapshot's text and the built-in
// one together: along the language chain, the first language either has (the snapshot's text when both
// have it; an empty text counts as missing), then any translation. "" only for a key neither knows.
// `from` (optional) is set to the code of the language the text is in, as Catalog::Ui does.
const std::string& UiString(const db::Catalog& c, std::string_view key, std::string_view lang,
                            std::string_view* from = nullptr);

}  // namespace app
