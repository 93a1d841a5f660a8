// Rich text: what a session's description holds once the HTML or Markdown of an export is parsed
// (db/sources/rich_text_import.h): paragraphs, headings, bullet and numbered list items and quotes, each a
// run of spans that may be bold, italic or code and may link somewhere. Links keep their text; the address
// is kept apart (for a QR code), never shown as markup. No markup and no entities remain in any text here.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/base/result.h"

namespace db {

struct RichSpan {
  enum Style : uint8_t { kPlain = 0, kBold = 1, kItalic = 2, kCode = 4 };
  std::string text;    // UTF-8, entities decoded; "\n" only for a hard line break
  uint8_t style = kPlain;
  std::string link;    // the address a link points to, "" when the span is no link
  bool operator==(const RichSpan&) const = default;
};

struct RichBlock {
  enum class Kind : uint8_t { Paragraph, Heading, Bullet, Numbered, Quote, Code };
  Kind kind = Kind::Paragraph;
  int depth = 0;   // list nesting (0: a top-level item), heading level - 1 for headings
  int number = 0;  // Numbered: the item's number as the author wrote it
  std::vector<RichSpan> spans;
  bool operator==(const RichBlock&) const = default;
};

struct RichText {
  std::vector<RichBlock> blocks;
  bool empty() const { return blocks.empty(); }
  bool operator==(const RichText&) const = default;
};

// The text a visitor reads, without any markup: blocks separated by a blank line, except that the items of
// one list (same kind, or nested) follow each other on their own lines. What search indexes and `inspect --sessions` prints.
std::string PlainText(const RichText& text);

// Staff's plain text (a CSV description) as rich text: a paragraph per run of lines between blank lines,
// the line breaks inside one kept as hard breaks. How the kiosk draws a text that has no rich form.
RichText PlainParagraphs(std::string_view plain);

// [SECTION] The stored form (session_i18n.description_rich, person_i18n.biography_rich)
//
// Compact JSON, one array of blocks (docs/SCHEMA.md, "Rich text"):
//   block = [kind, depth, number, [span, ...]]   kind "p" "h" "ul" "ol" "q" "code"; depth: list nesting
//                                                 0..kMaxRichDepth, heading level - 1 (0..5); number: an
//                                                 "ol" item's number (0..999999999), 0 for the other kinds
//   span  = "text" | ["text", style] | ["text", style, "address"]   style: the RichSpan::Style bits (0..7)
// Every block has at least one span and every span some text (no control character but "\n" and tab); an
// address is one line of at most caps::kLinkBytes. The whole is at most caps::kRichTextBytes.
inline constexpr int kMaxRichDepth = 15;
// A link whose address breaks that rule is stored as text only (its text stays; the address goes).
std::string EncodeRichText(const RichText& text);
// The rich form, or an Error saying what is wrong where ("block 3, span 2: the style 9 is not 0..7").
Result<RichText> DecodeRichText(std::string_view stored);

}  // namespace db
