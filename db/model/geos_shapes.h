// The plan's shapes as GEOS geometries, for db/model's own geometry (geometry.cpp: checks and fills;
// route_mesh.cpp: the walkable space). GEOS through its reentrant C API (the C++ API is not stable across
// versions). Every GEOSGeometry* returned is the caller's to destroy (GEOSGeom_destroy_r).
#pragma once
#include <geos_c.h>

#include <vector>

#include "db/model/catalog.h"

namespace db::geos {

// A ring of `r` (closed here), or null.
GEOSGeometry* MakeRing(GEOSContextHandle_t h, const std::vector<Point>& r);
// The polygon of outline `r` with `holes`, or null (a ring GEOS cannot make).
GEOSGeometry* MakePolygon(GEOSContextHandle_t h, const std::vector<Point>& r, const std::vector<Hole>& holes);
// GEOS's constrained Delaunay triangulation of `g` (a polygon or several): three points a triangle, each
// counter-clockwise; empty when GEOS cannot triangulate it.
std::vector<Point> Triangles(GEOSContextHandle_t h, const GEOSGeometry* g);

}  // namespace db::geos
