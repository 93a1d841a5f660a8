// Sheets: views drawn over the current screen (its content still behind a scrim) that close back to it.
// Each draws into the rectangle the root window (app/ui.cpp) gives it and records Actions, like a screen.
#pragma once
#include <imgui.h>

#include "app/state/app_state.h"

namespace app {

void DrawLanguagePicker(AppState& s, ImVec2 size);  // the languages of the snapshot (language_sheet.cpp)
void DrawChooserSheet(AppState& s, ImVec2 size);    // the schedule's rooms or tracks to choose from (chooser_sheet.cpp)
// forum-kiosk --sources: the live preview's bar or problem list at the top (preview_panel.cpp); its height
// for `size` (0 outside preview mode), which the root window keeps free above the screens.
float PreviewPanelHeight(const AppState& s, ImVec2 size);
void DrawPreviewPanel(AppState& s, ImVec2 size);

}  // namespace app
