#include "db/tool/template.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/plurrule.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xlsxwriter.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <system_error>

#include "db/base/text.h"
#include "db/base/time_zone.h"
#include "db/model/caps.h"
#include "db/model/plural.h"
#include "db/sources/source_tables.h"

namespace db {

namespace fs = std::filesystem;

namespace {

using Row = std::vector<std::string>;

struct Sheet {
  const SourceTable* table;
  std::vector<Row> rows;  // the header first
};

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// "қазақ тілі" -> "Қазақ тілі": a name standing alone in a picker starts with a capital, as the demo's do.
std::string Capitalized(icu::UnicodeString s, const icu::Locale& locale) {
  if (s.isEmpty()) return {};
  icu::UnicodeString first(s, 0, s.moveIndex32(0, 1));
  first.toUpper(locale);
  return Utf8(first + icu::UnicodeString(s, s.moveIndex32(0, 1)));
}

struct Language {
  std::string code, native_name, english_name, fallback, plural;
};

// The family of db/model/plural.h whose forms split the numbers 0..300 exactly as CLDR's categories for
// `locale` do; one_other when none does.
std::string PluralFamily(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale, status));
  if (U_FAILURE(status) || !rules) return kDefaultPluralRule;
  std::string names = PluralRuleNames();  // "none, one_other, ..."
  for (size_t at = 0; at < names.size();) {
    size_t end = names.find(", ", at);
    std::string family = names.substr(at, end == std::string::npos ? std::string::npos : end - at);
    at = end == std::string::npos ? names.size() : end + 2;
    std::map<std::string, int> form_of;
    std::map<int, std::string> category_of;
    bool same = true;
    for (int n = 0; n <= 300 && same; ++n) {
      std::string category = Utf8(rules->select(static_cast<int32_t>(n)));
      int form = PluralForm(family, n);
      same = form_of.emplace(category, form).first->second == form && category_of.emplace(form, category).first->second == category;
    }
    if (same) return family;
  }
  return kDefaultPluralRule;
}

Result<std::vector<Language>> Languages(const std::vector<std::string>& codes) {
  if (codes.empty()) return Error{"--languages: name at least one language, e.g. --languages kk,ru,en"};
  if (codes.size() > caps::kLanguages)
    return Error{"--languages: " + std::to_string(codes.size()) + " languages, at most " + std::to_string(caps::kLanguages)};
  std::vector<Language> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string& code = codes[i];
    bool letters = code.size() >= 2 && code.size() <= 3;
    for (char ch : code) letters = letters && ch >= 'a' && ch <= 'z';
    icu::Locale locale(code.c_str());
    icu::UnicodeString english;
    locale.getDisplayLanguage(icu::Locale::getEnglish(), english);
    if (!letters || Utf8(english) == code)
      return Error{"--languages: '" + code + "' is not a language code ISO 639 knows (two or three small letters: kk, ru, en)"};
    if (!seen.insert(code).second) return Error{"--languages: '" + code + "' is named twice"};
    icu::UnicodeString native;
    locale.getDisplayLanguage(locale, native);
    out.push_back({code, Capitalized(native, locale), Utf8(english), i + 1 < codes.size() ? codes[i + 1] : "",
                   PluralFamily(locale)});
  }
  return out;
}

// The language of the program's titles: English when offered (schedule systems mostly export it), else the first.
std::string ScheduleLanguage(const std::vector<Language>& langs) {
  for (const auto& l : langs)
    if (l.code == "en") return "en";
  return langs.front().code;
}

const char* ExampleOf(const char* file, const char* column) {
  for (const auto& c : SourceTableNamed(file).columns)
    if (std::string(c.name) == column) return c.example;
  return "";
}

// The forum's example dates and their offset in its zone (the tz database decides, as the build does).
struct Place {
  std::string start_date, end_date, zone, offset;
};

Place ExamplePlace() {
  Place p{ExampleOf("forum.csv", "start_date"), ExampleOf("forum.csv", "end_date"), ExampleOf("forum.csv", "time_zone"), ""};
  int64_t noon = DaysFromDate(p.start_date).value_or(0) * 86400 + 12 * 3600;
  auto offset = ZoneOffsetAt(p.zone, noon);
  p.offset = FormatInstant(noon, offset ? offset.value() : 0).substr(19);  // "+05:00"
  return p;
}

// An example text in `lang`: the English text, marked with the language's own name until someone writes it.
std::string ExampleText(const char* example, const Language& lang) {
  if (!*example || lang.code == "en") return example;
  return std::string(example) + " (" + lang.native_name + ")";
}

