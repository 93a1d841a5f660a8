// The message shown instead of the screens when no snapshot could be opened (AppState::load_error). Fixed
// text, as there are no UI strings without a snapshot: English and Russian, plainly, then for staff the
// reason. Drawn by app/screens/error_screen.cpp, repeated line by line in the --report text
// (app/state/report.h) so that a test or a staff script reads what staff read; its characters are always
// in the font atlas (app::TextForGlyphs).
#pragma once

namespace app {

inline constexpr const char* kSetupTitle = "This kiosk is being set up";
inline constexpr const char* kSetupTitleRu = "Киоск настраивается";
inline constexpr const char* kSetupForStaff = "For staff: the forum data could not be opened.";

}  // namespace app
