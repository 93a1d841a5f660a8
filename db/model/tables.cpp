// Index of this file
// [SECTION] Values: members to and from the values a column holds
// [SECTION] Columns: one column of a table and the member it maps to
// [SECTION] Owners: the rows a child table hangs off, and their keys
// [SECTION] Table kinds: rows of a vector, one struct, translations
// [SECTION] The snapshot's tables  <- a new column goes here (docs/SCHEMA.md)
// [SECTION] Meta and the text walk
#include "db/model/tables.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>

namespace db {

namespace {

using Keys = std::vector<std::string>;  // the values of the columns naming a row, in order
using TextFn = std::function<void(const TextRef&)>;

// [SECTION] Values ----------------------------------------------------------------------------------------

int64_t AsInt(const FieldValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  return 0;
}

const std::string& AsText(const FieldValue& v) {
  static const std::string kEmpty;
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : kEmpty;
}

FieldValue ToValue(const std::string& s) { return s; }
FieldValue ToValue(int v) { return int64_t{v}; }
FieldValue ToValue(int64_t v) { return v; }
FieldValue ToValue(bool v) { return int64_t{v}; }
FieldValue ToValue(double v) { return v; }
FieldValue ToValue(const std::vector<unsigned char>& b) { return b; }

// NULL reads as the member's empty value ("" for a text).
void FromValue(FieldValue&& v, std::string& out) {
  if (auto* s = std::get_if<std::string>(&v)) out = std::move(*s);
  else out.clear();
}
void FromValue(FieldValue&& v, int& out) { out = static_cast<int>(AsInt(v)); }
void FromValue(FieldValue&& v, int64_t& out) { out = AsInt(v); }
void FromValue(FieldValue&& v, bool& out) { out = AsInt(v) != 0; }
void FromValue(FieldValue&& v, double& out) {
  const auto* d = std::get_if<double>(&v);
  out = d ? *d : static_cast<double>(AsInt(v));
}
void FromValue(FieldValue&& v, std::vector<unsigned char>& out) {
  if (auto* b = std::get_if<std::vector<unsigned char>>(&v)) out = std::move(*b);
  else out.clear();
}

// [SECTION] Columns ---------------------------------------------------------------------------------------

enum class Seen { No, Yes };  // whether a text column is one a visitor sees (ForEachText walks it)

// One column of R's table and the member it maps to. `set` is empty for a column derived from other members
// when written and not read back (image.size); `shown` is set for a plain text a visitor sees.
template <class R>
struct Field {
  std::string_view column;
  std::function<FieldValue(const R&)> get;
  std::function<void(R&, FieldValue&&)> set;
  std::function<const std::string*(const R&)> shown = {};
};

template <class R, class T>
Field<R> Member(std::string_view column, T R::*m, bool null_when_empty, Seen seen) {
  Field<R> f{column, nullptr, [m](R& r, FieldValue&& v) { FromValue(std::move(v), r.*m); }};
  if constexpr (std::is_same_v<T, std::string>) {
    f.get = [m, null_when_empty](const R& r) { return null_when_empty && (r.*m).empty() ? FieldValue{} : ToValue(r.*m); };
    if (seen == Seen::Yes) f.shown = [m](const R& r) { return &(r.*m); };
  } else {
    f.get = [m](const R& r) { return ToValue(r.*m); };
  }
  return f;
}

// A NOT NULL column holding the member as it is (a bool as 0/1, a text "" as "").
template <class R, class T>
Field<R> Req(std::string_view column, T R::*m, Seen seen = Seen::No) {
  return Member(column, m, false, seen);
}
// A text column where NULL stands for "" (an optional text).
template <class R>
Field<R> Opt(std::string_view column, std::string R::*m, Seen seen = Seen::No) {
  return Member(column, m, true, seen);
}

// A translated member: the column of the same name in the owner's `_i18n` table.
template <class P>
struct TextField {
  std::string_view column;
  Text P::*member;
  Seen seen = Seen::Yes;
};

// [SECTION] Owners ----------------------------------------------------------------------------------------

// The rows a table's rows belong to: the catalog itself for a top-level table, an agreement for its parties.
// `key` names the columns that hold an owner's key in the child table; `id` is the owner as ForEachText
// names it.
template <class P>
struct Owners {
  std::string_view table;
  std::vector<std::string_view> key;
  std::function<void(const CatalogData&, const std::function<void(const Keys&, const P&)>&)> each;
  std::function<void(CatalogData&, const std::function<void(const Keys&, P&)>&)> each_mut;
  std::function<std::string(const Keys&, const P&)> id;
};

std::string Join(const Keys& k) {
  std::string out;
  for (const auto& x : k) out += (out.empty() ? "" : "/") + x;
  return out;
}

Owners<CatalogData> TheCatalog() {
  return {"", {},
          [](const CatalogData& c, const auto& fn) { fn(Keys{}, c); },
          [](CatalogData& c, const auto& fn) { fn(Keys{}, c); },
          [](const Keys& k, const auto&) { return Join(k); }};
}

// The rows of a top-level vector, each named by one column holding its `id` member.
template <class P>
Owners<P> Each(std::string_view table, std::vector<P> CatalogData::*rows, std::string_view key_column,
               std::string P::*id) {
  return {table, {key_column},
          [rows, id](const CatalogData& c, const auto& fn) {
            for (const P& x : c.*rows) fn(Keys{x.*id}, x);
          },
          [rows, id](CatalogData& c, const auto& fn) {
            for (P& x : c.*rows) fn(Keys{x.*id}, x);
          },
          [](const Keys& k, const auto&) { return Join(k); }};
}

// The rows of a vector inside each owner of `outer`, named by the owner's key and one more column.
template <class O, class P>
Owners<P> Inside(const Owners<O>& outer, std::string_view table, std::vector<P> O::*rows,
                 std::string_view key_column, std::string P::*id) {
  Owners<P> out{table, outer.key, nullptr, nullptr, nullptr};
  out.key.push_back(key_column);
  out.each = [outer, rows, id](const CatalogData& c, const auto& fn) {
    outer.each(c, [&](const Keys& k, const O& o) {
      for (const P& x : o.*rows) {
        Keys kk = k;
        kk.push_back(x.*id);
        fn(kk, x);
      }
    });
  };
  out.each_mut = [outer, rows, id](CatalogData& c, const auto& fn) {
    outer.each_mut(c, [&](const Keys& k, O& o) {
      for (P& x : o.*rows) {
        Keys kk = k;
        kk.push_back(x.*id);
        fn(kk, x);
      }
    });
  };
  out.id = [](const Keys& k, const P&) { return Join(k); };  // ForEachText names a party "agreement/organization"
  return out;
}

// Owners by key, for a loader: built once the owners' table is loaded (their vectors no longer move).
template <class P>
std::map<Keys, P*> IndexOwners(const Owners<P>& owners, CatalogData& c) {
  std::map<Keys, P*> ix;
  owners.each_mut(c, [&](const Keys& k, P& p) { ix.emplace(k, &p); });  // emplace keeps the first duplicate
  return ix;
}

Keys KeysOf(const RowValues& row, size_t n) {
  Keys k;
  for (size_t i = 0; i < n; ++i) k.push_back(AsText(row[i]));
  return k;
}

template <class T>
const Origin& OriginOf(const T& x) {
  static const Origin kNowhere;
  if constexpr (requires { x.origin; }) return x.origin;
  else return kNowhere;
}

// [SECTION] Table kinds -----------------------------------------------------------------------------------

// A table whose rows are the elements of `owner.*rows` for every owner; a row's columns are the owner's key,
// the row's index among its owner's rows when the table keeps one (`position`), then `fields`.
template <class P, class R>
struct RowsSpec {
  std::string_view name;
  Owners<P> owners;
  std::vector<R> P::*rows;
  std::vector<Field<R>> fields;
  std::string_view position = {};
  std::string order_by = {};                // default: the owner's key, then position, else rowid
  std::string R::*id = nullptr;             // the row's id for ForEachText (rows with shown texts)
  std::function<bool(const R&)> first = {};  // rows written before the others (they keep rowid order)
};

template <class P, class R>
std::vector<std::string_view> ColumnsOf(const RowsSpec<P, R>& s) {
  std::vector<std::string_view> cols = s.owners.key;
  if (!s.position.empty()) cols.push_back(s.position);
  for (const auto& f : s.fields) cols.push_back(f.column);
  return cols;
}

template <class P, class R>
TableDescription Rows(RowsSpec<P, R> s) {
  TableDescription t{s.name, ColumnsOf(s), s.order_by, nullptr, nullptr, nullptr};
  if (t.order_by.empty()) {
    for (auto k : s.owners.key) t.order_by += std::string(k) + ", ";
    t.order_by += s.position.empty() ? "rowid" : std::string(s.position);
  }
  t.rows = [s](const CatalogData& c, const std::function<void(RowValues&&)>& out) {
    s.owners.each(c, [&](const Keys& k, const P& owner) {
      const std::vector<R>& v = owner.*(s.rows);
      std::vector<size_t> order(v.size());
      std::iota(order.begin(), order.end(), size_t{0});
      if (s.first) std::stable_partition(order.begin(), order.end(), [&](size_t i) { return s.first(v[i]); });
      for (size_t i : order) {
        RowValues row(k.begin(), k.end());
        if (!s.position.empty()) row.emplace_back(static_cast<int64_t>(i));
        for (const auto& f : s.fields) row.push_back(f.get(v[i]));
        out(std::move(row));
      }
    });
  };
  t.loader = [s](CatalogData& c) -> std::function<void(RowValues&&)> {
    return [s, owners = IndexOwners(s.owners, c)](RowValues&& row) {
      auto it = owners.find(KeysOf(row, s.owners.key.size()));
      if (it == owners.end()) return;
      R x;
      size_t i = s.owners.key.size() + (s.position.empty() ? 0 : 1);
      for (const auto& f : s.fields) {
        if (f.set) f.set(x, std::move(row[i]));
        ++i;
      }
      (it->second->*(s.rows)).push_back(std::move(x));
    };
  };
  t.texts = [s](const CatalogData& c, const TextFn& fn) {
    if (!s.id) return;
    s.owners.each(c, [&](const Keys&, const P& owner) {
      for (const R& x : owner.*(s.rows))
        for (const auto& f : s.fields)
          if (f.shown)
            if (const std::string* text = f.shown(x); !text->empty())
              fn({s.name, x.*(s.id), f.column, {}, *text, OriginOf(x)});
    });
  };
  return t;
}

// A table of one row, `c.*member` (the forum).
template <class R>
TableDescription One(std::string_view name, R CatalogData::*member, std::vector<Field<R>> fields) {
  TableDescription t{name, {}, "rowid", nullptr, nullptr, nullptr};
  for (const auto& f : fields) t.columns.push_back(f.column);
  t.rows = [member, fields](const CatalogData& c, const std::function<void(RowValues&&)>& out) {
    RowValues row;
    for (const auto& f : fields) row.push_back(f.get(c.*member));
    out(std::move(row));
  };
  t.loader = [member, fields](CatalogData& c) -> std::function<void(RowValues&&)> {
    return [&c, member, fields](RowValues&& row) {
      for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].set) fields[i].set(c.*member, std::move(row[i]));
    };
  };
  t.texts = [](const CatalogData&, const TextFn&) {};
  return t;
}

