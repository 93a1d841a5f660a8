#include <doctest/doctest.h>

#include "db/base/text.h"

#include <sys/stat.h>

#include <optional>
#include <string>
#include <thread>

#include "support.h"

using namespace db;

TEST_CASE("UTF-8 validation accepts the letters of the seven languages and rejects broken bytes") {
  CHECK(IsValidUtf8("Қазақша Русский Türkçe Azərbaycanca Oʻzbekcha Кыргызча ğ ş ı İ ә ғ қ ң ө ұ ү һ і"));
  CHECK(IsValidUtf8("emoji \xF0\x9F\x98\x80"));
  CHECK_FALSE(IsValidUtf8("\xC3\x28"));          // bad continuation
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(IsValidUtf8("abc\xE2\x82"));       // cut off
}

TEST_CASE("instants need an offset and convert to UTC") {
  auto a = ParseInstant("2022-09-28T10:00:00+06:00");
  REQUIRE(a);
  CHECK(a->utc == 1664337600);  // 04:00 UTC
  CHECK(a->offset_min == 360);
  CHECK(FormatInstant(a->utc, a->offset_min) == "2022-09-28T10:00:00+06:00");
  auto z = ParseInstant("2014-12-27T11:00Z");
  REQUIRE(z);
  CHECK(FormatInstant(z->utc, -90) == "2014-12-27T09:30:00-01:30");
  CHECK_FALSE(ParseInstant("2022-09-28T10:00:00"));        // no offset
  CHECK_FALSE(ParseInstant("2022-02-30T10:00:00+06:00"));  // no such day
  CHECK_FALSE(ParseInstant("2022-09-28T25:00:00+06:00"));
}

TEST_CASE("dates, months, durations, colours, flags, ids") {
  CHECK(IsDate("2024-02-29"));
  CHECK_FALSE(IsDate("2023-02-29"));
  CHECK(IsDateOrMonth("2023-05"));
  CHECK_FALSE(IsDateOrMonth("2023-13"));
  CHECK(ParseDurationMinutes("01:30") == 90);
  CHECK(ParseDurationMinutes("0:45") == 45);
  CHECK(ParseDurationMinutes("02:15:00") == 135);
  CHECK_FALSE(ParseDurationMinutes("90"));
  CHECK(ParseColor("#3A7BD5") == 0x3A7BD5u);
  CHECK_FALSE(ParseColor("3A7BD5"));
  CHECK(ParseFlag("") == false);
  CHECK(ParseFlag("1") == true);
  CHECK_FALSE(ParseFlag("maybe"));
  CHECK(IsValidId("astana-hub"));
  CHECK_FALSE(IsValidId("astana hub"));
  CHECK(Slug("Saal 1") == "saal-1");
  CHECK(Slug("Главная сцена").size() > 1);  // never empty
}

TEST_CASE("LineIndex numbers lines as LineAt does, FindNear looks only a window ahead") {
  const std::string data = "a\nbb\n\nccc\nd";
  db::LineIndex lines(data);
  for (size_t i = 0; i <= data.size() + 3; ++i) CHECK_MESSAGE(lines.At(i) == db::LineAt(data, i), "offset " << i);
  CHECK(db::LineIndex("").At(0) == 1);
  std::string far = "\"x\"" + std::string(100, ' ') + "\"id\"";
  CHECK(db::FindNear(far, "\"id\"", 0, 200) == 103);
  CHECK(db::FindNear(far, "\"id\"", 0, 50) == std::string::npos);
  CHECK(db::FindNear(far, "\"x\"", 1) == std::string::npos);
  CHECK(db::FindNear(far, "\"x\"", 1000) == std::string::npos);
}

