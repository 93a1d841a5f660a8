// Plane geometry of the floor plan (local metres), shared by the importer and the snapshot checks.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/catalog.h"

namespace db {

// Signed area (positive when counter-clockwise) of a ring given without the closing point.
double SignedArea(const std::vector<Point>& ring);
// Centroid of the polygon's area (the label anchor); the vertex mean for a degenerate ring.
Point Centroid(const std::vector<Point>& ring);
// Why the ring is not a usable polygon (too few vertices, zero area, edges that cross), or nullopt.
std::optional<std::string> PolygonProblem(const std::vector<Point>& ring);

}  // namespace db
