// Descriptions as real exports write them (HTML from FOSDEM and pretalx, Markdown from the CCC hub, plain
// text from frab) become paragraphs, headings, list items and emphasis, with no markup and no entities left.
#include <doctest/doctest.h>

#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "tests/common/real_exports.h"
#include "db/model/caps.h"
#include "db/model/rich_text.h"
#include "db/snapshot/validate.h"
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

TEST_CASE("HTML escaped twice by the export (FOSDEM 2010's \"&amp,lt,ul&amp,gt,\") is read as the list it was") {
  // As the XML parser hands it over: the HTML holds the list's tags as entities.
  auto t = db::ParseDescription("<p>Currently, Wt:dbo contains the following functionality:\n&lt;ul&gt;\n"
                                "&lt;li&gt;Automatic schema creation&lt;/li&gt;\n&lt;li&gt;Lazy loading&lt;/li&gt;\n&lt;/ul&gt;</p>");
  CHECK(db::PlainText(t) == "Currently, Wt:dbo contains the following functionality:\n\nAutomatic schema creation\nLazy loading");
  REQUIRE(t.blocks.size() == 3);
  CHECK(t.blocks[1].kind == Kind::Bullet);
  // A block's end tag left over from pasted HTML (FOSDEM 2018), and Markdown links written inside HTML
  // (FOSDEM 2025) or with escaped brackets (36C3), are read as what they mean.
  CHECK(db::PlainText(db::ParseDescription("<p>future directions.&lt;/div></p>")) == "future directions.");
  auto links = db::ParseDescription("<p>The code is at [the project's GitHub](https://github.com/katzenpost).</p>");
  CHECK(db::PlainText(links) == "The code is at the project's GitHub.");
  REQUIRE(links.blocks.at(0).spans.size() == 3);
  CHECK(links.blocks[0].spans[1].link == "https://github.com/katzenpost");
  CHECK(db::PlainText(db::ParseDescription("Das Ziel von \\[Freedombones\\](https://freedombone.net/) ist es")) ==
        "Das Ziel von Freedombones ist es");
  // A lone tag named in prose, or a comparison, is text.
  CHECK(db::PlainText(db::ParseDescription("<p>Write &lt;b&gt; for bold; a &lt; b &amp;&amp; b &gt; c</p>")) ==
        "Write <b> for bold; a < b && b > c");
  CHECK(db::PlainText(db::ParseDescription("<p>The &lt;video&gt; element; [1](not a link)</p>")) == "The <video> element; [1](not a link)");
}

