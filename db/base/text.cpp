// Index of this file:
// [SECTION] UTF-8: validity, code points, printable bytes
// [SECTION] Trimming, line breaks, ids
// [SECTION] Dates, instants, offsets, durations
// [SECTION] Spreadsheet values: colours, flags, hex
// [SECTION] Line numbers and whole files

#include "db/base/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <cstdio>

namespace db {

// [SECTION] UTF-8: validity, code points, printable bytes

namespace {

// The length of the valid UTF-8 sequence at `i` and its code point; 0 when the bytes there are not UTF-8.
size_t Decode(std::string_view s, size_t i, char32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[i];
  size_t n;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    n = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 3;
    cp = c & 0x07;
  } else {
    return 0;
  }
  for (size_t k = 1; k <= n; ++k) {
    if (i + k >= s.size() || (p[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n + 1;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  char32_t cp;
  for (size_t i = 0, n; i < s.size(); i += n)
    if (!(n = Decode(s, i, cp))) return false;
  return true;
}

bool NextCodepoint(std::string_view s, size_t& i, char32_t& cp) {
  if (i >= s.size()) return false;
  size_t n = Decode(s, i, cp);
  if (!n) {
    cp = 0xFFFD;
    n = 1;
  }
  i += n;
  return true;
}

size_t PrevCodepoint(std::string_view s, size_t i) {
  i = std::min(i, s.size());
  if (i == 0) return 0;
  --i;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;  // continuation bytes: 10xxxxxx
  return i;
}

std::string Printable(std::string_view bytes, bool keep_lines) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  char32_t cp;
  for (size_t i = 0, n; i < bytes.size(); i += n) {
    n = Decode(bytes, i, cp);
    bool line = keep_lines && (cp == '\n' || cp == '\t');
    if (n && ((cp >= 0x20 && cp != 0x7F && cp != '\\') || line)) {
      out.append(bytes.substr(i, n));
      continue;
    }
    auto b = static_cast<unsigned char>(bytes[i]);
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 15];
    n = 1;
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// [SECTION] Trimming, line breaks, ids

namespace {
// Space a person does not see at the ends of a text: Unicode's White_Space (ASCII space, tab and line
// breaks, U+00A0 no-break space, U+2000..U+200A, U+3000 ideographic space...) and the zero-width U+200B
// and U+FEFF that editors and exports leave behind (FOSDEM 2023 titles end in U+00A0).
bool InvisibleAtEnds(UChar32 c) { return c == 0x200B || c == 0xFEFF || (c >= 0 && u_isUWhiteSpace(c)); }
}  // namespace

std::string Trim(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), b = 0, e = n;
  while (b < e) {
    int32_t next = b;
    UChar32 c;
    U8_NEXT(p, next, e, c);
    if (!InvisibleAtEnds(c)) break;
    b = next;
  }
  while (e > b) {
    int32_t prev = e;
    UChar32 c;
    U8_PREV(p, b, prev, c);
    if (!InvisibleAtEnds(c)) break;
    e = prev;
  }
  return std::string(s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
}

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

StandIns::StandIns(std::string_view text) {
  size_t i = 0;
  char32_t cp;
  while (NextCodepoint(text, i, cp))
    if (cp > 0xFFFF) cps_.push_back(cp);
  std::sort(cps_.begin(), cps_.end());
  cps_.erase(std::unique(cps_.begin(), cps_.end()), cps_.end());
  if (cps_.size() > kMax) cps_.resize(kMax);
}

char32_t StandIns::For(char32_t cp) const {
  auto it = std::lower_bound(cps_.begin(), cps_.end(), cp);
  return it != cps_.end() && *it == cp ? kFirst - char32_t(it - cps_.begin()) : 0;
}

std::string StandIns::Apply(std::string_view text) const {
  if (cps_.empty() || text.find_first_of("\xF0\xF1\xF2\xF3\xF4") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    char32_t cp;
    if (!NextCodepoint(text, i, cp)) {  // not valid UTF-8 from here: as it is (the checks refuse such text)
      out.append(text.substr(at));
      break;
    }
    char32_t stand = cp > 0xFFFF ? For(cp) : 0;
    if (stand) AppendUtf8(out, stand);
    else out.append(text.substr(at, i - at));
  }
  return out;
}

void NormalizeLineBreaks(std::string& s) {
  if (s.find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r') out += s[i];
    else if (i + 1 >= s.size() || s[i + 1] != '\n') out += '\n';  // a lone CR; CR LF keeps its LF
  }
  s = std::move(out);
}

bool IsValidId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string Slug(std::string_view name) {
  std::string out;
  for (char ch : name) {
    char c = ch;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 48) out.resize(48);
  if (out.empty()) {
    // A name with no ASCII letters (Cyrillic only): derive a stable id from its bytes.
    uint32_t h = 2166136261u;
    for (unsigned char c : name) h = (h ^ c) * 16777619u;
    char buf[16];
    std::snprintf(buf, sizeof buf, "x%08x", h);
    out = buf;
  }
  return out;
}

// [SECTION] Dates, instants, offsets, durations

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<std::chrono::year_month_day> ParseYmd(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) || !Digits(s, 8, 2, d)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

bool IsDate(std::string_view s) { return ParseYmd(s).has_value(); }

bool IsDateOrMonth(std::string_view s) {
  if (s.size() == 7) {
    int y, m;
    return s[4] == '-' && Digits(s, 0, 4, y) && Digits(s, 5, 2, m) && m >= 1 && m <= 12;
  }
  return IsDate(s);
}

std::optional<int64_t> DaysFromDate(std::string_view s) {
  auto ymd = ParseYmd(s);
  if (!ymd) return std::nullopt;
  return std::chrono::sys_days{*ymd}.time_since_epoch().count();
}

std::optional<int> ParseUtcOffset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  if (s.size() != 6 && s.size() != 5) return std::nullopt;
  if (s[0] != '+' && s[0] != '-') return std::nullopt;
  int h, m;
  if (!Digits(s, 1, 2, h)) return std::nullopt;
  size_t mpos = s.size() == 6 ? 4 : 3;
  if (s.size() == 6 && s[3] != ':') return std::nullopt;
  if (!Digits(s, mpos, 2, m)) return std::nullopt;
  if (h > 14 || m > 59) return std::nullopt;
  int total = h * 60 + m;
  return s[0] == '-' ? -total : total;
}

std::optional<Instant> ParseInstant(std::string_view s) {
  // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM)
  if (s.size() < 17) return std::nullopt;
  auto days = DaysFromDate(s.substr(0, 10));
  if (!days || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  int hh, mm, ss = 0;
  if (!Digits(s, 11, 2, hh) || s[13] != ':' || !Digits(s, 14, 2, mm)) return std::nullopt;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  auto offset = ParseUtcOffset(s.substr(pos));
  if (!offset) return std::nullopt;
  Instant in;
  in.offset_min = *offset;
  in.utc = *days * 86400 + hh * 3600 + mm * 60 + ss - int64_t{*offset} * 60;
  return in;
}

std::string FormatInstant(int64_t utc, int offset_min) {
  int64_t local = utc + int64_t{offset_min} * 60;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t secs = local - days * 86400;
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  int off = offset_min < 0 ? -offset_min : offset_min;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                offset_min < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::optional<int> ParseDurationMinutes(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 3) return std::nullopt;
  int h = 0, m = 0;
  if (!Digits(s, 0, colon, h) || !Digits(s, colon + 1, 2, m) || m > 59) return std::nullopt;
  size_t rest = colon + 3;
  if (rest != s.size()) {
    int sec;
    if (s[rest] != ':' || rest + 3 != s.size() || !Digits(s, rest + 1, 2, sec)) return std::nullopt;
  }
  return h * 60 + m;
}

// [SECTION] Spreadsheet values: colours, flags, hex

std::optional<uint32_t> ParseColor(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  uint32_t v = 0;
  for (size_t i = 1; i < 7; ++i) {
    char c = s[i];
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
          : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<uint32_t>(d);
  }
  return v;
}

std::optional<bool> ParseFlag(std::string_view s) {
  if (s.empty() || s == "0" || s == "false" || s == "FALSE" || s == "no" || s == "No") return false;
  if (s == "1" || s == "true" || s == "TRUE" || s == "yes" || s == "Yes") return true;
  return std::nullopt;
}

std::string HexLower(const unsigned char* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

// [SECTION] Line numbers and whole files

int LineAt(std::string_view data, size_t offset) {
  offset = std::min(offset, data.size());
  return 1 + static_cast<int>(std::count(data.begin(), data.begin() + static_cast<long>(offset), '\n'));
}

LineIndex::LineIndex(std::string_view data) {
  for (size_t i = data.find('\n'); i != std::string_view::npos; i = data.find('\n', i + 1)) breaks_.push_back(i);
}

int LineIndex::At(size_t offset) const {
  return 1 + static_cast<int>(std::lower_bound(breaks_.begin(), breaks_.end(), offset) - breaks_.begin());
}

size_t FindNear(std::string_view data, std::string_view needle, size_t from, size_t window) {
  if (from >= data.size()) return std::string_view::npos;
  size_t at = data.substr(from, window + needle.size()).find(needle);
  return at == std::string_view::npos ? at : from + at;
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace db
