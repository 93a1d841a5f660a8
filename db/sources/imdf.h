// Reads a venue in IMDF (Apple's Indoor Mapping Data Format 1.0, an OGC community standard): an `imdf/`
// folder or an `imdf.zip` archive of the source folder, in place of floorplan.geojson. docs/SOURCES.md
// ("A venue from IMDF") gives the mapping of each feature type and category to the kiosk's model.
//
// Coordinates are WGS84 longitude and latitude; they are projected to local metres (x east, y north) around
// the venue's display point with PROJ's azimuthal equidistant projection on the WGS84 ellipsoid, exact to
// well under a centimetre across a venue. What is understood but has no place in the kiosk (footprints,
// fixtures, sections, ...) and what is not understood (an unknown category, an unknown property) is one
// warning per feature type and property, with a count, never one per feature; a feature that cannot be
// drawn (no level, a broken outline) is a warning naming it, and is left out.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "db/base/diagnostics.h"
#include "db/model/catalog.h"

namespace db {

struct ImdfPlan {
  std::vector<Building> buildings;
  std::vector<Level> levels;
  std::vector<Location> locations;
  std::vector<Opening> openings;
};

// The IMDF archive of source folder `dir`: dir/imdf (a folder) or dir/imdf.zip; nullopt when neither is
// there. Both there: the folder (the zip is then reported by ReadImdf's caller as a second copy).
std::optional<std::filesystem::path> FindImdf(const std::filesystem::path& dir);

// Reads the archive at `path` (a folder or a .zip). Names are taken in `languages` (an IMDF label "en-US"
// serves "en"). Errors: no level.geojson or unit.geojson, a file that is not a FeatureCollection, bad JSON,
// a position that is not longitude and latitude in degrees.
ImdfPlan ReadImdf(const std::filesystem::path& path, const std::vector<std::string>& languages, Diagnostics& diags);

}  // namespace db
