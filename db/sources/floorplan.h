// Reads the floor plan: a GeoJSON FeatureCollection in local metres (docs/SOURCES.md, "floorplan.geojson").
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "db/model/catalog.h"
#include "db/model/route_mesh.h"
#include "db/base/diagnostics.h"

namespace db {

struct Floorplan {
  std::vector<Location> locations;
  std::vector<Walkway> walkways;
  std::vector<Opening> openings;  // features of kind "door"
  std::vector<WalkwayLine> walkway_lines;  // the walkways' lines, for the routing mesh (not stored)
};

// Problems (bad JSON, unknown kinds, broken geometry) go to `diags` with the line of the feature.
Floorplan ReadFloorplan(const std::filesystem::path& path, const std::string& display_name,
                        const std::vector<std::string>& languages, Diagnostics& diags);
Floorplan ParseFloorplan(const std::string& data, const std::string& display_name,
                         const std::vector<std::string>& languages, Diagnostics& diags);

}  // namespace db
