#include "db/sources/text_decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>

#include <cctype>
#include <memory>
#include <set>
#include <vector>

#include "db/base/text.h"

namespace db {

namespace {

struct CloseDetector {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
struct CloseConverter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct CloseSet {
  void operator()(USet* s) const { uset_close(s); }
};
struct CloseLocaleData {
  void operator()(ULocaleData* d) const { ulocdata_close(d); }
};

// `bytes` in `charset` (an ICU converter name) as UTF-8; an Error naming the first byte that is not a character
// of that charset. ICU's converters stop there instead of substituting, so nothing is changed silently.
Result<std::string> Convert(std::string_view bytes, const char* charset, const std::string& shown) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UConverter, CloseConverter> conv(ucnv_open(charset, &st));
  if (U_FAILURE(st)) return Error{std::string("no converter for ") + shown + ": " + u_errorName(st)};
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  std::vector<UChar> wide(bytes.size() * 2 + 16);  // every charset here yields at most 2 UTF-16 units a byte
  int32_t n = ucnv_toUChars(conv.get(), wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &st);
  if (U_FAILURE(st)) {
    return Error{"the file is not valid " + shown + " (" + u_errorName(st) +
                 "): save it again as \"CSV UTF-8\" (Excel) or \"Text CSV\" with the character set Unicode (UTF-8) "
                 "(LibreOffice)"};
  }
  std::string out(static_cast<size_t>(n) * 3 + 4, '\0');
  int32_t len = 0;
  st = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &len, wide.data(), n, &st);
  if (U_FAILURE(st)) return Error{std::string("cannot convert the file to UTF-8: ") + u_errorName(st)};
  out.resize(static_cast<size_t>(len));
  return out;
}

// How much of `bytes` reads as UTF-8: valid multi-byte sequences and broken ones.
struct Utf8Counts {
  size_t multibyte = 0, broken = 0;
};
Utf8Counts CountUtf8(std::string_view bytes) {
  Utf8Counts n;
  size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp;
    NextCodepoint(bytes, i, cp);
    // NextCodepoint reads an invalid byte as U+FFFD, one byte at a time; a real U+FFFD is 3 bytes.
    if (cp == 0xFFFD && i - start == 1) ++n.broken;
    else ++n.multibyte;
  }
  return n;
}

// UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte. The side the NULs are on says the
// byte order. Empty when the bytes do not look like that.
std::string Utf16WithoutBom(std::string_view bytes) {
  size_t even = 0, odd = 0, pairs = bytes.size() / 2;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    even += bytes[i] == '\0';
    odd += bytes[i + 1] == '\0';
  }
  if (pairs < 2) return "";
  if (odd * 10 >= pairs * 6 && even * 10 < pairs) return "UTF-16LE";
  if (even * 10 >= pairs * 6 && odd * 10 < pairs) return "UTF-16BE";
  return "";
}

// The name staff's programs show for an ICU charset name; ISO-8859-1 and -9 as Windows-1252 and -1254, their
// supersets (Excel writes the Windows code pages; ICU reports the ISO name when no byte in 0x80-0x9F occurs).
std::string WindowsName(const std::string& icu) {
  if (icu == "ISO-8859-1") return "Windows-1252";
  if (icu == "ISO-8859-9") return "Windows-1254";
  if (icu.rfind("windows-", 0) == 0) return "Windows-" + icu.substr(8);
  return icu;
}

// The languages the header's columns name (name_kk, description_tr: kk, tr), read from the raw first line: column
// names are ASCII in every code page.
std::set<std::string> LanguagesInHeader(std::string_view bytes) {
  std::set<std::string> langs;
  std::string_view line = bytes.substr(0, bytes.find('\n'));
  size_t i = 0;
  while (i < line.size()) {
    size_t end = line.find_first_of(",;\t", i);
    if (end == std::string_view::npos) end = line.size();
    std::string name;
    for (char ch : line.substr(i, end - i))
      if (ch != '"' && ch != ' ' && ch != '\r') name += ch;
    size_t us = name.rfind('_');
    if (us != std::string::npos && name.size() - us - 1 >= 2 && name.size() - us - 1 <= 3) {
      std::string code = name.substr(us + 1);
      bool lower = true;
      for (char ch : code) lower = lower && std::islower(static_cast<unsigned char>(ch));
      if (lower) langs.insert(code);
    }
    i = end + 1;
  }
  return langs;
}

// The letters of those languages (ICU's exemplar characters, both cases), the yardstick for code pages below.
std::unique_ptr<USet, CloseSet> LettersOf(const std::set<std::string>& langs) {
  std::unique_ptr<USet, CloseSet> all(uset_openEmpty());
  for (const auto& lang : langs) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<ULocaleData, CloseLocaleData> data(ulocdata_open(lang.c_str(), &st));
    if (U_FAILURE(st)) continue;
    // The standard letters and the auxiliary ones (English: café, naïve; names from neighbouring languages).
    for (ULocaleDataExemplarSetType type : {ULOCDATA_ES_STANDARD, ULOCDATA_ES_AUXILIARY}) {
      st = U_ZERO_ERROR;
      USet* set = ulocdata_getExemplarSet(data.get(), nullptr, USET_CASE_INSENSITIVE, type, &st);
      if (U_SUCCESS(st) && set) uset_addAll(all.get(), set);
      if (set) uset_close(set);
    }
  }
  return all;
}

