// Index of this file:
// [SECTION] Writer: blocks and spans as a parser walks a document
// [SECTION] HTML (libxml2)
// [SECTION] Markdown (md4c)
// [SECTION] ParseDescription
#include "db/sources/rich_text_import.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <md4c.h>

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "db/base/text.h"

namespace db {

namespace {

//-----------------------------------------------------------------------------------------------------------
// [SECTION] Writer: blocks and spans as a parser walks a document
//-----------------------------------------------------------------------------------------------------------

using Kind = RichBlock::Kind;

// Both parsers drive one Writer: open a block, add text under the current style and link, close it. Spaces
// are collapsed as a browser would (none at the start of a block, one between words, none at the end),
// except in code blocks.
class Writer {
 public:
  void Open(Kind kind, int depth = 0, int number = 0) {
    Close();
    open_ = true;
    block_ = {kind, depth, number, {}};
  }
  // Ends the current block; an empty one is dropped.
  void Close() {
    if (!open_) return;
    open_ = false;
    auto& spans = block_.spans;
    while (!spans.empty()) {  // trailing spaces and line breaks
      std::string& t = spans.back().text;
      while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
      if (!t.empty()) break;
      spans.pop_back();
    }
    if (block_.kind != Kind::Code) LinksWrittenAsMarkdown(spans);
    if (!spans.empty()) out_.blocks.push_back(std::move(block_));
    block_ = {};
  }
  // Text outside any block (loose text in HTML, between lists) opens a paragraph. With `line_items`, a
  // source line that starts with "- ", "* ", "• " or "3. " starts a list item: FOSDEM's authors write
  // "Links:<br />\n- <a ...>Project</a>\n- <a ...>Docs</a>" inside one <p>, a list in all but markup.
  void Text(std::string_view text, bool verbatim = false, bool line_items = false) {
    if (!open_) {
      if (IsBlank(text)) return;
      Open(quote_ ? Kind::Quote : Kind::Paragraph);
    }
    std::string add;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      // Other control characters (36C3's wiki has a DEL inside a sentence) are nothing a reader sees.
      if (!space && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) continue;
      if (verbatim || block_.kind == Kind::Code) {
        if (c != '\r') add += c;
        continue;
      }
      if (c == '\n' && line_items) {
        size_t at = i + 1;
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
        int number = 0;
        if (size_t marker = ItemMarker(text.substr(at), number)) {
          Append(add);
          add.clear();
          Open(number ? Kind::Numbered : Kind::Bullet, 0, number);
          i = at + marker - 1;
          continue;
        }
      }
      if (space) {
        if (!AtSpace(add)) add += ' ';
      } else {
        add += c;
      }
    }
    Append(add);
  }
  void LineBreak() {
    if (open_) Append("\n");
  }
  void Style(uint8_t style, bool on) {
    if (on) style_counts_[Bit(style)]++;
    else if (style_counts_[Bit(style)] > 0) style_counts_[Bit(style)]--;
  }
  void Link(std::string href) { links_.push_back(std::move(href)); }
  void EndLink() {
    if (!links_.empty()) links_.pop_back();
  }
  void Quote(bool on) { quote_ += on ? 1 : -1; }
  bool InQuote() const { return quote_ > 0; }
  // An item just opened, with no text yet: the paragraph that follows is its text (loose lists wrap items
  // in paragraphs, <li><p>...</p></li>).
  bool ItemIsEmpty() const {
    return open_ && block_.spans.empty() && (block_.kind == Kind::Bullet || block_.kind == Kind::Numbered);
  }
  RichText Take() {
    Close();
    return std::move(out_);
  }

