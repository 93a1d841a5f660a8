// The on-screen keyboard: large keys in two layouts, Latin with the Turkish, Azerbaijani and Uzbek letters
// and Cyrillic with the Kazakh, Kyrgyz and Uzbek letters, switched with one key; digits, space, backspace
// (repeating while held) and clear. It records Actions (Type, Erase, ClearQuery, SetKeyboard) like every
// control; a physical keyboard, when one is attached, types into the same query.
#pragma once
#include <string>
#include <vector>

#include "app/state/app_state.h"

namespace app {

struct KeyboardLayout {
  const char* name;  // on the switch key of the other layout: "ABC", "АБВ"
  std::vector<std::vector<const char*>> rows;  // letter rows (digits and the control row are shared)
};
const std::vector<KeyboardLayout>& KeyboardLayouts();  // 0 = Latin, 1 = Cyrillic
// The layout for a language: Cyrillic when its name is written in Cyrillic (kk, ru, ky), else Latin.
int DefaultKeyboard(const db::Catalog& c, const std::string& lang);
// Every character the keyboard draws (for the font atlas).
std::string KeyboardText();

// The layout shown now: the visitor's choice, else their language's.
int CurrentKeyboard(const AppState& s);
// The height of a layout's keyboard (digits, letter rows, control row), in pixels.
float KeyboardHeight(const AppState& s, int layout);
// Draws the current layout at the cursor, `width` wide; returns its height.
float DrawKeyboard(AppState& s, float width);

}  // namespace app
