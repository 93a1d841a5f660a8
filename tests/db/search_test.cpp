// Search: the folding rules (each pair both ways), hostile input, and the ranked results on the demo.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <string>

#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/search.h"
#include "db/snapshot/search_fold.h"
#include "db/snapshot/validate.h"
#include "support.h"

namespace {

// Both spellings fold alike, and each finds the other as a prefix too.
void Same(const std::string& a, const std::string& b) {
  CHECK_MESSAGE(db::FoldForSearch(a) == db::FoldForSearch(b), a << " -> " << db::FoldForSearch(a) << ", " << b << " -> " << db::FoldForSearch(b));
  CHECK_MESSAGE(db::FoldForSearch(b) == db::FoldForSearch(a), b << " / " << a);
}

std::shared_ptr<const db::Catalog> Demo() {
  static auto c = db::LoadCatalog(test::DemoSnapshot().string());  // loaded once for all cases
  REQUIRE(c);
  return c.value();
}

// The visitor's search on the demo, its groups one after the other; the demo's index always answers.
std::vector<db::SearchHit> Hits(const db::Catalog& c, const std::string& query, const std::string& lang = "en", size_t per_group = 8) {
  auto found = db::Search(c, query, lang, per_group);
  REQUIRE_MESSAGE(found, found.error().message);
  std::vector<db::SearchHit> out;
  for (const auto& g : found.value().groups) out.insert(out.end(), g.hits.begin(), g.hits.end());
  return out;
}

std::string First(const std::string& query, const std::string& lang = "en") {
  auto hits = Hits(*Demo(), query, lang);
  return hits.empty() ? std::string() : std::string(db::KindName(hits[0].kind)) + ":" + hits[0].ref;
}

bool Finds(const std::string& query, const std::string& ref) {
  for (const auto& h : Hits(*Demo(), query, "en", 50))
    if (h.ref == ref) return true;
  return false;
}

}  // namespace

TEST_CASE("folding: case and diacritics, one explicit table for index and query") {
  // Turkish dotted and dotless i: IŞIK, ışık and Işık; İstanbul, ISTANBUL and istanbul.
  Same("IŞIK", "ışık");
  Same("ışık", "Işık");
  Same("IŞIK", "Işık");
  Same("İstanbul", "ISTANBUL");
  Same("ISTANBUL", "istanbul");
  Same("İstanbul", "istanbul");
  CHECK(db::FoldForSearch("İstanbul") == "istanbul");
  // Diacritics of the Turkic Latin alphabets.
  Same("Bilişim Vadisi", "bilisim vadisi");
  Same("Azərbaycan", "azerbaycan");
  Same("Türkiye", "TURKIYE");
  Same("Ağrı Çorum Öz Ünye", "agri corum oz unye");
  Same("Ñandú", "nandu");
  Same("e\xCC\x81", "é");  // a combining acute accent is dropped
  // Cyrillic case with the Kazakh and Kyrgyz letters.
  Same("ҚАЗАҚСТАН", "қазақстан");
  Same("ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі");
  Same("КЫРГЫЗСТАН", "кыргызстан");
  Same("ЁЛКА", "ёлка");
  // Uzbek oʻ / o' / o‘ / o’ alike.
  Same("Oʻzbekiston", "O'zbekiston");
  Same("O'zbekiston", "O‘zbekiston");
  Same("O‘zbekiston", "O’zbekiston");
  Same("gʻalaba", "g'alaba");
  CHECK(db::FoldForSearch("Oʻzbekiston") == "ozbekiston");
  // The bridge between alphabets: the same name in Latin and Cyrillic.
  Same("Astana", "Астана");
  Same("Bilkent", "Билкент");
  Same("Toshkent", "Тошкент");  // Uzbek in both alphabets
  Same("Tashkent", "Ташкент");
  Same("Shymkent", "Шымкент");
}

