// Languages in the data: the fallback chain a snapshot declares, plural rules, and an eighth language added by
// staff through the sources alone.
#include <doctest/doctest.h>

#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "db/sources/csv_table.h"
#include "db/model/plural.h"
#include "support.h"

namespace {

std::shared_ptr<const db::Catalog> SevenLanguages() {
  db::CatalogData c;
  c.forum.default_language = "kk";
  for (auto [code, fallback] : {std::pair{"kk", "ru"}, {"ru", "en"}, {"en", ""}, {"tr", "en"}, {"az", "tr"},
                                {"uz", "ru"}, {"ky", "ru"}})
    c.languages.push_back({code, code, code, fallback, {}});
  return db::Catalog::Make(std::move(c));
}

db::Text T(std::initializer_list<std::pair<const char*, const char*>> items) {
  db::Text t;
  for (auto [lang, text] : items) t.by_lang[lang] = text;
  return t;
}

}  // namespace

TEST_CASE("a missing translation follows the declared chain: kk -> ru -> en, az -> tr -> en, uz -> ru") {
  auto seven = SevenLanguages();
  const db::Catalog& c = *seven;
  CHECK(c.Chain("kk") == std::vector<std::string>{"kk", "ru", "en"});
  CHECK(c.Chain("az") == std::vector<std::string>{"az", "tr", "en"});
  db::Text all = T({{"kk", "Қазақша"}, {"ru", "Русский"}, {"en", "English"}, {"tr", "Türkçe"}});
  CHECK(c.Tr(all, "kk") == "Қазақша");
  CHECK(c.Tr(all, "az") == "Türkçe");   // az -> tr
  CHECK(c.Tr(all, "uz") == "Русский");  // uz -> ru
  CHECK(c.Tr(all, "ky") == "Русский");
  db::Text en_only = T({{"en", "Only English"}});
  for (const char* lang : {"kk", "ru", "en", "tr", "az", "uz", "ky"}) CHECK(c.Tr(en_only, lang) == "Only English");
  db::Text ru_tr = T({{"ru", "По-русски"}, {"tr", "Türkçe"}});
  CHECK(c.Tr(ru_tr, "kk") == "По-русски");
  CHECK(c.Tr(ru_tr, "az") == "Türkçe");
  CHECK(c.Tr(ru_tr, "en") == "По-русски");  // en has no fallback: then the default language's chain (kk -> ru)
  // An empty cell is "not translated", not an empty label.
  db::Text blank_kk = T({{"kk", ""}, {"ru", "Есть"}});
  CHECK(c.Tr(blank_kk, "kk") == "Есть");
  // A text only in a language off every chain is still shown rather than nothing.
  CHECK(c.Tr(T({{"ky", "Кыргызча гана"}}), "tr") == "Кыргызча гана");
  CHECK(c.Tr(db::Text{}, "kk").empty());
  // The language a text came from (for its plural forms).
  std::string_view from;
  c.Tr(ru_tr, "kk", &from);
  CHECK(from == "ru");
  // A language the snapshot does not offer: the default language's chain.
  CHECK(c.Tr(all, "de") == "Қазақша");
}

TEST_CASE("the demo's UI strings reach every language along its chain, none empty, none a key name") {
  auto c = db::LoadCatalog(test::DemoSnapshot().string());
  REQUIRE(c);
  const db::Catalog& cat = *c.value();
  CHECK(cat.ui_strings.size() >= 100);
  for (const auto& [key, text] : cat.ui_strings)
    for (const auto& l : cat.languages) {
      const std::string& s = cat.Ui(key, l.code);
      CHECK_MESSAGE(!s.empty(), key << " in " << l.code);
      CHECK_MESSAGE(s != key, key << " in " << l.code);
      // The demo translates every string into all seven languages.
      CHECK_MESSAGE(text.Find(l.code), key << " has no " << l.code << " translation");
    }
  for (int m = 1; m <= 12; ++m) CHECK(!cat.Ui("month." + std::to_string(m), "kk").empty());
  for (int d = 1; d <= 7; ++d) CHECK(!cat.Ui("weekday." + std::to_string(d), "ky").empty());
}

TEST_CASE("plural rules pick the right form") {
  using db::PluralText;
  const char* ru = "{n} участник|{n} участника|{n} участников";
  std::pair<int, const char*> cases[] = {{0, "0 участников"}, {1, "1 участник"}, {2, "2 участника"},
                                         {4, "4 участника"}, {5, "5 участников"}, {11, "11 участников"},
                                         {12, "12 участников"}, {14, "14 участников"}, {21, "21 участник"},
                                         {22, "22 участника"}, {101, "101 участник"}, {111, "111 участников"},
                                         {112, "112 участников"}, {1000, "1000 участников"}};
  for (auto [n, want] : cases) CHECK(PluralText(ru, "east_slavic", n) == want);
  CHECK(PluralText("{n} exhibitor|{n} exhibitors", "one_other", 1) == "1 exhibitor");
  CHECK(PluralText("{n} exhibitor|{n} exhibitors", "one_other", 0) == "0 exhibitors");
  CHECK(PluralText("{n} exhibitor|{n} exhibitors", "one_other", 13) == "13 exhibitors");
  CHECK(PluralText("{n} katılımcı", "none", 1) == "1 katılımcı");
  CHECK(PluralText("{n} katılımcı", "none", 13) == "13 katılımcı");
  CHECK(PluralText("{n} exposant|{n} exposants", "french", 0) == "0 exposant");
  CHECK(PluralText("{n} wystawca|{n} wystawcy|{n} wystawców", "polish", 22) == "22 wystawcy");
  CHECK(PluralText("{n} wystawca|{n} wystawcy|{n} wystawców", "polish", 21) == "21 wystawców");
  CHECK(PluralText("{n} vystavovatel|{n} vystavovatelé|{n} vystavovatelů", "west_slavic", 3) == "3 vystavovatelé");
  // Fewer forms than the rule has: the last one; an unknown rule behaves as one_other.
  CHECK(PluralText("{n} сессия", "east_slavic", 5) == "5 сессия");
  CHECK(PluralText("{n} a|{n} b", "klingon", 1) == "1 a");
  CHECK(db::IsPluralRule("east_slavic"));
  CHECK(!db::IsPluralRule("klingon"));
}

TEST_CASE("an unknown plural rule in languages.csv is an error naming the file, line and column") {
  test::TempDir dir;
  auto src = test::CopyFixture(dir);
  std::string langs = test::ReadFile(src / "languages.csv");
  test::WriteFile(src / "languages.csv", "code,native_name,english_name,fallback,plural\nen,English,English,,dual\nru,Русский,Russian,en,\n");
  auto out = test::Build(src, dir);
  CHECK(!out.written);
  bool found = false;
  for (const auto& d : out.diags.items())
    found |= db::Format(d).find("languages.csv:2: error: plural: 'en': unknown plural rule 'dual'") != std::string::npos;
  CHECK_MESSAGE(found, "no message for the plural rule");
}
