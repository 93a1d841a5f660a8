#include "db/field/signature.h"

#include <sodium.h>

#include <cstring>

namespace db {

namespace {

bool Init() { return sodium_init() >= 0; }

std::string Base64(const unsigned char* p, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), p, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// False for empty text too: libsodium must never get a null buffer (an empty vector's data()).
bool Unbase64(std::string_view text, std::vector<unsigned char>& out) {
  if (text.empty()) return false;
  out.assign(text.size(), 0);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), " \t\r", &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  out.resize(len);
  return end == text.data() + text.size();
}

// The lines of a key or signature file, without line ends.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t e = text.find('\n');
    std::string_view line = text.substr(0, e);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (e == std::string_view::npos) break;
    text.remove_prefix(e + 1);
  }
  return lines;
}

// The base64 line of a key file, or the text itself when it is just that line.
std::string_view KeyLine(std::string_view text) {
  auto lines = Lines(text);
  for (auto line : lines)
    if (!line.empty() && line.rfind("untrusted comment:", 0) != 0) return line;
  return {};
}

constexpr const char* kComment = "untrusted comment: ";

}  // namespace

std::string PublicKey::IdHex() const {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (size_t i = id.size(); i-- > 0;) out += hex[id[i] >> 4], out += hex[id[i] & 15];
  return out;
}

void GenerateKeyPair(PublicKey& pub, SecretKey& sec) {
  Init();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  randombytes_buf(pub.id.data(), pub.id.size());
  sec.id = pub.id;
  std::memcpy(pub.key.data(), pk, sizeof pk);
  std::memcpy(sec.key.data(), sk, sizeof sk);
  sodium_memzero(sk, sizeof sk);
}

Result<PublicKey> ParsePublicKey(std::string_view text) {
  if (KeyLine(text).empty())
    return Error{"no key in it: the file is empty or holds only a comment (expected a line of base64 starting RW...)"};
  std::vector<unsigned char> bin;
  if (!Unbase64(KeyLine(text), bin) || bin.size() != 42 || bin[0] != 'E' || bin[1] != 'd')
    return Error{"not a minisign public key (expected a line of base64 starting RW...)"};
  PublicKey k;
  std::memcpy(k.id.data(), bin.data() + 2, 8);
  std::memcpy(k.key.data(), bin.data() + 10, 32);
  return k;
}

std::string PublicKeyLine(const PublicKey& pub) {
  unsigned char bin[42] = {'E', 'd'};
  std::memcpy(bin + 2, pub.id.data(), 8);
  std::memcpy(bin + 10, pub.key.data(), 32);
  return Base64(bin, sizeof bin);
}

std::string FormatPublicKey(const PublicKey& pub) {
  return std::string(kComment) + "minisign public key " + pub.IdHex() + "\n" + PublicKeyLine(pub) + "\n";
}

namespace {

void SecretChecksum(const SecretKey& sec, unsigned char out[32]) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>("Ed"), 2);
  crypto_generichash_update(&st, sec.id.data(), sec.id.size());
  crypto_generichash_update(&st, sec.key.data(), sec.key.size());
  crypto_generichash_final(&st, out, 32);
}

constexpr size_t kSecretSize = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;  // 158

}  // namespace

std::string FormatSecretKey(const SecretKey& sec) {
  Init();
  unsigned char bin[kSecretSize] = {'E', 'd', 0, 0, 'B', '2'};
  unsigned char* p = bin + 6;
  randombytes_buf(p, 32);  // salt: unused without a password, random as minisign writes it
  p += 32 + 16;            // opslimit, memlimit: 0
  std::memcpy(p, sec.id.data(), 8);
  std::memcpy(p + 8, sec.key.data(), 64);
  SecretChecksum(sec, p + 72);
  std::string out = std::string(kComment) + "minisign secret key (unencrypted; keep it off the kiosks)\n" +
                    Base64(bin, sizeof bin) + "\n";
  sodium_memzero(bin, sizeof bin);
  return out;
}