 private:
  // The length of a list marker at the start of `t` ("- ", "* ", "• ", "12. ", "3) "), 0 when there is none;
  // `number` gets the number of a numbered one (0 for a bullet).
  static size_t ItemMarker(std::string_view t, int& number) {
    if (t.size() >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ') return 2;
    if (t.size() >= 4 && t.substr(0, 4) == "\xE2\x80\xA2 ") return 4;
    size_t d = 0;
    while (d < t.size() && d < 3 && t[d] >= '0' && t[d] <= '9') ++d;
    if (d == 0 || d + 1 >= t.size() || (t[d] != '.' && t[d] != ')') || t[d + 1] != ' ') return 0;
    number = std::atoi(std::string(t.substr(0, d)).c_str());
    return d + 2;
  }
  // A Markdown link left as text, "[the project's GitHub](https://github.com/...)": FOSDEM authors write
  // them inside HTML, and 36C3's Markdown escapes their brackets ("\\[Freedombones\\](https://...)"), so
  // neither parser makes a link. As the issue asks, the visitor reads the link's text, never the syntax; the
  // address is kept on the span like any link.
  static void LinksWrittenAsMarkdown(std::vector<RichSpan>& spans) {
    std::vector<RichSpan> out;
    for (RichSpan& span : spans) {
      const std::string& t = span.text;
      if (!span.link.empty() || (span.style & RichSpan::kCode) || t.find("](http") == std::string::npos) {
        out.push_back(std::move(span));
        continue;
      }
      size_t at = 0;  // what is already out
      for (size_t mid = t.find("](http", at); mid != std::string::npos; mid = t.find("](http", mid + 1)) {
        size_t open = t.rfind('[', mid), close = t.find(')', mid);
        if (open == std::string::npos || open < at || close == std::string::npos) continue;
        std::string text = t.substr(open + 1, mid - open - 1), url = t.substr(mid + 2, close - mid - 2);
        bool plain_url = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
        if (text.empty() || !plain_url || text.find_first_of("[]\n") != std::string::npos ||
            url.find_first_of(" \n\t<>(") != std::string::npos)
          continue;
        if (open > at) out.push_back({t.substr(at, open - at), span.style, ""});
        out.push_back({std::move(text), span.style, std::move(url)});
        at = close + 1;
      }
      if (at < t.size()) out.push_back({t.substr(at), span.style, ""});
    }
    spans = std::move(out);
  }
  static bool IsBlank(std::string_view t) {
    for (char c : t)
      if (!std::isspace(static_cast<unsigned char>(c))) return false;
    return true;
  }
  static int Bit(uint8_t style) { return style == RichSpan::kBold ? 0 : style == RichSpan::kItalic ? 1 : 2; }
  uint8_t CurrentStyle() const {
    return uint8_t((style_counts_[0] ? RichSpan::kBold : 0) | (style_counts_[1] ? RichSpan::kItalic : 0) |
                   (style_counts_[2] ? RichSpan::kCode : 0));
  }
  // Whether the text so far (in `pending`, else in the block) ends in a space, or is empty: no space then.
  bool AtSpace(const std::string& pending) const {
    if (!pending.empty()) return pending.back() == ' ' || pending.back() == '\n';
    for (auto it = block_.spans.rbegin(); it != block_.spans.rend(); ++it)
      if (!it->text.empty()) return it->text.back() == ' ' || it->text.back() == '\n';
    return true;
  }
  void Append(const std::string& add) {
    if (add.empty()) return;
    uint8_t style = CurrentStyle();
    std::string link = links_.empty() ? std::string() : links_.back();
    auto& spans = block_.spans;
    if (!spans.empty() && spans.back().style == style && spans.back().link == link) spans.back().text += add;
    else spans.push_back({add, style, link});
  }

  RichText out_;
  RichBlock block_;
  bool open_ = false;
  int style_counts_[3] = {0, 0, 0};  // bold, italic, code: nesting counts
  std::vector<std::string> links_;
  int quote_ = 0;
};

//-----------------------------------------------------------------------------------------------------------
// [SECTION] HTML (libxml2)
//-----------------------------------------------------------------------------------------------------------

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

bool Is(const xmlNode* n, const char* name) { return xmlStrcasecmp(n->name, BAD_CAST name) == 0; }

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

struct List {
  bool numbered;
  int next;
};

void WalkHtml(std::string_view html, Writer& w, bool reparsed = false);

// Whether `text` holds an element that structures text, opened and closed ("<li>...</li>", "<p ...>...</p>"),
// a line break, or the end tag of a block left over from pasted HTML ("</div>"): what a visitor would
// otherwise read as tags. A lone "<b>", "the <video> element" or "a < b" is text.
bool HoldsHtmlElement(std::string_view text) {
  static constexpr const char* kPaired[] = {"p", "ul", "ol", "li", "b", "i", "em", "strong", "a", "h1", "h2", "h3", "h4"};
  auto opens_at = [&](size_t at, const char* tag) {
    size_t n = std::strlen(tag);
    if (at + 1 + n >= text.size() || strncasecmp(text.data() + at + 1, tag, n) != 0) return false;
    char next = text[at + 1 + n];
    return next == '>' || next == ' ' || next == '/';
  };
  static constexpr const char* kStrayEnds[] = {"</div>", "</p>", "</span>", "</font>", "</li>", "</ul>", "</ol>"};
  for (size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (opens_at(at, "br")) return true;
    for (const char* end : kStrayEnds)  // FOSDEM 2018: "...future directions.&lt;/div>" after a pasted block
      if (text.substr(at, std::strlen(end)) == end) return true;
    for (const char* tag : kPaired)
      if (opens_at(at, tag)) {
        std::string close = std::string("</") + tag + ">";
        auto hay = text.substr(at);
        if (std::search(hay.begin(), hay.end(), close.begin(), close.end(),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }) != hay.end())
          return true;
      }
  }
  return false;
}

class HtmlWalk {
 public:
  HtmlWalk(Writer& w, bool reparsed) : w_(w), reparsed_(reparsed) {}