// The translations of each owner's Text members: one row per owner and language that has any of them; the
// columns are the owner's key, `lang`, then one per member (NULL where that language has no text).
template <class P>
TableDescription Translations(std::string_view name, Owners<P> owners, std::vector<TextField<P>> fields) {
  TableDescription t{name, owners.key, "", nullptr, nullptr, nullptr};
  t.columns.push_back("lang");
  for (const auto& f : fields) t.columns.push_back(f.column);
  for (auto k : owners.key) t.order_by += std::string(k) + ", ";
  t.order_by += "lang";
  t.rows = [owners, fields](const CatalogData& c, const std::function<void(RowValues&&)>& out) {
    owners.each(c, [&](const Keys& k, const P& owner) {
      std::map<std::string, bool> langs;
      for (const auto& f : fields)
        for (const auto& [lang, s] : (owner.*(f.member)).by_lang) langs[lang] = true;
      for (const auto& [lang, unused] : langs) {
        RowValues row(k.begin(), k.end());
        row.emplace_back(lang);
        for (const auto& f : fields) {
          const std::string* s = (owner.*(f.member)).Find(lang);
          row.push_back(s ? FieldValue{*s} : FieldValue{});
        }
        out(std::move(row));
      }
    });
  };
  t.loader = [owners, fields](CatalogData& c) -> std::function<void(RowValues&&)> {
    return [owners, fields, ix = IndexOwners(owners, c)](RowValues&& row) {
      auto it = ix.find(KeysOf(row, owners.key.size()));
      if (it == ix.end()) return;
      const std::string lang = AsText(row[owners.key.size()]);
      for (size_t i = 0; i < fields.size(); ++i)
        if (auto* s = std::get_if<std::string>(&row[owners.key.size() + 1 + i]))
          (it->second->*(fields[i].member)).by_lang[lang] = std::move(*s);
    };
  };
  t.texts = [owners, fields](const CatalogData& c, const TextFn& fn) {
    owners.each(c, [&](const Keys& k, const P& owner) {
      std::string id = owners.id(k, owner);
      for (const auto& f : fields)
        if (f.seen == Seen::Yes)
          for (const auto& [lang, text] : (owner.*(f.member)).by_lang)
            fn({owners.table, id, f.column, lang, text, OriginOf(owner)});
    });
  };
  return t;
}

