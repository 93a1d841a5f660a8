// A benchmark, not a test: how long a route takes, from "you are here" to every place a visitor can ask
// for (db::Router::Find, what the kiosk runs when Route is tapped), on the demo forum and on a synthetic
// venue of N booths in 1 m aisles (db::SynthCatalog); and how long the staff tool takes to build the mesh.
//   ./build/route_bench [N...]        default 5000
// Prints, per venue: the mesh build time, its tiles and bytes, then the median, p99 and longest route time
// over every destination, walking and step-free. Figures in docs/PERFORMANCE.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "db/base/diagnostics.h"
#include "db/model/route_mesh.h"
#include "db/model/router.h"
#include "db/sources/sources.h"
#include "db/tool/synth.h"

namespace {

using Clock = std::chrono::steady_clock;
double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

void Run(const std::string& name, const db::Catalog& c, db::Point from, int level) {
  auto t0 = Clock::now();
  auto tiles = db::BuildRouteMesh(c);
  double build = Ms(t0, Clock::now());
  size_t bytes = 0;
  if (tiles)
    for (const auto& t : tiles.value()) bytes += t.data.size();
  // First as a route asked for with nothing prepared (A*), then after Prepare (what the kiosk does off the UI
  // thread when a snapshot is loaded: one flood from "you are here").
  for (int prepared = 0; prepared < 2; ++prepared) {
    if (prepared) {
      auto p0 = Clock::now();
      c.Routes().Prepare(from, level);
      std::printf("%-14s prepare (two floods) %8.1f ms\n", name.c_str(), Ms(p0, Clock::now()));
    }
    for (bool step_free : {false, true}) {
      std::vector<double> ms;
      int found = 0;
      for (const auto& l : c.locations) {
        if (!db::IsDestination(l.kind) || l.kind == db::LocationKind::Kiosk) continue;
        auto a = Clock::now();
        found += c.Routes().Find(from, level, l, step_free).has_value();
        ms.push_back(Ms(a, Clock::now()));
      }
      std::sort(ms.begin(), ms.end());
      auto at = [&](double q) { return ms.empty() ? 0 : ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
      std::printf("%-14s %9s %8s mesh %8.0f ms %5zu tiles %8zu bytes | routes %5d/%-5zu median %6.2f ms  p99 %6.2f ms  max %6.2f ms\n",
                  name.c_str(), step_free ? "step-free" : "walking", prepared ? "prepared" : "A*", build,
                  tiles ? tiles.value().size() : 0, bytes, found, ms.size(), at(0.5), at(0.99), ms.empty() ? 0 : ms.back());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  db::Diagnostics diags;
  auto demo = db::ReadSources(FORUM_SOURCE_DIR "/assets/demo", diags);
  const db::Location* kiosk = demo->FindLocation("kiosk-1");
  if (kiosk) Run("demo", *demo, kiosk->anchor, kiosk->level);
  std::vector<size_t> sizes = {5000};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
  }
  for (size_t n : sizes) {
    auto c = db::SynthCatalog(n, 10);
    Run("synthetic " + std::to_string(n), *c, {1, 1}, 0);
  }
}