TEST_CASE("Markdown descriptions: headings, lists, emphasis, links, indented paragraphs stay prose") {
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

// [SECTION] The rich form in the snapshot: stored beside the plain text, refused when damaged

namespace {

// The real export built alone (tests/common/real_exports.h) into `dir`/out.snapshot, checked as the kiosk
// checks it; its catalog.
std::shared_ptr<const db::Catalog> BuiltExport(const test::TempDir& dir, const char* file) {
  const test::RealExport& e = test::RealExportNamed(file);
  auto src = dir.path() / "src";
  test::MakeExportSource(test::FixtureDir(), test::SharedDir() / "testdata" / "schedules" / file, e, src);
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  auto c = db::OpenSnapshot((dir.path() / "out.snapshot").string());
  REQUIRE_MESSAGE(c, c.error().message);
  return c.value();
}

// The one language the session's description is in, and its stored rich form decoded.
db::RichText RichOf(const db::Session& s) {
  REQUIRE(s.description_rich.by_lang.size() == 1);
  auto r = db::DecodeRichText(s.description_rich.by_lang.begin()->second);
  REQUIRE_MESSAGE(r, r.error().message);
  return r.value();
}

bool HasSpan(const db::RichText& t, Kind kind, const std::string& text, uint8_t style, const std::string& link = "") {
  for (const auto& b : t.blocks)
    if (b.kind == kind)
      for (const auto& s : b.spans)
        if (s.text == text && s.style == style && s.link == link) return true;
  return false;
}

}  // namespace

TEST_CASE("the rich form of real FOSDEM 2026 and 38C3 descriptions survives the snapshot: lists, bold, links") {
  for (const char* file : {"fosdem-2026-schedule.xml", "ccc-38c3-hub.xml"}) {
    CAPTURE(file);
    test::TempDir dir;
    auto c = BuiltExport(dir, file);
    // Every description has its rich form, the same as the export parsed afresh, and that form's text is
    // exactly the plain text search and inspect read.
    pugi::xml_document doc;
    REQUIRE(doc.load_file((test::SharedDir() / "testdata" / "schedules" / file).c_str()));
    size_t described = 0, lists = 0, bold = 0, links = 0;
    for (const auto& s : c->sessions) {
      if (s.description.empty()) {
        CHECK(s.description_rich.empty());
        continue;
      }
      ++described;
      CAPTURE(s.id);
      db::RichText rich = RichOf(s);
      CHECK(db::PlainText(rich) == s.description.by_lang.begin()->second);
      auto ev = doc.select_node(("//event[@id='" + s.id + "']").c_str()).node();
      REQUIRE(ev);
      std::string abstract = ev.child("abstract").text().as_string(), description = ev.child("description").text().as_string();
      db::RichText parsed = db::ParseDescription(abstract);
      if (!description.empty() && description != abstract)
        for (auto& b : db::ParseDescription(description).blocks) parsed.blocks.push_back(b);
      CHECK(rich == parsed);
      bool l = false, b = false, k = false;
      for (const auto& block : rich.blocks) {
        l |= block.kind == Kind::Bullet || block.kind == Kind::Numbered;
        for (const auto& span : block.spans) b |= (span.style & db::RichSpan::kBold) != 0, k |= !span.link.empty();
      }
      lists += l, bold += b, links += k;
    }
    MESSAGE(std::string(file) << ": " << described << " descriptions, " << lists << " with lists, " << bold << " with bold, " << links << " with links");
    CHECK(described > 500);
    CHECK(lists > 50);
    CHECK(bold > 50);
    CHECK(links > 100);
  }
}

TEST_CASE("by hand: a FOSDEM 2026 list with bold and links, a 38C3 Markdown list, heading and numbered items") {
  {
    test::TempDir dir;
    auto c = BuiltExport(dir, "fosdem-2026-schedule.xml");
    const db::Session* s = c->FindSession("8883");  // Scaling Mobility Flow Visualization
    REQUIRE(s);
    db::RichText t = RichOf(*s);
    CHECK(HasSpan(t, Kind::Paragraph, "flowmap.gl", db::RichSpan::kPlain, "https://flowmap.gl"));
    CHECK(HasSpan(t, Kind::Bullet, "Hierarchical clustering", db::RichSpan::kBold));
    CHECK(HasSpan(t, Kind::Bullet, ": locations are grouped at each zoom level using pixel-radius clustering, creating a "
                                   "hierarchy where clusters merge as users zoom out", db::RichSpan::kPlain));
    const db::Session* nima = c->FindSession("7508");  // Nix-manipulator: headings, lists, bold
    REQUIRE(nima);
    db::RichText n = RichOf(*nima);
    CHECK(HasSpan(n, Kind::Heading, "Goals", db::RichSpan::kPlain));
    CHECK(HasSpan(n, Kind::Bullet, "Ease of use.", db::RichSpan::kPlain));
    CHECK(HasSpan(n, Kind::Paragraph, "Nima", db::RichSpan::kPlain, "https://github.com/hoh/nix-manipulator"));
  }
  {
    test::TempDir dir;
    auto c = BuiltExport(dir, "ccc-38c3-hub.xml");
    const db::Session* s = c->FindSession("210206");  // Build your own {event} Fahrplan app for Android
    REQUIRE(s);
    db::RichText t = RichOf(*s);
    CHECK(HasSpan(t, Kind::Heading, "Requirements", db::RichSpan::kPlain));
    CHECK(HasSpan(t, Kind::Bullet, "38C3 Fahrplan app for Android", db::RichSpan::kPlain, "https://eventfahrplan.eu"));
    CHECK(HasSpan(t, Kind::Numbered, "already cloned", db::RichSpan::kBold));
    bool four = false;
    for (const auto& b : t.blocks) four |= b.kind == Kind::Numbered && b.number == 4;
    CHECK(four);
  }
}

TEST_CASE("the stored form: every kind of block and span comes back, damaged forms are refused saying where") {
  db::RichText t;
  t.blocks.push_back({Kind::Heading, 2, 0, {{"Ziele", db::RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Paragraph, 0, 0, {{"a \"quoted\" \\ word, ", db::RichSpan::kPlain, ""},
                                              {"bold", db::RichSpan::kBold, ""},
                                              {"both", db::RichSpan::kBold | db::RichSpan::kItalic, ""},
                                              {"link", db::RichSpan::kPlain, "https://example.org/?a=1&b=2"}}});
  t.blocks.push_back({Kind::Numbered, 1, 12, {{"line\nbreak", db::RichSpan::kCode, ""}}});
  t.blocks.push_back({Kind::Bullet, 0, 0, {{"漢字とかな", db::RichSpan::kItalic, ""}}});
  t.blocks.push_back({Kind::Quote, 0, 0, {{"q", db::RichSpan::kPlain, ""}}});
  t.blocks.push_back({Kind::Code, 0, 0, {{"int x;\n\treturn", db::RichSpan::kCode, ""}}});
  std::string stored = db::EncodeRichText(t);
  auto back = db::DecodeRichText(stored);
  REQUIRE_MESSAGE(back, back.error().message);
  CHECK(back.value() == t);
  CHECK(db::EncodeRichText(db::RichText{}) == "[]");
  // A link that is not one line is kept as text only.
  db::RichText bad_link{{{Kind::Paragraph, 0, 0, {{"x", db::RichSpan::kPlain, "http://a\nb"}}}}};
  CHECK(db::DecodeRichText(db::EncodeRichText(bad_link)).value().blocks[0].spans[0].link.empty());

  auto refused = [](const std::string& stored, const std::string& part) {
    CAPTURE(stored);
    auto r = db::DecodeRichText(stored);
    REQUIRE_FALSE(r);
    CHECK_MESSAGE(r.error().message.find(part) != std::string::npos, r.error().message);
  };
  refused("[[\"p\",0,0,[\"x\"]]", "not JSON (byte");
  refused("{\"p\":1}", "not an array of blocks");
  refused("[[\"p\",0,0,[\"x\"]],[\"li\",0,0,[\"y\"]]]", "block 2: the kind 'li' is not p, h, ul, ol, q or code");
  refused("[[\"ul\",99,0,[\"x\"]]]", "block 1: the depth 99 is not 0..15");
  refused("[[\"h\",6,0,[\"x\"]]]", "the depth 6 is not 0..5");
  refused("[[\"p\",0,3,[\"x\"]]]", "the number 3 is not 0");
  refused("[[\"p\",0,0,[]]]", "block 1: the block has no span");
  refused("[[\"p\",0,0,[\"x\",[\"y\",9]]]]", "block 1, span 2: the style 9 is not 0..7");
  refused("[[\"p\",0,0,[\"\"]]]", "span 1: the span has no text");
  refused("[[\"p\",0,0,[\"a\\u0001b\"]]]", "a control character");
  refused("[[\"p\",0,0,[[\"x\",0,\"\"]]]]", "the link's address is not a text");
  refused("[[\"p\",0,0,[\"\xC3\x28\"]]]", "not JSON");
  refused("[\"p\",0,0]", "block 1: not [kind, depth, number, [spans]]");
  refused(std::string(db::caps::kRichTextBytes + 1, ' '), "more than the");
}

TEST_CASE("a snapshot whose rich form does not decode, or whose text is not the plain text, is refused") {
  test::TempDir dir;
  auto c = BuiltExport(dir, "fosdem-2026-schedule.xml");
  const std::string good = (dir.path() / "out.snapshot").string();
  struct Damage {
    const char* sql;
    const char* message;
  } damages[] = {
      {"UPDATE session_i18n SET description_rich = substr(description_rich, 1, 40) WHERE session_id = '8883'",
       "session '8883', description_rich (en): the rich form does not decode: not JSON"},
      {"UPDATE session_i18n SET description_rich = replace(description_rich, 'Hierarchical', 'Hierarchic') WHERE session_id = '8883'",
       "session '8883', description_rich (en): the rich form's text is not the plain text (they differ from byte"},
      {"UPDATE session_i18n SET description_rich = replace(description_rich, '[\"ul\"', '[\"zz\"') WHERE session_id = '8883'",
       "the rich form does not decode: block 3: the kind 'zz' is not p, h, ul, ol, q or code"},
      {"UPDATE session_i18n SET description = NULL WHERE session_id = '8883'",
       "session '8883', description_rich (en): a rich form with no plain text in that language"},
  };
  for (const auto& d : damages) {
    CAPTURE(d.sql);
    std::string copy = (dir.path() / "damaged.snapshot").string();
    test::fs::copy_file(good, copy, test::fs::copy_options::overwrite_existing);
    test::EditSnapshot(copy, d.sql);
    db::Diagnostics diags = db::ValidateSnapshot(copy);
    INFO(test::Dump(diags));
    CHECK(test::HasError(diags, "session", 0, "description_rich", d.message));
    CHECK_FALSE(db::OpenSnapshot(copy));  // the kiosk's way in refuses it too: it keeps what it shows
  }
}

TEST_CASE("staff's plain descriptions in sessions.csv replace the export's and its rich form: a paragraph each") {
  const test::RealExport& e = test::RealExportNamed("fosdem-2026-schedule.xml");
  test::TempDir dir;
  auto src = dir.path() / "src";
  test::MakeExportSource(test::FixtureDir(), test::SharedDir() / "testdata" / "schedules" / e.file, e, src);
  test::WriteFile(src / "sessions.csv", "session,description_en\n8883,\"Staff wrote this.\n\nIn two paragraphs.\"\n");
  auto out = test::Build(src, dir);
  INFO(test::Dump(out.diags));
  REQUIRE(out.written);
  auto c = db::OpenSnapshot((dir.path() / "out.snapshot").string());
  REQUIRE(c);
  const db::Session* s = c.value()->FindSession("8883");
  REQUIRE(s);
  CHECK(s->description_rich.empty());
  CHECK(s->description.by_lang.begin()->second == "Staff wrote this.\n\nIn two paragraphs.");
  CHECK(db::PlainParagraphs("Staff wrote this.\n\nIn two paragraphs.").blocks.size() == 2);
  CHECK(c.value()->FindSession("7508")->description_rich.by_lang.size() == 1);  // the others keep theirs
}
