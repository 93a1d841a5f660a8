// The snapshot round trip: every field of every catalog type, written and loaded back, arrives unchanged;
// and the table descriptions (db/model/tables.h) agree with schema.sql.
//
// How a member that no description maps is caught. The filler below does not use the descriptions: it
// takes every struct apart with a structured binding (`auto& [id, kind, ...] = x;`), which only compiles
// when it names every member. So a member added to a catalog struct breaks this file's build until it is
// given a distinct value here; if it is then missing from the description (so from both the writer and the
// loader), it comes back with its default value, and the comparison, a defaulted operator== that covers
// every member (db/model/catalog.h), fails. Every value below differs from its member's default for the same
// reason: a lost field must not come back equal by luck.
#include <doctest/doctest.h>

#include "db/model/catalog.h"
#include "db/model/rich_text.h"
#include "db/model/tables.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/sqlite.h"
#include "db/snapshot/writer.h"
#include "support.h"

namespace {

// Distinct values: every call a new one.
struct Values {
  int n = 100;
  std::string S(const std::string& what) { return what + "-" + std::to_string(++n); }
  int I() { return ++n; }
  double D() { return ++n + 0.25; }
  db::Text T(const std::string& what) {  // two languages, each its own text
    db::Text t;
    t.by_lang["kk"] = S(what + "-kk");
    t.by_lang["en"] = S(what + "-en");
    return t;
  }
  // A rich form in two languages with every kind of block and span (db/model/rich_text.h's stored form),
  // and its plain text (`plain`), as the importer stores them side by side.
  db::Text Rich(const std::string& what, db::Text& plain) {
    using K = db::RichBlock::Kind;
    db::Text t;
    for (const char* lang : {"kk", "en"}) {
      db::RichText r;
      r.blocks.push_back({K::Heading, 1, 0, {{S(what + "-heading"), db::RichSpan::kPlain, ""}}});
      r.blocks.push_back({K::Paragraph, 0, 0, {{S("plain") + " ", db::RichSpan::kPlain, ""},
                                              {S("bold"), db::RichSpan::kBold, ""},
                                              {S("italic"), db::RichSpan::kItalic | db::RichSpan::kBold, ""},
                                              {S("link"), db::RichSpan::kPlain, S("https://link")}}});
      r.blocks.push_back({K::Bullet, 0, 0, {{S("item"), db::RichSpan::kCode, ""}}});
      r.blocks.push_back({K::Numbered, 1, 7, {{S("numbered") + "\nline", db::RichSpan::kPlain, ""}}});
      r.blocks.push_back({K::Quote, 0, 0, {{S("quote"), db::RichSpan::kItalic, ""}}});
      r.blocks.push_back({K::Code, 0, 0, {{S("code") + "\tx", db::RichSpan::kCode, ""}}});
      t.by_lang[lang] = db::EncodeRichText(r);
      plain.by_lang[lang] = db::PlainText(r);
    }
    return t;
  }
};

// Rows loaded from a snapshot carry no origin (it names a source file and line): left empty.
db::CatalogData Filled() {
  Values v;
  db::CatalogData c;
  auto& [info, forum, languages, countries, images, organizations, exhibitors, buildings, levels, locations, walkways,
         openings, route_tiles, sources, agreements, rooms, tracks, people, sessions, ui_strings, search_index] = c;
  info = {};          // written by the writer, not taken from the catalog: checked on its own below
  search_index = {};  // made by the loader

  for (const char* code : {"kk", "en"}) {
    auto& [l_code, native_name, english_name, fallback, origin, plural_rule] = languages.emplace_back();
    l_code = code;
    native_name = v.S("native"); english_name = v.S("english");
    fallback = std::string(code) == "kk" ? "en" : "";
    plural_rule = std::string(code) == "kk" ? "east_slavic" : "none";
    origin = {};
  }
  {
    auto& [code, start_date, end_date, time_zone, utc_offset_min, default_language, idle_timeout_s, website,
           map_url, title, venue, city, origin] = forum;
    code = v.S("forum"); start_date = "2022-09-28"; end_date = "2022-09-30"; time_zone = "Asia/Almaty";
    utc_offset_min = 360; default_language = "kk"; idle_timeout_s = 75; website = v.S("https://forum");
    map_url = v.S("https://map/?to={place}");
    title = v.T("title"); venue = v.T("venue"); city = v.T("city");
    origin = {};
  }
  {
    auto& [code, color, name, origin] = countries.emplace_back();
    code = "KZ"; color = 0x123456; name = v.T("country");
    origin = {};
  }
  {
    auto& [id, mime, width, height, sha256, bytes, origin] = images.emplace_back();
    id = v.S("image"); mime = "image/jpeg"; width = v.I(); height = v.I(); sha256 = v.S("sha");
    bytes = {1, 2, 3, 250};
    origin = {};
  }
  {
    auto& [id, kind, country_code, website, email, phone, logo_image_id, sample, name, short_name, description,
           city, origin] = organizations.emplace_back();
    id = v.S("org"); kind = "technopark"; country_code = "KZ"; website = v.S("web"); email = v.S("mail");
    phone = v.S("phone"); logo_image_id = images[0].id; sample = true;
    name = v.T("name"); short_name = v.T("short"); description = v.T("description"); city = v.T("city");
    origin = {};
  }
  organizations.push_back(organizations[0]);  // a second party for the agreement
  organizations[1].id = v.S("org");
  {
    auto& [id, sample, name, origin] = buildings.emplace_back();
    id = v.S("building"); sample = true; name = v.T("building");
    origin = {};
  }
  {
    auto& [id, building_id, ordinal, short_name, sample, name, origin] = levels.emplace_back();
    id = v.S("level"); building_id = buildings[0].id; ordinal = v.I(); short_name = v.S("M"); sample = true;
    name = v.T("level");
    origin = {};
  }
  {
    auto& [id, category, level, a, b, accessible, origin] = openings.emplace_back();
    id = v.S("opening"); category = v.S("pedestrian"); level = levels[0].ordinal; a = {v.D(), v.D()};
    b = {v.D(), v.D()}; accessible = false;
    origin = {};
  }
  for (int i = 1; i <= 2; ++i) {  // the writer stores the bytes as they are: any bytes round-trip
    auto& [id, data] = route_tiles.emplace_back();
    id = i;
    data = {static_cast<unsigned char>(v.I()), 0, 0xff, static_cast<unsigned char>(i)};
  }
  {  // a hall (first: the writer puts halls first) and a booth in it
    auto& [id, kind, level, is_polygon, ring, holes, anchor, label, amenity, hall_id, sample, name, origin] =
        locations.emplace_back();
    id = v.S("hall"); kind = db::LocationKind::Hall; level = v.I(); is_polygon = true;
    ring = {{v.D(), v.D()}, {v.D(), v.D()}, {v.D(), v.D()}};
    holes = {{"1", {{v.D(), v.D()}, {v.D(), v.D()}, {v.D(), v.D()}}}, {"2", {{v.D(), v.D()}, {v.D(), v.D()}, {v.D(), v.D()}}}};
    anchor = {v.D(), v.D()}; label = v.S("label"); amenity = v.S("amenity"); hall_id = ""; sample = true;
    name = v.T("hall");
    origin = {};
  }
  {
    auto& [id, kind, level, is_polygon, ring, holes, anchor, label, amenity, hall_id, sample, name, origin] =
        locations.emplace_back();
    id = v.S("booth"); kind = db::LocationKind::Booth; level = v.I(); is_polygon = false; ring = {}; holes = {};
    anchor = {v.D(), v.D()}; label = v.S("label"); amenity = v.S("amenity"); hall_id = locations[0].id;
    sample = true; name = v.T("booth");
    origin = {};
  }
  {
    auto& [organization_id, booth_id, category, featured, sample, origin] = exhibitors.emplace_back();
    organization_id = organizations[0].id; booth_id = locations[1].id; category = v.S("category");
    featured = true; sample = true;
    origin = {};
  }
  {
    auto& [id, from_id, to_id, length_m, accessible, origin] = walkways.emplace_back();
    id = v.S("walk"); from_id = locations[0].id; to_id = locations[1].id; length_m = v.D(); accessible = false;
    origin = {};
  }
  {
    auto& [id, title, publisher, url, published_date, lang, note, origin] = sources.emplace_back();
    id = v.S("source"); title = v.S("title"); publisher = v.S("publisher"); url = v.S("url");
    published_date = v.S("date"); lang = v.S("lang"); note = v.S("note");
    origin = {};
  }
  {
    auto& [id, kind, signed_date, online, source_id, sample, title, summary, place, scope, parties, facts,
           origin] = agreements.emplace_back();
    id = v.S("agreement"); kind = "mou"; signed_date = v.S("signed"); online = true; source_id = sources[0].id;
    sample = true; title = v.T("title"); summary = v.T("summary"); place = v.T("place"); scope = v.T("scope");
    origin = {};
    for (const char* role : {"witness", "organizer"}) {  // two: their order must survive too
      auto& [organization_id, p_role, p_source_id, signatory_name, signatory_title, p_origin] = parties.emplace_back();
      organization_id = organizations[parties.size() - 1].id;
      p_role = role; p_source_id = sources[0].id;
      signatory_name = v.T("signatory"); signatory_title = v.T("signatory-title");
      p_origin = {};
    }
    for (int i = 0; i < 2; ++i) {
      auto& [field, value, f_source_id, note, f_origin] = facts.emplace_back();
      field = v.S("field"); value = v.S("value"); f_source_id = sources[0].id; note = v.S("note");
      f_origin = {};
    }
  }
  {
    auto& [id, location_id, name, origin] = rooms.emplace_back();
    id = v.S("room"); location_id = locations[0].id; name = v.T("room");
    origin = {};
  }
  {
    auto& [id, color, name, origin] = tracks.emplace_back();
    id = v.S("track"); color = "#ABCDEF"; name = v.T("track");
    origin = {};
  }
  {
    auto& [id, organization_id, sample, name, title, biography, biography_rich, origin] = people.emplace_back();
    id = v.S("person"); organization_id = organizations[0].id; sample = true;
    name = v.T("name"); title = v.T("title"); biography_rich = v.Rich("biography", biography);
    origin = {};
  }
  {
    auto& [id, guid, day_index, day_date, starts_at, ends_at, starts_utc, ends_utc, room_id, track_id, kind,
           language, sample, title, subtitle, description, description_rich, s_people, s_organizations,
           origin] = sessions.emplace_back();
    id = v.S("session"); guid = v.S("guid"); day_index = 3; day_date = v.S("day");
    starts_at = v.S("starts"); ends_at = v.S("ends"); starts_utc = v.I(); ends_utc = starts_utc + v.I();
    room_id = rooms[0].id; track_id = tracks[0].id; kind = v.S("kind"); language = v.S("language"); sample = true;
    title = v.T("title"); subtitle = v.T("subtitle"); description_rich = v.Rich("description", description);
    origin = {};
    auto& [person_id, role] = s_people.emplace_back();
    person_id = people[0].id; role = "moderator";
    auto& [organization_id, o_role, o_origin] = s_organizations.emplace_back();
    organization_id = organizations[0].id; o_role = "host";
    o_origin = {};
  }
  ui_strings["nav.home"] = v.T("home");
  return c;
}

std::shared_ptr<const db::Catalog> RoundTrip(const db::CatalogData& data, int64_t version) {
  auto written = db::Catalog::Make(data);
  db::Database mem(":memory:", db::Database::Mode::ReadWriteCreate);
  db::WriteSnapshotContent(mem, *written, version);
  auto loaded = db::LoadCatalogFrom(std::move(mem), "roundtrip");
  REQUIRE_MESSAGE(loaded, loaded.error().message);
  return loaded.value();
}

}  // namespace

