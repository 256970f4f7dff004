// Neighbour offsets shared by the texture families.
#pragma once
#include <cstdint>

namespace radiomics {

struct Offset {
  int32_t dx, dy, dz;
};

// The 13 unique directions of the 26-neighbourhood (one of each opposite pair), IBSI order-agnostic.
// The first 4 lie in the axial (x, y) plane and are the 2D directions.
constexpr Offset kDirections3D[13] = {
    {1, 0, 0},  {0, 1, 0},  {1, 1, 0},   {1, -1, 0}, {0, 0, 1},  {1, 0, 1},  {-1, 0, 1},
    {0, 1, 1},  {0, -1, 1}, {1, 1, 1},   {1, -1, 1}, {-1, 1, 1}, {-1, -1, 1}};
constexpr int kNumDirections3D = 13;
constexpr int kNumDirections2D = 4;  // kDirections3D[0..3]

// Texture aggregation tag suffixes (IBSI 3.6 aggregation codes in comments).
namespace aggregation {
constexpr const char* k2DAvg = "_2D_avg";     // BTW3: per slice, per direction, averaged
constexpr const char* k2DComb = "_2D_comb";   // SUJT: per slice, directions merged, averaged over slices
constexpr const char* k25DAvg = "_2_5D_avg";  // JJUI: per direction merged over slices, averaged
constexpr const char* k25DComb = "_2_5D_comb";// ZW7Z: everything merged over slices and directions
constexpr const char* k3DAvg = "_3D_avg";     // ITBB: per 3D direction, averaged
constexpr const char* k3DComb = "_3D_comb";   // IAZD: 3D directions merged
constexpr const char* k2D = "_2D";            // 8QNN: zone/neighbourhood matrices per slice, averaged
constexpr const char* k25D = "_2_5D";         // 62GR: per-slice matrices merged
constexpr const char* k3D = "_3D";            // KOBO: one 3D matrix
}  // namespace aggregation

}  // namespace radiomics
