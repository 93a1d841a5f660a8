#include "db/tool/synth.h"

#include <random>

#include "db/base/text.h"
#include "db/model/route_mesh.h"

namespace db {

namespace {

// Syllables with their Cyrillic spelling, so every made-up name exists in both scripts.
const char* const kSyllables[][2] = {
    {"ka", "ка"}, {"ra", "ра"}, {"tel", "тел"}, {"sun", "сун"}, {"bek", "бек"}, {"mir", "мир"}, {"ton", "тон"},
    {"al", "ал"}, {"dar", "дар"}, {"zan", "зан"}, {"ish", "иш"}, {"chu", "чу"}, {"nur", "нур"}, {"bay", "бай"},
    {"sar", "сар"}, {"kul", "кул"}, {"ay", "ай"}, {"tas", "тас"}, {"jol", "жол"}, {"or", "ор"}, {"ken", "кен"},
    {"min", "мин"}, {"ba", "ба"}, {"dos", "дос"}, {"el", "ел"}, {"us", "ус"}, {"tur", "тур"}, {"gul", "гул"},
};
const char* const kTopics[][3] = {  // en, ru, tr
    {"artificial intelligence", "искусственный интеллект", "yapay zekâ"},
    {"fintech", "финтех", "finansal teknoloji"},
    {"agritech", "агротех", "tarım teknolojisi"},
    {"cybersecurity", "кибербезопасность", "siber güvenlik"},
    {"e-government", "электронное правительство", "e-devlet"},
    {"robotics", "робототехника", "robotik"},
    {"education", "образование", "eğitim"},
    {"logistics", "логистика", "lojistik"},
};
const char* const kCountries[][3] = {  // code, en, ru
    {"KZ", "Kazakhstan", "Казахстан"}, {"TR", "Türkiye", "Турция"}, {"AZ", "Azerbaijan", "Азербайджан"},
    {"UZ", "Uzbekistan", "Узбекистан"}, {"KG", "Kyrgyzstan", "Кыргызстан"}, {"TM", "Turkmenistan", "Туркменистан"},
    {"HU", "Hungary", "Венгрия"}, {"TJ", "Tajikistan", "Таджикистан"},
};

struct Words {
  std::mt19937 rng{20221028};
  std::pair<std::string, std::string> Word() {  // Latin, Cyrillic; capitalized Latin
    int n = 2 + static_cast<int>(rng() % 2);
    std::string lat, cyr;
    for (int i = 0; i < n; ++i) {
      const auto& s = kSyllables[rng() % std::size(kSyllables)];
      lat += s[0];
      cyr += s[1];
    }
    lat[0] = static_cast<char>(lat[0] - 'a' + 'A');
    // Cyrillic capital: every syllable starts with a basic letter (2 bytes, а..я -> А..Я).
    size_t i = 0;
    char32_t cp;
    NextCodepoint(cyr, i, cp);
    std::string cap;
    AppendUtf8(cap, cp >= 0x430 && cp <= 0x44F ? cp - 0x20 : cp);
    return {lat, cap + cyr.substr(i)};
  }
  size_t Pick(size_t n) { return rng() % n; }
};

Text Tx(std::initializer_list<std::pair<const char*, std::string>> items) {
  Text t;
  for (const auto& [lang, s] : items) t.by_lang[lang] = s;
  return t;
}

Location Square(const std::string& id, LocationKind kind, double x, double y, double w, double h) {
  Location l;
  l.id = id;
  l.kind = kind;
  l.is_polygon = true;
  l.ring = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
  l.anchor = {x + w / 2, y + h / 2};
  return l;
}

}  // namespace

namespace {

// The seven languages of the demo forum and the forum's own row.
void LanguagesAndForum(CatalogData& c) {
  for (auto [code, native, english, fallback] :
       {std::tuple{"kk", "Қазақша", "Kazakh", "ru"}, {"ru", "Русский", "Russian", "en"}, {"en", "English", "English", ""},
        {"tr", "Türkçe", "Turkish", "en"}, {"az", "Azərbaycanca", "Azerbaijani", "tr"}, {"uz", "Oʻzbekcha", "Uzbek", "ru"},
        {"ky", "Кыргызча", "Kyrgyz", "ru"}}) {
    Language l{code, native, english, fallback, {}};
    l.plural_rule = std::string(code) == "ru" ? "east_slavic" : std::string(code) == "en" ? "one_other" : "none";
    c.languages.push_back(l);
  }
  db::Forum& f = c.forum;
  f.code = "synthetic-forum";
  f.start_date = "2022-09-28";
  f.end_date = "2022-09-30";
  f.time_zone = "Asia/Almaty";
  f.utc_offset_min = 360;
  f.default_language = "kk";
  f.title = Tx({{"en", "Synthetic Forum"}, {"ru", "Синтетический форум"}, {"kk", "Синтетикалық форум"}, {"tr", "Sentetik Forum"}});
  for (const auto& x : kCountries) c.countries.push_back({x[0], 0x3A6EA5, Tx({{"en", x[1]}, {"ru", x[2]}}), {}});

}

// The floor: one hall, booths on a grid of 3 m squares, rooms along the top; and the tracks.
void Floor(CatalogData& c, Words& w, size_t exhibitors, size_t room_count) {
  size_t cols = 100, rows = (exhibitors + cols - 1) / cols;
  c.locations.push_back(Square("hall", LocationKind::Hall, 0, 0, cols * 4.0 + 4, rows * 4.0 + 40));
  c.locations.back().name = Tx({{"en", "Main hall"}, {"ru", "Главный зал"}});
  for (size_t i = 0; i < exhibitors; ++i) {
    std::string id = "booth-" + std::to_string(i + 1);
    c.locations.push_back(Square(id, LocationKind::Booth, 2 + (i % cols) * 4.0, 2 + (i / cols) * 4.0, 3, 3));
    c.locations.back().label = std::string(1, char('A' + (i / cols) % 26)) + std::to_string(i % cols + 1);
    c.locations.back().hall_id = "hall";
  }
  for (size_t i = 0; i < room_count; ++i) {
    std::string id = "room-" + std::to_string(i + 1);
    auto [lat, cyr] = w.Word();
    c.locations.push_back(Square(id, LocationKind::Room, 2 + i * 10.0, rows * 4.0 + 10, 8, 8));
    c.locations.back().name = Tx({{"en", lat + " Hall"}, {"ru", "Зал " + cyr}, {"tr", lat + " Salonu"}});
    c.rooms.push_back({id, id, c.locations.back().name, {}});
  }
  for (size_t i = 0; i < std::size(kTopics); ++i)
    c.tracks.push_back({"track-" + std::to_string(i + 1), "#2A9D8F", Tx({{"en", kTopics[i][0]}, {"ru", kTopics[i][1]}, {"tr", kTopics[i][2]}}), {}});

}

// Organizations: the exhibitors, with made-up names in Latin and Cyrillic.
void Exhibitors(CatalogData& c, Words& w, size_t exhibitors) {
  for (size_t i = 0; i < exhibitors; ++i) {
    auto [a, ac] = w.Word();
    auto [b, bc] = w.Word();
    const auto& country = kCountries[w.Pick(std::size(kCountries))];
    const auto& t1 = kTopics[w.Pick(std::size(kTopics))];
    const auto& t2 = kTopics[w.Pick(std::size(kTopics))];
    Organization o;
    o.id = "org-" + std::to_string(i + 1);
    o.kind = "technopark";
    o.country_code = country[0];
    o.website = "https://" + Slug(a + b) + ".example";
    o.email = "info@" + Slug(a + b) + ".example";
    o.name = Tx({{"en", a + " " + b + " Technopark"}, {"tr", a + " " + b + " Teknoparkı"}, {"az", a + " " + b + " Texnoparkı"},
                 {"uz", a + " " + b + " texnoparki"}, {"ru", "Технопарк " + ac + " " + bc}, {"kk", ac + " " + bc + " технопаркі"},
                 {"ky", ac + " " + bc + " технопаркы"}});
    o.description = Tx({{"en", std::string("A technology park from ") + country[1] + " working on " + t1[0] + " and " + t2[0] + "."},
                        {"ru", std::string("Технопарк из страны ") + country[2] + ": " + t1[1] + " и " + t2[1] + "."},
                        {"tr", std::string(t1[2]) + " ve " + t2[2] + " alanlarında çalışan bir teknopark."}});
    c.organizations.push_back(std::move(o));
    Exhibitor e;
    e.organization_id = c.organizations.back().id;
    e.booth_id = "booth-" + std::to_string(i + 1);
    e.category = "technopark";
    e.featured = i < 12;
    c.exhibitors.push_back(std::move(e));
  }
}

// People: speakers from the exhibitors. Returns how many.
size_t People(CatalogData& c, Words& w, size_t exhibitors, size_t sessions) {
  size_t people = std::max<size_t>(1, sessions * 3 / 2);
  for (size_t i = 0; i < people; ++i) {
    auto [a, ac] = w.Word();
    auto [b, bc] = w.Word();
    Person p;
    p.id = "person-" + std::to_string(i + 1);
    p.organization_id = exhibitors ? c.organizations[w.Pick(exhibitors)].id : "";
    p.name = Tx({{"en", a + " " + b + "ov"}, {"ru", ac + " " + bc + "ов"}});
    p.title = Tx({{"en", "Director"}, {"ru", "Директор"}, {"tr", "Direktör"}});
    c.people.push_back(std::move(p));
  }
  return people;
}

// Agreements between pairs of exhibitors.
void Agreements(CatalogData& c, Words& w, size_t exhibitors) {
  c.sources.push_back({"synth", "Synthetic data", "kiosk-snapshot synth", "", "", "en", "", {}});
  for (size_t i = 0; exhibitors >= 2 && i < exhibitors / 25; ++i) {
    Agreement a;
    a.id = "agreement-" + std::to_string(i + 1);
    a.kind = "mou";
    a.signed_date = "2022-09-" + std::to_string(28 + i % 3);
    a.source_id = "synth";
    a.sample = true;
    const auto& t = kTopics[w.Pick(std::size(kTopics))];
    a.title = Tx({{"en", std::string("Memorandum on ") + t[0]}, {"ru", std::string("Меморандум: ") + t[1]}, {"tr", std::string(t[2]) + " mutabakatı"}});
    size_t x = w.Pick(exhibitors), y = (x + 1 + w.Pick(exhibitors - 1)) % exhibitors;
    for (size_t k : {x, y}) {
      AgreementParty p;
      p.organization_id = c.organizations[k].id;
      a.parties.push_back(std::move(p));
    }
    c.agreements.push_back(std::move(a));
  }
}

// Sessions: three days, 09:00-18:00, in the rooms.
void Sessions(CatalogData& c, Words& w, size_t sessions, size_t people, size_t room_count) {
  const db::Forum& f = c.forum;
  const int64_t day0 = *DaysFromDate(f.start_date) * 86400 - int64_t{f.utc_offset_min} * 60;
  for (size_t i = 0; i < sessions; ++i) {
    Session s;
    s.id = std::to_string(10000 + i);
    s.day_index = 1 + static_cast<int>(i % 3);
    s.day_date = "2022-09-" + std::to_string(28 + (s.day_index - 1));
    int64_t start = day0 + (s.day_index - 1) * 86400 + (9 + static_cast<int64_t>(w.Pick(9))) * 3600;
    s.starts_utc = start;
    s.ends_utc = start + 45 * 60;
    s.starts_at = FormatInstant(s.starts_utc, f.utc_offset_min);
    s.ends_at = FormatInstant(s.ends_utc, f.utc_offset_min);
    s.room_id = c.rooms[i % room_count].id;
    size_t ti = w.Pick(std::size(kTopics));
    s.track_id = c.tracks[ti].id;
    auto [a, ac] = w.Word();
    s.title = Tx({{"en", std::string(kTopics[ti][0]) + ": the " + a + " case"}, {"ru", std::string(kTopics[ti][1]) + ": опыт " + ac},
                  {"tr", std::string(kTopics[ti][2]) + ": " + a + " örneği"}});
    s.sample = true;
    for (size_t k = 0, n = 1 + w.Pick(3); k < n; ++k) {
      const std::string& pid = c.people[w.Pick(people)].id;
      bool dup = false;
      for (const auto& sp : s.people) dup |= sp.person_id == pid;
      if (!dup) s.people.push_back({pid, "speaker"});
    }
    c.sessions.push_back(std::move(s));
  }
}

}  // namespace

// The parts are made in a fixed order from one sequence of words: the same arguments give the same forum.
std::shared_ptr<const Catalog> SynthCatalog(size_t exhibitors, size_t sessions) {
  CatalogData c;
  Words w;
  const size_t room_count = 40;
  LanguagesAndForum(c);
  Floor(c, w, exhibitors, room_count);
  Exhibitors(c, w, exhibitors);
  size_t people = People(c, w, exhibitors, sessions);
  Agreements(c, w, exhibitors);
  Sessions(c, w, sessions, people, room_count);
  std::stable_sort(c.sessions.begin(), c.sessions.end(), [](const Session& a, const Session& b) { return a.starts_utc < b.starts_utc; });
  // The routing mesh, as a staff build makes it (a synthetic plan always has its hall to walk in).
  if (auto tiles = BuildRouteMesh(c)) c.route_tiles = std::move(tiles.value());
  else throw std::runtime_error(tiles.error().message);
  return Catalog::Make(std::move(c));
}

}  // namespace db
