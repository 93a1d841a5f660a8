// What a snapshot holds (`kiosk-snapshot inspect`) and what changed between two (`kiosk-snapshot diff`),
// both computed from loaded Catalogs so they describe exactly what the kiosk would show.
#pragma once
#include <string>
#include <vector>

#include "db/model/catalog.h"

namespace db {

// A JSON object: schema_version, content_version, content_checksum, built_at, forum, languages,
// default_language, and counts: exhibitors, organizations, countries (countries with an exhibitor: "13
// technology parks from 8 countries"), countries_total (rows in the countries table), agreements, sessions,
// rooms, tracks, people, booths, locations, walkways, images, ui_strings, sample_rows; and text_problems: every
// text that breaks the text rule (db/model/text_rules.h), as {table, id, field, lang, offset, problem, text} with the
// text escaped. Never throws: texts that are not UTF-8 are printed escaped (\xNN), not refused.
std::string InspectJson(const Catalog& c);

// The program as the kiosk holds it (`kiosk-snapshot inspect FILE --sessions --json`), to compare with the
// export it came from: {"sessions": [...]}, sorted by starts_at then id, each with id, title (in the
// schedule's language: the language most session titles are in), starts_at and ends_at (ISO 8601 with the
// venue's offset), room and track (names as exported, null when absent), people ([{id, name}] in the
// export's order; id is the person's identity: guid, else id, else the name; "ID/NAME", e.g. "0/Dreirik", when
// the export's id stands for several names, db/sources/schedule_import.h) and description (the text a visitor
// reads). Never throws.
std::string SessionsJson(const Catalog& c);
// The same as a table for people: one line per session, "starts_at  ends_at  room  title  (people)".
std::string SessionsTable(const Catalog& c);

struct Change {
  std::string kind;  // exhibitor, session, agreement
  std::string id;
  std::string name;  // in the forum's default language, for people to read
  enum class What { Added, Removed, Changed } what = What::Changed;
  std::vector<std::string> details;  // "booth: booth-a1 -> booth-b2", "title (ru)"
};

// Added, removed and changed exhibitors, sessions and agreements, in that order.
std::vector<Change> Diff(const Catalog& old_catalog, const Catalog& new_catalog);
std::string FormatDiff(const std::vector<Change>& changes);
std::string DiffJson(const std::vector<Change>& changes);

}  // namespace db
