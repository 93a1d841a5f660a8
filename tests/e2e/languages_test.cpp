// Every screen in each of the seven languages, rendered by the real forum-kiosk under one Xvfb server. The
// kiosk's glyph audit (--screenshot exits 3 when a character was drawn without a glyph in the atlas) must
// pass for each; and it must catch a character the fonts lack.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

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
