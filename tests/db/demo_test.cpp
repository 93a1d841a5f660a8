// The demo forum the kiosk ships with, as the normal build made it (build/demo.snapshot).
#include <doctest/doctest.h>

#include <set>

#include "db/model/catalog.h"
#include "db/snapshot/validate.h"
#include "support.h"

namespace {
const db::Catalog& Demo() {
  static std::shared_ptr<const db::Catalog> c = [] {
    auto r = db::LoadCatalog(test::DemoSnapshot());
    REQUIRE_MESSAGE(r, (r ? std::string() : r.error().message));
    return r.value();
  }();
  return *c;
}
}  // namespace

TEST_CASE("the demo snapshot validates") {
  auto d = db::ValidateSnapshot(test::DemoSnapshot());
  INFO(test::Dump(d));
  CHECK_FALSE(d.has_errors());
}

TEST_CASE("demo: 13 technology parks from the 8 countries the article names") {
  const auto& c = Demo();
  CHECK(c.exhibitors.size() == 13);
  std::set<std::string> countries;
  for (const auto& e : c.exhibitors) {
    const db::Organization* o = c.FindOrganization(e.organization_id);
    REQUIRE(o);
    CHECK(o->kind == "technopark");
    countries.insert(o->country_code);
    CHECK_MESSAGE(c.FindLocation(e.booth_id), "booth of " << e.organization_id);
  }
  CHECK(countries == std::set<std::string>{"AZ", "KG", "KZ", "PS", "TJ", "TM", "TR", "UZ"});
  // The six the article names are facts; the seven others are flagged as sample data.
  int named = 0, sample = 0;
  for (const char* id : {"astana-hub", "sabah-lab", "htp-kg", "bilisim-vadisi", "bilkent-cyberpark", "it-park-uz"}) {
    const db::Exhibitor* e = c.FindExhibitor(id);
    REQUIRE_MESSAGE(e, id);
    named += !e->sample && !c.FindOrganization(id)->sample;
  }
  for (const auto& e : c.exhibitors) sample += e.sample;
  CHECK(named == 6);
  CHECK(sample == 7);
}

TEST_CASE("demo: names in at least English, Russian, Kazakh and Turkish") {
  const auto& c = Demo();
  for (const auto& e : c.exhibitors) {
    const db::Organization* o = c.FindOrganization(e.organization_id);
    for (const char* lang : {"en", "ru", "kk", "tr"}) CHECK_MESSAGE(o->name.Find(lang), o->id << " has no name_" << lang);
  }
  for (const char* lang : {"en", "ru", "kk", "tr"}) CHECK(c.forum.title.Find(lang));
}

TEST_CASE("demo: the agreements the articles report, with parties, dates, places and sources") {
  const auto& c = Demo();
  CHECK(c.agreements.size() >= 4);
  const db::Agreement* tp = c.FindAgreement("technoparks-2022");
  REQUIRE(tp);
  CHECK(tp->signed_date == "2022-09-28");
  CHECK(c.Tr(tp->place, "en") == "Astana");
  std::set<std::string> parties;
  for (const auto& p : tp->parties) {
    parties.insert(p.organization_id);
    CHECK_MESSAGE(p.signatory_name.empty(), "no article names who signed for " << p.organization_id);
  }
  CHECK(parties == std::set<std::string>{"astana-hub", "sabah-lab", "htp-kg", "bilisim-vadisi", "bilkent-cyberpark", "it-park-uz"});

  // Sources disagree on the KOSGEB-RSMB date: each claim is kept with its source.
  const db::Agreement* rsmb = c.FindAgreement("kosgeb-rsmb-2021");
  REQUIRE(rsmb);
  std::set<std::pair<std::string, std::string>> dates;
  for (const auto& f : rsmb->facts)
    if (f.field == "signed_date") dates.insert({f.value, f.source_id});
  CHECK(dates.count({"2021-10-01", "src-kosgeb-rsmb-tr"}) == 1);
  CHECK(dates.count({"2021-10-04", "src-kosgeb-rsmb-en"}) == 1);
  CHECK(rsmb->online);
  std::set<std::string> rsmb_parties;
  for (const auto& p : rsmb->parties) rsmb_parties.insert(p.organization_id);
  CHECK(rsmb_parties == std::set<std::string>{"kosgeb", "rsmb"});
  CHECK(c.FindAgreement("kosgeb-uzbekistan-2023"));
  const db::Agreement* ots = c.FindAgreement("ots-sme-2015");
  REQUIRE(ots);
  CHECK(ots->signed_date == "2015-09-29");
  // The Turkish version of the KOSGEB memorandum is the Turkish article's text.
  CHECK(c.Tr(rsmb->title, "tr").find("Mutabakat") != std::string::npos);
}

TEST_CASE("demo: a two-day program of at least 45 sessions with what the article reports") {
  const auto& c = Demo();
  CHECK(c.sessions.size() >= 45);
  std::set<std::string> days;
  for (const auto& s : c.sessions) days.insert(s.day_date);
  CHECK(days == std::set<std::string>{"2022-09-28", "2022-09-29"});
  auto has = [&](const std::string& day, const std::string& word) {
    for (const auto& s : c.sessions)
      if (s.day_date == day && c.Tr(s.title, "en").find(word) != std::string::npos) return true;
    return false;
  };
  CHECK(has("2022-09-28", "emorandum"));
  CHECK(has("2022-09-29", "echnopark"));  // the panel of technopark heads
  bool alley = false, fair = false, battle = false;
  for (const auto& s : c.sessions) {
    std::string t = c.Tr(s.title, "en");
    alley |= t.find("lley") != std::string::npos;
    fair |= t.find("ob fair") != std::string::npos || t.find("Job Fair") != std::string::npos;
    battle |= t.find("Astana Hub Battle") != std::string::npos;
    CHECK_MESSAGE(s.starts_at.substr(19) == "+06:00", s.id);
    CHECK_MESSAGE(c.FindRoom(s.room_id)->location_id != "", "session " << s.id << " room on the map");
    for (const char* lang : {"en", "ru", "kk", "tr"}) CHECK_MESSAGE(s.title.Find(lang), s.id << " title_" << lang);
  }
  CHECK(alley);
  CHECK(fair);
  CHECK(battle);
}

TEST_CASE("demo: a floor plan with 13 booths, a stage, conference rooms, entrances and amenities") {
  const auto& c = Demo();
  std::map<std::string, int> kinds;
  for (const auto& l : c.locations) kinds[std::string(db::NameOf(l.kind))]++;
  CHECK(kinds["booth"] == 13);
  CHECK(kinds["stage"] >= 1);
  CHECK(kinds["room"] >= 2);
  CHECK(kinds["entrance"] >= 1);
  CHECK(kinds["amenity"] >= 3);
  CHECK(kinds["kiosk"] >= 1);
}