// How well a decoding reads as text in the header's languages: +1 for each non-ASCII letter those languages
// use, -1 for each other non-ASCII letter (Cyrillic read as Windows-1252 is "ñòàðòàï": letters no forum
// language has).
long Fit(const std::string& utf8, const USet* letters) {
  long score = 0;
  size_t i = 0;
  char32_t cp;
  while (NextCodepoint(utf8, i, cp)) {
    if (cp < 0x80 || !u_isalpha(static_cast<UChar32>(cp))) continue;
    score += uset_contains(letters, static_cast<UChar32>(cp)) ? 1 : -1;
  }
  return score;
}

// ICU's candidates that are not a Unicode form (these bytes are not valid UTF-8 or UTF-16), likeliest first, with
// ICU's confidence (0-100).
struct Candidate {
  std::string name;
  int confidence = 0;
};
std::vector<Candidate> IcuCandidates(std::string_view bytes) {
  std::vector<Candidate> out;
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, CloseDetector> det(ucsdet_open(&st));
  if (U_FAILURE(st)) return out;
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &st);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &n, &st);
  if (U_FAILURE(st)) return out;
  for (int32_t i = 0; i < n; ++i) {
    std::string name = ucsdet_getName(matches[i], &st);
    if (U_FAILURE(st)) break;
    int confidence = ucsdet_getConfidence(matches[i], &st);
    if (name.rfind("UTF-", 0) != 0) out.push_back({name, confidence});
  }
  return out;
}

// The legacy code page of `bytes`. ICU's detection alone guesses from letter statistics of one language and
// takes a forum file that mixes Russian, Kazakh and Turkish for Windows-1252; so when the header names
// languages, every Windows code page (what Excel writes) and ICU's candidates are tried and the one whose
// letters those languages use wins (ICU's order breaks ties); when no page gives more of the languages' letters
// than other letters, nothing fits (empty). Without languages in the header, ICU's own first guess stands if it
// is confident (50 of 100).
std::string DetectCodePage(std::string_view bytes) {
  std::vector<Candidate> icu = IcuCandidates(bytes);
  std::set<std::string> langs = LanguagesInHeader(bytes);
  if (langs.empty()) return !icu.empty() && icu.front().confidence >= 50 ? icu.front().name : "";
  std::vector<std::string> candidates;
  for (const auto& c : icu) candidates.push_back(c.name);
  for (int page = 1250; page <= 1258; ++page) candidates.push_back("windows-" + std::to_string(page));
  auto letters = LettersOf(langs);
  std::string best;
  long best_fit = 0;
  for (const auto& c : candidates) {
    auto text = Convert(bytes, c.c_str(), c);
    if (!text) continue;
    long fit = Fit(text.value(), letters.get());
    if (fit > best_fit) best = c, best_fit = fit;
  }
  return best;
}

}  // namespace

Result<DecodedText> DecodeSpreadsheetText(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (starts("PK\x03\x04"))
    return Error{"this is a workbook (.xlsx or .ods) or another zip file, not text: put the workbook itself in the "
                 "folder (docs/SOURCES.md), or save each sheet as \"CSV UTF-8\""};
  if (starts("\xD0\xCF\x11\xE0"))
    return Error{"this is an old Excel workbook (.xls), not text: save it as .xlsx or as \"CSV UTF-8\""};
  if (starts("\xEF\xBB\xBF")) return DecodedText{std::string(bytes.substr(3)), "UTF-8", false};
  for (auto [bom, name] : {std::pair{std::string_view("\xFF\xFE", 2), "UTF-16LE"}, {std::string_view("\xFE\xFF", 2), "UTF-16BE"}})
    if (starts(bom)) {
      auto text = Convert(bytes.substr(2), name, name);
      if (!text) return text.error();
      return DecodedText{std::move(text.value()), name, false};
    }
  // Before UTF-8: NUL is valid UTF-8, and text files hold none.
  if (std::string utf16 = Utf16WithoutBom(bytes); !utf16.empty()) {
    auto text = Convert(bytes, utf16.c_str(), utf16);
    if (!text) return text.error();
    return DecodedText{std::move(text.value()), utf16, false};
  }
  if (IsValidUtf8(bytes)) return DecodedText{std::string(bytes), "UTF-8", false};
  // Mostly UTF-8 with a few broken sequences: a file edited in two programs; the reader reports where.
  Utf8Counts counts = CountUtf8(bytes);
  if (counts.multibyte >= 4 * counts.broken) return DecodedText{std::string(bytes), "UTF-8", false};
  std::string page = DetectCodePage(bytes);
  if (page.empty())
    return Error{"the file is not UTF-8 and its character set could not be recognised: save it again as "
                 "\"CSV UTF-8\" (Excel) or \"Text CSV\" with the character set Unicode (UTF-8) (LibreOffice)"};
  std::string shown = WindowsName(page);
  // Decoded with the Windows code page staff's program wrote, which is what the ISO name stands in for.
  std::string icu = shown.rfind("Windows-", 0) == 0 ? "windows-" + shown.substr(8) : page;
  auto text = Convert(bytes, icu.c_str(), shown);
  if (!text) return text.error();
  return DecodedText{std::move(text.value()), shown, true};
}

}  // namespace db