// Month and weekday names of each language from CLDR, the rows of strings.csv that say how a language writes
// dates (docs/SOURCES.md, strings.csv): real values, not examples.
std::vector<Row> DateStrings(const std::vector<Language>& langs) {
  std::vector<Row> rows;
  auto add = [&](const std::string& key, auto&& name_in) {
    Row r{key};
    for (const auto& l : langs) r.push_back(name_in(l));
    rows.push_back(std::move(r));
  };
  for (int context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE})
    for (int m = 0; m < 12; ++m)
      add("month." + std::to_string(m + 1) + (context == icu::DateFormatSymbols::STANDALONE ? ".standalone" : ""),
          [&](const Language& l) {
            UErrorCode status = U_ZERO_ERROR;
            icu::DateFormatSymbols symbols(icu::Locale(l.code.c_str()), status);
            int32_t count = 0;
            const icu::UnicodeString* names = symbols.getMonths(
                count, icu::DateFormatSymbols::DtContextType(context), icu::DateFormatSymbols::WIDE);
            return U_SUCCESS(status) && m < count ? Utf8(names[m]) : std::string();
          });
  for (int d = 1; d <= 7; ++d)  // weekday.1 is Monday; ICU counts from Sunday = 1
    add("weekday." + std::to_string(d), [&](const Language& l) {
      UErrorCode status = U_ZERO_ERROR;
      icu::Locale locale(l.code.c_str());
      icu::DateFormatSymbols symbols(locale, status);
      int32_t count = 0;
      const icu::UnicodeString* names = symbols.getWeekdays(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
      int at = d % 7 + 1;
      return U_SUCCESS(status) && at < count ? Capitalized(names[at], locale) : std::string();
    });
  return rows;
}

// The value of `c` in the example row, for `lang` when the column is translated.
std::string ExampleValue(const SourceTable& t, const SourceColumn& c, const Language* lang,
                         const std::vector<Language>& langs, const Place& place) {
  std::string name = c.name, file = t.file;
  if (lang && file == "countries.csv" && name == "name") {
    icu::UnicodeString country;
    icu::Locale("", ExampleOf("countries.csv", "code")).getDisplayCountry(icu::Locale(lang->code.c_str()), country);
    return Utf8(country);
  }
  if (lang) return ExampleText(c.example, *lang);
  if (file == "forum.csv" && name == "utc_offset") return place.offset;
  if (file == "forum.csv" && name == "default_language") return langs.front().code;
  if (name == "schedule_language" || (file == "sources.csv" && name == "language")) return ScheduleLanguage(langs);
  return c.example;
}

std::vector<Sheet> Sheets(const std::vector<Language>& langs, const Place& place) {
  std::vector<Sheet> out;
  for (const SourceTable& t : SourceTables()) {
    Row header, example;
    for (const SourceColumn& c : t.columns) {
      if (c.kind != SourceColumn::Translated) {
        header.emplace_back(c.name);
        example.push_back(ExampleValue(t, c, nullptr, langs, place));
        continue;
      }
      for (const Language& l : langs) {
        header.push_back(std::string(c.name) + "_" + l.code);
        example.push_back(ExampleValue(t, c, &l, langs, place));
      }
    }
    Sheet s{&t, {header}};
    std::string file = t.file;
    if (file == "languages.csv")
      for (const Language& l : langs) s.rows.push_back({l.code, l.native_name, l.english_name, l.fallback, l.plural});
    else if (file == "strings.csv")
      for (Row& r : DateStrings(langs)) s.rows.push_back(std::move(r));
    else
      s.rows.push_back(std::move(example));
    out.push_back(std::move(s));
  }
  return out;
}

std::string CsvLine(const Row& row) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) line += (i ? "," : "") + CsvField(row[i]);
  return line + "\n";
}

