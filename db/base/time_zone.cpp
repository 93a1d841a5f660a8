#include "db/base/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <exception>

namespace db {

namespace {

// date::locate_zone throws std::runtime_error for a zone it does not know and when the database cannot be
// read; both become the same plain message for staff.
Result<const date::time_zone*> Locate(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception& e) {
    return Error{"'" + zone + "' is not a time zone of the tz database (" + e.what() + ")"};
  }
}

}  // namespace

Result<std::string> CanonicalZone(const std::string& zone) {
  auto z = Locate(zone);
  if (!z) return z.error();
  return std::string(z.value()->name());
}

Result<int> ZoneOffsetAt(const std::string& zone, int64_t utc) {
  auto z = Locate(zone);
  if (!z) return z.error();
  try {
    date::sys_seconds t{std::chrono::seconds{utc}};
    auto info = z.value()->get_info(t);
    return int(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
  } catch (const std::exception& e) {
    return Error{std::string("time zone ") + zone + ": " + e.what()};
  }
}

Result<int64_t> LocalToUtc(const std::string& zone, int64_t days, int minutes) {
  auto z = Locate(zone);
  if (!z) return z.error();
  date::local_seconds local{std::chrono::seconds{days * 86400 + int64_t{minutes} * 60}};
  try {
    // to_sys with a `choose` maps a time in a gap to the transition; a gap is the staff's to hear of.
    if (z.value()->get_info(local).result == date::local_info::nonexistent) {
      char hhmm[8];
      std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", minutes / 60 % 24, minutes % 60);
      return Error{std::string(hhmm) + " does not exist in " + zone + " that day (the clocks are set forward)"};
    }
    auto sys = z.value()->to_sys(local, date::choose::earliest);
    return int64_t(sys.time_since_epoch().count());
  } catch (const std::exception& e) {
    return Error{std::string("time zone ") + zone + ": " + e.what()};
  }
}

}  // namespace db
