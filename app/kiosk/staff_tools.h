// What forum-kiosk does for the staff who run the kiosks, beside showing the forum: --set-pin and the rows
// of the staff panel (labels in English: staff mode is for staff).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "app/state/app_state.h"
#include "db/field/install.h"
#include "platform/config.h"

namespace kiosk {

// --set-pin: a PIN from standard input, hashed into the configuration file (its staff_pin_hash line
// replaced, or added), written atomically. The PIN itself is never stored. Returns the exit code.
int SetPin(const std::string& config_path);

// The rows of the staff panel (AppState::staff_info), as label/value.
std::vector<std::pair<std::string, std::string>> StaffInfo(const platform::Config& config, const app::AppState& s,
                                                           const db::Installer::Status& st, double uptime_s,
                                                           double frame_ms, int rotation);

}  // namespace kiosk
