// Plane geometry of the floor plan (local metres), shared by the importer and the snapshot checks.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/model/catalog.h"

namespace db {

// Signed area (positive when counter-clockwise) of a ring given without the closing point.
double SignedArea(const std::vector<Point>& ring);
// Centroid of the polygon's area (the label anchor); the vertex mean for a degenerate ring.
Point Centroid(const std::vector<Point>& ring);
// Why a position is not on the plan: not a finite number, or more than caps::kMaxCoordinate metres from the
// origin on either axis (the map's arithmetic, centroids and areas stay finite inside that box); or nullopt.
std::optional<std::string> PositionProblem(const Point& p);
// Why the ring is not a usable polygon (more than caps::kPolygonVertices corners, a position off the plan,
// too few corners, a repeated corner, edges that cross or touch, zero area), or nullopt. The crossing check
// is GEOS's validity check (GEOSisValidDetail_r: monotone chains in an STR-tree, n log n on outlines whose
// edges' bounding boxes do not pile up; docs/PERFORMANCE.md has the figures), not a pairwise comparison.
std::optional<std::string> PolygonProblem(const std::vector<Point>& ring);
// Why `holes` are not usable inner rings of the (valid) outline `ring`: a hole that is no usable polygon
// (PolygonProblem's reasons), or one that is not inside the outline, crosses it or another hole (GEOS's
// validity check of the whole polygon); or nullopt.
std::optional<std::string> HolesProblem(const std::vector<Point>& ring, const std::vector<Hole>& holes);
// PolygonProblem's crossing check alone, without the caps: where the outline crosses or touches itself, or
// nullopt. For bench/polygon_bench.cpp, which measures it beyond the vertex cap.
std::optional<std::string> OutlineCrossing(const std::vector<Point>& ring);
// The polygon (less its holes) as triangles (three points each, counter-clockwise: clockwise on the screen, whose y runs
// down), covering exactly its area, concave or not: GEOS's constrained Delaunay triangulation
// (GEOSConstrainedDelaunayTriangulation_r). Empty for a ring GEOS cannot take (PolygonProblem reports it).
std::vector<Point> Triangulate(const std::vector<Point>& ring, const std::vector<Hole>& holes = {});
// Triangulate for every polygon of `locations` (empty for points), in their order.
std::vector<std::vector<Point>> TriangulateAll(const std::vector<Location>& locations);

}  // namespace db
