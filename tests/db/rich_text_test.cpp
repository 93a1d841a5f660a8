// Descriptions as real exports write them (HTML from FOSDEM and pretalx, Markdown from the CCC hub, plain
// text from frab) become paragraphs, headings, list items and emphasis, with no markup and no entities left.
#include <doctest/doctest.h>

#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "db/model/rich_text.h"
#include "db/sources/rich_text_import.h"
#include "support.h"

namespace {

using Kind = db::RichBlock::Kind;

std::string Texts(const db::RichBlock& b) {
  std::string out;
  for (const auto& s : b.spans) out += s.text;
  return out;
}

}  // namespace

TEST_CASE("HTML descriptions: paragraphs, lists with their numbers, headings, emphasis and links as text") {
  auto t = db::ParseDescription(
      "<p>Welcome to <strong>FOSDEM</strong> &amp; friends.</p>\n<h2>Agenda</h2>\n"
      "<ol start=\"3\"><li><p>Talks</p></li><li>Chat in <a href=\"https://chat.fosdem.org/\">the chat room</a></li></ol>\n"
      "<ul><li>one<ul><li>nested</li></ul></li></ul><p>design&amp;code<br/>next line</p>");
  REQUIRE(t.blocks.size() == 7);
  CHECK(t.blocks[0].kind == Kind::Paragraph);
  CHECK(Texts(t.blocks[0]) == "Welcome to FOSDEM & friends.");
  CHECK(t.blocks[0].spans[1].text == "FOSDEM");
  CHECK(t.blocks[0].spans[1].style == db::RichSpan::kBold);
  CHECK(t.blocks[1].kind == Kind::Heading);
  CHECK(t.blocks[1].depth == 1);
  CHECK(t.blocks[2].kind == Kind::Numbered);
  CHECK(t.blocks[2].number == 3);
  CHECK(Texts(t.blocks[2]) == "Talks");
  CHECK(t.blocks[3].number == 4);
  CHECK(t.blocks[3].spans.back().link == "https://chat.fosdem.org/");
  CHECK(t.blocks[3].spans.back().text == "the chat room");
  CHECK(t.blocks[4].kind == Kind::Bullet);
  CHECK(t.blocks[5].depth == 1);
  // FOSDEM's XML writes "design&amp;amp;code": the XML parser makes it this HTML, the HTML parser "&".
  CHECK(Texts(t.blocks[6]) == "design&code\nnext line");
  CHECK(db::PlainText(t) ==
        "Welcome to FOSDEM & friends.\n\nAgenda\n\nTalks\nChat in the chat room\n\none\nnested\n\ndesign&code\nnext line");
}

TEST_CASE("HTML whose author wrote a list as lines (\"Links:<br />\\n- <a>...\") becomes list items") {
  auto t = db::ParseDescription("<p>Links:<br />\n- <a href=\"https://bonfirenetworks.org\">Project</a>\n- <a href=\"https://docs.bonfirenetworks.org\">Docs</a></p>"
                                "<p>Steps:\n1. build\n2. run</p>");
  REQUIRE(t.blocks.size() == 6);
  CHECK(Texts(t.blocks[0]) == "Links:");
  CHECK(t.blocks[1].kind == Kind::Bullet);
  CHECK(Texts(t.blocks[1]) == "Project");
  CHECK(t.blocks[1].spans[0].link == "https://bonfirenetworks.org");
  CHECK(Texts(t.blocks[2]) == "Docs");
  CHECK(Texts(t.blocks[3]) == "Steps:");
  CHECK(t.blocks[5].kind == Kind::Numbered);
  CHECK(t.blocks[5].number == 2);
  CHECK(Texts(t.blocks[5]) == "run");
}

TEST_CASE("Markdown descriptions: headings, lists, emphasis, links; indented paragraphs stay prose") {
  auto t = db::ParseDescription(
      "# About\n\nA *small* talk about **big** things, see [the wiki](https://example.org/w).\n\n"
      "                    An indented paragraph &mdash; as the hub writes them.\n\n"
      "- first\n- second\n\n1. one\n2. two\n");
  REQUIRE(t.blocks.size() == 7);
  CHECK(t.blocks[0].kind == Kind::Heading);
  CHECK(Texts(t.blocks[0]) == "About");
  CHECK(Texts(t.blocks[1]) == "A small talk about big things, see the wiki.");
  CHECK(t.blocks[1].spans[1].style == db::RichSpan::kItalic);
  CHECK(t.blocks[1].spans[3].style == db::RichSpan::kBold);
  CHECK(t.blocks[1].spans[5].link == "https://example.org/w");
  CHECK(t.blocks[2].kind == Kind::Paragraph);
  CHECK(Texts(t.blocks[2]) == "An indented paragraph \u2014 as the hub writes them.");
  CHECK(t.blocks[3].kind == Kind::Bullet);
  CHECK(t.blocks[6].kind == Kind::Numbered);
  CHECK(t.blocks[6].number == 2);
}

TEST_CASE("plain text stays as written: paragraphs at blank lines, characters that are not markup kept") {
  auto t = db::ParseDescription("Erster Absatz, über 3 < 4 & 5 > 2.\n\nZweiter Absatz: C++ & Rust.");
  REQUIRE(t.blocks.size() == 2);
  CHECK(Texts(t.blocks[0]) == "Erster Absatz, über 3 < 4 & 5 > 2.");
  CHECK(Texts(t.blocks[1]) == "Zweiter Absatz: C++ & Rust.");
  CHECK(db::ParseDescription("").empty());
  CHECK(db::ParseDescription("   \n\n ").empty());
}

TEST_CASE("every description of the real exports parses to text with no tag, entity or Markdown left") {
  size_t texts = 0;
  for (const char* file : {"fosdem-2026-schedule.xml", "fosdem-2014-pentabarf.xml", "ccc-38c3-hub.xml", "frab-31c3-schedule.xml"}) {
    CAPTURE(file);
    pugi::xml_document doc;
    REQUIRE(doc.load_file((test::SharedDir() / "testdata" / "schedules" / file).c_str()));
    for (auto ev : doc.select_nodes("//event")) {
      for (const char* field : {"abstract", "description"}) {
        std::string raw = ev.node().child(field).text().as_string();
        if (raw.empty()) continue;
        ++texts;
        std::string plain = db::PlainText(db::ParseDescription(raw));
        CAPTURE(ev.node().attribute("id").as_string());
        CAPTURE(raw.substr(0, 300));
        CHECK_MESSAGE(test::MarkupIn(plain).empty(), "markup left: " << test::MarkupIn(plain));
      }
    }
  }
  CHECK(texts > 2000);
}
