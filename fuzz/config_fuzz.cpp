// Fuzz target: the kiosk's configuration file (platform/config.h): any bytes written to a file and loaded.
// A bad value must become a problem and a default, never a stop.
#include "fuzz/fuzz_input.h"
#include "platform/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::TempFile file("config", ".toml");
  std::vector<std::string> problems;
  platform::Config config = platform::LoadConfig(file.Write(data, size), problems);
  (void)config;
  return 0;
}
