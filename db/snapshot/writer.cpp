#include "db/snapshot/writer.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "db/snapshot/checksum.h"
#include "db/base/files.h"
#include "db/snapshot/schema_sql.h"
#include "db/snapshot/search.h"
#include "db/snapshot/sqlite.h"
#include "db/base/text.h"
#include "db/snapshot/validate.h"

namespace db {

namespace fs = std::filesystem;

namespace {

std::string ColorHex(uint32_t c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06X", c & 0xFFFFFF);
  return buf;
}

std::string NowUtc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return FormatInstant(static_cast<int64_t>(t), 0);
}

// Writes one translation row per language that has any of the given texts.
void WriteI18n(Database& db, const std::string& table, const std::vector<std::string>& keys,
               const std::vector<std::string>& key_values, const std::vector<std::pair<const char*, const Text*>>& fields) {
  std::map<std::string, bool> langs;
  for (const auto& [name, t] : fields)
    for (const auto& [lang, s] : t->by_lang) langs[lang] = true;
  if (langs.empty()) return;
  std::string cols, marks;
  for (const auto& k : keys) cols += k + ", ", marks += "?, ";
  cols += "lang";
  marks += "?";
  for (const auto& [name, t] : fields) cols += std::string(", ") + name, marks += ", ?";
  auto st = db.Prepare("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")");
  for (const auto& [lang, unused] : langs) {
    int i = 1;
    for (const auto& v : key_values) st.Bind(i++, std::string_view(v));
    st.Bind(i++, std::string_view(lang));
    for (const auto& [name, t] : fields) {
      const std::string* s = t->Find(lang);
      if (s) st.Bind(i++, std::string_view(*s));
      else st.BindNull(i++);
    }
    st.Run();
  }
}

void WriteAll(Database& db, const Catalog& c, int64_t content_version) {
  auto meta = db.Prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"schema_version", std::to_string(kSchemaVersion)},
           {"content_version", std::to_string(content_version)},
           {"built_at", NowUtc()},
           {"generator", "kiosk-snapshot " FORUM_KIOSK_VERSION},
           {"forum", c.forum.code}}) {
    meta.Bind(1, std::string_view(k)).Bind(2, std::string_view(v));
    meta.Run();
  }
  {
    auto st = db.Prepare("INSERT INTO language (code, position, native_name, english_name, fallback, plural_rule) VALUES (?,?,?,?,?,?)");
    int64_t pos = 0;
    for (const auto& l : c.languages) {
      st.Bind(1, std::string_view(l.code)).Bind(2, pos++).Bind(3, std::string_view(l.native_name));
      st.Bind(4, std::string_view(l.english_name)).BindNullable(5, l.fallback).Bind(6, std::string_view(l.plural_rule));
      st.Run();
    }
  }
  {
    const Forum& f = c.forum;
    auto st = db.Prepare(
        "INSERT INTO forum (id, code, start_date, end_date, time_zone, utc_offset_min, default_language, "
        "idle_timeout_s, website) VALUES (1,?,?,?,?,?,?,?,?)");
    st.Bind(1, std::string_view(f.code)).Bind(2, std::string_view(f.start_date)).Bind(3, std::string_view(f.end_date));
    st.Bind(4, std::string_view(f.time_zone)).Bind(5, int64_t{f.utc_offset_min}).Bind(6, std::string_view(f.default_language));
    st.Bind(7, int64_t{f.idle_timeout_s}).BindNullable(8, f.website);
    st.Run();
    WriteI18n(db, "forum_i18n", {}, {}, {{"title", &f.title}, {"venue", &f.venue}, {"city", &f.city}});
  }
  {
    auto st = db.Prepare("INSERT INTO country (code, color) VALUES (?, ?)");
    for (const auto& x : c.countries) {
      st.Bind(1, std::string_view(x.code)).Bind(2, std::string_view(ColorHex(x.color)));
      st.Run();
      WriteI18n(db, "country_i18n", {"country_code"}, {x.code}, {{"name", &x.name}});
    }
  }
  {
    auto st = db.Prepare("INSERT INTO image (id, mime, width, height, size, sha256, bytes) VALUES (?,?,?,?,?,?,?)");
    for (const auto& x : c.images) {
      st.Bind(1, std::string_view(x.id)).Bind(2, std::string_view(x.mime)).Bind(3, int64_t{x.width}).Bind(4, int64_t{x.height});
      st.Bind(5, static_cast<int64_t>(x.bytes.size())).Bind(6, std::string_view(x.sha256)).BindBlob(7, x.bytes.data(), x.bytes.size());
      st.Run();
    }
  }
  {
    auto st = db.Prepare(
        "INSERT INTO organization (id, kind, country_code, website, email, phone, logo_image_id, sample) "
        "VALUES (?,?,?,?,?,?,?,?)");
    for (const auto& x : c.organizations) {
      st.Bind(1, std::string_view(x.id)).Bind(2, std::string_view(x.kind)).BindNullable(3, x.country_code);
      st.BindNullable(4, x.website).BindNullable(5, x.email).BindNullable(6, x.phone).BindNullable(7, x.logo_image_id);
      st.Bind(8, int64_t{x.sample});
      st.Run();
      WriteI18n(db, "organization_i18n", {"organization_id"}, {x.id},
                {{"name", &x.name}, {"short_name", &x.short_name}, {"description", &x.description}, {"city", &x.city}});
    }
  }
  {
    auto st = db.Prepare(
        "INSERT INTO location (id, kind, level, shape, cx, cy, label, amenity, hall_id, sample) VALUES (?,?,?,?,?,?,?,?,?,?)");
    auto vx = db.Prepare("INSERT INTO location_vertex (location_id, seq, x, y) VALUES (?,?,?,?)");
    // Halls first: other places refer to them.
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& x : c.locations) {
        if ((x.kind == "hall") != (pass == 0)) continue;
        st.Bind(1, std::string_view(x.id)).Bind(2, std::string_view(x.kind)).Bind(3, int64_t{x.level});
        st.Bind(4, std::string_view(x.is_polygon ? "polygon" : "point")).Bind(5, x.anchor.x).Bind(6, x.anchor.y);
        st.BindNullable(7, x.label).BindNullable(8, x.amenity).BindNullable(9, x.hall_id).Bind(10, int64_t{x.sample});
        st.Run();
        int64_t seq = 0;
        for (const auto& p : x.ring) {
          vx.Bind(1, std::string_view(x.id)).Bind(2, seq++).Bind(3, p.x).Bind(4, p.y);
          vx.Run();
        }
        WriteI18n(db, "location_i18n", {"location_id"}, {x.id}, {{"name", &x.name}});
      }
  }
  {
    auto st = db.Prepare("INSERT INTO walkway (id, from_id, to_id, length_m, accessible) VALUES (?,?,?,?,?)");
    for (const auto& w : c.walkways) {
      st.Bind(1, std::string_view(w.id)).Bind(2, std::string_view(w.from_id)).Bind(3, std::string_view(w.to_id));
      st.Bind(4, w.length_m).Bind(5, int64_t{w.accessible});
      st.Run();
    }
  }
  {
    auto st = db.Prepare("INSERT INTO exhibitor (organization_id, booth_id, category, featured, sample) VALUES (?,?,?,?,?)");
    for (const auto& x : c.exhibitors) {
      st.Bind(1, std::string_view(x.organization_id)).BindNullable(2, x.booth_id).BindNullable(3, x.category);
      st.Bind(4, int64_t{x.featured}).Bind(5, int64_t{x.sample});
      st.Run();
    }
  }
  {
    auto st = db.Prepare("INSERT INTO source (id, title, publisher, url, published_date, lang, note) VALUES (?,?,?,?,?,?,?)");
    for (const auto& s : c.sources) {
      st.Bind(1, std::string_view(s.id)).Bind(2, std::string_view(s.title)).BindNullable(3, s.publisher);
      st.BindNullable(4, s.url).BindNullable(5, s.published_date).BindNullable(6, s.lang).BindNullable(7, s.note);
      st.Run();
    }
  }
  {
    auto st = db.Prepare("INSERT INTO agreement (id, kind, signed_date, online, source_id, sample) VALUES (?,?,?,?,?,?)");
    auto party = db.Prepare(
        "INSERT INTO agreement_party (agreement_id, organization_id, position, role, source_id) VALUES (?,?,?,?,?)");
    auto fact = db.Prepare(
        "INSERT INTO agreement_fact (agreement_id, position, field, value, source_id, note) VALUES (?,?,?,?,?,?)");
    for (const auto& a : c.agreements) {
      st.Bind(1, std::string_view(a.id)).Bind(2, std::string_view(a.kind)).BindNullable(3, a.signed_date);
      st.Bind(4, int64_t{a.online}).BindNullable(5, a.source_id).Bind(6, int64_t{a.sample});
      st.Run();
      WriteI18n(db, "agreement_i18n", {"agreement_id"}, {a.id},
                {{"title", &a.title}, {"summary", &a.summary}, {"place", &a.place}, {"scope", &a.scope}});
      int64_t pos = 0;
      for (const auto& p : a.parties) {
        party.Bind(1, std::string_view(a.id)).Bind(2, std::string_view(p.organization_id)).Bind(3, pos++);
        party.Bind(4, std::string_view(p.role)).BindNullable(5, p.source_id);
        party.Run();
        WriteI18n(db, "agreement_party_i18n", {"agreement_id", "organization_id"}, {a.id, p.organization_id},
                  {{"signatory_name", &p.signatory_name}, {"signatory_title", &p.signatory_title}});
      }
      pos = 0;
      for (const auto& f : a.facts) {
        fact.Bind(1, std::string_view(a.id)).Bind(2, pos++).Bind(3, std::string_view(f.field)).Bind(4, std::string_view(f.value));
        fact.BindNullable(5, f.source_id).BindNullable(6, f.note);
        fact.Run();
      }
    }
  }
  {
    auto st = db.Prepare("INSERT INTO room (id, position, location_id) VALUES (?,?,?)");
    int64_t pos = 0;
    for (const auto& r : c.rooms) {
      st.Bind(1, std::string_view(r.id)).Bind(2, pos++).BindNullable(3, r.location_id);
      st.Run();
      WriteI18n(db, "room_i18n", {"room_id"}, {r.id}, {{"name", &r.name}});
    }
  }
  {
    auto st = db.Prepare("INSERT INTO track (id, color) VALUES (?,?)");
    for (const auto& t : c.tracks) {
      st.Bind(1, std::string_view(t.id)).BindNullable(2, t.color);
      st.Run();
      WriteI18n(db, "track_i18n", {"track_id"}, {t.id}, {{"name", &t.name}});
    }
  }
  {
    auto st = db.Prepare("INSERT INTO person (id, organization_id, sample) VALUES (?,?,?)");
    for (const auto& p : c.people) {
      st.Bind(1, std::string_view(p.id)).BindNullable(2, p.organization_id).Bind(3, int64_t{p.sample});
      st.Run();
      WriteI18n(db, "person_i18n", {"person_id"}, {p.id}, {{"name", &p.name}, {"title", &p.title}, {"biography", &p.biography}});
    }
  }
  {
    auto st = db.Prepare(
        "INSERT INTO session (id, guid, day_index, day_date, starts_at, ends_at, starts_utc, ends_utc, room_id, "
        "track_id, kind, language, sample) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto sp = db.Prepare("INSERT INTO session_person (session_id, person_id, position, role) VALUES (?,?,?,?)");
    auto so = db.Prepare("INSERT INTO session_organization (session_id, organization_id, role) VALUES (?,?,?)");
    for (const auto& s : c.sessions) {
      st.Bind(1, std::string_view(s.id)).BindNullable(2, s.guid).Bind(3, int64_t{s.day_index}).Bind(4, std::string_view(s.day_date));
      st.Bind(5, std::string_view(s.starts_at)).Bind(6, std::string_view(s.ends_at)).Bind(7, s.starts_utc).Bind(8, s.ends_utc);
      st.BindNullable(9, s.room_id).BindNullable(10, s.track_id).BindNullable(11, s.kind).BindNullable(12, s.language);
      st.Bind(13, int64_t{s.sample});
      st.Run();
      WriteI18n(db, "session_i18n", {"session_id"}, {s.id},
                {{"title", &s.title}, {"subtitle", &s.subtitle}, {"description", &s.description}});
      int64_t pos = 0;
      for (const auto& p : s.people) {
        sp.Bind(1, std::string_view(s.id)).Bind(2, std::string_view(p.person_id)).Bind(3, pos++).Bind(4, std::string_view(p.role));
        sp.Run();
      }
      for (const auto& o : s.organizations) {
        so.Bind(1, std::string_view(s.id)).Bind(2, std::string_view(o.organization_id)).Bind(3, std::string_view(o.role));
        so.Run();
      }
    }
  }
  {
    auto st = db.Prepare("INSERT INTO ui_string (key, lang, text) VALUES (?,?,?)");
    for (const auto& [key, text] : c.ui_strings)
      for (const auto& [lang, s] : text.by_lang) {
        st.Bind(1, std::string_view(key)).Bind(2, std::string_view(lang)).Bind(3, std::string_view(s));
        st.Run();
      }
  }
}

}  // namespace