TEST_CASE("every field of every catalog type survives a snapshot round trip") {
  const db::CatalogData in = Filled();
  auto out = RoundTrip(in, 7);
  const db::CatalogData& got = *out;
  // One CHECK per member of CatalogData, so a failure names the table; operator== compares every field.
  CHECK(got.forum == in.forum);
  CHECK(got.languages == in.languages);
  CHECK(got.countries == in.countries);
  CHECK(got.images == in.images);
  CHECK(got.organizations == in.organizations);
  CHECK(got.exhibitors == in.exhibitors);
  CHECK(got.locations == in.locations);
  CHECK(got.walkways == in.walkways);
  CHECK(got.sources == in.sources);
  CHECK(got.agreements == in.agreements);
  CHECK(got.rooms == in.rooms);
  CHECK(got.tracks == in.tracks);
  CHECK(got.people == in.people);
  CHECK(got.sessions == in.sessions);
  CHECK(got.ui_strings == in.ui_strings);
  // The snapshot's own facts come from the writer, not from the catalog.
  CHECK(got.info.schema_version == db::kSchemaVersion);
  CHECK(got.info.content_version == 7);
  CHECK(got.info.content_checksum.size() == 64);
  CHECK(!got.info.built_at.empty());
  CHECK(got.info.generator.rfind("kiosk-snapshot ", 0) == 0);
  CHECK(got.search_index != nullptr);
}

