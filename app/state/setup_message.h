// The message shown instead of the screens when no snapshot could be opened (AppState::load_error), and the
// view while one is still being opened (AppState::loading). Fixed
// text, as there are no UI strings without a snapshot: English and Russian, plainly, then for staff the
// reason. Drawn by app/screens/error_screen.cpp, repeated line by line in the --report text
// (app/state/report.h) so that a test or a staff script reads what staff read; its characters are always
// in the font atlas (app::TextForGlyphs).
#pragma once

namespace app {

inline constexpr const char* kSetupTitle = "This kiosk is being set up";
inline constexpr const char* kSetupTitleRu = "Киоск настраивается";
inline constexpr const char* kSetupForStaff = "For staff: the forum data could not be opened.";

// The loading view (app/screens/loading_screen.cpp, AppState::loading): a snapshot too large to open before
// the window is up (thousands of exhibitors), while it is read and checked. Same two languages, same reason.
inline constexpr const char* kLoadingTitle = "Opening the forum";
inline constexpr const char* kLoadingTitleRu = "Открываем форум";
// Its dots: one more lit each step, as long as it lasts (the loop draws one frame per step, nothing between).
inline constexpr double kLoadingStepS = 0.25;
inline constexpr int kLoadingDots = 3;

}  // namespace app
