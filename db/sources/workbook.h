// A workbook staff keep the forum in (.xlsx from Excel or LibreOffice, .ods from LibreOffice): one sheet per
// table, named as the CSV file without ".csv", with the same columns. Read with libzip (the container) and
// pugixml (the XML); each sheet becomes the CsvTable its CSV file would (db/sources/csv_table.h), so every
// reader and check is the same for both. Cells as the spreadsheet stores them: text (shared, inline, rich),
// numbers (integers without ".0"), booleans as 1/0, date cells as YYYY-MM-DD (date serials read through the
// cell's number format in .xlsx, office:date-value in .ods).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "db/base/diagnostics.h"
#include "db/sources/csv_table.h"

namespace db {

// The sheets of the workbook at `path`, in workbook order. Each table's `file` is "<book>!<sheet>" and its rows'
// `line` the row number the spreadsheet shows. nullopt (reported, naming the book) when it cannot be read.
std::optional<std::vector<CsvTable>> ReadWorkbook(const std::filesystem::path& path, const std::string& display_name,
                                                  Diagnostics& diags);

// The column letters a spreadsheet shows for the 0-based column `index`: 0 "A", 25 "Z", 26 "AA".
std::string ColumnLetters(size_t index);

// Rewrites the diagnostics about a sheet's cells the way the spreadsheet names them: file "forum.xlsx", field
// "exhibitors!C7 (name_en)"; others are left as they are. `sheets` need only their file and header. Run once
// every check has run (the catalog's checks name rows by the origin the sheet gave them).
void NameCellsAsSpreadsheet(const std::vector<CsvTable>& sheets, Diagnostics& diags);

}  // namespace db
