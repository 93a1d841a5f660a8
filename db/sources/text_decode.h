// What a spreadsheet program saved, as UTF-8: the encoding found (byte-order mark, UTF-8, or the legacy code
// page ICU's charset detection recognises, e.g. Windows-1251 from Excel's plain "CSV" in a Russian locale) and
// the text converted with ICU. Staff save from Excel and LibreOffice in their own locale (docs/SOURCES.md,
// "Saving from a spreadsheet"); the one step that turns those bytes into the text every reader parses.
#pragma once
#include <string>
#include <string_view>

#include "db/base/result.h"

namespace db {

struct DecodedText {
  std::string utf8;      // without a byte-order mark
  std::string encoding;  // as staff's programs name it: "UTF-8", "UTF-16LE", "Windows-1251", ...
  bool legacy = false;   // a single-byte code page: characters it lacks may have been saved as '?'
};

// Decodes `bytes`: a BOM decides (UTF-8, UTF-16LE/BE); else valid UTF-8 is UTF-8; else UTF-16 without a BOM
// when every other byte of ASCII text is NUL; else mostly-valid UTF-8 with a few broken sequences stays UTF-8
// (the caller reports them: a file that mixes encodings); else the legacy code page ICU finds. An error (in
// plain words, with the fix) when the bytes are a workbook or another binary file, or no code page fits.
Result<DecodedText> DecodeSpreadsheetText(std::string_view bytes);

}  // namespace db
