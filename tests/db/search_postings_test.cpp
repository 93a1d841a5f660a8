// The kiosk answers a keystroke from the index's postings in memory (db/snapshot/search_postings.h), not by
// asking FTS5. What a visitor must not notice: any difference. Every case here asks FTS5 itself the same
// question (SearchIndex::FindWithFts5: MATCH, bm25(), the name filter and `^`) and wants the same things,
// found in the same place and with the same bm25 to the last bit, on the demo, a real conference's export
// (FOSDEM 2026) and a synthetic forum in seven languages.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <random>
#include <set>

#include "db/base/text.h"
#include "db/model/catalog.h"
#include "db/snapshot/loader.h"
#include "db/snapshot/search.h"
#include "db/snapshot/search_fold.h"
#include "db/snapshot/search_postings.h"
#include "db/snapshot/sqlite.h"
#include "db/snapshot/writer.h"
#include "db/tool/synth.h"
#include "support.h"
#include "tests/common/real_exports.h"

namespace {

std::shared_ptr<const db::Catalog> Load(const test::fs::path& path) {
  auto loaded = db::LoadCatalog(path.string());
  REQUIRE_MESSAGE(bool(loaded), (loaded ? "" : loaded.error().message));
  return loaded.value();
}

// The questions: every first letter and first two letters of a word of the catalog's texts, a sample of
// whole words (at most 300, every tenth), pairs and triples of them in a fixed random order, a word twice,
// a word and a letter, and words found nowhere.
std::vector<std::vector<std::string>> Questions(const db::Catalog& c) {
  std::set<std::string> prefixes, words;
  db::ForEachText(c, [&](const db::TextRef& t) {
    for (const auto& w : db::SearchWords(t.text)) {
      size_t end = 0;
      char32_t cp;
      if (!db::NextCodepoint(w, end, cp)) continue;
      prefixes.insert(w.substr(0, end));
      size_t two = end;
      if (db::NextCodepoint(w, two, cp)) prefixes.insert(w.substr(0, two));
      words.insert(w);
    }
  });
  std::vector<std::string> sample;
  size_t i = 0;
  for (const auto& w : words)
    if (i++ % 10 == 0 && sample.size() < 300) sample.push_back(w);
  std::vector<std::vector<std::string>> out;
  for (const auto& p : prefixes) out.push_back({p});
  for (const auto& w : sample) out.push_back({w});
  std::mt19937 rng(11);
  for (size_t k = 0; k < 200 && !sample.empty(); ++k) {
    const std::string& a = sample[rng() % sample.size()];
    const std::string& b = sample[rng() % sample.size()];
    out.push_back({a, b});
    out.push_back({a.substr(0, 2), b.substr(0, 1)});
    if (k % 4 == 0) out.push_back({b, a, sample[rng() % sample.size()].substr(0, 3)});
  }
  if (!sample.empty()) out.push_back({sample[0], sample[0]}), out.push_back({sample[0], "zzqqxx"});
  out.push_back({"zzqqxx"});
  return out;
}

// Asks every question both ways; returns how many things were found in all (so a case that finds nothing
// cannot pass unnoticed).
size_t SameAsFts5(const db::Catalog& c) {
  REQUIRE(c.search_index);
  size_t found = 0, questions = 0;
  for (const auto& q : Questions(c)) {
    auto ours = c.search_index->Find(q);
    auto fts5 = c.search_index->FindWithFts5(q);
    REQUIRE(bool(ours));
    REQUIRE(bool(fts5));
    std::string asked;
    for (const auto& w : q) asked += (asked.empty() ? "" : " ") + w;
    auto differs = db::SameMatches(ours.value(), fts5.value());
    CHECK_MESSAGE(!differs, "\"" << asked << "\": " << differs.value_or(""));
    found += ours.value().size();
    ++questions;
  }
  MESSAGE(questions << " questions, " << found << " things found");
  return found;
}

}  // namespace

TEST_CASE("search in memory answers as FTS5 does, on the demo") {
  auto c = Load(test::DemoSnapshot());
  CHECK(SameAsFts5(*c) > 1000);
}

