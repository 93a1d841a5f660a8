// Dates, times and counts as visitors of each language read them. Everything language-specific comes from
// the snapshot's UI strings, so staff can correct it (or add a language) without a program build:
//   month.1 .. month.12              month in a date          "сентября", "Eylül", "қыркүйек"
//   month.1.standalone ..            month without a day      "сентябрь"
//   weekday.1 .. weekday.7           Monday .. Sunday, as it stands in date.day ("Среда", "Çarşamba")
//   date.full  "{d} {month} {y}"     date.day  "{weekday}, {d} {month}"
//   date.month "{month} {y}"         date.range "{d}–{d2} {month} {y}" (two days of one month)
//   count.*    plural forms separated by '|' in the order of the language's plural rule (db/model/plural.h),
//              "{n}" is the number: "{n} участник|{n} участника|{n} участников"
// The clock is 24-hour in the venue's offset. A missing pattern falls back along the language chain like
// every string; with none at all the date is numeric (28.09.2022), never a key name.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "app/state/app_state.h"

namespace app {

std::string ClockTime(int64_t utc, int offset_min);  // "10:30"
std::string LocalDate(int64_t utc, int offset_min);  // "2022-09-28"
// Each takes the catalog and a language (the attract loop formats in the language of its slide); the
// AppState forms below use the visitor's.
// "2022-09-28" -> "28 сентября 2022 г."; "2023-09" -> "сентябрь 2023 г."; anything else as given.
std::string FormatDate(const db::Catalog& c, std::string_view lang, const std::string& iso);
// "2022-09-28" -> "Среда, 28 сентября" (a day of the forum: no year).
std::string FormatDay(const db::Catalog& c, std::string_view lang, const std::string& iso);
// Two dates: "28–29 сентября 2022 г." within one month, else "FormatDate – FormatDate".
std::string FormatDateRange(const db::Catalog& c, std::string_view lang, const std::string& from, const std::string& to);
// A counted phrase from the UI string `key`: Count(c, "ru", "count.exhibitors", 13) -> "13 участников".
std::string Count(const db::Catalog& c, std::string_view lang, const char* key, int64_t n);
std::string TimeRange(const AppState& s, const db::Session& x);  // "10:00–11:00"
// `pattern` with each {name} replaced by its value: Fill("{m} m", {{"m", "84"}}) -> "84 m".
std::string Fill(std::string pattern, std::initializer_list<std::pair<const char*, std::string>> values);
// The UI string `key` with its {time} the venue's clock at `utc`: "Nothing on in this room now, next at 11:15".
std::string WithTime(const AppState& s, const char* key, int64_t utc);
// A level as a visitor reads it: its name in the visitor's language ("Upper floor"), else "Level 2" from its
// short name (map.level), else from the ordinal (+1: ordinal 0 is "Level 1" where nothing else is said).
std::string LevelName(const AppState& s, int ordinal);
// A level's short name for the switcher: the level's own ("1", "M", "B1"), else from the ordinal.
std::string LevelShortName(const AppState& s, int ordinal);

// How an organization is named wherever a visitor meets it among others: a list card, a chip, a search
// result, the attract loop and the map's booth label. Its short name when the snapshot has one ("HTP",
// "KOSGEB"), else its name. One function for all of them, so that the label a visitor reads on the map is
// the name they find in the list, in every language. The profile's title is the full name (o.name), with
// this one beside it when they differ.
const std::string& DisplayName(const db::Catalog& c, std::string_view lang, const db::Organization& o);

inline std::string FormatDate(const AppState& s, const std::string& iso) { return FormatDate(*s.catalog, s.lang, iso); }
inline std::string FormatDay(const AppState& s, const std::string& iso) { return FormatDay(*s.catalog, s.lang, iso); }
inline std::string FormatDateRange(const AppState& s, const std::string& from, const std::string& to) {
  return FormatDateRange(*s.catalog, s.lang, from, to);
}
inline const std::string& DisplayName(const AppState& s, const db::Organization& o) { return DisplayName(*s.catalog, s.lang, o); }
inline std::string Count(const AppState& s, const char* key, int64_t n) { return Count(*s.catalog, s.lang, key, n); }

}  // namespace app