  // `first` and its siblings.
  void Walk(const xmlNode* first) {
    for (const xmlNode* c = first; c; c = c->next) Node(c);
  }

 private:
  // Why this is long: one case per element family, in one place, reads better than a table of callbacks.
  void Node(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      const char* text = reinterpret_cast<const char*>(n->content);
      // Escaped twice by the export (FOSDEM 2010: "&amp;lt;ul&amp;gt;&amp;lt;li&amp;gt;..."): the text,
      // once decoded, is itself HTML; it is read as such, once, never shown as tags.
      if (!pre_ && !reparsed_ && text && HoldsHtmlElement(text)) return WalkHtml(text, w_, /*reparsed=*/true);
      w_.Text(text, pre_ > 0, /*line_items=*/true);
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    if (Is(n, "script") || Is(n, "style") || Is(n, "head") || Is(n, "title")) return;
    if (Is(n, "br")) return w_.LineBreak();
    if (Is(n, "hr")) return w_.Close();
    if (Is(n, "ul") || Is(n, "ol")) {
      w_.Close();
      int start = Is(n, "ol") ? std::max(1, std::atoi(Attr(n, "start").c_str())) : 1;
      lists_.push_back({Is(n, "ol"), start});
      Walk(n->children);
      lists_.pop_back();
      return w_.Close();
    }
    if (Is(n, "li")) {
      bool numbered = !lists_.empty() && lists_.back().numbered;
      int number = lists_.empty() ? 0 : lists_.back().next++;
      w_.Open(numbered ? Kind::Numbered : Kind::Bullet, std::max(0, int(lists_.size()) - 1), numbered ? number : 0);
      Walk(n->children);
      return w_.Close();
    }
    if (n->name[0] && (n->name[0] == 'h' || n->name[0] == 'H') && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2]) {
      w_.Open(Kind::Heading, n->name[1] - '1');
      Walk(n->children);
      return w_.Close();
    }
    if (Is(n, "blockquote")) {
      w_.Close();
      w_.Quote(true);
      Walk(n->children);
      w_.Quote(false);
      return w_.Close();
    }
    if (Is(n, "pre")) {
      w_.Open(Kind::Code);
      ++pre_;
      Walk(n->children);
      --pre_;
      return w_.Close();
    }
    if (Is(n, "p") || Is(n, "div") || Is(n, "tr") || Is(n, "dt") || Is(n, "dd") || Is(n, "figcaption") ||
        Is(n, "section") || Is(n, "article") || Is(n, "table") || Is(n, "center") || Is(n, "address")) {
      if (!w_.ItemIsEmpty()) w_.Open(w_.InQuote() ? Kind::Quote : Kind::Paragraph);
      Walk(n->children);
      return w_.Close();
    }
    if (Is(n, "td") || Is(n, "th")) {
      w_.Text(" ");
      return Walk(n->children);
    }
    uint8_t style = Is(n, "b") || Is(n, "strong") ? RichSpan::kBold
                    : Is(n, "i") || Is(n, "em") || Is(n, "cite") ? RichSpan::kItalic
                    : Is(n, "code") || Is(n, "tt") || Is(n, "kbd") || Is(n, "samp") ? RichSpan::kCode
                    : 0;
    if (style) w_.Style(style, true);
    bool link = Is(n, "a") && !Attr(n, "href").empty();
    if (link) w_.Link(Attr(n, "href"));
    if (Is(n, "img")) w_.Text(Attr(n, "alt"));
    Walk(n->children);
    if (link) w_.EndLink();
    if (style) w_.Style(style, false);
  }

