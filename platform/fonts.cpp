#include "platform/fonts.h"

#include <fcntl.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include "db/base/files.h"
#include "fonts/font_files.h"

namespace platform {

static_assert(IM_UNICODE_CODEPOINT_MAX == fonts::kMaxDrawableCodepoint,
              "fonts::kMaxDrawableCodepoint must say what this Dear ImGui build can draw (IMGUI_USE_WCHAR32)");

// Where each font keeps U+FFFD's glyph, its fallback (MoveFallbackDown): a control character, never drawn.
constexpr ImWchar kFallbackSlot = 0x0001;

namespace {

// The glyph ranges of every character of `text`, plus Basic Latin, Latin-1 and U+FFFD.
ImVector<ImWchar> RangesOf(const std::string& text) {
  ImFontGlyphRangesBuilder b;
  static const ImWchar kLatin1[] = {0x0020, 0x00FF, 0};  // Basic Latin + Latin-1 (ImGui's default ranges,
  b.AddRanges(kLatin1);                                    // without asking its context: any thread)
  b.AddChar(0xFFFD);  // the fallback glyph: ImGui draws it for a character the atlas lacks
  // Without NUL: ImGui reads a range list up to its first 0, so a NUL in any text (validate refuses them)
  // would leave the atlas without a single glyph.
  std::string glyphs;
  std::remove_copy(text.begin(), text.end(), std::back_inserter(glyphs), '\0');
  b.AddText(glyphs.c_str(), glyphs.c_str() + glyphs.size());
  ImVector<ImWchar> ranges;
  b.BuildRanges(&ranges);
  return ranges;
}

// For each fallback of `coverage`, the glyph ranges of the characters of `ranges` it supplies: those the main
// face lacks and no earlier fallback has (fonts::KioskFonts). Empty for a fallback that supplies none.
std::vector<ImVector<ImWchar>> FallbackRanges(const ImVector<ImWchar>& ranges, const fonts::FontCoverage& coverage, size_t fallbacks) {
  std::vector<ImFontGlyphRangesBuilder> needed(fallbacks);
  std::vector<bool> used(fallbacks, false);
  for (int i = 0; i + 1 < ranges.Size && ranges[i]; i += 2)
    for (unsigned c = ranges[i]; c <= ranges[i + 1]; ++c) {
      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || coverage.InMain(c)) continue;
      int f = coverage.FallbackFor(c);
      if (f < 0) continue;
      needed[size_t(f)].AddChar(ImWchar(c));
      used[size_t(f)] = true;
    }
  std::vector<ImVector<ImWchar>> out(fallbacks);
  for (size_t f = 0; f < fallbacks; ++f)
    if (used[f]) needed[f].BuildRanges(&out[f]);
  return out;
}

// The font files a build reads, each mapped once however many sizes use it (a CJK collection is 20 MB, and
// FreeType reads only the pages of the glyphs it is asked for). Dear ImGui 1.86 copies font data it does not
// own, once per size (100 MB for the CJK fallback in five sizes), so the atlas is told it owns these, and
// `Disown` takes that back before the atlas could free them: call it before the atlas's input data goes.
class FontData {
 public:
  FontData() = default;
  FontData(const FontData&) = delete;
  FontData& operator=(const FontData&) = delete;
  ~FontData() {
    for (auto& [path, file] : files_)
      if (file.size) munmap(file.data, file.size);
  }
  // The mapped bytes of `path` and their size; {nullptr, 0} when it cannot be read.
  std::pair<void*, size_t> Get(const std::string& path) {
    auto [it, added] = files_.try_emplace(path);
    if (added) {
      db::UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
      struct stat st {};
      if (fd && fstat(fd.get(), &st) == 0 && st.st_size > 0) {
        void* p = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
        if (p != MAP_FAILED) it->second = {p, size_t(st.st_size)};
      }
    }
    return {it->second.data, it->second.size};
  }
  // Every font of `atlas` points into these mappings: the atlas must not free them.
  static void Disown(ImFontAtlas* atlas) {
    for (ImFontConfig& cfg : atlas->ConfigData) {
      cfg.FontData = nullptr;
      cfg.FontDataOwnedByAtlas = false;
    }
  }

