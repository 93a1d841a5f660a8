#include "app/theme.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "app/state/app_state.h"
#include "db/base/text.h"
#include "db/model/catalog.h"

namespace app {

std::span<const TypeFace> TypeScale() {
  static constexpr TypeFace kScale[] = {
      {&Fonts::body, 28, false},
      {&Fonts::caption, 22, false},
      {&Fonts::strong, 28, true},
      {&Fonts::title, 40, true},
      {&Fonts::display, 60, true},
      {&Fonts::italic, 28, false, true},  // emphasis in descriptions (app/widgets/rich_text.h)
      {&Fonts::bold_italic, 28, true, true},
  };
  return kScale;
}

ImU32 Rgb(uint32_t rgb, int alpha) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

ImU32 TextOn(uint32_t rgb) {
  float r = ((rgb >> 16) & 0xFF) / 255.f, g = ((rgb >> 8) & 0xFF) / 255.f, b = (rgb & 0xFF) / 255.f;
  float luma = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  return luma > 0.55f ? colors::kOnColorDark : colors::kOnColorLight;
}

void ApplyTheme(float scale) {
  ImGuiStyle& st = ImGui::GetStyle();
  st = ImGuiStyle();
  ImGui::StyleColorsLight(&st);
  st.WindowPadding = ImVec2(0, 0);
  st.WindowBorderSize = 0;
  st.ChildBorderSize = 0;
  st.FrameBorderSize = 0;
  st.PopupBorderSize = 0;
  st.WindowRounding = 0;
  st.ItemSpacing = ImVec2(16, 16);
  st.ScrollbarSize = 10;  // a thin position hint; lists scroll by dragging the content
  st.ScrollbarRounding = 5;
  st.ScaleAllSizes(scale);
  ImVec4* c = st.Colors;
  c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kPaper);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kInk);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(colors::kLine);
  c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
  c[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(colors::kMuted);
}

namespace {

double Linear(double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double Luminance(ImU32 c) {
  double r = ((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0, g = ((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0,
         b = ((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0;
  return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
}

ImU32 WithAlpha(ImU32 rgb, ImU32 from) { return (rgb & ~IM_COL32_A_MASK) | (from & IM_COL32_A_MASK); }

}  // namespace

double ContrastRatio(ImU32 a, ImU32 b) {
  double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double ColorDistance(ImU32 a, ImU32 b) {
  auto lab = [](ImU32 c, double out[3]) {
    double r = Linear(((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0), g = Linear(((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0),
           b = Linear(((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0);
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, y = 0.2126 * r + 0.7152 * g + 0.0722 * b,
           z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
    out[0] = 116 * f(y) - 16;
    out[1] = 500 * (f(x) - f(y));
    out[2] = 200 * (f(y) - f(z));
  };
  double p[3], q[3];
  lab(a, p);
  lab(b, q);
  return std::sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

namespace {

constexpr ImU32 kRgbMask = ~IM_COL32_A_MASK;

const colors::Named* FindNamed(ImU32 c) {
  for (const colors::Named* n : colors::kAll)
    if ((n->normal & kRgbMask) == (c & kRgbMask)) return n;
  return nullptr;
}

// Gives each distinct catalog colour of `rgbs` the free palette entry nearest to it.
void Assign(const std::vector<uint32_t>& rgbs, ContrastMap& map) {
  std::vector<bool> used(std::size(colors::kCatalogContrast), false);
  size_t taken = 0;
  for (uint32_t rgb : rgbs) {
    ImU32 c = Rgb(rgb);
    if (FindNamed(c)) continue;  // drawn as that name
    bool known = false;
    for (const auto& p : map.catalog) known |= p.first == c;
    if (known) continue;
    if (taken == used.size()) {  // more colours than entries: repeat
      used.assign(used.size(), false);
      taken = 0;
    }
    size_t best = 0;
    double best_d = 1e9;
    for (size_t i = 0; i < used.size(); ++i)
      if (double d = ColorDistance(c, colors::kCatalogContrast[i]); !used[i] && d < best_d) {
        best = i;
        best_d = d;
      }
    used[best] = true;
    ++taken;
    map.catalog.push_back({c, colors::kCatalogContrast[best]});
  }
}

}  // namespace

ContrastMap CatalogContrast(const db::Catalog* catalog) {
  ContrastMap map;
  if (!catalog) return map;
  std::vector<uint32_t> countries, tracks;
  for (const auto& c : catalog->countries) countries.push_back(c.color);
  for (const auto& t : catalog->tracks)
    if (auto rgb = db::ParseColor(t.color)) tracks.push_back(*rgb);
  Assign(countries, map);
  size_t from_countries = map.catalog.size();
  ContrastMap track_map;
  Assign(tracks, track_map);  // tracks are told apart among themselves, with the whole palette
  for (const auto& p : track_map.catalog) {
    bool known = false;
    for (size_t i = 0; i < from_countries; ++i) known |= map.catalog[i].first == p.first;
    if (!known) map.catalog.push_back(p);
  }
  return map;
}

ImU32 HighContrast(ImU32 c, const ContrastMap& map, std::vector<ImU32>* unnamed) {
  if (const colors::Named* n = FindNamed(c)) return WithAlpha(n->contrast, c);
  for (const auto& p : map.catalog)
    if (p.first == (c | IM_COL32_A_MASK)) return WithAlpha(p.second, c);
  // Not named (a colour a screen made up): black or white, opposite to its luminance. Invisible vertices
  // (the outer edge of anti-aliased shapes) do not count.
  if (unnamed && (c & IM_COL32_A_MASK) && std::find(unnamed->begin(), unnamed->end(), c | IM_COL32_A_MASK) == unnamed->end())
    unnamed->push_back(c | IM_COL32_A_MASK);
  return WithAlpha(Luminance(c) > 0.18 ? IM_COL32(0x00, 0x00, 0x00, 0xFF) : IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), c);
}

void ApplyHighContrast(ImDrawData* data, const db::Catalog* catalog, std::vector<ImU32>* unnamed) {
  if (!data) return;
  ContrastMap map = CatalogContrast(catalog);  // a few dozen entries: cheaper to redo than to keep
  ImTextureID fonts = ImGui::GetIO().Fonts->TexID;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    ImDrawList* dl = data->CmdLists[l];
    std::vector<bool> done(dl->VtxBuffer.Size, false);  // a vertex may be indexed more than once
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != fonts) continue;  // pictures keep their colours
      for (unsigned i = 0; i < cmd.ElemCount; ++i) {
        unsigned v = cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i];
        if (v >= done.size() || done[v]) continue;
        done[v] = true;
        dl->VtxBuffer[v].col = HighContrast(dl->VtxBuffer[v].col, map, unnamed);
      }
    }
  }
}

}  // namespace app