  Writer& w_;
  const bool reparsed_;  // this walk reads text that was escaped HTML: no second round
  std::vector<List> lists_;
  int pre_ = 0;
};

void WalkHtml(std::string_view html, Writer& w, bool reparsed) {
  if (html.empty()) return;
  // NOIMPLIED: no <html><body> wrapping needed; NONET: never fetch anything; errors are not ours to print.
  int options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, DocFree> doc(
      htmlReadMemory(html.data(), int(std::min<size_t>(html.size(), INT32_MAX)), nullptr, "UTF-8", options));
  if (!doc) {
    w.Text(html);
    return;
  }
  HtmlWalk(w, reparsed).Walk(doc->children);
}

//-----------------------------------------------------------------------------------------------------------
// [SECTION] Markdown (md4c)
//-----------------------------------------------------------------------------------------------------------

// An HTML entity as md4c hands it over, verbatim ("&amp;", "&#233;", "&#xE9;"), decoded.
std::string DecodeEntity(std::string_view e) {
  std::string out;
  if (e.size() > 3 && e[1] == '#') {
    bool hex = e[2] == 'x' || e[2] == 'X';
    std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    AppendUtf8(out, char32_t(cp));
    return out;
  }
  std::string name(e.substr(1, e.size() >= 2 ? e.size() - 2 : 0));
  if (const htmlEntityDesc* d = htmlEntityLookup(BAD_CAST name.c_str())) {
    AppendUtf8(out, char32_t(d->value));
    return out;
  }
  return std::string(e);  // not an entity after all ("&copy2;"): the text as written
}

std::string AttributeText(const MD_ATTRIBUTE& a) {
  std::string out;
  for (int i = 0; a.substr_offsets && a.substr_offsets[i] < a.size; ++i) {
    std::string_view part(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
    out += a.substr_types[i] == MD_TEXT_ENTITY ? DecodeEntity(part) : std::string(part);
  }
  return out;
}

struct MdState {
  Writer& w;
  std::vector<List> lists;
  std::string html_block;  // the raw HTML of the MD_BLOCK_HTML being read
  bool in_html_block = false;
};

int EnterBlock(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& s = *static_cast<MdState*>(user);
  switch (type) {
    case MD_BLOCK_UL: s.lists.push_back({false, 1}); break;
    case MD_BLOCK_OL: s.lists.push_back({true, int(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)}); break;
    case MD_BLOCK_LI: {
      bool numbered = !s.lists.empty() && s.lists.back().numbered;
      int number = s.lists.empty() ? 0 : s.lists.back().next++;
      s.w.Open(numbered ? Kind::Numbered : Kind::Bullet, std::max(0, int(s.lists.size()) - 1), numbered ? number : 0);
      break;
    }
    case MD_BLOCK_P:
      // In a loose list an item's first paragraph is the item itself.
      if (!s.w.ItemIsEmpty()) s.w.Open(s.w.InQuote() ? Kind::Quote : Kind::Paragraph);
      break;
    case MD_BLOCK_H: s.w.Open(Kind::Heading, int(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) - 1); break;
    case MD_BLOCK_QUOTE: s.w.Close(); s.w.Quote(true); break;
    case MD_BLOCK_CODE: s.w.Open(Kind::Code); break;
    case MD_BLOCK_HTML: s.w.Close(); s.in_html_block = true; s.html_block.clear(); break;
    case MD_BLOCK_TR: s.w.Open(Kind::Paragraph); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: s.w.Text(" "); break;  // cells of a row, one space apart
    case MD_BLOCK_HR: s.w.Close(); break;
    default: break;
  }
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto& s = *static_cast<MdState*>(user);
  switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!s.lists.empty()) s.lists.pop_back();
      s.w.Close();
      break;
    case MD_BLOCK_QUOTE: s.w.Close(); s.w.Quote(false); break;
    case MD_BLOCK_HTML:
      s.in_html_block = false;
      WalkHtml(s.html_block, s.w);
      s.w.Close();
      break;
    case MD_BLOCK_LI:
    case MD_BLOCK_P:
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TR: s.w.Close(); break;
    default: break;
  }
  return 0;
}

