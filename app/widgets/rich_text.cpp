// Index of this file:
// [SECTION] Fonts and spacing
// [SECTION] Pieces: a block's text cut where a line may break
// [SECTION] Lines: pieces placed left to right, wrapped at the width
// [SECTION] Blocks, drawing and the layouts kept in AppState
#include "app/widgets/rich_text.h"
#include "app/widgets/widgets.h"

#include <algorithm>
#include <cfloat>
#include <deque>
#include <string_view>

#include "app/theme.h"
#include "db/base/text.h"

namespace app {

using Kind = db::RichBlock::Kind;

// [SECTION] Fonts and spacing ------------------------------------------------------------------------------

RichFonts RichFontsOf(const Fonts& f) {
  return {f.body, f.strong, f.italic ? f.italic : f.body, f.bold_italic ? f.bold_italic : f.strong, f.title};
}

RichSpacing RichSpacingOf(const Metrics& m, const RichFonts& fonts) {
  // The indent holds a number of two digits and its dot, right-aligned, with a space before the text.
  return {m.gap, m.gap * 0.25f, fonts.regular->FontSize * 1.8f};
}

namespace {

ImFont* FontOf(const RichFonts& f, const db::RichBlock& b, uint8_t style) {
  if (b.kind == Kind::Heading) return f.heading;
  bool bold = style & db::RichSpan::kBold, italic = style & db::RichSpan::kItalic;
  if (style & db::RichSpan::kCode) return bold ? f.bold : f.regular;  // code: the regular face (bold kept)
  return bold ? (italic ? f.bold_italic : f.bold) : (italic ? f.italic : f.regular);
}

ImU32 ColorOf(const db::RichBlock& b, const db::RichSpan& s) {
  if (!s.link.empty()) return colors::kAccent;  // a link: its text in the accent colour, not tappable
  return b.kind == Kind::Quote ? colors::kMuted : colors::kInk;
}

// [SECTION] Pieces -----------------------------------------------------------------------------------------

// Chinese, Japanese and Korean characters, which are written without spaces: a line may break between any two.
bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}
// CJK punctuation that closes (、。，：」）...): it stays on the line of the character before it.
bool ClosesCjk(char32_t c) {
  return c == 0x3001 || c == 0x3002 || c == 0x300D || c == 0x300F || c == 0x3011 || c == 0xFF09 || c == 0xFF0C ||
         c == 0xFF0E || c == 0xFF1A || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F;
}

// A run of text in one font and colour that no line break may split (unless it is wider than a whole line).
// `space` > 0: a space of that width comes before it (dropped at the start of a line); `glued`: no break is
// allowed between it and the piece before (a word whose letters change style: "**bold**,").
struct Piece {
  ImFont* font;
  ImU32 color;
  std::string_view bytes;
  float width = 0, space = 0;
  bool glued = false, hard_break = false;  // hard_break: a line break before it ("\n" in the text)
};

float Width(ImFont* f, std::string_view t) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.data(), t.data() + t.size()).x; }

// Whether a line may break before the next piece, carried from span to span of one block.
struct CutState {
  bool can_break = true;  // after a space, a line break, a CJK character, or at the block's start
  bool space = false;     // a space comes first
  bool hard = false;      // a line break comes first
};

// Cuts one span into pieces: words between spaces, and every CJK character on its own (closing punctuation
// glued to the character before it).
void Cut(const db::RichSpan& span, ImFont* font, ImU32 color, std::vector<Piece>& out, CutState& st) {
  std::string_view t = span.text;
  const float space_w = Width(font, " ");
  size_t word = std::string_view::npos;  // where the word being read started
  bool word_glued = false;
  auto push = [&](std::string_view bytes, bool glued) {
    out.push_back({font, color, bytes, Width(font, bytes), st.space ? space_w : 0.f, glued, st.hard});
    st.can_break = st.space = st.hard = false;
  };
  auto flush = [&](size_t end) {
    if (word == std::string_view::npos) return;
    push(t.substr(word, end - word), word_glued);
    word = std::string_view::npos;
  };
  for (size_t i = 0, at = 0; at = i, i < t.size();) {
    char32_t c;
    db::NextCodepoint(t, i, c);
    if (c == ' ' || c == '\t' || c == '\n') {
      flush(at);
      st.can_break = true;
      (c == '\n' ? st.hard : st.space) = true;
    } else if (IsCjk(c)) {
      flush(at);
      bool closes = ClosesCjk(c);
      push(t.substr(at, i - at), closes && !st.space && !st.hard && !out.empty());
      st.can_break = true;
    } else if (word == std::string_view::npos) {
      word = at;
      word_glued = !st.can_break && !out.empty();
    }
  }
  flush(t.size());
}

