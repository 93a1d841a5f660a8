// The plan's shapes as GEOS geometries, for db/model's own geometry (geometry.cpp: checks and fills;
// route_mesh.cpp: the walkable space; route_steps.cpp: the turns of a route and the places it passes). GEOS through its reentrant C API (the C++ API is not stable across
// versions). Every GEOSGeometry* returned is the caller's to destroy (GEOSGeom_destroy_r).
#pragma once
#include <geos_c.h>

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "db/model/catalog.h"

namespace db::geos {

// A GEOS context, for one thread at a time (GEOS's reentrant API: a context is not shared); null when out of
// memory. Its error handler is not set: GEOS reports failures as return values, and its messages are dropped.
struct ContextDeleter {
  void operator()(GEOSContextHandle_t h) const { GEOS_finish_r(h); }
};
using Context = std::unique_ptr<std::remove_pointer_t<GEOSContextHandle_t>, ContextDeleter>;
inline Context NewContext() { return Context(GEOS_init_r()); }

// A GEOS geometry owned here, destroyed with the context handle it was made with (null allowed).
class Geom {
 public:
  Geom(GEOSContextHandle_t h, GEOSGeometry* g) : h_(h), g_(g) {}
  Geom(Geom&& o) noexcept : h_(o.h_), g_(o.g_) { o.g_ = nullptr; }
  Geom& operator=(Geom&& o) noexcept {
    std::swap(g_, o.g_);
    h_ = o.h_;
    return *this;
  }
  Geom(const Geom&) = delete;
  ~Geom() {
    if (g_) GEOSGeom_destroy_r(h_, g_);
  }
  GEOSGeometry* get() const { return g_; }
  GEOSGeometry* release() { return std::exchange(g_, nullptr); }
  explicit operator bool() const { return g_ != nullptr; }

 private:
  GEOSContextHandle_t h_;
  GEOSGeometry* g_;
};

// A ring of `r` (closed here), or null.
GEOSGeometry* MakeRing(GEOSContextHandle_t h, const std::vector<Point>& r);
// The polygon of outline `r` with `holes`, or null (a ring GEOS cannot make).
GEOSGeometry* MakePolygon(GEOSContextHandle_t h, const std::vector<Point>& r, const std::vector<Hole>& holes);
// GEOS's constrained Delaunay triangulation of `g` (a polygon or several): three points a triangle, each
// counter-clockwise; empty when GEOS cannot triangulate it.
// The place's outline less its holes; null for a point or an outline GEOS cannot take (validate reports it).
Geom Outline(GEOSContextHandle_t h, const Location& l);
// The line through `points` (at least two), or null.
Geom Line(GEOSContextHandle_t h, const std::vector<Point>& points);
std::vector<Point> Triangles(GEOSContextHandle_t h, const GEOSGeometry* g);

}  // namespace db::geos
