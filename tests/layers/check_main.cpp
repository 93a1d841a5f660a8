// check_layers ROOT: checks the #include lines of ROOT/{app,db,fonts,platform} against the layering rules
// (tests/layers/layers.cpp, docs/LAYERS.md). Prints one line per broken rule; exit 1 when there is any.
#include <cstdio>

#include "tests/layers/layers.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: check_layers ROOT\n");
    return 2;
  }
  layers::Report r = layers::CheckTree(argv[1]);
  for (const auto& v : r.violations) std::fprintf(stderr, "%s\n", layers::Format(v).c_str());
  for (const auto& e : r.stale_exceptions)
    std::fprintf(stderr, "tests/layers/layers.cpp: the known exception \"%s\" is not needed any more: remove it\n",
                 e.c_str());
  for (const auto& f : r.uncovered)
    std::fprintf(stderr, "%s: no layering rule covers this folder: add one in tests/layers/layers.cpp\n", f.c_str());
  if (!r.ok()) return 1;
  std::printf("layering: every include follows the rules\n");
  return 0;
}
