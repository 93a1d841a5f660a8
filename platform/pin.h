// The staff PIN: stored only as a libsodium crypto_pwhash string (Argon2id), never in clear.
#pragma once
#include <string>

namespace platform {

// 4 to 12 digits.
bool IsValidPin(const std::string& pin);
// The hash to put in the configuration (staff_pin_hash); "" if libsodium fails (out of memory).
std::string HashPin(const std::string& pin);
// True when `pin` matches `hash`. Takes a few tens of milliseconds by design.
bool VerifyPin(const std::string& hash, const std::string& pin);

}  // namespace platform
