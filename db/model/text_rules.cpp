#include "db/model/text_rules.h"

#include <cstdio>

#include "db/model/caps.h"
#include "db/base/text.h"

namespace db {

namespace {

// The code point at `i` and its length; length 0 when the bytes there are not UTF-8.
size_t At(std::string_view s, size_t i, char32_t& cp) {
  size_t next = i;
  NextCodepoint(s, next, cp);
  size_t n = next - i;
  // NextCodepoint reads an invalid byte as U+FFFD of length 1; a real U+FFFD is 3 bytes long.
  return cp == 0xFFFD && n == 1 ? 0 : n;
}

std::string Hex2(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", v & 0xFF);
  return buf;
}

}  // namespace

TextKind KindOfField(std::string_view f) {
  for (std::string_view x : {"description", "summary", "scope", "biography", "note", "value"})
    if (f == x) return TextKind::LongText;
  if (f == "text") return TextKind::UiText;
  for (std::string_view x : {"website", "url", "map_url", "email", "phone"})
    if (f == x) return TextKind::Link;
  for (std::string_view x : {"name", "short_name", "title", "subtitle", "venue", "city", "place", "signatory_name",
                             "signatory_title", "label", "native_name", "english_name", "publisher"})
    if (f == x) return TextKind::Name;
  return TextKind::Code;
}

size_t MaxBytes(TextKind k) {
  switch (k) {
    case TextKind::Code: return caps::kCodeBytes;
    case TextKind::Name: return caps::kNameBytes;
    case TextKind::Link: return caps::kLinkBytes;
    case TextKind::UiText: return caps::kUiTextBytes;
    case TextKind::LongText: return caps::kLongTextBytes;
  }
  return caps::kCodeBytes;
}

bool AllowsLineBreaks(TextKind k) { return k == TextKind::UiText || k == TextKind::LongText; }

const char* KindName(TextKind k) {
  switch (k) {
    case TextKind::Code: return "code or id";
    case TextKind::Name: return "name";
    case TextKind::Link: return "link";
    case TextKind::UiText: return "interface text";
    case TextKind::LongText: return "description";
  }
  return "text";
}

std::optional<TextProblem> CheckText(std::string_view s, TextKind kind) {
  size_t cap = MaxBytes(kind);
  if (s.size() > cap)
    return TextProblem{cap, std::to_string(s.size()) + " bytes, more than the " + std::to_string(cap) +
                                " allowed for a " + KindName(kind) + " (docs/SOURCES.md, caps): shorten it"};
  bool multi = AllowsLineBreaks(kind);
  char32_t cp;
  for (size_t i = 0, n; i < s.size(); i += n) {
    n = At(s, i, cp);
    std::string at = " at byte " + std::to_string(i);
    if (!n) return TextProblem{i, "not valid UTF-8" + at + " (byte 0x" + Hex2(static_cast<unsigned char>(s[i])) +
                                      "; save the file as UTF-8)"};
    if (cp == 0) return TextProblem{i, "a NUL character" + at + ": remove it"};
    if (cp == '\n' || cp == '\t') {
      if (!multi)
        return TextProblem{i, std::string(cp == '\n' ? "a line break" : "a tab") + at + ": a " + KindName(kind) +
                                  " is one line; replace it with a space"};
    } else if (cp < 0x20) {
      return TextProblem{i, "a control character (U+00" + Hex2(cp) + ")" + at + ": remove it"};
    }
  }
  return std::nullopt;
}

}  // namespace db