TEST_CASE("PrevCodepoint steps back one whole character, never splitting a sequence") {
  const std::string s = "a\xC9\x99\xD2\x9B\xE2\x80\x94\xF0\x9F\x98\x80";  // a ə қ — 😀: 1, 2, 2, 3 and 4 bytes
  CHECK(db::PrevCodepoint(s, s.size()) == 8);
  CHECK(db::PrevCodepoint(s, 8) == 5);
  CHECK(db::PrevCodepoint(s, 5) == 3);
  CHECK(db::PrevCodepoint(s, 3) == 1);
  CHECK(db::PrevCodepoint(s, 1) == 0);
  CHECK(db::PrevCodepoint(s, 0) == 0);
  CHECK(db::PrevCodepoint(s, 100) == 8);  // past the end: from the end
  // Cutting to at most n bytes: the character that byte n is part of is left out whole.
  CHECK(s.substr(0, db::PrevCodepoint(s, 4 + 1)) == "a\xC9\x99");
  CHECK(s.substr(0, db::PrevCodepoint(s, 5 + 1)) == "a\xC9\x99\xD2\x9B");
  CHECK(s.substr(0, db::PrevCodepoint(s, 6 + 1)) == "a\xC9\x99\xD2\x9B");
  // Stray continuation bytes go with the character before them, so every step moves.
  const std::string broken = "ab\x80\x80";
  CHECK(db::PrevCodepoint(broken, broken.size()) == 1);
  CHECK(db::PrevCodepoint("\x80\x80", 2) == 0);
  // Erasing the last character, as the search field does.
  std::string q = "қа";
  q.resize(db::PrevCodepoint(q, q.size()));
  CHECK(q == "қ");
}

TEST_CASE("Trim drops the spaces a reader does not see at the ends, Unicode's too, and keeps the middle and broken bytes") {
  CHECK(db::Trim(" \t\r\n x y \n") == "x y");
  CHECK(db::Trim("\xE2\x80\x8BThe talk\xC2\xA0\xE3\x80\x80") == "The talk");        // U+200B ... U+00A0 U+3000
  CHECK(db::Trim("\xEF\xBB\xBF" "a\xC2\xA0" "b\xE2\x80\xAF") == "a\xC2\xA0" "b");  // BOM, U+202F; U+00A0 inside kept
  CHECK(db::Trim("\xE3\x80\x80") == "");
  CHECK(db::Trim("x \xC2") == "x \xC2");  // a cut sequence at the end is not a space: kept for the UTF-8 check
  CHECK(db::Trim("\xE2\xA0\x80") == "\xE2\xA0\x80");  // U+2800, blank but a character (braille)
}

TEST_CASE("StandIns: each character above U+FFFF gets a Private Use stand-in, the same in every text, others stay") {
  const std::string text = "Hi \xF0\x9F\x99\x8A \xF0\x9F\x92\x8C and \xF0\x9F\x99\x8A again";  // 🙊 💌 🙊
  db::StandIns s(text);
  REQUIRE(s.characters().size() == 2);
  CHECK(s.characters()[0] == 0x1F48C);  // in code point order
  CHECK(s.For(0x1F48C) == 0xF8FF);
  CHECK(s.For(0x1F64A) == 0xF8FE);
  CHECK(s.For(0x1F600) == 0);
  CHECK(s.Apply(text) == "Hi \xEF\xA3\xBE \xEF\xA3\xBF and \xEF\xA3\xBE again");
  CHECK(s.Apply("plain text") == "plain text");
  CHECK(s.Apply("\xF0\x9F\x98\x80 unknown") == "\xF0\x9F\x98\x80 unknown");  // none assigned: as it is
  CHECK(s.Apply("cut \xF0\x9F") == "cut \xF0\x9F");  // broken bytes kept for the checks to refuse
  CHECK(db::StandIns("").characters().empty());
}

TEST_CASE("ReadWholeFile gives every byte of a file, an empty one, a pipe's, and nullopt for a missing one") {
  test::TempDir dir;
  std::string bytes(3 * 1024 * 1024 + 7, '\0');  // NULs and every byte value, over a few MB
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 2654435761u >> 13);
  const std::string file = dir / "blob", empty = dir / "empty", fifo = dir / "fifo";
  test::WriteFile(file, bytes);
  test::WriteFile(empty, "");
  auto read = db::ReadWholeFile(file);
  REQUIRE(read.has_value());
  CHECK(read->size() == bytes.size());
  CHECK(*read == bytes);
  CHECK(db::ReadWholeFile(empty) == std::optional<std::string>(""));
  CHECK_FALSE(db::ReadWholeFile(dir / "missing").has_value());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no length to read by: read to its end
  std::thread writer([&] { test::WriteFile(fifo, "through a pipe"); });
  auto piped = db::ReadWholeFile(fifo);
  writer.join();
  CHECK(piped == std::optional<std::string>("through a pipe"));
}