TEST_CASE("search in memory answers as FTS5 does, on FOSDEM 2026's real export") {
  test::TempDir dir;
  const test::RealExport& e = test::RealExportNamed("fosdem-2026-schedule.xml");
  auto path = test::SharedDir() / "testdata" / "schedules" / e.file;
  REQUIRE_MESSAGE(test::fs::exists(path), "missing real export " << path << " (../shared beside the repository)");
  test::MakeExportSource(test::FixtureDir(), path, e, dir.path() / "src");
  auto out = test::Build(dir.path() / "src", dir);
  REQUIRE_MESSAGE(out.written, test::Dump(out.diags));
  auto c = Load(dir / "out.snapshot");
  CHECK(SameAsFts5(*c) > 10000);
}

TEST_CASE("search in memory answers as FTS5 does, on a synthetic forum in seven languages") {
  test::TempDir dir;
  auto synth = db::SynthCatalog(400, 300);
  auto written = db::WriteSnapshot(*synth, dir / "synth.snapshot", 1);
  REQUIRE_MESSAGE(bool(written), (written ? "" : written.error().message));
  auto c = Load(dir / "synth.snapshot");
  CHECK(SameAsFts5(*c) > 10000);

  SUBCASE("a group's first hits are the first of its full list, however many are tied") {
    // The first 8 are picked without sorting the rest (and thousands tie on bm25 here): they must be what
    // sorting the whole group gives.
    for (const char* typed : {"t", "те", "tex", "техно", "a", "park", "e", "тех а"})
      for (const char* lang : {"en", "ru", "kk"}) {
        auto first = db::Search(*c, typed, lang);
        auto all = db::Search(*c, typed, lang, db::kAllHits);
        REQUIRE(bool(first));
        REQUIRE(bool(all));
        REQUIRE(first.value().groups.size() == all.value().groups.size());
        for (size_t g = 0; g < first.value().groups.size(); ++g) {
          const auto& a = first.value().groups[g];
          const auto& b = all.value().groups[g];
          CHECK(a.group == b.group);
          CHECK(a.count == b.count);
          REQUIRE(a.hits.size() == std::min<size_t>(8, b.hits.size()));
          for (size_t i = 0; i < a.hits.size(); ++i)
            CHECK_MESSAGE(a.hits[i].ref == b.hits[i].ref, typed << " (" << lang << ") " << db::GroupName(a.group) << " #" << i);
        }
      }
  }
}

TEST_CASE("a prefix's own list of rows gives what its terms give, row by row") {
  // The lists are made only at a large forum's size (SearchPostings::kPrefixListMin postings); here every
  // prefix of one or two bytes with two terms or more gets one, and each question is asked of both.
  test::TempDir dir;
  auto synth = db::SynthCatalog(200, 150);
  REQUIRE(bool(db::WriteSnapshot(*synth, dir / "synth.snapshot", 1)));
  std::ifstream in(dir / "synth.snapshot", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  db::Database a = db::Database::FromBytes(bytes, "synth"), b = db::Database::FromBytes(bytes, "synth");
  db::SearchPostings lists = db::SearchPostings::Read(a, 1), terms = db::SearchPostings::Read(b, SIZE_MAX);
  auto c = Load(dir / "synth.snapshot");
  size_t rows = 0;
  std::vector<db::SearchPostings::Row> x, y;
  for (const auto& q : Questions(*c)) {
    lists.Match(q, x), terms.Match(q, y);
    auto by_row = [](const auto& l, const auto& r) { return l.rowid < r.rowid; };
    std::sort(x.begin(), x.end(), by_row), std::sort(y.begin(), y.end(), by_row);
    REQUIRE(x.size() == y.size());
    for (size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i].rowid == y[i].rowid);
      CHECK(x[i].where == y[i].where);
      CHECK(x[i].bm25 == y[i].bm25);
    }
    rows += x.size();
  }
  CHECK(rows > 10000);
}