std::string FloorPlan(const std::vector<Language>& langs) {
  auto names = [&](const char* english) {
    std::string out;
    for (const auto& l : langs) out += ", \"name_" + l.code + "\": \"" + ExampleText(english, l) + "\"";
    return out;
  };
  return "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n"
         "    {\"type\": \"Feature\", \"properties\": {\"id\": \"hall-main\", \"kind\": \"hall\", \"sample\": 1" + names("Main hall") + "},\n"
         "     \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[40,0],[40,30],[0,30],[0,0]]]}},\n"
         "    {\"type\": \"Feature\", \"properties\": {\"id\": \"booth-a1\", \"kind\": \"booth\", \"label\": \"A1\", \"hall\": \"hall-main\", \"sample\": 1},\n"
         "     \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[2,2],[8,2],[8,6],[2,6],[2,2]]]}},\n"
         "    {\"type\": \"Feature\", \"properties\": {\"id\": \"stage-main\", \"kind\": \"stage\", \"hall\": \"hall-main\", \"sample\": 1" + names("Main Stage") + "},\n"
         "     \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[20,20],[38,20],[38,28],[20,28],[20,20]]]}},\n"
         "    {\"type\": \"Feature\", \"properties\": {\"id\": \"entrance-1\", \"kind\": \"entrance\", \"sample\": 1" + names("Entrance") + "},\n"
         "     \"geometry\": {\"type\": \"Point\", \"coordinates\": [20, 0]}},\n"
         "    {\"type\": \"Feature\", \"properties\": {\"id\": \"walk-1\", \"kind\": \"walkway\", \"from\": \"entrance-1\", \"to\": \"stage-main\", \"accessible\": true, \"sample\": 1},\n"
         "     \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[20, 0], [29, 20]]}}\n"
         "  ]\n}\n";
}

// A frab export with one event, in the room and track of the example rows, as a schedule system writes it.
std::string Program(const Place& place, const std::vector<Language>& langs) {
  std::string lang = ScheduleLanguage(langs);
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<schedule>\n  <version>template</version>\n"
         "  <conference>\n    <title>Example Forum</title>\n    <start>" + place.start_date + "</start>\n    <end>" +
         place.end_date + "</end>\n    <time_zone_name>" + place.zone + "</time_zone_name>\n  </conference>\n"
         "  <day index=\"1\" date=\"" + place.start_date + "\">\n    <room name=\"Main Stage\">\n"
         "      <event id=\"1\">\n        <date>" + place.start_date + "T10:00:00" + place.offset + "</date>\n"
         "        <start>10:00</start>\n        <duration>00:45</duration>\n        <room>Main Stage</room>\n"
         "        <title>Opening of the forum</title>\n        <track>Main track</track>\n        <type>talk</type>\n"
         "        <language>" + lang + "</language>\n        <abstract>Replace this program with your schedule system's export.</abstract>\n"
         "        <persons><person id=\"1\">Example Speaker</person></persons>\n      </event>\n"
         "    </room>\n  </day>\n</schedule>\n";
}

Result<bool> WriteFile(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) return Error{p.string() + ": could not be written"};
  return true;
}

Result<bool> WriteWorkbook(const fs::path& p, const std::vector<Sheet>& sheets) {
  lxw_workbook* book = workbook_new(p.string().c_str());
  if (!book) return Error{p.string() + ": could not be created"};
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  for (const Sheet& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, s.table->Sheet().c_str());
    for (size_t r = 0; r < s.rows.size(); ++r)
      for (size_t c = 0; c < s.rows[r].size(); ++c)
        if (!s.rows[r][c].empty())  // every cell as text: ids such as 007 and codes keep their form
          worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), s.rows[r][c].c_str(), r == 0 ? bold : nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_column(ws, 0, lxw_col_t(s.rows[0].size()), 18, nullptr);
  }
  lxw_error e = workbook_close(book);
  if (e != LXW_NO_ERROR) return Error{p.string() + ": " + lxw_strerror(e)};
  return true;
}

}  // namespace

Result<std::vector<std::string>> WriteTemplate(const fs::path& dir, const std::vector<std::string>& codes,
                                               TemplateFormat format) {
  auto langs = Languages(codes);
  if (!langs) return langs.error();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Error{dir.string() + ": the folder is not empty; name a new folder, so that nothing in it is overwritten"};
  fs::create_directories(dir, ec);
  if (ec) return Error{dir.string() + ": " + ec.message()};
  Place place = ExamplePlace();
  std::vector<Sheet> sheets = Sheets(langs.value(), place);
  std::vector<std::pair<std::string, std::string>> files = {{"floorplan.geojson", FloorPlan(langs.value())},
                                                            {"schedule.xml", Program(place, langs.value())}};
  std::vector<std::string> written;
  if (format == TemplateFormat::Workbook) {
    if (auto ok = WriteWorkbook(dir / "forum.xlsx", sheets); !ok) return ok.error();
    written.push_back("forum.xlsx");
  } else {
    for (const Sheet& s : sheets) {
      std::string bytes;
      for (const Row& r : s.rows) bytes += CsvLine(r);
      files.emplace_back(s.table->file, bytes);
    }
  }
  for (const auto& [name, bytes] : files) {
    if (auto ok = WriteFile(dir / name, bytes); !ok) return ok.error();
    written.push_back(name);
  }
  return written;
}

}  // namespace db