int EnterSpan(MD_SPANTYPE type, void* detail, void* user) {
  auto& s = *static_cast<MdState*>(user);
  switch (type) {
    case MD_SPAN_EM: s.w.Style(RichSpan::kItalic, true); break;
    case MD_SPAN_STRONG: s.w.Style(RichSpan::kBold, true); break;
    case MD_SPAN_CODE: s.w.Style(RichSpan::kCode, true); break;
    case MD_SPAN_A: s.w.Link(AttributeText(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)); break;
    default: break;  // images: their alt text comes as text
  }
  return 0;
}

int LeaveSpan(MD_SPANTYPE type, void*, void* user) {
  auto& s = *static_cast<MdState*>(user);
  switch (type) {
    case MD_SPAN_EM: s.w.Style(RichSpan::kItalic, false); break;
    case MD_SPAN_STRONG: s.w.Style(RichSpan::kBold, false); break;
    case MD_SPAN_CODE: s.w.Style(RichSpan::kCode, false); break;
    case MD_SPAN_A: s.w.EndLink(); break;
    default: break;
  }
  return 0;
}

int OnText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& s = *static_cast<MdState*>(user);
  std::string_view t(text, size);
  switch (type) {
    case MD_TEXT_NULLCHAR: s.w.Text("\xEF\xBF\xBD"); break;
    case MD_TEXT_BR: s.w.LineBreak(); break;
    case MD_TEXT_SOFTBR: s.w.Text(" "); break;
    case MD_TEXT_ENTITY: s.w.Text(DecodeEntity(t)); break;
    case MD_TEXT_HTML:
      if (s.in_html_block) s.html_block.append(t);
      else if (t.size() >= 3 && (t.substr(0, 3) == "<br" || t.substr(0, 3) == "<BR")) s.w.LineBreak();
      break;  // other inline tags (<span>, <u>) are dropped, their text comes as text
    case MD_TEXT_NORMAL: {
      // "** Mit Special Guest **" is no emphasis in CommonMark (spaces inside), yet meant as one: a run of
      // two or more asterisks is never text a visitor should read.
      std::string kept;
      for (size_t i = 0; i < t.size(); ++i) {
        size_t j = i;
        while (j < t.size() && t[j] == '*') ++j;
        if (j - i >= 2) {
          i = j - 1;
          continue;
        }
        kept += t[i];
      }
      s.w.Text(kept);
      break;
    }
    default: s.w.Text(t); break;
  }
  return 0;
}

}  // namespace

//-----------------------------------------------------------------------------------------------------------
// [SECTION] ParseDescription
//-----------------------------------------------------------------------------------------------------------

RichText ParseHtml(std::string_view html) {
  Writer w;
  WalkHtml(html, w);
  return w.Take();
}

RichText ParseMarkdown(std::string_view markdown) {
  Writer w;
  MdState state{w, {}, {}, false};
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = EnterSpan;
  parser.leave_span = LeaveSpan;
  parser.text = OnText;
  md_parse(markdown.data(), MD_SIZE(std::min<size_t>(markdown.size(), UINT32_MAX)), &parser, &state);
  return w.Take();
}

RichText ParseDescription(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  // Block tags only: frab's plain text often starts with an inline <a href=...> and goes on in paragraphs
  // separated by blank lines, which Markdown keeps (its raw HTML is read as HTML) and HTML would collapse.
  static constexpr const char* kHtmlStarts[] = {"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                                "blockquote", "pre", "table", "hr", "section", "center"};
  if (i < text.size() && text[i] == '<') {
    std::string_view rest = text.substr(i + 1);
    for (const char* tag : kHtmlStarts) {
      size_t n = std::strlen(tag);
      if (rest.size() > n && strncasecmp(rest.data(), tag, n) == 0 &&
          (rest[n] == '>' || rest[n] == ' ' || rest[n] == '/' || rest[n] == '\n'))
        return ParseHtml(text);
    }
  }
  return ParseMarkdown(text);
}

}  // namespace db