// [SECTION] Lines ------------------------------------------------------------------------------------------

// Places pieces on lines: left to right from `left`, a new line when the next word does not fit before
// `right`; a word wider than the whole line is broken between its characters.
class Lines {
 public:
  Lines(RichLayout& out, float left, float right, float y) : out_(out), left_(left), right_(right), x_(left), y_(y) {}

  // A whole word: pieces [first, last), none of which allows a break before it except the first.
  void Word(const Piece* first, const Piece* last) {
    float w = 0;
    for (const Piece* p = first; p != last; ++p) w += p->width;
    if (first->hard_break) NewLine(first->font);
    bool fits = x_ + (at_start_ ? 0 : first->space) + w <= right_;
    if (!fits && !at_start_) NewLine(first->font);
    if (!at_start_ && first->space > 0) Put(first->font, first->color, " ", first->space);
    if (w <= right_ - x_) {
      for (const Piece* p = first; p != last; ++p) Put(p->font, p->color, p->bytes, p->width);
      return;
    }
    for (const Piece* p = first; p != last; ++p) Broken(*p);  // wider than a line: break inside it
  }
  // A run placed at the left, `right` of it aligned at `right` (a bullet, an item's number).
  void Marker(ImFont* font, ImU32 color, std::string_view bytes, float right) {
    float w = Width(font, bytes);
    size_t n = out_.runs.size();
    Put(font, color, bytes, w);
    out_.runs[n].pos.x = std::max(0.f, right - w);
    out_.runs[n].marker = true;
    x_ = left_;
    at_start_ = true;
  }
  // Ends the last line; returns the y below it.
  float End(ImFont* font) {
    line_h_ = std::max(line_h_, font->FontSize);
    return y_ + line_h_;
  }

 private:
  void NewLine(ImFont* font) {
    y_ += std::max(line_h_, font->FontSize);
    line_h_ = 0;
    x_ = left_;
    at_start_ = true;
  }
  void Put(ImFont* font, ImU32 color, std::string_view bytes, float width) {
    if (bytes.empty()) return;
    line_h_ = std::max(line_h_, font->FontSize);
    RichRun* last = out_.runs.empty() ? nullptr : &out_.runs.back();
    if (last && !last->marker && last->font == font && last->color == color && last->pos.y == y_ &&
        last->end == out_.text.size() && std::abs(last->pos.x + last->width - x_) < 0.01f) {
      last->width += width;
    } else {
      out_.runs.push_back({font, color, ImVec2(x_, y_), uint32_t(out_.text.size()), 0, width, false});
      last = &out_.runs.back();
    }
    out_.text.append(bytes);
    last->end = uint32_t(out_.text.size());
    x_ += width;
    at_start_ = false;
  }
  // One piece, a character at a time, onto as many lines as it needs.
  void Broken(const Piece& p) {
    for (size_t i = 0, at = 0; at = i, i < p.bytes.size();) {
      char32_t c;
      db::NextCodepoint(p.bytes, i, c);
      std::string_view ch = p.bytes.substr(at, i - at);
      float w = Width(p.font, ch);
      if (x_ + w > right_ && !at_start_) NewLine(p.font);
      Put(p.font, p.color, ch, w);
    }
  }

  RichLayout& out_;
  float left_, right_, x_, y_, line_h_ = 0;
  bool at_start_ = true;
};

}  // namespace

// [SECTION] Blocks, drawing and the layouts kept in AppState ----------------------------------------------

