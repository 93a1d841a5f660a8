-- Forum Kiosk snapshot schema.
--
-- A snapshot is one SQLite file that holds everything one forum's kiosks show. It is written once by
-- `kiosk-snapshot build` and afterwards only read (the kiosk opens it read-only).
--
-- Conventions
--   * Ids are TEXT chosen by staff in the sources (`astana-hub`) or taken from a schedule export (`6561`).
--   * Entity tables keep rowids, so rows load in the order the sources list them.
--   * Translated text lives in a `<table>_i18n` table: one row per (row, language). A language missing there
--     means "not translated"; readers follow the fallback chain of `language.fallback`. So an eighth
--     language needs rows, never a schema change.
--   * `sample` is 1 on rows that are sample data made up for a demo, 0 on verified facts.
--   * Dates are ISO 8601 text; instants are stored twice: as written in the source, with its UTC offset
--     (`starts_at`), and as Unix seconds (`starts_utc`) for ordering and "now / next".
--   * The bump of `schema_version` (PRAGMA user_version and meta.schema_version) is required whenever this
--     file changes in a way an older loader could misread.
--
-- Integrity: meta.content_checksum is SHA-256 over this schema and every row of every table (see
-- db/snapshot/checksum.cpp), so a changed value that SQLite's own quick_check cannot notice is still caught.

PRAGMA application_id = 1179341646;  -- 0x464B534E, 'FKSN': marks the file as a Forum Kiosk snapshot
PRAGMA user_version = 5;             -- schema_version (5: forum.map_url; 4: the routing mesh; 3: buildings, levels, openings, more place kinds)

-- [SECTION] Snapshot metadata ---------------------------------------------------------------------------
-- Keys: schema_version, content_version (integer, grows with every published snapshot), content_checksum,
-- built_at (UTC, ISO 8601), generator (tool and version), source_dir_name.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Languages offered, in the order of the language picker. `fallback` names the next language to try when
-- a text is missing (kk -> ru -> en); NULL ends the chain.
CREATE TABLE language (
  code         TEXT PRIMARY KEY NOT NULL,
  position     INTEGER NOT NULL,
  native_name  TEXT NOT NULL,         -- the language named in itself: "Қазақша"
  english_name TEXT NOT NULL,
  fallback     TEXT REFERENCES language(code),
  plural_rule  TEXT NOT NULL DEFAULT 'one_other'  -- family of plural forms, see db/model/plural.h
) STRICT;

-- [SECTION] The forum -------------------------------------------------------------------------------------
-- Exactly one row (id = 1).
CREATE TABLE forum (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  code              TEXT NOT NULL,       -- staff's short code: "digital-bridge-2022"
  start_date        TEXT NOT NULL,       -- YYYY-MM-DD, first day
  end_date          TEXT NOT NULL,       -- YYYY-MM-DD, last day
  time_zone         TEXT NOT NULL,       -- IANA name of the venue's zone: "Asia/Almaty"
  utc_offset_min    INTEGER NOT NULL,    -- the venue's offset during the forum, minutes east of UTC (+06:00 = 360)
  default_language  TEXT NOT NULL REFERENCES language(code),  -- the idle reset returns to this language
  idle_timeout_s    INTEGER NOT NULL DEFAULT 60,
  website           TEXT,
  map_url           TEXT                 -- the venue's web map, {place} standing for a location id
) STRICT;

CREATE TABLE forum_i18n (
  lang   TEXT NOT NULL REFERENCES language(code),
  title  TEXT,
  venue  TEXT,
  city   TEXT,
  PRIMARY KEY (lang)
) STRICT, WITHOUT ROWID;

-- [SECTION] Countries and organizations -------------------------------------------------------------------
CREATE TABLE country (
  code   TEXT PRIMARY KEY NOT NULL,      -- ISO 3166-1 alpha-2, upper case
  color  TEXT NOT NULL                   -- "#RRGGBB": booth colour on the map
) STRICT;

CREATE TABLE country_i18n (
  country_code TEXT NOT NULL REFERENCES country(code),
  lang         TEXT NOT NULL REFERENCES language(code),
  name         TEXT,
  PRIMARY KEY (country_code, lang)
) STRICT, WITHOUT ROWID;

-- Logos and other pictures, already decoded once and checked by the build (the kiosk decodes them again,
-- off the UI thread). `sha256` is the hex digest of `bytes`.
CREATE TABLE image (
  id      TEXT PRIMARY KEY NOT NULL,
  mime    TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  width   INTEGER NOT NULL CHECK (width > 0),
  height  INTEGER NOT NULL CHECK (height > 0),
  size    INTEGER NOT NULL,              -- length of bytes
  sha256  TEXT NOT NULL,
  bytes   BLOB NOT NULL
) STRICT;

