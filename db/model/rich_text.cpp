#include "db/model/rich_text.h"

#include <nlohmann/json.hpp>

#include "db/model/caps.h"
#include "db/model/text_rules.h"

namespace db {

namespace {

bool IsItem(RichBlock::Kind k) { return k == RichBlock::Kind::Bullet || k == RichBlock::Kind::Numbered; }

using Kind = RichBlock::Kind;
using Json = nlohmann::json;

// The stored names of the kinds, in the order of RichBlock::Kind.
constexpr const char* kKindNames[] = {"p", "h", "ul", "ol", "q", "code"};
static_assert(std::size(kKindNames) == size_t(Kind::Code) + 1, "a name for every RichBlock::Kind");

constexpr int kMaxNumber = 999999999;

// Span texts may hold line breaks and tabs (a hard break, a code block), nothing else below U+0020.
bool HasControl(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
  return false;
}

bool IsStorableLink(std::string_view link) { return !CheckText(link, TextKind::Link); }

Json EncodeSpan(const RichSpan& s) {
  bool link = !s.link.empty() && IsStorableLink(s.link);
  if (!link && s.style == RichSpan::kPlain) return s.text;
  Json span = Json::array({s.text, s.style});
  if (link) span.push_back(s.link);
  return span;
}

// The error of block `b` (1-based), span `s` (1-based, 0: the block itself).
Error At(size_t b, size_t s, const std::string& what) {
  std::string where = "block " + std::to_string(b);
  if (s) where += ", span " + std::to_string(s);
  return Error{where + ": " + what};
}

std::optional<Error> DecodeSpan(const Json& j, size_t b, size_t i, RichSpan& out) {
  if (j.is_string()) {
    out.text = j.get<std::string>();
  } else {
    if (!j.is_array() || j.size() < 2 || j.size() > 3 || !j[0].is_string() || !j[1].is_number_integer())
      return At(b, i, "not \"text\", [\"text\", style] or [\"text\", style, \"address\"]");
    out.text = j[0].get<std::string>();
    int64_t style = j[1].get<int64_t>();
    if (style < 0 || style > (RichSpan::kBold | RichSpan::kItalic | RichSpan::kCode))
      return At(b, i, "the style " + std::to_string(style) + " is not 0..7");
    out.style = uint8_t(style);
    if (j.size() == 3) {
      if (!j[2].is_string() || j[2].get<std::string>().empty()) return At(b, i, "the link's address is not a text");
      out.link = j[2].get<std::string>();
      if (auto problem = CheckText(out.link, TextKind::Link)) return At(b, i, "the link's address: " + problem->message);
    }
  }
  if (out.text.empty()) return At(b, i, "the span has no text");
  if (HasControl(out.text)) return At(b, i, "a control character in the text");
  return std::nullopt;
}

std::optional<Error> DecodeBlock(const Json& j, size_t b, RichBlock& out) {
  if (!j.is_array() || j.size() != 4 || !j[0].is_string() || !j[1].is_number_integer() ||
      !j[2].is_number_integer() || !j[3].is_array())
    return At(b, 0, "not [kind, depth, number, [spans]]");
  std::string kind = j[0].get<std::string>();
  size_t k = 0;
  while (k < std::size(kKindNames) && kind != kKindNames[k]) ++k;
  if (k == std::size(kKindNames)) return At(b, 0, "the kind '" + kind + "' is not p, h, ul, ol, q or code");
  out.kind = Kind(k);
  int64_t depth = j[1].get<int64_t>(), number = j[2].get<int64_t>();
  int64_t max_depth = out.kind == Kind::Heading ? 5 : kMaxRichDepth;
  if (depth < 0 || depth > max_depth)
    return At(b, 0, "the depth " + std::to_string(depth) + " is not 0.." + std::to_string(max_depth));
  if (out.kind == Kind::Numbered ? (number < 0 || number > kMaxNumber) : number != 0)
    return At(b, 0, "the number " + std::to_string(number) + (out.kind == Kind::Numbered ? " is too large" : " is not 0 (only \"ol\" items have one)"));
  out.depth = int(depth);
  out.number = int(number);
  if (j[3].empty()) return At(b, 0, "the block has no span");
  for (size_t i = 0; i < j[3].size(); ++i)
    if (auto e = DecodeSpan(j[3][i], b, i + 1, out.spans.emplace_back())) return e;
  return std::nullopt;
}

}  // namespace

std::string PlainText(const RichText& text) {
  std::string out;
  const RichBlock* previous = nullptr;
  for (const auto& b : text.blocks) {
    // Items of one list (same kind, or nested) follow each other; a bullet list after a numbered one does not.
    bool same_list = previous && IsItem(previous->kind) && IsItem(b.kind) &&
                     (previous->kind == b.kind || previous->depth != b.depth);
    if (previous) out += same_list ? "\n" : "\n\n";
    for (const auto& s : b.spans) out += s.text;
    previous = &b;
  }
  return out;
}

RichText PlainParagraphs(std::string_view plain) {
  RichText out;
  for (size_t b = 0; b < plain.size();) {
    size_t e = plain.find("\n\n", b);
    if (e == std::string_view::npos) e = plain.size();
    std::string_view para = plain.substr(b, e - b);
    while (!para.empty() && para.front() == '\n') para.remove_prefix(1);
    while (!para.empty() && para.back() == '\n') para.remove_suffix(1);
    if (!para.empty()) out.blocks.push_back({Kind::Paragraph, 0, 0, {{std::string(para), RichSpan::kPlain, ""}}});
    b = e + 2;
  }
  return out;
}

std::string EncodeRichText(const RichText& text) {
  Json blocks = Json::array();
  for (const auto& b : text.blocks) {
    Json spans = Json::array();
    for (const auto& s : b.spans) spans.push_back(EncodeSpan(s));
    blocks.push_back(Json::array({kKindNames[size_t(b.kind)], b.depth, b.number, std::move(spans)}));
  }
  // Invalid UTF-8 (the importer refuses it before) would be replaced, and the check then finds the text changed.
  return blocks.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<RichText> DecodeRichText(std::string_view stored) {
  if (stored.size() > caps::kRichTextBytes)
    return Error{std::to_string(stored.size()) + " bytes, more than the " + std::to_string(caps::kRichTextBytes) + " a rich text may hold"};
  Json j;
  try {
    j = Json::parse(stored);
  } catch (const Json::parse_error& e) {
    return Error{"not JSON (byte " + std::to_string(e.byte) + ")"};
  }
  if (!j.is_array()) return Error{"not an array of blocks"};
  RichText out;
  for (size_t b = 0; b < j.size(); ++b)
    if (auto e = DecodeBlock(j[b], b + 1, out.blocks.emplace_back())) return *e;
  return out;
}

}  // namespace db
