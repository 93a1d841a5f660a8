// The rule every text of a forum obeys, in `build` and in `validate` (CheckCatalog applies it to every string
// field of the catalog): valid UTF-8, no NUL, no other C0 control character except tab and line break in the
// multi-line fields (descriptions and the like), and no longer than the cap of its kind (db/model/caps.h). The kiosk
// draws and searches text on this assumption.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace db {

enum class TextKind {
  Code,      // ids, codes, kinds, dates, colours: one line, caps::kCodeBytes
  Name,      // names, titles, labels, places: one line, caps::kNameBytes
  Link,      // website, url, e-mail, phone: one line, caps::kLinkBytes
  UiText,    // the kiosk's own strings: may hold line breaks, caps::kUiTextBytes
  LongText,  // descriptions, summaries, scopes, biographies, notes: may hold line breaks, caps::kLongTextBytes
};

// The kind of a field by its name as CheckCatalog and ForEachText call it ("name", "description", "website";
// anything not listed is a Code).
TextKind KindOfField(std::string_view field);
size_t MaxBytes(TextKind kind);
bool AllowsLineBreaks(TextKind kind);
const char* KindName(TextKind kind);  // "name", "description", ... for messages

struct TextProblem {
  size_t offset = 0;    // byte offset of the first offending byte (the cap, for a text that is too long)
  std::string message;  // what is wrong, in plain words, with the fix ("a NUL character at byte 1: ...")
};
// The first way `s` breaks the rule for `kind`, or nullopt. Linear in the text, and stops at the cap.
std::optional<TextProblem> CheckText(std::string_view s, TextKind kind);


}  // namespace db
