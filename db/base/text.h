// Small text helpers shared by the importers, the writer and the checks: UTF-8, ids, dates, times, colours.
// All parsing is locale-independent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace db {

bool IsValidUtf8(std::string_view s);
// Reads the code point at byte `i` and moves `i` past it; false at the end. Invalid bytes read as U+FFFD
// (one byte at a time), so a walk over any input always ends.
bool NextCodepoint(std::string_view s, size_t& i, char32_t& cp);
// The one step backwards: where the code point that ends at byte `i` starts (`i` a boundary, at most s.size();
// 0 when i is 0). Steps back over continuation bytes (10xxxxxx) to the byte before them, so it never splits a
// valid sequence and always moves. Erasing the last character: s.resize(PrevCodepoint(s, s.size())); cutting
// to at most n bytes without splitting a character: s.substr(0, PrevCodepoint(s, n + 1)).
size_t PrevCodepoint(std::string_view s, size_t i);
void AppendUtf8(std::string& out, char32_t cp);
// `bytes` as text safe to show and to put in JSON: valid UTF-8 stays as it is; each byte of an invalid
// sequence, each control character (C0, DEL; tab and line break too unless `keep_lines`) and the backslash
// become \xNN, so the result reads back unambiguously. For names from outside the program (file names in an
// inbox are bytes, not text) and texts that failed a check (`inspect --json`).
std::string Printable(std::string_view bytes, bool keep_lines = false);
// `s` without the space a person does not see at its ends: ASCII blanks and line breaks, and Unicode's
// White_Space (U+00A0, U+3000...) and zero-width spaces. Invalid UTF-8 at an end is kept, not cut.
std::string Trim(std::string_view s);

// Characters above U+FFFF (emoji such as U+1F64A, mathematical letters) for a Dear ImGui whose characters are
// 16 bits (Debian's 1.86): each one a text holds gets a stand-in in the Private Use Area, U+F8FF, U+F8FE and
// down, in code point order. The font atlas draws the character's glyph under its stand-in
// (platform/fonts.cpp) and what is drawn uses the stand-in in its place (app/widgets). At most kMax; the rest
// are left as they are (ImGui draws them as U+FFFD).
class StandIns {
 public:
  static constexpr size_t kMax = 1024;
  static constexpr char32_t kFirst = 0xF8FF;
  StandIns() = default;
  explicit StandIns(std::string_view text);  // every character above U+FFFF in `text`
  const std::vector<char32_t>& characters() const { return cps_; }  // the i-th stands as kFirst - i
  char32_t For(char32_t cp) const;           // its stand-in, or 0
  std::string Apply(std::string_view text) const;  // `text` with every character that has one by its stand-in

 private:
  std::vector<char32_t> cps_;  // sorted, unique
};
// Windows (CR LF) and old Mac (CR) line ends as LF, the one line break the text rule (db/model/text_rules.h)
// allows; every importer applies it to what it reads.
void NormalizeLineBreaks(std::string& s);

// Ids chosen by staff: [A-Za-z0-9._-], 1..64 bytes.
bool IsValidId(std::string_view s);
// An id made from a display name ("Saal 1" -> "saal-1"); never empty ("x" + hex when nothing is left).
std::string Slug(std::string_view name);

// "YYYY-MM-DD", a real calendar date.
bool IsDate(std::string_view s);
// "YYYY-MM-DD" or "YYYY-MM" (a month when the day is not known).
bool IsDateOrMonth(std::string_view s);
// Days since 1970-01-01 of a valid "YYYY-MM-DD".
std::optional<int64_t> DaysFromDate(std::string_view s);

// "+06:00", "-03:30", "+0600", "Z" -> minutes east of UTC.
std::optional<int> ParseUtcOffset(std::string_view s);

struct Instant {
  int64_t utc = 0;         // Unix seconds
  int offset_min = 0;      // the offset it was written with
};
// "2022-09-28T10:00:00+06:00", "2022-09-28T10:00+06:00", "...Z". An offset is required: a time without one
// is ambiguous, and a kiosk showing a session an hour off is worse than a build error.
std::optional<Instant> ParseInstant(std::string_view s);
// The inverse: "2022-09-28T10:00:00+06:00".
std::string FormatInstant(int64_t utc, int offset_min);

// Schedule durations: "00:30", "1:30", "01:30:00" (seconds ignored) -> minutes.
std::optional<int> ParseDurationMinutes(std::string_view s);

// "#RRGGBB" -> 0xRRGGBB.
std::optional<uint32_t> ParseColor(std::string_view s);

// "1"/"0"/"" (and true/false, yes/no) as spreadsheet users write them; nullopt when it is none of these.
std::optional<bool> ParseFlag(std::string_view s);

std::string HexLower(const unsigned char* data, size_t size);
// One CSV field as RFC 4180 writes it: as it is, or in double quotes with each quote doubled when it holds a
// comma, a quote or a line break (the usage export, kiosk-snapshot new's CSV files).
std::string CsvField(std::string_view v);

// 1-based line number of byte `offset` in `data`, for messages about JSON and XML files. Counts from the
// start: for one message. A reader that numbers many rows uses LineIndex.
int LineAt(std::string_view data, size_t offset);

// The line numbers of one text, found in log n each (LineAt for every event of a schedule was quadratic:
// 20 s for one real 38C3 export under the fuzzer). Keeps the offsets of the line breaks, not the text.
class LineIndex {
 public:
  explicit LineIndex(std::string_view data);
  int At(size_t offset) const;  // 1-based line of byte `offset`

 private:
  std::vector<size_t> breaks_;  // offsets of '\n', ascending
};

// Where `needle` first occurs in `data` at or after `from`, looking at most `window` bytes ahead: the readers
// find each record's line by its id, in file order, and a record whose id is written otherwise must not make
// every later look scan to the end of the file. npos when not found in the window.
size_t FindNear(std::string_view data, std::string_view needle, size_t from, size_t window = 1 << 16);

// The whole file, or nullopt when it cannot be opened.
std::optional<std::string> ReadWholeFile(const std::string& path);

}  // namespace db
