// Descriptions as exports write them, parsed with real parsers into db::RichText (db/model/rich_text.h):
//  - HTML (FOSDEM, pretalx: "<p>...</p><ul><li>...") with libxml2's HTML parser, entities decoded by it;
//  - Markdown (the CCC hub) with md4c, CommonMark with GitHub's tables, raw HTML inside it read as HTML;
//  - plain text (frab, staff's spreadsheets) is Markdown without markup: paragraphs split at blank lines.
// Indented code blocks are off: hub descriptions indent whole paragraphs by 20 spaces, and those are prose.
// Never fails: any byte string gives some text (invalid UTF-8 is the caller's to refuse first).
#pragma once
#include <string_view>

#include "db/model/rich_text.h"

namespace db {

// HTML when the text starts with an HTML block tag (<p>, <div>, <ul>, <h2>...), else Markdown (whose raw HTML,
// such as frab's <a href=...> lines, is read as HTML).
RichText ParseDescription(std::string_view text);
RichText ParseHtml(std::string_view html);
RichText ParseMarkdown(std::string_view markdown);

}  // namespace db