Result<SecretKey> ParseSecretKey(std::string_view text) {
  if (KeyLine(text).empty()) return Error{"no key in it: the file is empty or holds only a comment"};
  std::vector<unsigned char> bin;
  if (!Unbase64(KeyLine(text), bin) || bin.size() != kSecretSize || bin[0] != 'E' || bin[1] != 'd')
    return Error{"not a minisign secret key"};
  if (bin[2] != 0 || bin[3] != 0)
    return Error{"the secret key is protected by a password; kiosk-snapshot signs with unencrypted keys "
                 "(kiosk-snapshot keygen, or minisign -G -W), or sign with minisign -S"};
  SecretKey k;
  std::memcpy(k.id.data(), bin.data() + 54, 8);
  std::memcpy(k.key.data(), bin.data() + 62, 64);
  unsigned char chk[32], zero[32] = {};
  SecretChecksum(k, chk);
  // minisign -G -W (0.11) leaves the checksum of an unencrypted key zero.
  bool ok = sodium_memcmp(chk, bin.data() + 126, 32) == 0 || sodium_memcmp(zero, bin.data() + 126, 32) == 0;
  sodium_memzero(bin.data(), bin.size());
  if (!ok) return Error{"the secret key is damaged (its checksum does not match)"};
  return k;
}

Prehash::Prehash() {
  static_assert(sizeof(crypto_generichash_state) <= sizeof(state_), "BLAKE2b state does not fit");
  Init();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0, 64);
}

void Prehash::Update(const void* data, size_t size) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_), static_cast<const unsigned char*>(data), size);
}

std::array<unsigned char, 64> Prehash::Final() {
  std::array<unsigned char, 64> out{};
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out.data(), out.size());
  return out;
}

std::string SignPrehashed(const SecretKey& sec, const std::array<unsigned char, 64>& prehash,
                          const std::string& trusted_comment) {
  Init();
  unsigned char sig[2 + 8 + 64] = {'E', 'D'};
  std::memcpy(sig + 2, sec.id.data(), 8);
  crypto_sign_detached(sig + 10, nullptr, prehash.data(), prehash.size(), sec.key.data());
  std::string comment = trusted_comment;
  for (char& c : comment)
    if (c == '\n' || c == '\r') c = ' ';
  std::string global_msg(reinterpret_cast<const char*>(sig + 10), 64);
  global_msg += comment;
  unsigned char global[64];
  crypto_sign_detached(global, nullptr, reinterpret_cast<const unsigned char*>(global_msg.data()), global_msg.size(),
                       sec.key.data());
  PublicKey id_only;
  id_only.id = sec.id;
  return std::string(kComment) + "signature from kiosk-snapshot secret key " + id_only.IdHex() + "\n" +
         Base64(sig, sizeof sig) + "\ntrusted comment: " + comment + "\n" + Base64(global, sizeof global) + "\n";
}

Result<Verified> VerifySignature(std::string_view minisig, const std::array<unsigned char, 64>& prehash,
                                 std::string_view data, const std::vector<PublicKey>& trusted) {
  Init();
  auto lines = Lines(minisig);
  if (minisig.empty()) return Error{"the signature file is empty"};
  if (lines.size() < 4 || lines[0].rfind("untrusted comment:", 0) != 0 || lines[2].rfind("trusted comment: ", 0) != 0)
    return Error{"the signature file is not in minisign format"};
  std::vector<unsigned char> sig, global;
  if (!Unbase64(lines[1], sig) || sig.size() != 74) return Error{"the signature line is damaged"};
  if (!Unbase64(lines[3], global) || global.size() != 64) return Error{"the trusted comment's signature is damaged"};
  bool prehashed = sig[0] == 'E' && sig[1] == 'D', legacy = sig[0] == 'E' && sig[1] == 'd';
  if (!prehashed && !legacy) return Error{"unknown signature algorithm"};
  const PublicKey* key = nullptr;
  for (const auto& k : trusted)
    if (std::memcmp(k.id.data(), sig.data() + 2, 8) == 0) key = &k;
  PublicKey signer;
  std::memcpy(signer.id.data(), sig.data() + 2, 8);
  if (!key) return Error{"signed by key " + signer.IdHex() + ", which is not among the trusted keys"};
  int bad = prehashed ? crypto_sign_verify_detached(sig.data() + 10, prehash.data(), prehash.size(), key->key.data())
                      : crypto_sign_verify_detached(sig.data() + 10, reinterpret_cast<const unsigned char*>(data.data()),
                                                    data.size(), key->key.data());
  if (bad) return Error{"the signature does not match the file (key " + key->IdHex() + "): the file was changed or damaged"};
  std::string_view comment = lines[2].substr(std::strlen("trusted comment: "));
  std::string global_msg(reinterpret_cast<const char*>(sig.data() + 10), 64);
  global_msg += comment;
  if (crypto_sign_verify_detached(global.data(), reinterpret_cast<const unsigned char*>(global_msg.data()),
                                  global_msg.size(), key->key.data()))
    return Error{"the trusted comment was changed after signing"};
  return Verified{key->IdHex(), std::string(comment)};
}

}  // namespace db