// [SECTION] The snapshot's tables -------------------------------------------------------------------------
// One entry per table of schema.sql, in the order the writer fills them (parents before children). A new
// column: a line in its table here and the column in schema.sql (docs/SCHEMA.md).

std::string ColorHex(uint32_t c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06X", c & 0xFFFFFF);
  return buf;
}

// Not ParseColor: the loader keeps what the file says, so that validate can refuse a stored colour that is
// not #RRGGBB (a longer hex string comes out above 0xFFFFFF, which CheckCatalog reports).
uint32_t ColorFromHex(const std::string& s) {
  return static_cast<uint32_t>(std::strtoul(s.c_str() + (s.empty() ? 0 : 1), nullptr, 16));
}

// ui_string: key -> Text, one row per key and language (no `_i18n` table: the text is the whole row).
TableDescription UiStrings() {
  TableDescription t{"ui_string", {"key", "lang", "text"}, "rowid", nullptr, nullptr, nullptr};
  t.rows = [](const CatalogData& c, const std::function<void(RowValues&&)>& out) {
    for (const auto& [key, text] : c.ui_strings)
      for (const auto& [lang, s] : text.by_lang) out({key, lang, s});
  };
  t.loader = [](CatalogData& c) -> std::function<void(RowValues&&)> {
    return [&c](RowValues&& row) { c.ui_strings[AsText(row[0])].by_lang[AsText(row[1])] = AsText(row[2]); };
  };
  t.texts = [](const CatalogData& c, const TextFn& fn) {
    static const Origin kNowhere;
    for (const auto& [key, text] : c.ui_strings)
      for (const auto& [lang, s] : text.by_lang) fn({"ui_string", key, "text", lang, s, kNowhere});
  };
  return t;
}