 private:
  struct Mapped {
    void* data = nullptr;
    size_t size = 0;
  };
  std::map<std::string, Mapped> files_;
};

// Adds `path` (face `index`) at `px` to `atlas` with `ranges`, merged into the last font when `merge`.
ImFont* AddFace(ImFontAtlas* atlas, FontData& data, const std::string& path, int index, float px, const ImWchar* ranges, bool merge) {
  auto [bytes, size] = data.Get(path);
  if (!bytes) return nullptr;
  ImFontConfig cfg;
  cfg.OversampleH = cfg.OversampleV = 1;
  cfg.FontDataOwnedByAtlas = true;  // not so (FontData::Disown), but then ImGui does not copy it
  cfg.FontNo = index;
  cfg.MergeMode = merge;
  return atlas->AddFontFromMemoryTTF(bytes, int(size), px, &cfg, ranges);
}

// ImGui's glyph tables of a font run from U+0000 to its highest character, 6 bytes each: with U+FFFD, the
// glyph a missing character draws as, every font's run to 64K entries (380 KB, 2.7 MB for the seven sizes of
// the demo, which has no character above U+2192). So U+FFFD's glyph is kept under kFallbackSlot, a control
// character no text draws, as the font's fallback: a missing character and U+FFFD itself still draw it.
void MoveFallbackDown(ImFont* font) {
  for (ImFontGlyph& g : font->Glyphs)
    if (g.Codepoint == 0xFFFD) {
      g.Codepoint = kFallbackSlot;
      font->FallbackChar = kFallbackSlot;
      font->BuildLookupTable();
      return;
    }
}

// A glyph drawn under a stand-in (db::StandIns): its rectangle in the atlas, its font, its pixels.
struct StandInGlyph {
  int rect;
  ImFont* font;
  ImWchar stand_in;
  fonts::FontCoverage::Glyph glyph;
};

// After the atlas is built: each stand-in's pixels into its rectangle, and its glyph moved down by the font's
// ascent (ImGui places a custom glyph from the line's top; FreeType's offset is from the baseline).
void PaintStandIns(ImFontAtlas* atlas, const std::vector<StandInGlyph>& drawn) {
  unsigned char* px = nullptr;
  int w = 0, h = 0;
  atlas->GetTexDataAsAlpha8(&px, &w, &h);
  for (const StandInGlyph& d : drawn) {
    const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(d.rect);
    if (!r || !r->IsPacked() || r->X + d.glyph.width > w || r->Y + d.glyph.height > h) continue;
    for (int y = 0; y < d.glyph.height; ++y)
      std::copy_n(d.glyph.alpha.begin() + std::ptrdiff_t(y) * d.glyph.width, d.glyph.width, px + std::ptrdiff_t(r->Y + y) * w + r->X);
    if (auto* g = const_cast<ImFontGlyph*>(d.font->FindGlyphNoFallback(d.stand_in))) g->Y0 += d.font->Ascent, g->Y1 += d.font->Ascent;
  }
}

}  // namespace

FontSet::~FontSet() {
  if (ImGui::GetCurrentContext() && ImGui::GetIO().UserData == &stand_ins_) ImGui::GetIO().UserData = nullptr;
}

bool FontSet::Build(const std::string& text, float scale, const std::vector<FontFace>& faces, std::string& error) {
  return Adopt(Prepare(text, scale, faces), faces, error);
}

