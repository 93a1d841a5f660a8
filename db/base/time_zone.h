// The venue's time zone, from the tz database (Debian's tzdata through Howard Hinnant's date/tz.h, which
// reads /usr/share/zoneinfo): what a wall-clock time at the venue is in UTC, and what offset the venue keeps
// at an instant, with daylight saving time as the database has it. Used where a source gives local times
// without an offset (old pentabarf exports) and to check that an export's offsets are the venue's.
//
// Thread rules: every function may be called from any thread (the database is loaded once, under a lock, by
// the library). Failures are values: an unknown zone, or a tz database that is not installed, is an Error.
#pragma once
#include <cstdint>
#include <string>

#include "db/base/result.h"

namespace db {

// The zone's canonical name, following links ("Asia/Calcutta" -> "Asia/Kolkata"), or an error that says the
// tz database does not know it.
Result<std::string> CanonicalZone(const std::string& zone);

// Minutes east of UTC that `zone` keeps at the instant `utc` (Unix seconds).
Result<int> ZoneOffsetAt(const std::string& zone, int64_t utc);

// The instant at which the venue's clocks in `zone` show `minutes` past midnight of the day `days` (days
// since 1970-01-01). A time that occurs twice (clocks set back) is the first; one that does not occur (clocks
// set forward) is an Error naming it.
Result<int64_t> LocalToUtc(const std::string& zone, int64_t days, int minutes);

}  // namespace db
