// "Take it with you": the QR codes on a profile, a session and an agreement, rendered by the real kiosk and
// read back from the screenshot with zbarimg (zbar-tools), as a phone would read them.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string Decode(const std::string& png) {
  std::string out;
  FILE* p = ::popen(("zbarimg --raw -q " + png + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  if (!out.empty() && out.back() == '\n') out.pop_back();  // zbarimg ends each symbol with a newline
  return out;
}

std::string Shot(const std::string& screen, const std::string& name, const std::string& size = "1920x1080") {
  fs::create_directories(SCREENSHOT_DIR "/qr");
  std::string png = std::string(SCREENSHOT_DIR "/qr/") + name + ".png";
  std::string cmd = "xvfb-run -a -s '-screen 0 " + size + "x24' " FORUM_KIOSK " --windowed " + size +
                    " --lang en --now 2022-09-28T11:00 --screen " + screen + " --screenshot " + png + " >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return png;
}

}  // namespace

TEST_CASE("the QR code on a profile decodes to the exhibitor's vCard") {
  REQUIRE(std::system("command -v zbarimg >/dev/null") == 0);
  std::string expected =
      "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Astana Hub;;;;\r\nFN:Astana Hub\r\nORG:Astana Hub\r\n"
      "ADR;TYPE=WORK:;;;;;;Kazakhstan\r\nNOTE:Booth A1\\, International Digital Bridge Forum 2022\r\nEND:VCARD\r\n";
  CHECK(Decode(Shot("exhibitors/astana-hub", "profile")) == expected);
  CHECK(Decode(Shot("exhibitors/astana-hub", "profile-portrait", "1080x1920")) == expected);
}

TEST_CASE("the QR codes on a session and an agreement decode to what they show") {
  std::string session = Decode(Shot("schedule/2201", "session"));
  CHECK(session.rfind("BEGIN:VEVENT\r\nSUMMARY:Opening of the exhibition of technology parks\r\n", 0) == 0);
  CHECK(session.find("DTSTART:20220928T040000Z\r\nDTEND:20220928T044500Z\r\n") != std::string::npos);  // 10:00 in Astana
  CHECK(session.find("LOCATION:Main Stage\\, International Digital Bridge Forum 2022") != std::string::npos);
  std::string agreement = Decode(Shot("agreements/kosgeb-rsmb-2021", "agreement"));
  CHECK(agreement.rfind("Memorandum of Understanding between KOSGEB and RSMB", 0) == 0);
  CHECK(agreement.find("- Small and Medium Enterprises Development Organization of Türkiye") != std::string::npos);
}

TEST_CASE("the QR code of a route decodes to its directions in the visitor's words, the same the card lists") {
  REQUIRE(std::system("command -v zbarimg >/dev/null") == 0);
  fs::create_directories(SCREENSHOT_DIR "/qr");
  for (auto [lang, name] : {std::pair<std::string, std::string>{"en", "Astana Hub"}, {"ru", "Астана Хаб"}}) {
    CAPTURE(lang);
    std::string png = std::string(SCREENSHOT_DIR "/qr/route-booth-a1-") + lang + ".png", report = png + ".report";
    std::string cmd = "xvfb-run -a -s '-screen 0 1920x1080x24' " FORUM_KIOSK " --windowed 1920x1080 --lang " + lang +
                      " --now 2022-09-28T11:00 --screen map/route/booth-a1 --report " + report + " --screenshot " + png + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::string text = Decode(png);
    CAPTURE(text);
    CHECK(text.rfind(name + "\n", 0) == 0);  // where to, first
    // Every step the kiosk says (its report, one route_step line each) is in the code, numbered, in order.
    FILE* f = std::fopen(report.c_str(), "r");
    REQUIRE(f);
    std::string all;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) all.append(buf, n);
    std::fclose(f);
    int n = 0;
    size_t at = 0, from = 0;
    std::string last;
    while ((at = all.find("\nroute_step ", at)) != std::string::npos) {
      size_t end = all.find('\n', at + 1);
      last = all.substr(at + 12, end - at - 12);
      std::string numbered = std::to_string(++n) + ". " + last + "\n";
      size_t where = text.find(numbered, from);
      CHECK_MESSAGE(where != std::string::npos, numbered);
      if (where != std::string::npos) from = where;
      at = end;
    }
    CHECK(n >= 2);  // at least a walk and the arrival
    CHECK(last.find(name) != std::string::npos);
  }
}
