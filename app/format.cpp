#include "app/format.h"

#include <chrono>
#include <cstdio>

namespace app {

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

std::string FormatDate(const AppState& s, const std::string& iso) {
  if (iso.size() < 7) return iso;
  int y = std::atoi(iso.substr(0, 4).c_str()), m = std::atoi(iso.substr(5, 2).c_str());
  int d = iso.size() >= 10 ? std::atoi(iso.substr(8, 2).c_str()) : 0;
  std::string key = "month." + std::to_string(m);
  const std::string& month = s.catalog->Ui(key, s.lang);
  char buf[64];
  if (month.empty()) {
    if (d) std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d, m, y);
    else std::snprintf(buf, sizeof buf, "%02d.%04d", m, y);
    return buf;
  }
  return (d ? std::to_string(d) + " " : std::string()) + month + " " + std::to_string(y);
}

std::string TimeRange(const AppState& s, const db::Session& x) {
  int off = s.catalog->forum.utc_offset_min;
  return ClockTime(x.starts_utc, off) + "\xE2\x80\x93" + ClockTime(x.ends_utc, off);
}

}  // namespace app
