// The stated caps on what a forum may hold: the one list that the source readers (while reading, before a
// big file is in memory), `build` and `validate` (CheckCatalog) enforce, and docs/SOURCES.md ("Caps")
// states. Each cap is far above what a real forum needs (the largest real schedule export we read, FOSDEM
// 2026, has 10 KB abstracts and 2.8 MB of XML) and low enough that the kiosk stays fast and small with
// everything at its cap. Sizes are in bytes of UTF-8.
#pragma once
#include <cstddef>

namespace db::caps {

// [SECTION] Files of the source folder (checked with fstat, before reading)
inline constexpr size_t kCsvFileBytes = 16u << 20;       // one spreadsheet
inline constexpr size_t kScheduleFileBytes = 64u << 20;  // schedule.xml / schedule.json
inline constexpr size_t kFloorplanFileBytes = 64u << 20; // floorplan.geojson
inline constexpr size_t kCsvCellBytes = 64u << 10;       // one CSV cell: the longest text field below
inline constexpr size_t kCsvRows = 100000;               // rows of one spreadsheet

// [SECTION] Texts, by the kind of field (db/model/text_rules.h maps each field to its kind)
inline constexpr size_t kCodeBytes = 256;          // ids, codes, kinds, dates, times, colours
inline constexpr size_t kNameBytes = 1024;         // names, titles, labels, places: one line
inline constexpr size_t kLinkBytes = 2048;         // website, url, e-mail, phone
inline constexpr size_t kUiTextBytes = 4096;       // the kiosk's own strings (strings.csv)
inline constexpr size_t kLongTextBytes = 64u << 10;  // descriptions, summaries, scopes, biographies
// The stored rich form of a description or biography (db/model/rich_text.h): its text is at most
// kLongTextBytes, plus the JSON around it and the links' addresses.
inline constexpr size_t kRichTextBytes = 4 * kLongTextBytes;

// [SECTION] Numbers
inline constexpr double kMaxCoordinate = 1e6;  // metres from the plan's origin, either way, on both axes
inline constexpr double kMaxWalkwayMetres = 1e7;
inline constexpr int kMinLevel = -20, kMaxLevel = 200;  // floor numbers
inline constexpr int kMinDayIndex = 0, kMaxDayIndex = 366;
inline constexpr int kMinIdleTimeoutS = 10, kMaxIdleTimeoutS = 3600;
inline constexpr unsigned kMaxColor = 0xFFFFFF;  // #RRGGBB

// [SECTION] Counts
inline constexpr size_t kPolygonVertices = 10000;  // corners of one polygon
inline constexpr size_t kTotalVertices = 200000;   // corners of the whole floor plan
inline constexpr size_t kTableRows = 100000;       // rows of any one kind (organizations, sessions, ...)
inline constexpr size_t kLanguages = 16;  // CheckCatalog follows each one's fallback chain for every required text
inline constexpr size_t kCountries = 300;

}  // namespace db::caps