// Why this is long: it is the one description of every table, a list read top to bottom like schema.sql,
// one line per column; split up, a reader would have to piece the snapshot together again.
std::vector<TableDescription> MakeTables() {
  using C = CatalogData;
  const auto top = TheCatalog();
  std::vector<TableDescription> t;

  t.push_back(Rows<C, Language>({"language", top, &C::languages, {
      Req("code", &Language::code),
      Req("native_name", &Language::native_name, Seen::Yes),
      Req("english_name", &Language::english_name),
      Opt("fallback", &Language::fallback),
      Req("plural_rule", &Language::plural_rule)},
      "position", "", &Language::code}));

  t.push_back(One<Forum>("forum", &C::forum, {
      {"id", [](const Forum&) { return FieldValue{int64_t{1}}; }, nullptr},  // the one row
      Req("code", &Forum::code),
      Req("start_date", &Forum::start_date),
      Req("end_date", &Forum::end_date),
      Req("time_zone", &Forum::time_zone),
      Req("utc_offset_min", &Forum::utc_offset_min),
      Req("default_language", &Forum::default_language),
      Req("idle_timeout_s", &Forum::idle_timeout_s),
      Opt("website", &Forum::website),
      Opt("map_url", &Forum::map_url)}));
  Owners<Forum> forum{"forum", {},
                      [](const C& c, const auto& fn) { fn(Keys{}, c.forum); },
                      [](C& c, const auto& fn) { fn(Keys{}, c.forum); },
                      [](const Keys&, const Forum& f) { return f.code; }};
  t.push_back(Translations<Forum>("forum_i18n", forum, {
      {"title", &Forum::title}, {"venue", &Forum::venue}, {"city", &Forum::city}}));

  t.push_back(Rows<C, Country>({"country", top, &C::countries, {
      Req("code", &Country::code),
      {"color", [](const Country& x) { return FieldValue{ColorHex(x.color)}; },
                [](Country& x, FieldValue&& v) { x.color = ColorFromHex(AsText(v)); }}}}));
  t.push_back(Translations<Country>("country_i18n", Each("country", &C::countries, "country_code", &Country::code), {
      {"name", &Country::name}}));

  t.push_back(Rows<C, Image>({"image", top, &C::images, {
      Req("id", &Image::id),
      Req("mime", &Image::mime),
      Req("width", &Image::width),
      Req("height", &Image::height),
      {"size", [](const Image& x) { return FieldValue{static_cast<int64_t>(x.bytes.size())}; }, nullptr},
      Req("sha256", &Image::sha256),
      Req("bytes", &Image::bytes)}}));

  t.push_back(Rows<C, Organization>({"organization", top, &C::organizations, {
      Req("id", &Organization::id),
      Req("kind", &Organization::kind),
      Opt("country_code", &Organization::country_code),
      Opt("website", &Organization::website, Seen::Yes),
      Opt("email", &Organization::email, Seen::Yes),
      Opt("phone", &Organization::phone, Seen::Yes),
      Opt("logo_image_id", &Organization::logo_image_id),
      Req("sample", &Organization::sample)},
      "", "", &Organization::id}));
  t.push_back(Translations<Organization>(
      "organization_i18n", Each("organization", &C::organizations, "organization_id", &Organization::id), {
      {"name", &Organization::name}, {"short_name", &Organization::short_name},
      {"description", &Organization::description}, {"city", &Organization::city}}));

  t.push_back(Rows<C, Building>({"building", top, &C::buildings, {
      Req("id", &Building::id),
      Req("sample", &Building::sample)},
      "", "", &Building::id}));
  t.push_back(Translations<Building>("building_i18n", Each("building", &C::buildings, "building_id", &Building::id), {
      {"name", &Building::name}}));
  t.push_back(Rows<C, Level>({"level", top, &C::levels, {
      Req("id", &Level::id),
      Opt("building_id", &Level::building_id),
      Req("ordinal", &Level::ordinal),
      Req("short_name", &Level::short_name, Seen::Yes),
      Req("sample", &Level::sample)},
      "", "", &Level::id}));
  t.push_back(Translations<Level>("level_i18n", Each("level", &C::levels, "level_id", &Level::id), {
      {"name", &Level::name}}));

  auto locations = Each("location", &C::locations, "location_id", &Location::id);
  t.push_back(Rows<C, Location>({"location", top, &C::locations, {
      Req("id", &Location::id),
      {"kind", [](const Location& x) { return FieldValue{std::string(NameOf(x.kind))}; },
               [](Location& x, FieldValue&& v) {
                 if (!LocationKindFromName(AsText(v), x.kind)) throw BadValue("location.kind '" + AsText(v) + "' is not a kind");
               }},
      Req("level", &Location::level),
      {"shape", [](const Location& x) { return FieldValue{std::string(x.is_polygon ? "polygon" : "point")}; },
                [](Location& x, FieldValue&& v) { x.is_polygon = AsText(v) == "polygon"; }},
      {"cx", [](const Location& x) { return FieldValue{x.anchor.x}; },
             [](Location& x, FieldValue&& v) { FromValue(std::move(v), x.anchor.x); }},
      {"cy", [](const Location& x) { return FieldValue{x.anchor.y}; },
             [](Location& x, FieldValue&& v) { FromValue(std::move(v), x.anchor.y); }},
      Opt("label", &Location::label, Seen::Yes),
      Opt("amenity", &Location::amenity),
      Opt("hall_id", &Location::hall_id),
      Req("sample", &Location::sample)},
      "", "", &Location::id,
      [](const Location& x) { return x.kind == LocationKind::Hall; }}));  // halls first: other places refer to them
  t.push_back(Rows<Location, Point>({"location_vertex", locations, &Location::ring, {
      Req("x", &Point::x), Req("y", &Point::y)},
      "seq"}));
  t.push_back(Rows<Location, Hole>({"location_hole", locations, &Location::holes, {Req("hole", &Hole::id)}}));
  t.push_back(Rows<Hole, Point>({"location_hole_vertex", Inside(locations, "location_hole", &Location::holes, "hole", &Hole::id),
      &Hole::ring, {Req("x", &Point::x), Req("y", &Point::y)}, "seq"}));
  t.push_back(Translations<Location>("location_i18n", locations, {{"name", &Location::name}}));

  t.push_back(Rows<C, Walkway>({"walkway", top, &C::walkways, {
      Req("id", &Walkway::id),
      Req("from_id", &Walkway::from_id),
      Req("to_id", &Walkway::to_id),
      Req("length_m", &Walkway::length_m),
      Req("accessible", &Walkway::accessible)}}));

  t.push_back(Rows<C, Opening>({"opening", top, &C::openings, {
      Req("id", &Opening::id),
      Req("category", &Opening::category),
      Req("level", &Opening::level),
      {"ax", [](const Opening& x) { return FieldValue{x.a.x}; }, [](Opening& x, FieldValue&& v) { FromValue(std::move(v), x.a.x); }},
      {"ay", [](const Opening& x) { return FieldValue{x.a.y}; }, [](Opening& x, FieldValue&& v) { FromValue(std::move(v), x.a.y); }},
      {"bx", [](const Opening& x) { return FieldValue{x.b.x}; }, [](Opening& x, FieldValue&& v) { FromValue(std::move(v), x.b.x); }},
      {"by", [](const Opening& x) { return FieldValue{x.b.y}; }, [](Opening& x, FieldValue&& v) { FromValue(std::move(v), x.b.y); }},
      Req("accessible", &Opening::accessible)}}));

  t.push_back(Rows<C, RouteTile>({"route_tile", top, &C::route_tiles, {
      Req("id", &RouteTile::id),
      Req("data", &RouteTile::data)},
      "", "id"}));

  t.push_back(Rows<C, Exhibitor>({"exhibitor", top, &C::exhibitors, {
      Req("organization_id", &Exhibitor::organization_id),
      Opt("booth_id", &Exhibitor::booth_id),
      Opt("category", &Exhibitor::category),
      Req("featured", &Exhibitor::featured),
      Req("sample", &Exhibitor::sample)}}));

  t.push_back(Rows<C, Source>({"source", top, &C::sources, {
      Req("id", &Source::id),
      Req("title", &Source::title, Seen::Yes),
      Opt("publisher", &Source::publisher, Seen::Yes),
      Opt("url", &Source::url),
      Opt("published_date", &Source::published_date),
      Opt("lang", &Source::lang),
      Opt("note", &Source::note)},
      "", "", &Source::id}));

  auto agreements = Each("agreement", &C::agreements, "agreement_id", &Agreement::id);
  t.push_back(Rows<C, Agreement>({"agreement", top, &C::agreements, {
      Req("id", &Agreement::id),
      Req("kind", &Agreement::kind),
      Opt("signed_date", &Agreement::signed_date),
      Req("online", &Agreement::online),
      Opt("source_id", &Agreement::source_id),
      Req("sample", &Agreement::sample)}}));
  t.push_back(Translations<Agreement>("agreement_i18n", agreements, {
      {"title", &Agreement::title}, {"summary", &Agreement::summary},
      {"place", &Agreement::place}, {"scope", &Agreement::scope}}));
  t.push_back(Rows<Agreement, AgreementParty>({"agreement_party", agreements, &Agreement::parties, {
      Req("organization_id", &AgreementParty::organization_id),
      Req("role", &AgreementParty::role),
      Opt("source_id", &AgreementParty::source_id)},
      "position"}));
  t.push_back(Translations<AgreementParty>(
      "agreement_party_i18n",
      Inside(agreements, "agreement_party", &Agreement::parties, "organization_id", &AgreementParty::organization_id), {
      {"signatory_name", &AgreementParty::signatory_name}, {"signatory_title", &AgreementParty::signatory_title}}));
  t.push_back(Rows<Agreement, AgreementFact>({"agreement_fact", agreements, &Agreement::facts, {
      Req("field", &AgreementFact::field),
      Req("value", &AgreementFact::value),
      Opt("source_id", &AgreementFact::source_id),
      Opt("note", &AgreementFact::note)},
      "position"}));

  t.push_back(Rows<C, Room>({"room", top, &C::rooms, {
      Req("id", &Room::id),
      Opt("location_id", &Room::location_id)},
      "position"}));
  t.push_back(Translations<Room>("room_i18n", Each("room", &C::rooms, "room_id", &Room::id), {{"name", &Room::name}}));

  t.push_back(Rows<C, Track>({"track", top, &C::tracks, {
      Req("id", &Track::id),
      Opt("color", &Track::color)}}));
  t.push_back(Translations<Track>("track_i18n", Each("track", &C::tracks, "track_id", &Track::id), {{"name", &Track::name}}));

  t.push_back(Rows<C, Person>({"person", top, &C::people, {
      Req("id", &Person::id),
      Opt("organization_id", &Person::organization_id),
      Req("sample", &Person::sample)}}));
  t.push_back(Translations<Person>("person_i18n", Each("person", &C::people, "person_id", &Person::id), {
      {"name", &Person::name}, {"title", &Person::title},
      {"biography", &Person::biography, Seen::No},  // not shown on the kiosk (yet)
      {"biography_rich", &Person::biography_rich, Seen::No}}));  // the rich form: CheckCatalog decodes it

  auto sessions = Each("session", &C::sessions, "session_id", &Session::id);
  t.push_back(Rows<C, Session>({"session", top, &C::sessions, {
      Req("id", &Session::id),
      Opt("guid", &Session::guid),
      Req("day_index", &Session::day_index),
      Req("day_date", &Session::day_date),
      Req("starts_at", &Session::starts_at),
      Req("ends_at", &Session::ends_at),
      Req("starts_utc", &Session::starts_utc),
      Req("ends_utc", &Session::ends_utc),
      Opt("room_id", &Session::room_id),
      Opt("track_id", &Session::track_id),
      Opt("kind", &Session::kind),
      Opt("language", &Session::language),
      Req("sample", &Session::sample)},
      "", "starts_utc, rowid"}));
  t.push_back(Translations<Session>("session_i18n", sessions, {
      {"title", &Session::title}, {"subtitle", &Session::subtitle}, {"description", &Session::description},
      {"description_rich", &Session::description_rich, Seen::No}}));  // drawn from; its text is the description's
  t.push_back(Rows<Session, SessionPerson>({"session_person", sessions, &Session::people, {
      Req("person_id", &SessionPerson::person_id),
      Req("role", &SessionPerson::role)},
      "position"}));
  t.push_back(Rows<Session, SessionOrganization>({"session_organization", sessions, &Session::organizations, {
      Req("organization_id", &SessionOrganization::organization_id),
      Req("role", &SessionOrganization::role)},
      "", "rowid"}));

  t.push_back(UiStrings());
  return t;
}

}  // namespace

