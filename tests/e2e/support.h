// Helpers shared by the end-to-end tests.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace e2e {

// The whole file ("" when it cannot be read).
inline std::string Read(const std::filesystem::path& p) {
  std::stringstream ss;
  ss << std::ifstream(p).rdbuf();
  return ss.str();
}

}  // namespace e2e