TEST_CASE("every location kind is one schema.sql accepts, and comes back as itself") {
  // schema.sql's CHECK on location.kind and kLocationKindNames must list the same names.
  db::CatalogData in = Filled();
  for (auto name : db::kLocationKindNames) {
    db::Location l = in.locations[1];
    REQUIRE(db::LocationKindFromName(name, l.kind));
    l.id = "place-" + std::string(name);
    if (l.kind == db::LocationKind::Hall) l.hall_id.clear();
    in.locations.push_back(l);
  }
  auto out = RoundTrip(in, 3);
  std::vector<db::Location> halls_first;  // the order the writer gives them
  for (const auto& l : in.locations)
    if (l.kind == db::LocationKind::Hall) halls_first.push_back(l);
  for (const auto& l : in.locations)
    if (l.kind != db::LocationKind::Hall) halls_first.push_back(l);
  CHECK(out->locations == halls_first);
}

TEST_CASE("the round-trip comparison sees one changed field") {
  // The comparison itself must be able to fail: a changed field on one side is a difference.
  db::CatalogData in = Filled();
  auto out = RoundTrip(in, 7);
  db::CatalogData changed = *out;
  changed.sessions[0].guid.clear();
  CHECK_FALSE(changed.sessions == in.sessions);
  changed = *out;
  changed.agreements[0].parties[1].signatory_title.by_lang.erase("kk");
  CHECK_FALSE(changed.agreements == in.agreements);
}

TEST_CASE("the table descriptions and schema.sql agree") {
  auto mismatches = db::SchemaMismatches();
  std::string all;
  for (const auto& m : mismatches) all += m + "\n";
  CHECK_MESSAGE(mismatches.empty(), all);
}

TEST_CASE("a column on one side only is a mismatch") {
  const std::string schema = test::ReadFile(test::SourceDir() / "db/snapshot/schema.sql");
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string s = schema;
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    std::string all;
    for (const auto& m : db::SchemaMismatches(s)) all += m + "\n";
    return all;
  };
  // A column only schema.sql has.
  CHECK(edited("  color  TEXT                            -- \"#RRGGBB\" or NULL (the kiosk picks one)",
               "  color  TEXT,\n  extra  TEXT")
            .find("track.extra: in schema.sql, not in its description") != std::string::npos);
  // A column only the description has.
  CHECK(edited("  guid       TEXT,\n", "").find("session.guid: in its description, not in schema.sql") != std::string::npos);
  // A table no description fills.
  CHECK(edited("CREATE INDEX session_by_start", "CREATE TABLE stray (x TEXT);\nCREATE INDEX session_by_start")
            .find("stray: a table of schema.sql that no description fills") != std::string::npos);
}
