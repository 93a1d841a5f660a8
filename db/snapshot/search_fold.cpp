#include "db/snapshot/search_fold.h"

#include "db/base/text.h"

namespace db {

namespace {

// Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F), each folded to its base letters ("" = drop).
const char* const kLatin[] = {
    // C0: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // D0: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    // E0: à á â ã ä å æ ç è é ê ë ì í î ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // F0: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",
    // 100: Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // 110: Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // 120: Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // 130: İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // 140: ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    // 150: Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // 160: Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // 170: Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

// Basic Cyrillic lower case а..я (U+0430..U+044F) in Latin letters.
const char* const kCyrillic[] = {
    "a", "b", "v", "g", "d", "e", "z", "z", "i", "y", "k", "l", "m", "n", "o", "p",   // а..п (ж -> z)
    "r", "s", "t", "u", "f", "h", "c", "c", "s", "s", "", "y", "", "e", "yu", "ya",  // р..я
};

// Letters outside the tables above, both cases: Cyrillic ё і ў and the Kazakh, Kyrgyz, Uzbek letters,
// and Latin letters beyond Latin Extended-A used by the Turkic alphabets.
struct Extra {
  char32_t cp;
  const char* to;
};
const Extra kExtra[] = {
    {0x0401, "e"}, {0x0451, "e"},  // Ё ё
    {0x0406, "i"}, {0x0456, "i"},  // І і (Kazakh)
    {0x040E, "o"}, {0x045E, "o"},  // Ў ў (Uzbek)
    {0x0492, "g"}, {0x0493, "g"},  // Ғ ғ
    {0x049A, "k"}, {0x049B, "k"},  // Қ қ
    {0x04A2, "n"}, {0x04A3, "n"},  // Ң ң
    {0x04AE, "u"}, {0x04AF, "u"},  // Ү ү
    {0x04B0, "u"}, {0x04B1, "u"},  // Ұ ұ
    {0x04B2, "h"}, {0x04B3, "h"},  // Ҳ ҳ (Uzbek)
    {0x04BA, "h"}, {0x04BB, "h"},  // Һ һ
    {0x04D8, "e"}, {0x04D9, "e"},  // Ә ә (= Azerbaijani ə)
    {0x04E8, "o"}, {0x04E9, "o"},  // Ө ө
    {0x018F, "e"}, {0x0259, "e"},  // Ə ə
    {0x01A0, "o"}, {0x01A1, "o"}, {0x01AF, "u"}, {0x01B0, "u"},
    {0x01CD, "a"}, {0x01CE, "a"}, {0x01CF, "i"}, {0x01D0, "i"}, {0x01D1, "o"}, {0x01D2, "o"},
    {0x01D3, "u"}, {0x01D4, "u"}, {0x01E6, "g"}, {0x01E7, "g"}, {0x0218, "s"}, {0x0219, "s"},
    {0x021A, "t"}, {0x021B, "t"},
};

// Inside a word and dropped: apostrophes, the Uzbek ʻ and ʼ, combining marks.
bool Dropped(char32_t c) {
  return c == '\'' || c == '`' || c == 0x00B4 || c == 0x02BB || c == 0x02BC || c == 0x02BD || c == 0x2018 ||
         c == 0x2019 || c == 0x201B || c == 0x2032 || (c >= 0x0300 && c <= 0x036F);
}

// Letters of other scripts, kept as they are (no case folding is attempted for them).
bool OtherLetter(char32_t c) {
  return (c >= 0x0370 && c <= 0x03FF) ||   // Greek
         (c >= 0x0500 && c <= 0x052F) ||   // Cyrillic Supplement
         (c >= 0x0531 && c <= 0x0587) ||   // Armenian
         (c >= 0x05D0 && c <= 0x05EA) ||   // Hebrew letters
         (c >= 0x0620 && c <= 0x064A) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x0671 && c <= 0x06D3) ||  // Arabic
         (c >= 0x10A0 && c <= 0x10FF) ||   // Georgian
         (c >= 0x3040 && c <= 0x30FF) ||   // Hiragana, Katakana
         (c >= 0x3400 && c <= 0x9FFF) ||   // CJK
         (c >= 0xAC00 && c <= 0xD7A3);     // Hangul
}

// The folded spelling of one character; nullptr when it separates words.
const char* FoldChar(char32_t c, char (&one)[5]) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      one[0] = char(c);
      one[1] = 0;
      return one;
    }
    return Dropped(c) ? "" : nullptr;
  }
  if (c >= 0xC0 && c <= 0x17F) return kLatin[c - 0xC0];
  if (c >= 0x0410 && c <= 0x042F) return kCyrillic[c - 0x0410];  // А..Я
  if (c >= 0x0430 && c <= 0x044F) return kCyrillic[c - 0x0430];  // а..я
  for (const auto& e : kExtra)
    if (e.cp == c) return e.to;
  if (Dropped(c)) return "";
  if (OtherLetter(c)) {
    std::string s;
    AppendUtf8(s, c);
    for (size_t i = 0; i < s.size(); ++i) one[i] = s[i];
    one[s.size()] = 0;
    return one;
  }
  return nullptr;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  char32_t c;
  char one[5];
  bool gap = false;
  while (NextCodepoint(text, i, c)) {
    const char* f = FoldChar(c, one);
    if (!f) {
      gap = !out.empty();
      continue;
    }
    if (!*f) continue;
    if (gap) {
      out += ' ';
      gap = false;
    }
    // sh, ch, zh -> s, c, z: the Latin digraphs meet the folded ш, ч, ж (and ş, ç).
    if ((f[0] == 'h' && !f[1]) && !out.empty() && (out.back() == 's' || out.back() == 'c' || out.back() == 'z')) continue;
    out += f;
  }
  return out;
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::string folded = FoldForSearch(text);
  for (size_t b = 0; b < folded.size();) {
    size_t e = folded.find(' ', b);
    if (e == std::string::npos) e = folded.size();
    words.push_back(folded.substr(b, e - b));
    b = e + 1;
  }
  return words;
}

}  // namespace db
