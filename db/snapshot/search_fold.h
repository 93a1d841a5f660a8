// The one folding applied to both the search index and the visitor's typing, so that what a visitor types in
// any of the kiosk's languages, on any keyboard, finds what the data holds. Explicit tables, never a
// locale-dependent tolower:
//   - case: Latin, Turkish (I, İ, ı, i all fold to i: IŞIK = ışık = Işık), Cyrillic with the Kazakh, Kyrgyz
//     and Uzbek letters;
//   - diacritics: ş = s, ğ = g, ü = u, ö = o, ç = c, ə = e, ñ = n ... and combining marks are dropped;
//   - apostrophes inside words are dropped, so Uzbek oʻ = o' = o‘ = o’ (and Astana'da = Astanada);
//   - Cyrillic is spelled in Latin letters (Астана = astana, Хаб = hab), so Latin typing finds Cyrillic
//     names and back; sh/ch/zh and ш/ч/ж fold to s/c/z, so Toshkent = Ташкент;
//   - every other character that is not a letter or digit (punctuation, symbols, emoji, controls,
//     direction marks) separates words.
// The result is lower-case words separated by single spaces: only [a-z0-9], letters of other scripts
// (Arabic, CJK ...) as they are, and ' '.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace db {

std::string FoldForSearch(std::string_view text);
// FoldForSearch split into words.
std::vector<std::string> SearchWords(std::string_view text);

}  // namespace db
