// Dates and times as visitors read them: 24-hour clock in the venue's offset, dates with month names from
// the snapshot's UI strings (`month.1` .. `month.12`, e.g. "қыркүйек") and numeric when none is given.
#pragma once
#include <cstdint>
#include <string>

#include "app/app_state.h"

namespace app {

std::string ClockTime(int64_t utc, int offset_min);          // "10:30"
std::string LocalDate(int64_t utc, int offset_min);          // "2022-09-28"
std::string FormatDate(const AppState& s, const std::string& iso);  // "28 September 2022", "September 2023"
std::string TimeRange(const AppState& s, const db::Session& x);     // "10:00–11:00"

}  // namespace app