namespace {

bool IsItem(Kind k) { return k == Kind::Bullet || k == Kind::Numbered; }

// The left edge of a block's text: list items hang their marker in one indent per level; quotes and code
// blocks are set in by one level.
float LeftOf(const db::RichBlock& b, const RichSpacing& sp) {
  if (IsItem(b.kind)) return float(b.depth + 1) * sp.indent;
  return b.kind == Kind::Quote || b.kind == Kind::Code ? sp.indent * 0.5f : 0.f;
}

void LayOutBlock(const db::RichBlock& b, const RichFonts& fonts, const RichSpacing& sp, float width, RichLayout& out,
                 float& y) {
  std::vector<Piece> pieces;
  CutState state;
  for (const auto& span : b.spans) Cut(span, FontOf(fonts, b, span.style), ColorOf(b, span), pieces, state);
  if (state.hard) pieces.push_back({fonts.regular, colors::kInk, {}, 0, 0, false, true});  // ends in a line break
  float left = std::min(LeftOf(b, sp), width * 0.5f);
  Lines lines(out, left, width, y);
  if (IsItem(b.kind)) {
    // A bullet (an en dash for nested lists) or "3.", right-aligned a quarter indent before the text.
    std::string marker = b.kind == Kind::Numbered ? std::to_string(b.number) + "." : b.depth ? "\xE2\x80\x93" : "\xE2\x80\xA2";
    lines.Marker(fonts.regular, colors::kInk, marker, left - sp.indent * 0.25f);
  }
  for (size_t i = 0; i < pieces.size();) {
    size_t j = i + 1;
    while (j < pieces.size() && pieces[j].glued) ++j;
    lines.Word(&pieces[i], &pieces[0] + j);
    i = j;
  }
  y = lines.End(b.kind == Kind::Heading ? fonts.heading : fonts.regular);
}

}  // namespace

RichLayout LayoutRichText(const db::RichText& source, const RichFonts& fonts, const RichSpacing& spacing, float width) {
  // As the atlas draws it: characters above U+FFFF by their stand-ins; a copy only when some text has one.
  bool astral = false;
  for (const auto& b : source.blocks)
    for (const auto& span : b.spans) astral |= span.text.find_first_of("\xF0\xF1\xF2\xF3\xF4") != std::string::npos;
  db::RichText copy;
  if (astral) {
    copy = source;
    for (auto& b : copy.blocks)
      for (auto& span : b.spans) span.text = DrawableText(span.text);
  }
  const db::RichText& text = astral ? copy : source;
  RichLayout out;
  out.width = width;
  float y = 0;
  const db::RichBlock* previous = nullptr;
  for (const auto& b : text.blocks) {
    // Items of one list sit closer together than paragraphs; a heading gets more space above it.
    if (previous) {
      bool same_list = IsItem(previous->kind) && IsItem(b.kind);
      y += same_list ? spacing.item : b.kind == Kind::Heading ? spacing.block * 1.5f : spacing.block;
    }
    LayOutBlock(b, fonts, spacing, width, out, y);
    previous = &b;
  }
  out.height = y;
  return out;
}

void DrawRichLayout(ImDrawList* dl, ImVec2 origin, const RichLayout& layout) {
  const char* text = layout.text.data();
  for (const auto& r : layout.runs)
    dl->AddText(r.font, r.font->FontSize, ImVec2(origin.x + r.pos.x, origin.y + r.pos.y), r.color, text + r.begin,
                text + r.end);
}

// The last few layouts, by what they were made from: a detail page draws one or two texts a frame.
struct AppState::RichLayouts {
  struct Entry {
    std::string key;  // 'R' + the stored rich form, or 'P' + the plain text
    const ImFont* font = nullptr;
    float font_size = 0, width = 0;
    RichLayout layout;
  };
  std::deque<Entry> entries;
  static constexpr size_t kKept = 4;
};

float DrawRichText(AppState& s, const std::string& rich, const std::string& plain, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  RichFonts fonts = RichFontsOf(s.fonts);
  if (!s.rich_layouts) s.rich_layouts = std::make_shared<AppState::RichLayouts>();
  auto& entries = s.rich_layouts->entries;
  std::string key = (rich.empty() ? "P" : "R") + (rich.empty() ? plain : rich);
  auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) {
    return e.width == width && e.font == fonts.regular && e.font_size == fonts.regular->FontSize && e.key == key;
  });
  if (it == entries.end()) {
    // A stored form that does not decode never reaches the kiosk (validate refuses it); were it to, the plain
    // text is drawn.
    db::Result<db::RichText> decoded = rich.empty() ? db::Result<db::RichText>(db::Error{}) : db::DecodeRichText(rich);
    db::RichText text = decoded ? std::move(decoded.value()) : db::PlainParagraphs(plain);
    if (entries.size() >= AppState::RichLayouts::kKept) entries.pop_back();
    entries.push_front({std::move(key), fonts.regular, fonts.regular->FontSize, width,
                        LayoutRichText(text, fonts, RichSpacingOf(s.metrics, fonts), width)});
    it = entries.begin();
  }
  ImVec2 pos = ImGui::GetCursorScreenPos();
  DrawRichLayout(ImGui::GetWindowDrawList(), pos, it->layout);
  ImGui::Dummy(ImVec2(width, std::max(1.f, it->layout.height)));
  return it->layout.height;
}

}  // namespace app
