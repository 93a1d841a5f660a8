// Fuzz target: minisign keys and signatures (db/field/signature.h). Every input is read as a public key, a secret
// key and a .minisig for a fixed message signed by a fixed key (corpus/signature/ holds that key and its
// signatures, made with Debian's minisign: `minisign -G -W`, `minisign -S [-l] -m message`), so the fuzzer
// reaches the signature check itself and not only the parsers.
#include "db/field/signature.h"
#include "fuzz/fuzz_input.h"

namespace {
const char kMessage[] = "forum kiosk fuzz\n";  // the file the seed signatures sign
const char kTrustedKey[] = "RWRT7NGNIy1T1bVwTMyJ2r2EBTjqmoEs9b4rG5jY4cZCinBcLe+6rjPB";  // corpus/signature/key.pub

struct Fixture {
  std::vector<db::PublicKey> trusted;
  std::array<unsigned char, 64> prehash{};
  Fixture() {
    auto key = db::ParsePublicKey(kTrustedKey);
    if (!key.ok()) std::abort();  // the target itself is broken
    trusted.push_back(key.value());
    db::Prehash h;
    h.Update(kMessage, sizeof kMessage - 1);
    prehash = h.Final();
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture fixture;
  std::string text = fuzz::AsString(data, size);
  if (auto pub = db::ParsePublicKey(text); pub.ok()) (void)pub.value().IdHex();
  (void)db::ParseSecretKey(text);
  (void)db::VerifySignature(text, fixture.prehash, std::string_view(kMessage, sizeof kMessage - 1), fixture.trusted);
  return 0;
}