TEST_CASE("folding: everything else separates words") {
  CHECK(db::FoldForSearch("Astana Hub!") == "astana hub");
  CHECK(db::FoldForSearch("  \"AI\" & data -- (2022)  ") == "ai data 2022");
  CHECK(db::FoldForSearch("a\tb\nc\x01" "d") == "a b c d");
  CHECK(db::FoldForSearch("🚀rocket🚀") == "rocket");
  CHECK(db::FoldForSearch("\xE2\x80\x8Fشركة\xE2\x80\x8E") == "شركة");  // RTL text kept, direction marks dropped
  CHECK(db::FoldForSearch("漢字") == "漢字");
  CHECK(db::FoldForSearch("\xFF\xFE broken") == "broken");  // invalid UTF-8 is a separator
  CHECK(db::FoldForSearch("").empty());
  CHECK(db::SearchWords("a  b,c") == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("search: hostile input gives results or none, never an error or a stall") {
  const char* inputs[] = {"\"", "\"\"", "'", "*", "-", "^", ":", "(", ")", "()", "a:b", "name:x", "{name}:x",
                          "AND", "OR", "NOT", "NEAR", "NEAR(a b)", "a AND", "OR b", "NOT NOT", "a OR", "\"a\" OR \"b\"",
                          "-astana", "^astana", "astana*", "*astana", "ast\"", "a\"b\"c", "🚀", "👍🏽👍🏽", "\xE2\x80\x8F",
                          "مرحبا", "\x01\x02\x03", "\t\n\r", "\xFF", "%", "_", "\\", ";DROP TABLE search;--",
                          "' OR 1=1 --", "NULL", "rowid", "search"};
  for (const char* q : inputs) {
    std::vector<db::SearchHit> hits;
    CHECK_NOTHROW(hits = Hits(*Demo(), q, "en"));
  }
  // 10,000 characters: folded, cut to a few words, answered at once.
  std::string long_input;
  for (int i = 0; i < 10000; ++i) long_input += "astana "[i % 7];
  auto start = std::chrono::steady_clock::now();
  std::vector<db::SearchHit> hits;
  CHECK_NOTHROW(hits = Hits(*Demo(), long_input, "en"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));  // a stall guard, not a benchmark
  CHECK(!hits.empty());
  std::string ten_thousand_quotes(10000, '"');
  CHECK(Hits(*Demo(), ten_thousand_quotes, "en").empty());
  bool upper = Hits(*Demo(), "AND", "en").empty(), lower = Hits(*Demo(), "and", "en").empty();
  CHECK(upper == lower);  // a word, not an operator
}

TEST_CASE("search: typing a few letters finds the thing, in Latin or Cyrillic, best first") {
  CHECK(First("ast") == "exhibitor:astana-hub");
  CHECK(First("аст") == "exhibitor:astana-hub");
  CHECK(First("Астана Хаб") == "exhibitor:astana-hub");
  CHECK(First("astana hub") == "exhibitor:astana-hub");
  CHECK(First("kosgeb") == "organization:kosgeb");
  CHECK(First("bilisim") == "exhibitor:bilisim-vadisi");
  CHECK(First("BİLİŞİM") == "exhibitor:bilisim-vadisi");
  CHECK(Finds("kyrgyz", "KG"));        // a country
  CHECK(Finds("memorandum", "technoparks-2022"));  // an agreement
  CHECK(Finds("madiyev", "astana-hub"));  // a person named in a description
  CHECK(Finds("сахна", "stage-main"));    // a place, by its Kazakh name
  CHECK(Finds("туалет", "amenity-toilet"));  // by its name, and by what it is in any language:
  CHECK(Finds("tuvalet", "amenity-toilet"));
  CHECK(Finds("cafe", "amenity-cafe"));
  CHECK(Hits(*Demo(), "zzzzqqq", "en").empty());
  // Grouped: hits of one group are together.
  auto hits = Hits(*Demo(), "a", "en");
  REQUIRE(!hits.empty());
  std::vector<db::SearchGroup> seen;
  for (const auto& h : hits)
    if (seen.empty() || seen.back() != db::GroupOf(h.kind)) {
      for (auto g : seen) CHECK(g != db::GroupOf(h.kind));
      seen.push_back(db::GroupOf(h.kind));
    }
}

TEST_CASE("the snapshot's search index is covered by validate") {
  test::TempDir dir;
  std::string path = test::GoodSnapshot(dir);
  // A good index passes every check, and the catalog the checks hand over searches.
  db::CheckedSnapshot good = db::CheckSnapshot(path);
  INFO(test::Dump(good.diagnostics));
  REQUIRE(good.catalog);
  CHECK(!Hits(*good.catalog, "astana", "en").empty());
  CHECK(First("") == "");

  // The stored text of one row changed under the index (FTS5 keeps it in search_content), and the checksum
  // recomputed: SQLite's integrity_check (3.40 does not look into FTS5) and the checksum both pass, so only
  // FTS5's integrity-check in CheckSnapshot (db/snapshot/validate.cpp) can refuse it.
  test::EditSnapshot(path, "UPDATE search_content SET c3 = 'nothing like it' WHERE id = (SELECT min(id) FROM search_content)");
  db::CheckedSnapshot bad = db::CheckSnapshot(path);
  INFO(test::Dump(bad.diagnostics));
  CHECK_FALSE(bad.catalog);
  REQUIRE(bad.diagnostics.error_count() == 1);  // it stops there: nothing after it could mean anything
  const db::Diagnostic* first = bad.diagnostics.first_error();
  CHECK(first->file == path);
  CHECK(first->field.empty());  // CheckSearchQueries' own finding would name the field "search"
  CHECK(first->message.rfind("the search index is damaged: ", 0) == 0);
  CHECK(first->message.find("search failed") == std::string::npos);
  CHECK(first->message.find("checksum") == std::string::npos);
}

TEST_CASE("one snapshot's index searched from two threads at once gives what one thread gets") {
  // SearchIndex serializes its calls (db/snapshot/search.h): a catalog and the variants copied from it
  // share one connection and its statements.
  auto c = Demo();
  db::CatalogData copy = *c;
  auto variant = db::Catalog::Make(std::move(copy));
  REQUIRE(variant->search_index == c->search_index);
  const std::vector<std::string> queries = {"a", "astana", "ту", "bilisim", "memorandum", "kyrgyz"};
  std::vector<std::vector<db::SearchHit>> expected;
  for (const auto& q : queries) expected.push_back(Hits(*c, q));
  std::atomic<int> differences{0}, errors{0};
  auto run = [&](const db::Catalog& cat) {
    for (int round = 0; round < 30; ++round)
      for (size_t i = 0; i < queries.size(); ++i) {
        auto got = db::Search(cat, queries[i], "en");
        if (!got) {
          ++errors;
          continue;
        }
        std::vector<db::SearchHit> flat;
        for (const auto& g : got.value().groups) flat.insert(flat.end(), g.hits.begin(), g.hits.end());
        if (flat.size() != expected[i].size()) ++differences;
        else
          for (size_t k = 0; k < flat.size(); ++k)
            if (flat[k].ref != expected[i][k].ref) ++differences;
      }
  };
  std::thread a(run, std::cref(*c)), b(run, std::cref(*variant));
  a.join();
  b.join();
  CHECK(errors == 0);
  CHECK(differences == 0);
}
