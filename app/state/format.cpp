#include "app/state/format.h"

#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <utility>

#include "db/model/plural.h"

namespace app {

namespace {

struct Ymd {
  int y = 0, m = 0, d = 0;  // d = 0: a month ("2023-09")
};

bool ParseIso(const std::string& iso, Ymd& out) {
  unsigned y = 0, m = 0, d = 0;
  char tail = 0;
  if (iso.size() == 10 && std::sscanf(iso.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3) {
  } else if (iso.size() == 7 && std::sscanf(iso.c_str(), "%4u-%2u%c", &y, &m, &tail) == 2) {
    d = 0;
  } else {
    return false;
  }
  if (m < 1 || m > 12 || d > 31) return false;
  out = {int(y), int(m), int(d)};
  return true;
}

// ISO weekday, 1 = Monday .. 7 = Sunday.
unsigned Weekday(const Ymd& x) {
  std::chrono::year_month_day ymd{std::chrono::year(x.y), std::chrono::month(unsigned(x.m)), std::chrono::day(unsigned(x.d))};
  return std::chrono::weekday(std::chrono::sys_days(ymd)).iso_encoding();
}


std::string Numeric(const Ymd& x) {
  char buf[16];
  if (x.d) std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", x.d, x.m, x.y);
  else std::snprintf(buf, sizeof buf, "%02d.%04d", x.m, x.y);
  return buf;
}

std::string Ui(const db::Catalog& c, std::string_view lang, const std::string& key) { return UiString(c, key, lang); }

}  // namespace

std::string Fill(std::string pattern, std::initializer_list<std::pair<const char*, std::string>> values) {
  for (const auto& [name, value] : values) {
    std::string tag = std::string("{") + name + "}";
    for (size_t at = 0; (at = pattern.find(tag, at)) != std::string::npos; at += value.size())
      pattern.replace(at, tag.size(), value);
  }
  return pattern;
}

std::string ClockTime(int64_t utc, int offset_min) {
  int64_t local = utc + int64_t{offset_min} * 60;
  int64_t secs = ((local % 86400) + 86400) % 86400;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  return buf;
}

std::string LocalDate(int64_t utc, int offset_min) {
  int64_t local = utc + int64_t{offset_min} * 60;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string FormatDate(const db::Catalog& c, std::string_view lang, const std::string& iso) {
  Ymd x;
  if (!ParseIso(iso, x)) return iso;
  std::string m = std::to_string(x.m);
  std::string pattern = Ui(c, lang, x.d ? "date.full" : "date.month");
  std::string month = Ui(c, lang, x.d ? "month." + m : "month." + m + ".standalone");
  if (pattern.empty() || month.empty()) return Numeric(x);
  return Fill(pattern, {{"d", std::to_string(x.d)}, {"month", month}, {"y", std::to_string(x.y)}});
}

std::string FormatDay(const db::Catalog& c, std::string_view lang, const std::string& iso) {
  Ymd x;
  if (!ParseIso(iso, x) || !x.d) return FormatDate(c, lang, iso);
  std::string pattern = Ui(c, lang, "date.day"), month = Ui(c, lang, "month." + std::to_string(x.m));
  std::string weekday = Ui(c, lang, "weekday." + std::to_string(Weekday(x)));
  if (pattern.empty() || month.empty() || weekday.empty()) return Numeric(x);
  return Fill(pattern, {{"weekday", weekday}, {"d", std::to_string(x.d)}, {"month", month}});
}

std::string FormatDateRange(const db::Catalog& c, std::string_view lang, const std::string& from, const std::string& to) {
  Ymd a, b;
  if (from == to) return FormatDate(c, lang, from);
  if (ParseIso(from, a) && ParseIso(to, b) && a.d && b.d && a.y == b.y && a.m == b.m) {
    std::string pattern = Ui(c, lang, "date.range"), month = Ui(c, lang, "month." + std::to_string(a.m));
    if (!pattern.empty() && !month.empty())
      return Fill(pattern, {{"d2", std::to_string(b.d)}, {"d", std::to_string(a.d)}, {"month", month}, {"y", std::to_string(a.y)}});
  }
  return FormatDate(c, lang, from) + " \xE2\x80\x93 " + FormatDate(c, lang, to);
}

std::string WithTime(const AppState& s, const char* key, int64_t utc) {
  return Fill(s.Ui(key), {{"time", ClockTime(utc, s.catalog->forum.utc_offset_min)}});
}

std::string LevelShortName(const AppState& s, int ordinal) {
  const db::Level* l = s.catalog->LevelAt(ordinal);
  return l && !l->short_name.empty() ? l->short_name : std::to_string(ordinal >= 0 ? ordinal + 1 : ordinal);
}

std::string LevelName(const AppState& s, int ordinal) {
  if (const db::Level* l = s.catalog->LevelAt(ordinal); l && !s.Tr(l->name).empty()) return s.Tr(l->name);
  return Fill(s.Ui("map.level"), {{"level", LevelShortName(s, ordinal)}});
}

std::string TimeRange(const AppState& s, const db::Session& x) {
  int off = s.catalog->forum.utc_offset_min;
  if (x.ends_utc == x.starts_utc) return ClockTime(x.starts_utc, off);  // a moment: an opening, a deadline
  return ClockTime(x.starts_utc, off) + "\xE2\x80\x93" + ClockTime(x.ends_utc, off);
}

std::string Count(const db::Catalog& c, std::string_view lang, const char* key, int64_t n) {
  std::string_view from;
  const std::string& forms = UiString(c, key, lang, &from);
  if (forms.empty()) return std::to_string(n);
  const db::Language* l = c.FindLanguage(from);
  return db::PluralText(forms, l ? l->plural_rule : db::kDefaultPluralRule, n);
}

const std::string& DisplayName(const db::Catalog& c, std::string_view lang, const db::Organization& o) {
  const std::string& short_name = c.Tr(o.short_name, lang);
  return short_name.empty() ? c.Tr(o.name, lang) : short_name;
}

}  // namespace app
