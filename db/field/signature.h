// Snapshot signatures in minisign's format (Ed25519 via libsodium), so staff can sign with either tool and
// check with either: `kiosk-snapshot keygen` / `sign` write what `minisign -V` verifies, and the kiosk accepts
// signatures made by `minisign -S`.
//
// Formats (https://jedisct1.github.io/minisign/):
//   public key   "untrusted comment: ...\n" + base64("Ed" | key id (8) | public key (32))
//   secret key   "untrusted comment: ...\n" + base64("Ed" | kdf "\0\0" (none) | "B2" | salt (32) | opslimit (8)
//                | memlimit (8) | key id (8) | secret key (64) | BLAKE2b-256 checksum (32)); kiosk-snapshot
//                writes and reads unencrypted keys (minisign -G -W); encrypted ones are refused with a reason
//   signature    "untrusted comment: ...\n" + base64(alg | key id (8) | signature (64)) + "\n"
//                "trusted comment: TEXT\n" + base64(Ed25519(signature | TEXT))
//                alg "ED": Ed25519 over BLAKE2b-512 of the file (what minisign 0.11 makes); "Ed": over the file.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/base/result.h"

namespace db {

struct PublicKey {
  std::array<unsigned char, 8> id{};
  std::array<unsigned char, 32> key{};
  std::string IdHex() const;  // as minisign prints it: the 8 id bytes, little-endian, upper-case hex
};

struct SecretKey {
  std::array<unsigned char, 8> id{};
  std::array<unsigned char, 64> key{};
};

// A new key pair (libsodium's random source).
void GenerateKeyPair(PublicKey& pub, SecretKey& sec);

// A .pub file's text, or just its base64 line (as a configuration holds it).
Result<PublicKey> ParsePublicKey(std::string_view text);
std::string FormatPublicKey(const PublicKey& pub);   // the .pub file
std::string PublicKeyLine(const PublicKey& pub);     // its base64 line
Result<SecretKey> ParseSecretKey(std::string_view text);
std::string FormatSecretKey(const SecretKey& sec);

// BLAKE2b-512, incrementally (the installer hashes a candidate while it copies it).
class Prehash {
 public:
  Prehash();
  void Update(const void* data, size_t size);
  std::array<unsigned char, 64> Final();

 private:
  alignas(64) unsigned char state_[384];
};

// The .minisig text for a file whose BLAKE2b-512 is `prehash`. `trusted_comment` is signed too (one line).
std::string SignPrehashed(const SecretKey& sec, const std::array<unsigned char, 64>& prehash,
                          const std::string& trusted_comment);

struct Verified {
  std::string key_id;           // IdHex of the key that signed
  std::string trusted_comment;  // the signed comment line
};
// Checks a .minisig against the file, given as its BLAKE2b-512 (for "ED" signatures) and, for legacy "Ed"
// signatures, its whole bytes (`data`, may be empty for prehashed ones). The error says why: malformed, an
// unknown key (naming its id), a signature that does not match the file, a damaged trusted comment.
Result<Verified> VerifySignature(std::string_view minisig, const std::array<unsigned char, 64>& prehash,
                                 std::string_view data, const std::vector<PublicKey>& trusted);

}  // namespace db
