#include "platform/pin.h"

#include <sodium.h>

#include <algorithm>

namespace platform {

// Argon2id with 2 passes over 32 MiB: about 50 ms here. A PIN has few digits, so the hash mainly keeps it
// out of sight in the configuration; guessing at the kiosk is stopped by the growing lock-out (app/staff).
constexpr unsigned long long kOps = 2;
constexpr size_t kMem = 32u << 20;

bool IsValidPin(const std::string& pin) {
  return pin.size() >= 4 && pin.size() <= 12 && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string HashPin(const std::string& pin) {
  if (sodium_init() < 0) return {};
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), kOps, kMem, crypto_pwhash_ALG_ARGON2ID13) != 0) return {};
  return out;
}

bool VerifyPin(const std::string& hash, const std::string& pin) {
  if (sodium_init() < 0 || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace platform
