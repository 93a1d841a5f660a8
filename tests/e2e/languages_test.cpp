// Every screen in each of the seven languages, rendered by the real forum-kiosk under one Xvfb server. The
// kiosk's glyph audit (--screenshot exits 3 when a character was drawn without a glyph in the atlas) must
// pass for each; and it must catch a character the fonts lack.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support.h"

namespace fs = std::filesystem;

namespace {

const char* kLanguages[] = {"kk", "ru", "en", "tr", "az", "uz", "ky"};
// The five screens and a detail of each kind.
const char* kViews[] = {"home", "map", "exhibitors", "agreements", "schedule",
                        "exhibitors/astana-hub", "agreements/kosgeb-rsmb-2021", "schedule/2201", "search/a"};

std::string FileName(std::string view) {
  for (char& c : view)
    if (c == '/') c = '-';
  return view;
}

// Runs each command line of `runs` under one Xvfb; returns each run's exit code, in order.
std::vector<int> RunAll(const std::vector<std::string>& runs, const std::string& work) {
  std::string script = work + "/runs.sh", codes = work + "/codes.txt";
  {
    std::ofstream out(script);
    out << "set -u\n: >" << codes << "\n";
    // Exit 1 is "cannot open the display": a busy machine's Xvfb refusing a connection now and then, not
    // the kiosk's fault; such a run is tried once more. (The glyph audit is exit 3.)
    for (const auto& r : runs)
      out << "for try in 1 2; do " << r << " >>" << work << "/log.txt 2>&1; rc=$?; [ $rc -ne 1 ] && break; sleep 1; done; echo $rc >>"
          << codes << "\n";
  }
  std::string cmd = "xvfb-run -a -s '-screen 0 1920x1080x24' bash " + script;
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::vector<int> out;
  std::ifstream in(codes);
  for (int rc; in >> rc;) out.push_back(rc);
  return out;
}

}  // namespace

TEST_CASE("every screen in each of the seven languages draws every character from the font atlas") {
  std::string dir = SCREENSHOT_DIR "/languages";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::string> runs, names;
  for (const char* lang : kLanguages)
    for (const char* view : kViews) {
      std::string png = dir + "/" + lang + "-" + FileName(view) + ".png";
      runs.push_back(std::string(FORUM_KIOSK) + " --windowed 1920x1080 --lang " + lang + " --screen " + view +
                     " --now 2022-09-28T11:00 --screenshot " + png);
      names.push_back(std::string(lang) + " " + view);
    }
  auto codes = RunAll(runs, dir);
  REQUIRE(codes.size() == runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    CHECK_MESSAGE(codes[i] == 0, names[i] << ": exit " << codes[i] << " (3: a character without a glyph; see " << dir << "/log.txt)");
    CHECK_MESSAGE(fs::exists(dir + "/" + FileName(names[i].substr(0, 2)) + "-" + FileName(names[i].substr(3)) + ".png"), names[i]);
  }
}

TEST_CASE("the glyph audit catches a character the fonts do not have") {
  // The minimal fixture with a private-use character (U+E000) in an exhibitor's name: no font has a glyph.
  fs::path src = SCREENSHOT_DIR "/glyph-forum";
  fs::remove_all(src);
  fs::create_directories(SCREENSHOT_DIR);  // run alone, this test is the first to write there
  fs::copy(FORUM_FIXTURE, src, fs::copy_options::recursive);
  std::stringstream ss;
  ss << std::ifstream(src / "organizations.csv").rdbuf();
  std::string orgs = ss.str();
  auto at = orgs.find(",Astana Hub,");
  REQUIRE(at != std::string::npos);
  orgs.replace(at, 12, ",Astana Hub \xEE\x80\x80,");
  std::ofstream(src / "organizations.csv") << orgs;
  std::string snap = SCREENSHOT_DIR "/glyph-forum.snapshot";
  REQUIRE(std::system((std::string(KIOSK_SNAPSHOT) + " build " + src.string() + " -o " + snap + " >/dev/null 2>&1").c_str()) == 0);
  std::string base = std::string(FORUM_KIOSK) + " --windowed 1280x800 --snapshot " + snap + " --lang en --screenshot " +
                     SCREENSHOT_DIR "/glyph-";
  auto codes = RunAll({base + "exhibitors.png --screen exhibitors"}, SCREENSHOT_DIR);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0] == 3);  // the name is drawn on the exhibitor list
  CHECK(fs::exists(SCREENSHOT_DIR "/glyph-exhibitors.png"));  // the picture is still saved, for staff to see
}

