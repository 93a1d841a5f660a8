// Rich text: what a session's description holds once the HTML or Markdown of an export is parsed
// (db/sources/rich_text_import.h): paragraphs, headings, bullet and numbered list items and quotes, each a
// run of spans that may be bold, italic or code and may link somewhere. Links keep their text; the address
// is kept apart (for a QR code), never shown as markup. No markup and no entities remain in any text here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

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

}  // namespace db
