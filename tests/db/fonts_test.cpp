// fonts::FontCoverage over the kiosk's fonts as installed (fonts-noto-core, fonts-noto-cjk, fonts-symbola: .ci/deps):
// what `kiosk-snapshot validate` warns about and what the kiosk merges from each fallback.
#include <doctest/doctest.h>

#include <algorithm>

#include <string>

#include "fonts/font_files.h"

TEST_CASE("fonts: coverage is the main face or a fallback, private use and unassigned are not covered, an emoji above U+FFFF renders") {
  fonts::KioskFonts files = fonts::FindKioskFonts();
  REQUIRE_MESSAGE(!files.regular.empty(), "Noto Sans is not installed (fonts-noto-core)");
  fonts::FontCoverage coverage;
  std::string error;
  REQUIRE_MESSAGE(coverage.Open(files, error), error);
  CHECK(coverage.InMain(U'a'));
  CHECK(coverage.InMain(U'ə'));
  CHECK(coverage.Has(U'қ'));
  // Noto Sans lacks these; a fallback supplies each.
  for (char32_t cp : {U'\uFF1A', U'\u4E2D', U'\u2192', U'\u2211', U'\u2615', U'\u2728'}) {
    CAPTURE(fonts::DescribeCodepoint(cp));
    CHECK(!coverage.InMain(cp));
    CHECK(coverage.FallbackFor(cp) >= 0);
    CHECK(coverage.Has(cp));
  }
  // The full-width colon comes from Noto Sans CJK, the arrow from Symbols (listed first), the sparkles from Symbola.
  auto family = [&](char32_t cp) { int i = coverage.FallbackFor(cp); return i < 0 ? std::string() : files.fallbacks[size_t(i)].family; };
  CHECK(family(U'\uFF1A') == "Noto Sans CJK SC");
  CHECK(family(U'\u2192') == "Noto Sans Symbols");
  CHECK(family(U'\u2728') == "Symbola");
  // Nothing draws these: a private-use character and an unassigned one.
  CHECK(!coverage.Has(U'\uE000'));
  CHECK(coverage.FallbackFor(U'\uE000') == -1);
  CHECK(!coverage.Has(U'\u0378'));
  // An emoji beyond U+FFFF is drawn under a stand-in (db::StandIns) from Symbola, which FreeType renders.
  CHECK(coverage.Has(U'\U0001F600'));
  CHECK(family(U'\U0001F600') == "Symbola");
  fonts::FontCoverage::Glyph g = coverage.Render(U'\U0001F64A', 24);
  CHECK(g.width > 10);
  CHECK(g.height > 10);
  CHECK(g.advance > 10);
  CHECK(std::count_if(g.alpha.begin(), g.alpha.end(), [](unsigned char a) { return a > 128; }) > 40);  // ink
  CHECK(coverage.Render(U'\U000F0001', 24).alpha.empty());  // private use plane: no font has it
}

TEST_CASE("fonts: a bold fallback where the family has one, else the regular") {
  fonts::KioskFonts files = fonts::FindKioskFonts();
  for (const fonts::FallbackFont& f : files.fallbacks) {
    CAPTURE(f.family);
    CHECK(!f.regular.path.empty());
    CHECK(!f.bold.path.empty());
    if (f.family == "Noto Sans CJK SC") {
      CHECK(f.bold.path.find("NotoSansCJK-Bold.ttc") != std::string::npos);
      CHECK(f.regular.index == f.bold.index);  // the same face (SC) of both collections
    }
  }
}