const std::vector<TableDescription>& SnapshotTables() {
  static const std::vector<TableDescription> tables = MakeTables();  // immutable once made; thread-safe init
  return tables;
}

// [SECTION] Meta and the text walk ------------------------------------------------------------------------

namespace {

// The meta keys and the SnapshotInfo member each maps to. `forum` is written for people reading the file
// with sqlite3 and not read back; content_checksum is written by the writer once the rest is in place.
struct MetaKey {
  const char* key;
  std::string (*write)(const SnapshotInfo&, const Forum&);  // null: not written here
  void (*read)(SnapshotInfo&, const std::string&);         // null: not read back
};
const MetaKey kMetaKeys[] = {
    {"schema_version", [](const SnapshotInfo& i, const Forum&) { return std::to_string(i.schema_version); },
     [](SnapshotInfo& i, const std::string& v) { i.schema_version = std::atoi(v.c_str()); }},
    {"content_version", [](const SnapshotInfo& i, const Forum&) { return std::to_string(i.content_version); },
     [](SnapshotInfo& i, const std::string& v) { i.content_version = std::atoll(v.c_str()); }},
    {"built_at", [](const SnapshotInfo& i, const Forum&) { return i.built_at; },
     [](SnapshotInfo& i, const std::string& v) { i.built_at = v; }},
    {"generator", [](const SnapshotInfo& i, const Forum&) { return i.generator; },
     [](SnapshotInfo& i, const std::string& v) { i.generator = v; }},
    {"forum", [](const SnapshotInfo&, const Forum& f) { return f.code; }, nullptr},
    {"content_checksum", nullptr, [](SnapshotInfo& i, const std::string& v) { i.content_checksum = v; }},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> MetaRows(const SnapshotInfo& info, const Forum& forum) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& k : kMetaKeys)
    if (k.write) out.emplace_back(k.key, k.write(info, forum));
  return out;
}

void ReadMetaRow(const std::string& key, const std::string& value, SnapshotInfo& info) {
  for (const auto& k : kMetaKeys)
    if (k.read && key == k.key) k.read(info, value);
}

void ForEachText(const Catalog& c, const std::function<void(const TextRef&)>& fn) {
  for (const auto& t : SnapshotTables()) t.texts(c, fn);
}

}  // namespace db
