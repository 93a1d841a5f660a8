// Sheets: views drawn over the current screen (its content still behind a scrim) that close back to it.
// Each draws into the rectangle the root window (app/ui.cpp) gives it and records Actions, like a screen.
#pragma once
#include <imgui.h>

#include "app/state/app_state.h"

namespace app {

void DrawLanguagePicker(AppState& s, ImVec2 size);  // the languages of the snapshot (language_sheet.cpp)
void DrawChooserSheet(AppState& s, ImVec2 size);    // the schedule's rooms or tracks to choose from (chooser_sheet.cpp)

}  // namespace app
