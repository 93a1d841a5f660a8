// The root of every frame: a window the size of the viewport with no decoration (ImGui's
// ShowExampleAppFullscreen), the current screen above the navigation bar, the language sheet on top.
#pragma once
#include "app/state/app_state.h"

namespace app {

// Draws one frame between ImGui::NewFrame() and ImGui::Render(). No I/O, no SQL, no exceptions.
void DrawFrame(AppState& s);

// Sets sizes from the screen's pixels per millimetre (see Metrics); scale = px_per_mm / 3.6.
Metrics MetricsFor(float px_per_mm);

}  // namespace app

namespace app {
// Every character the kiosk may draw: all text of the catalog and the interface's own symbols. The font
// atlas gets glyphs for exactly these.
std::string TextForGlyphs(const db::Catalog* c);
}  // namespace app