Result<std::string> WriteSnapshot(const Catalog& catalog, const std::string& path, int64_t content_version) {
  fs::path out = fs::absolute(path);
  fs::path tmp = out;
  tmp += ".partial-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    {
      Database db(tmp.string(), Database::Mode::ReadWriteCreate);
      db.Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;");
      db.Exec(kSchemaSql);
      db.Exec("BEGIN; PRAGMA defer_foreign_keys = ON;");
      WriteAll(db, catalog, content_version);
      WriteSearchIndex(db, catalog);
      db.Exec("COMMIT");
      std::string sum = ContentChecksum(db);
      auto st = db.Prepare("INSERT INTO meta (key, value) VALUES ('content_checksum', ?)");
      st.Bind(1, std::string_view(sum));
      st.Run();
      db.Exec("VACUUM");
    }
    // The finished file must pass the same checks the kiosk applies before it is put in place.
    Diagnostics check = ValidateSnapshot(tmp.string());
    if (check.has_errors()) {
      std::string why;
      size_t n = 0;
      for (const auto& d : check.items())
        if (d.severity == Severity::Error && n++ < 20) why += "\n  " + Format(d);
      if (n > 20) why += "\n  ... and " + std::to_string(n - 20) + " more";
      fs::remove(tmp, ec);
      return Error{"the written snapshot does not validate:" + why};
    }
    if (!FsyncPath(tmp.string(), false)) throw SqliteError("cannot fsync " + tmp.string());
    fs::rename(tmp, out, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return Error{"cannot move the snapshot into place at " + out.string() + ": " + ec.message()};
    }
    FsyncPath(out.parent_path().string(), true);
    return out.string();
  } catch (const SqliteError& e) {
    fs::remove(tmp, ec);
    return Error{std::string("cannot write the snapshot: ") + e.what()};
  }
}

}  // namespace db
