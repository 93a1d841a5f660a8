// A benchmark, not a test: the time of the floor plan's polygon check (db::OutlineCrossing, the part of
// db::PolygonProblem that looks for crossing edges) on one valid outline of N corners, beyond the vertex cap.
//   ./build/polygon_bench [N...]        default 10000 40000 300000 1000000
// Outlines, all valid, so the whole outline is checked: "circle" (a curved wall: N corners on a circle),
// "comb" (N/4 teeth: long straight runs side by side), and "star" (N corners around a circle at random radii
// from 80 to 100 m: every edge is a 20 m spike whose bounding box overlaps those of about N/20 others, the
// worst case of GEOS's index, so it is run only up to 40,000 corners). Figures in docs/PERFORMANCE.md.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "db/model/geometry.h"

namespace {

std::vector<db::Point> CircleRing(size_t n) {
  std::vector<db::Point> r;
  for (size_t i = 0; i < n; ++i) {
    double a = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
    r.push_back({100 * std::cos(a), 100 * std::sin(a)});
  }
  return r;
}

std::vector<db::Point> CombRing(size_t n) {
  std::vector<db::Point> r;
  size_t teeth = n / 4;
  for (size_t i = 0; i < teeth; ++i) {
    double x = 2.0 * static_cast<double>(i);
    r.push_back({x, 0}), r.push_back({x, 10}), r.push_back({x + 1, 10}), r.push_back({x + 1, 0});
  }
  r.push_back({2.0 * static_cast<double>(teeth), -5}), r.push_back({0, -5});
  return r;
}

std::vector<db::Point> StarRing(size_t n) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> radius(80, 100);
  std::vector<db::Point> r;
  for (size_t i = 0; i < n; ++i) {
    double a = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n), d = radius(rng);
    r.push_back({d * std::cos(a), d * std::sin(a)});
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {10000, 40000, 300000, 1000000};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
  }
  std::printf("%-8s %10s %10s %s\n", "outline", "corners", "seconds", "result");
  for (size_t n : sizes)
    for (auto [name, make] : {std::pair{"circle", &CircleRing}, {"comb", &CombRing}, {"star", &StarRing}}) {
      if (make == &StarRing && n > 40000) continue;
      auto ring = make(n);
      auto t0 = std::chrono::steady_clock::now();
      auto problem = db::OutlineCrossing(ring);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("%-8s %10zu %10.3f %s\n", name, ring.size(), s, problem ? problem->c_str() : "valid");
    }
}