-- Technology parks, agencies, companies ... Whether one exhibits is in `exhibitor`.
CREATE TABLE organization (
  id            TEXT PRIMARY KEY NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('technopark', 'agency', 'government', 'company',
                                              'international', 'association', 'other')),
  country_code  TEXT REFERENCES country(code),       -- NULL for international bodies
  website       TEXT,
  email         TEXT,
  phone         TEXT,
  logo_image_id TEXT REFERENCES image(id),            -- NULL: the kiosk draws a monogram
  sample        INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE TABLE organization_i18n (
  organization_id TEXT NOT NULL REFERENCES organization(id),
  lang            TEXT NOT NULL REFERENCES language(code),
  name            TEXT,
  short_name      TEXT,
  description     TEXT,
  city            TEXT,
  PRIMARY KEY (organization_id, lang)
) STRICT, WITHOUT ROWID;

-- [SECTION] The floor plan --------------------------------------------------------------------------------
-- Every place on the map. Geometry is in local metres (x east, y north): a polygon (rows in
-- location_vertex, ring not repeated at the end) or a point (x, y here). cx, cy: label anchor (the
-- polygon's centroid, or the point itself). The kinds are the names of db::LocationKind (db/model/catalog.h).
-- The venue's buildings and their levels. A level's ordinal orders levels vertically across the venue (0:
-- ground, -1 below); the map shows one ordinal at a time. No level rows: one level, ordinal 0.
CREATE TABLE building (
  id        TEXT PRIMARY KEY NOT NULL,
  sample    INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE TABLE building_i18n (
  building_id TEXT NOT NULL REFERENCES building(id),
  lang        TEXT NOT NULL REFERENCES language(code),
  name        TEXT,
  PRIMARY KEY (building_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE level (
  id          TEXT PRIMARY KEY NOT NULL,
  building_id TEXT REFERENCES building(id),
  ordinal     INTEGER NOT NULL,
  short_name  TEXT NOT NULL,             -- the switcher's label: "1", "M"
  sample      INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  UNIQUE (building_id, ordinal)
) STRICT;

CREATE TABLE level_i18n (
  level_id TEXT NOT NULL REFERENCES level(id),
  lang     TEXT NOT NULL REFERENCES language(code),
  name     TEXT,
  PRIMARY KEY (level_id, lang)
) STRICT, WITHOUT ROWID;

-- level: the ordinal of the place's level (level.ordinal).
CREATE TABLE location (
  id        TEXT PRIMARY KEY NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('hall', 'booth', 'stage', 'room', 'amenity', 'entrance', 'exit',
                                          'kiosk', 'corridor', 'stairs', 'elevator', 'escalator', 'service',
                                          'floor')),
  level     INTEGER NOT NULL DEFAULT 0,
  shape     TEXT NOT NULL CHECK (shape IN ('polygon', 'point')),
  cx        REAL NOT NULL,
  cy        REAL NOT NULL,
  label     TEXT,                        -- short code printed on the map: "A3"
  amenity   TEXT,                        -- for kind 'amenity': toilet, cafe, info, first_aid, ...
  hall_id   TEXT REFERENCES location(id),
  sample    INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE TABLE location_vertex (
  location_id TEXT NOT NULL REFERENCES location(id),
  seq         INTEGER NOT NULL,          -- 0-based order along the outer ring
  x           REAL NOT NULL,
  y           REAL NOT NULL,
  PRIMARY KEY (location_id, seq)
) STRICT;

-- A place's holes (inner rings of its outline: a courtyard, a column): not part of the place. hole: "1",
-- "2", ... in the outline's order; the ring clockwise, not repeated at the end.
CREATE TABLE location_hole (
  location_id TEXT NOT NULL REFERENCES location(id),
  hole        TEXT NOT NULL,
  PRIMARY KEY (location_id, hole)
) STRICT;

CREATE TABLE location_hole_vertex (
  location_id TEXT NOT NULL,
  hole        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  x           REAL NOT NULL,
  y           REAL NOT NULL,
  PRIMARY KEY (location_id, hole, seq),
  FOREIGN KEY (location_id, hole) REFERENCES location_hole(location_id, hole)
) STRICT;

CREATE TABLE location_i18n (
  location_id TEXT NOT NULL REFERENCES location(id),
  lang        TEXT NOT NULL REFERENCES language(code),
  name        TEXT,
  PRIMARY KEY (location_id, lang)
) STRICT, WITHOUT ROWID;

-- Walkable connections between places: the graph for routing ("how do I get there").
CREATE TABLE walkway (
  id          TEXT PRIMARY KEY NOT NULL,
  from_id     TEXT NOT NULL REFERENCES location(id),
  to_id       TEXT NOT NULL REFERENCES location(id),
  length_m    REAL NOT NULL CHECK (length_m >= 0),
  accessible  INTEGER NOT NULL DEFAULT 1 CHECK (accessible IN (0, 1))   -- step-free
) STRICT;

-- Doors and openings between spaces (IMDF opening): a segment from (ax, ay) to (bx, by) on a level.
CREATE TABLE opening (
  id          TEXT PRIMARY KEY NOT NULL,
  category    TEXT NOT NULL,
  level       INTEGER NOT NULL,
  ax          REAL NOT NULL,
  ay          REAL NOT NULL,
  bx          REAL NOT NULL,
  by          REAL NOT NULL,
  accessible  INTEGER NOT NULL DEFAULT 1 CHECK (accessible IN (0, 1))
) STRICT;

-- The routing mesh (db/model/route_mesh.h): Detour's tiles, built from the plan by the staff tool. None: the
-- plan has no walkable space, and the kiosk offers no routes.
CREATE TABLE route_tile (
  id          INTEGER PRIMARY KEY NOT NULL CHECK (id >= 1),
  data        BLOB NOT NULL
) STRICT;

-- [SECTION] Exhibitors ------------------------------------------------------------------------------------
-- An organization exhibiting at this forum. One booth holds at most one exhibitor.
CREATE TABLE exhibitor (
  organization_id TEXT PRIMARY KEY NOT NULL REFERENCES organization(id),
  booth_id        TEXT UNIQUE REFERENCES location(id),
  category        TEXT,
  featured        INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  sample          INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

-- [SECTION] Agreements ------------------------------------------------------------------------------------
-- Articles and documents facts come from.
CREATE TABLE source (
  id             TEXT PRIMARY KEY NOT NULL,
  title          TEXT NOT NULL,
  publisher      TEXT,
  url            TEXT,
  published_date TEXT,
  lang           TEXT,
  note           TEXT
) STRICT;

CREATE TABLE agreement (
  id          TEXT PRIMARY KEY NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('mou', 'memorandum_of_cooperation', 'agreement', 'other')),
  signed_date TEXT,                      -- YYYY-MM-DD, or YYYY-MM when the day is not known
  online      INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
  source_id   TEXT REFERENCES source(id),
  sample      INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE TABLE agreement_i18n (
  agreement_id TEXT NOT NULL REFERENCES agreement(id),
  lang         TEXT NOT NULL REFERENCES language(code),
  title        TEXT,
  summary      TEXT,
  place        TEXT,
  scope        TEXT,                     -- what it covers, one point per line
  PRIMARY KEY (agreement_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE agreement_party (
  agreement_id    TEXT NOT NULL REFERENCES agreement(id),
  organization_id TEXT NOT NULL REFERENCES organization(id),
  position        INTEGER NOT NULL,      -- order as listed in the source
  role            TEXT NOT NULL DEFAULT 'party' CHECK (role IN ('party', 'witness', 'organizer')),
  source_id       TEXT REFERENCES source(id),
  PRIMARY KEY (agreement_id, organization_id)
) STRICT;

-- Who signed for a party, when a source names them. No row: the source does not say (never guessed).
CREATE TABLE agreement_party_i18n (
  agreement_id     TEXT NOT NULL,
  organization_id  TEXT NOT NULL,
  lang             TEXT NOT NULL REFERENCES language(code),
  signatory_name   TEXT,
  signatory_title  TEXT,
  PRIMARY KEY (agreement_id, organization_id, lang),
  FOREIGN KEY (agreement_id, organization_id) REFERENCES agreement_party(agreement_id, organization_id)
) STRICT, WITHOUT ROWID;

-- One source's claim about one field of an agreement. Where sources disagree (a date given as 1 October
-- by one article and 4 October by another) each claim is kept with its source.
CREATE TABLE agreement_fact (
  agreement_id TEXT NOT NULL REFERENCES agreement(id),
  position     INTEGER NOT NULL,
  field        TEXT NOT NULL,
  value        TEXT NOT NULL,
  source_id    TEXT REFERENCES source(id),
  note         TEXT,
  PRIMARY KEY (agreement_id, position)
) STRICT;

-- [SECTION] The program -----------------------------------------------------------------------------------
-- A room of the program; location_id is NULL when the room is not on the floor plan.
CREATE TABLE room (
  id          TEXT PRIMARY KEY NOT NULL,
  position    INTEGER NOT NULL,          -- order of first appearance in the schedule
  location_id TEXT REFERENCES location(id)
) STRICT;

CREATE TABLE room_i18n (
  room_id TEXT NOT NULL REFERENCES room(id),
  lang    TEXT NOT NULL REFERENCES language(code),
  name    TEXT,
  PRIMARY KEY (room_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE track (
  id     TEXT PRIMARY KEY NOT NULL,
  color  TEXT                            -- "#RRGGBB" or NULL (the kiosk picks one)
) STRICT;

CREATE TABLE track_i18n (
  track_id TEXT NOT NULL REFERENCES track(id),
  lang     TEXT NOT NULL REFERENCES language(code),
  name     TEXT,
  PRIMARY KEY (track_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE session (
  id         TEXT PRIMARY KEY NOT NULL,  -- event id of the schedule export (its guid when the export reuses the id)
  guid       TEXT,
  day_index  INTEGER NOT NULL,           -- 1-based conference day of the export
  day_date   TEXT NOT NULL,              -- YYYY-MM-DD of that conference day
  starts_at  TEXT NOT NULL,              -- ISO 8601 with the venue's offset at that instant
  ends_at    TEXT NOT NULL,
  starts_utc INTEGER NOT NULL,           -- Unix seconds
  ends_utc   INTEGER NOT NULL CHECK (ends_utc >= starts_utc),  -- equal: a moment (00:00 long)
  room_id    TEXT REFERENCES room(id),
  track_id   TEXT REFERENCES track(id),
  kind       TEXT,                       -- the export's type: lecture, panel, ceremony, workshop, ...
  language   TEXT,                       -- spoken language code, as in the export
  sample     INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE TABLE session_i18n (
  session_id  TEXT NOT NULL REFERENCES session(id),
  lang        TEXT NOT NULL REFERENCES language(code),
  title       TEXT,
  subtitle    TEXT,
  description TEXT,
  -- The description's rich form where an export wrote HTML or Markdown: paragraphs, headings, lists, bold,
  -- italic, code, links, as compact JSON (db/model/rich_text.h, docs/SCHEMA.md "Rich text"). Its visible
  -- text is exactly `description` (validate refuses it otherwise); NULL for staff's plain descriptions.
  description_rich TEXT,
  PRIMARY KEY (session_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE person (
  id              TEXT PRIMARY KEY NOT NULL,
  organization_id TEXT REFERENCES organization(id),
  sample          INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE TABLE person_i18n (
  person_id TEXT NOT NULL REFERENCES person(id),
  lang      TEXT NOT NULL REFERENCES language(code),
  name      TEXT,
  title     TEXT,                        -- job title: "CEO of Astana Hub"
  biography TEXT,
  biography_rich TEXT,                   -- its rich form, as description_rich
  PRIMARY KEY (person_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE session_person (
  session_id TEXT NOT NULL REFERENCES session(id),
  person_id  TEXT NOT NULL REFERENCES person(id),
  position   INTEGER NOT NULL,
  role       TEXT NOT NULL DEFAULT 'speaker',
  PRIMARY KEY (session_id, person_id)
) STRICT;

CREATE TABLE session_organization (
  session_id      TEXT NOT NULL REFERENCES session(id),
  organization_id TEXT NOT NULL REFERENCES organization(id),
  role            TEXT NOT NULL DEFAULT 'participant',
  PRIMARY KEY (session_id, organization_id)
) STRICT;

-- [SECTION] Interface text --------------------------------------------------------------------------------
CREATE TABLE ui_string (
  key  TEXT NOT NULL,
  lang TEXT NOT NULL REFERENCES language(code),
  text TEXT NOT NULL,
  PRIMARY KEY (key, lang)
) STRICT;

CREATE INDEX session_by_start ON session(starts_utc);

-- [SECTION] Search ----------------------------------------------------------------------------------------
-- Full-text index of everything a visitor may look for (db/snapshot/search.h), one row per thing and language whose
-- text differs. `name` and `body` hold text already folded by db/snapshot/search_fold.h (lower-case Latin skeleton,
-- words separated by spaces); the visitor's typing is folded the same way, so the ASCII tokenizer suffices.
-- kind: exhibitor, organization, country, agreement, session, person, place; ref: the thing's id.
CREATE VIRTUAL TABLE search USING fts5(
  kind UNINDEXED, ref UNINDEXED, lang UNINDEXED, name, body,
  tokenize = 'ascii', prefix = '1 2 3'
);