// [SECTION] Fallback fonts: characters Noto Sans lacks come from Noto Sans Symbols/Math/Symbols2, Noto Sans
// CJK and Symbola (fonts/font_files.h), and are really drawn.

namespace {

// Pixels of the session detail's title (landscape 1920x1080: below Back, above the date, left of the QR code)
// that differ from the region's background: 0 when the title drew nothing.
int TitleInk(const e2e::Image& img) {
  if (img.w != 1920 || img.h != 1080) return -1;
  const int x0 = 40, x1 = 1100, y0 = 95, y1 = 180;
  std::map<int, int> colours;  // the most common colour is the background
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = img.At(x, y);
      ++colours[p[0] << 16 | p[1] << 8 | p[2]];
    }
  int bg = std::max_element(colours.begin(), colours.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  int ink = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = img.At(x, y);
      ink += std::abs(p[0] - (bg >> 16)) + std::abs(p[1] - (bg >> 8 & 0xFF)) + std::abs(p[2] - (bg & 0xFF)) > 120;
    }
  return ink;
}

// The minimal fixture with session 101's English title `title` and person 9001's name `name` (sessions.csv,
// people.csv), built by the real kiosk-snapshot into SCREENSHOT_DIR/fallback/<tag>.snapshot.
std::string FixtureWithTitle(const std::string& tag, const std::string& title, const std::string& name) {
  fs::path src = fs::path(SCREENSHOT_DIR) / "fallback" / (tag + "-src");
  fs::remove_all(src);
  fs::create_directories(src.parent_path());
  fs::copy(FORUM_FIXTURE, src, fs::copy_options::recursive);
  std::ofstream(src / "sessions.csv") << "session,sample,title_ru,title_en\n101,1,Подписание меморандума," << title << "\n";
  std::ofstream(src / "people.csv") << "id,organization,sample,name_en,name_ru,title_en\n9001,astana-hub,0," << name << ",Магжан Мадиев,CEO\n";
  std::string snap = (src.parent_path() / (tag + ".snapshot")).string();
  std::string cmd = std::string(KIOSK_SNAPSHOT) + " build " + src.string() + " -o " + snap + " >" + snap + ".log 2>&1";
  return std::system(cmd.c_str()) == 0 ? snap : "";
}

}  // namespace