PreparedFonts FontSet::Prepare(const std::string& text, float scale, const std::vector<FontFace>& faces) {
  PreparedFonts out;
  fonts::KioskFonts files = fonts::FindKioskFonts();
  if (files.regular.empty()) {
    out.error_ = "font Noto Sans not found (install fonts-noto-core)";
    return out;
  }
  fonts::FontCoverage coverage;
  if (!coverage.Open(files, out.error_)) return out;
  ImVector<ImWchar> ranges = RangesOf(text);
  std::vector<ImVector<ImWchar>> fallback_ranges = FallbackRanges(ranges, coverage, files.fallbacks.size());

  // Built into a new atlas that replaces ImGui's only once it is complete (Adopt): if the build fails (a
  // font file gone, out of memory), the fonts on screen stay as they were.
  std::unique_ptr<ImFontAtlas, PreparedFonts::DeleteAtlas> atlas(IM_NEW(ImFontAtlas)());
  db::StandIns stand_ins(text);
  std::vector<StandInGlyph> drawn;
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  FontData data;
  std::vector<ImFont*> built;
  for (const FontFace& face : faces) {
    // The main face with every character, then each fallback that supplies some, merged into it (a merged
    // face adds only the characters the font lacks so far). Bold text takes the fallback's bold face.
    const std::string& main = face.italic ? (face.bold ? files.bold_italic : files.italic) : (face.bold ? files.bold : files.regular);
    ImFont* f = AddFace(atlas.get(), data, main, 0, face.px * scale, ranges.Data, false);
    for (size_t i = 0; f && i < files.fallbacks.size(); ++i) {
      const fonts::FallbackFont& fb = files.fallbacks[i];
      const fonts::FontFile& file = face.bold ? fb.bold : fb.regular;
      if (!fallback_ranges[i].empty() && !AddFace(atlas.get(), data, file.path, file.index, face.px * scale, fallback_ranges[i].Data, true))
        f = nullptr;
    }
    if (!f) break;
    // The characters above U+FFFF, under their stand-ins, as custom glyphs (ImGui cannot load them itself).
    for (size_t i = 0; i < stand_ins.characters().size(); ++i) {
      fonts::FontCoverage::Glyph g = coverage.Render(stand_ins.characters()[i], face.px * scale);
      if (g.alpha.empty()) continue;
      ImWchar stand = ImWchar(db::StandIns::kFirst - i);
      int rect = atlas->AddCustomRectFontGlyph(f, stand, g.width, g.height, g.advance, ImVec2(float(g.left), float(-g.top)));
      drawn.push_back({rect, f, stand, std::move(g)});
    }
    built.push_back(f);
  }
  bool ok = !faces.empty() && built.size() == faces.size() && atlas->Build();
  if (ok) PaintStandIns(atlas.get(), drawn);
  FontData::Disown(atlas.get());  // before anything can free the input data; the mappings go with this function
  atlas->ClearInputData();  // the glyphs are in the texture
  if (!ok) {
    out.error_ = "cannot load the fonts from " + files.regular;
    return out;
  }
  for (ImFont* font : atlas->Fonts) MoveFallbackDown(font);
  out.atlas_ = std::move(atlas);
  out.built_ = std::move(built);
  out.ranges_.swap(ranges);
  out.stand_ins_ = std::move(stand_ins);
  return out;
}

bool FontSet::Adopt(PreparedFonts p, const std::vector<FontFace>& faces, std::string& error) {
  if (!p.ok() || p.built_.size() != faces.size()) {
    error = p.ok() ? "the fonts were prepared for other faces" : p.error_;
    return false;
  }
  // ImGui's context owns io.Fonts and deletes whichever atlas it points to at the end.
  ImGuiIO& io = ImGui::GetIO();
  IM_DELETE(io.Fonts);
  io.Fonts = p.atlas_.release();
  ranges_.swap(p.ranges_);
  stand_ins_ = std::move(p.stand_ins_);
  io.UserData = &stand_ins_;
  for (size_t i = 0; i < faces.size(); ++i) *faces[i].out = p.built_[i];
  FindMissing(faces);
  atlas_w_ = io.Fonts->TexWidth;
  atlas_h_ = io.Fonts->TexHeight;
  return true;
}

// What the fonts could not give a glyph for (both weights: regular and bold text draw the same strings).
void FontSet::FindMissing(const std::vector<FontFace>& faces) {
  const ImFont* regular = nullptr;  // the first face of each weight
  const ImFont* bold = nullptr;
  for (const FontFace& face : faces) {
    const ImFont*& first = face.bold ? bold : regular;
    if (!first) first = *face.out;
  }
  missing_.clear();
  for (int i = 0; i + 1 < ranges_.Size && ranges_[i]; i += 2)
    for (unsigned c = ranges_[i]; c <= ranges_[i + 1]; ++c)
      if (c >= 0x20 && !(c >= 0x7F && c < 0xA0) && c != 0xFFFD &&  // U+FFFD's glyph is the fallback, moved
          ((regular && !regular->FindGlyphNoFallback(ImWchar(c))) || (bold && !bold->FindGlyphNoFallback(ImWchar(c)))))
        missing_.push_back(ImWchar(c));
}

int FallbackGlyphsDrawn(const ImDrawData* data) {
  if (!data) return 0;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  int count = 0;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* dl = data->CmdLists[l];
    // A glyph is a quad of 4 vertices whose first has (U0, V0) and third (U1, V1) of the glyph.
    for (int v = 0; v + 2 < dl->VtxBuffer.Size; ++v)
      for (const ImFont* font : atlas->Fonts) {
        const ImFontGlyph* g = font->FallbackGlyph;
        if (!g || g->Codepoint != kFallbackSlot) continue;
        const ImDrawVert& a = dl->VtxBuffer[v];
        const ImDrawVert& c = dl->VtxBuffer[v + 2];
        if (a.uv.x == g->U0 && a.uv.y == g->V0 && c.uv.x == g->U1 && c.uv.y == g->V1) {
          ++count;
          break;
        }
      }
  }
  return count;
}

}  // namespace platform
