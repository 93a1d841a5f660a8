#include "db/sources/source_tables.h"

#include <stdexcept>

namespace db {

namespace {

using K = SourceColumn::Kind;

// Why this is long: it is the list of every column of every table, in one place. `note` columns are staff's
// own remarks on a row (what a sample row makes up): never shown, not in the snapshot.
std::vector<SourceTable> MakeTables() {
  return {
      {"languages.csv", true, "language offered, in picker order",
       {{"code", K::Required, ""}, {"native_name", K::Required, ""}, {"english_name", K::Optional, ""},
        {"fallback", K::Optional, ""}, {"plural", K::Optional, ""}}},
      {"forum.csv", true, "the forum (exactly one row)",
       {{"id", K::Required, "my-forum"}, {"start_date", K::Required, "2027-09-28", true},
        {"end_date", K::Required, "2027-09-29", true}, {"time_zone", K::Required, "Asia/Almaty"},
        {"utc_offset", K::Required, ""}, {"default_language", K::Required, ""},
        {"schedule_language", K::Optional, ""}, {"idle_timeout_s", K::Optional, "60"},
        {"website", K::Optional, "https://forum.example.org"}, {"map_url", K::Optional, ""},
        {"title", K::Translated, "Example Forum"},
        {"venue", K::Translated, "Exhibition centre"}, {"city", K::Translated, "Astana"}}},
      {"countries.csv", true, "country",
       {{"code", K::Required, "KZ"}, {"color", K::Required, "#3A7BD5"}, {"name", K::Translated, "Kazakhstan"}}},
      {"organizations.csv", true, "organization (technology park, agency, company, ...)",
       {{"id", K::Required, "example-park"}, {"kind", K::Required, "technopark"}, {"country", K::Optional, "KZ"},
        {"website", K::Optional, "https://park.example.org"}, {"email", K::Optional, "info@park.example.org"},
        {"phone", K::Optional, "+7 700 000 00 00"}, {"logo", K::Optional, ""}, {"sample", K::Optional, "1"},
        {"note", K::Optional, "An example row: replace it with a real organization, then set sample to 0"},
        {"name", K::Translated, "Example Technology Park"}, {"short_name", K::Translated, "Example Park"},
        {"description", K::Translated, "What the park does, in a sentence or two."},
        {"city", K::Translated, "Astana"}}},
      {"exhibitors.csv", false, "organization exhibiting at this forum",
       {{"organization", K::Required, "example-park"}, {"booth", K::Required, "booth-a1"},
        {"category", K::Optional, "technopark"}, {"featured", K::Optional, "0"}, {"sample", K::Optional, "1"}}},
      {"sources.csv", false, "article or document that facts come from",
       {{"id", K::Required, "src-example"}, {"title", K::Required, "Example article about the forum"},
        {"publisher", K::Optional, "Example News"}, {"url", K::Optional, "https://news.example.org/forum"},
        {"published_date", K::Optional, "2027-09-28", true}, {"language", K::Optional, ""},
        {"note", K::Optional, "An example row"}}},
      {"agreements.csv", false, "agreement / memorandum",
       {{"id", K::Required, "mou-example"}, {"kind", K::Required, "memorandum_of_cooperation"},
        {"signed_date", K::Optional, "2027-09-28", true}, {"online", K::Optional, "0"},
        {"source", K::Optional, "src-example"}, {"sample", K::Optional, "1"},
        {"title", K::Translated, "Example memorandum of cooperation"},
        {"summary", K::Translated, "What the parties agreed on."}, {"place", K::Translated, "Astana"},
        {"scope", K::Translated, ""}}},
      {"agreement_parties.csv", false, "party to an agreement",
       {{"agreement", K::Required, "mou-example"}, {"organization", K::Required, "example-park"},
        {"role", K::Optional, "party"}, {"source", K::Optional, "src-example"},
        {"signatory_name", K::Translated, "Example Signatory"}, {"signatory_title", K::Translated, "Director"}}},
      {"agreement_facts.csv", false, "one source's claim about one agreement field",
       {{"agreement", K::Required, "mou-example"}, {"field", K::Required, "signed_date"},
        {"value", K::Required, "2027-09-28"}, {"source", K::Optional, "src-example"},
        {"note", K::Optional, "An example row"}}},
      {"buildings.csv", false, "building of the venue (leave it out for a venue of one building)",
       {{"id", K::Required, "main-building"}, {"sample", K::Optional, "1"}, {"name", K::Translated, "Main building"}}},
      {"levels.csv", false, "level (floor) of a building; the floor plan's `level` is its ordinal",
       {{"id", K::Required, "ground"}, {"building", K::Optional, "main-building"}, {"ordinal", K::Required, "0"},
        {"short_name", K::Required, "1"}, {"sample", K::Optional, "1"}, {"name", K::Translated, "Ground floor"}}},
      {"rooms.csv", false, "program room: its names and place on the floor plan",
       {{"id", K::Required, "main-stage"}, {"schedule_name", K::Optional, "Main Stage"},
        {"location", K::Optional, "stage-main"}, {"name", K::Translated, "Main Stage"}}},
      {"tracks.csv", false, "program track: names and colour",
       {{"id", K::Required, "main-track"}, {"schedule_name", K::Optional, "Main track"},
        {"color", K::Optional, "#D55E3A"}, {"name", K::Translated, "Main track"}}},
      {"people.csv", false, "person: translations of names and titles, organization",
       {{"id", K::Required, "1"}, {"organization", K::Optional, "example-park"}, {"sample", K::Optional, "1"},
        {"name", K::Translated, "Example Speaker"}, {"title", K::Translated, "Director"},
        {"biography", K::Translated, ""}}},
      {"sessions.csv", false, "session: title and description in more languages, sample flag",
       {{"session", K::Required, "1"}, {"sample", K::Optional, "1"}, {"note", K::Optional, "An example row"},
        {"title", K::Translated, "Opening of the forum"}, {"subtitle", K::Translated, ""},
        {"description", K::Translated, ""}}},
      {"session_organizations.csv", false, "organization taking part in a session",
       {{"session", K::Required, "1"}, {"organization", K::Required, "example-park"},
        {"role", K::Optional, "organizer"}}},
      {"strings.csv", true, "text of the kiosk's own interface",
       {{"key", K::Required, ""}, {"text", K::Translated, ""}}},
  };
}

}  // namespace

std::string SourceTable::Sheet() const {
  std::string s = file;
  return s.substr(0, s.size() - 4);
}

std::vector<std::string> SourceTable::Names(SourceColumn::Kind kind) const {
  std::vector<std::string> out;
  for (const auto& c : columns)
    if (c.kind == kind) out.emplace_back(c.name);
  return out;
}

std::vector<std::string> SourceTable::Dates() const {
  std::vector<std::string> out;
  for (const auto& c : columns)
    if (c.date) out.emplace_back(c.name);
  return out;
}

const std::vector<SourceTable>& SourceTables() {
  static const std::vector<SourceTable> tables = MakeTables();
  return tables;
}

const SourceTable& SourceTableNamed(std::string_view file) {
  for (const auto& t : SourceTables())
    if (file == t.file) return t;
  throw std::out_of_range("no source table " + std::string(file));
}

}  // namespace db
