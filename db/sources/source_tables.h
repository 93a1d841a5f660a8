// The tables of a source folder as staff keep them: each CSV file (or workbook sheet) with its columns. One
// description that the reader (db/sources/sources.cpp: which columns are required, known, translated, read as
// day-first dates) and the template (`kiosk-snapshot new`, db/tool/template.h) both derive from, so a column
// added here is read and offered alike. docs/SOURCES.md says what each column means.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace db {

struct SourceColumn {
  enum Kind { Required, Optional, Translated };  // Translated: one column per language, `<name>_<lang>`
  const char* name;
  Kind kind;
  // The template's example value; for a translated column, its English text (the template marks the
  // language). "" leaves the template's cell empty.
  const char* example;
  bool date = false;  // a date: 28.09.2022 as Excel writes it in the forum's locales is read day first
};

struct SourceTable {
  const char* file;      // "organizations.csv"; its sheet in a workbook is the name without ".csv"
  bool required;         // the folder must have it
  const char* one_row_per;  // for the template's and the docs' wording
  std::vector<SourceColumn> columns;

  std::string Sheet() const;  // "organizations"
  std::vector<std::string> Names(SourceColumn::Kind kind) const;
  std::vector<std::string> Dates() const;
};

// Every table, in the order a person fills them in (languages first, the program's extras last).
const std::vector<SourceTable>& SourceTables();
// The table of `file` ("exhibitors.csv"); throws std::out_of_range for a name that is not one (a bug).
const SourceTable& SourceTableNamed(std::string_view file);

}  // namespace db