TEST_CASE("CJK, emoji, arrows and maths signs in a session and a speaker draw from the fallback fonts, not blank") {
  std::string dir = SCREENSHOT_DIR "/fallback";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // One title per fallback, so that a blank glyph cannot hide behind the others; "mixed" as a visitor sees it.
  const std::vector<std::pair<std::string, std::string>> titles = {
      {"cjk", "开源软件 日本語"},  // Noto Sans CJK SC (bold: NotoSansCJK-Bold.ttc)
      {"fullwidth", "\xEF\xBC\x9A\xEF\xBC\x9A\xEF\xBC\x9A"},  // U+FF1A, as in a FOSDEM 2026 title
      {"arrow", "\xE2\x86\x92"},  // U+2192: Noto Sans Symbols (Debian's Noto Sans has no arrows)
      {"maths", "\xE2\x88\x91 \xE2\x89\xA5"},  // U+2211 U+2265: Noto Sans Math
      {"coffee", "\xE2\x98\x95"},  // U+2615 emoji: Noto Sans Symbols2
      {"sparkles", "\xE2\x9C\xA8"},  // U+2728 emoji: Symbola
      {"astral", "\xF0\x9F\x99\x8A \xF0\x9F\x92\x8C"},  // U+1F64A U+1F48C: above U+FFFF, under stand-ins (db::StandIns)
      {"mixed", "开源软件 日本語 \xE2\x98\x95 \xE2\x86\x92 \xE2\x88\x91 \xE2\x89\xA5"},
      // U+2800, the blank braille pattern (Noto Sans Symbols2): drawn, and blank, so the check below can fail.
      // Not a space: spaces at a title's ends (U+3000 too) are trimmed on import, leaving no title to draw.
      {"blank", "\xE2\xA0\x80"},
  };
  std::vector<std::string> runs;
  for (const auto& [tag, title] : titles) {
    std::string snap = FixtureWithTitle(tag, title, "胡玮文 \xE2\x9C\xA8 \xE2\x86\x92");
    REQUIRE_MESSAGE(!snap.empty(), tag << ": kiosk-snapshot build failed, see " << dir);
    runs.push_back(std::string(FORUM_KIOSK) + " --windowed 1920x1080 --snapshot " + snap + " --lang en --now 2022-09-28T09:30" +
                   " --screen schedule/101 --screenshot " + dir + "/" + tag + ".png");
  }
  auto codes = RunAll(runs, dir);
  REQUIRE(codes.size() == runs.size());
  for (size_t i = 0; i < titles.size(); ++i) {
    const std::string& tag = titles[i].first;
    CHECK_MESSAGE(codes[i] == 0, tag << ": exit " << codes[i] << " (3: a character without a glyph; see " << dir << "/log.txt)");
    int ink = TitleInk(e2e::Load(dir + "/" + tag + ".png"));
    if (tag == "blank")
      CHECK_MESSAGE(ink == 0, "the blank braille pattern drew " << ink << " pixels: the title region is not where this test looks");
    else
      CHECK_MESSAGE(ink > 40, tag << ": the title drew " << ink << " pixels (a blank glyph?), see " << dir << "/" << tag << ".png");
  }
}

TEST_CASE("FOSDEM 2026's schedule, a search and the session with U+FF1A in its title draw every character") {
  std::string snap = e2e::RealExportSnapshot("fosdem-2026-schedule.xml", "fosdem-2026-glyphs");
  REQUIRE_MESSAGE(!snap.empty(), "kiosk-snapshot build of FOSDEM 2026 failed, see " SCREENSHOT_DIR "/exports/fosdem-2026-glyphs.log");
  std::string dir = SCREENSHOT_DIR "/fosdem-2026";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // 8800: "Fork the Government：The Back and Forth..."; 胡玮文: a speaker (person 5741), found by name in CJK.
  const std::vector<std::pair<std::string, std::string>> views = {
      {"schedule", "schedule"}, {"search-fork", "'search/Fork the Government'"}, {"session-8800", "schedule/8800"},
      {"search-cjk-speaker", "'search/胡玮文'"}};
  std::vector<std::string> runs;
  for (const auto& [name, view] : views)
    runs.push_back(std::string(FORUM_KIOSK) + " --windowed 1920x1080 --snapshot " + snap + " --lang en --now 2026-01-31T12:00" +
                   " --screen " + view + " --screenshot " + dir + "/" + name + ".png");
  auto codes = RunAll(runs, dir);
  REQUIRE(codes.size() == runs.size());
  for (size_t i = 0; i < views.size(); ++i) {
    CHECK_MESSAGE(codes[i] == 0, views[i].first << ": exit " << codes[i] << " (3: a character without a glyph; see " << dir << "/log.txt)");
    CHECK_MESSAGE(e2e::Spread(e2e::Load(dir + "/" + views[i].first + ".png")) > 5, views[i].first << ": a blank picture");
  }
  CHECK(TitleInk(e2e::Load(dir + "/session-8800.png")) > 40);
}
