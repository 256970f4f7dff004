/**
 * PyRadiomics' maximum 2D diameters (shape Maximum2DDiameterSlice / Column / Row): the largest distance between
 * two vertices of the ROI's marching-cubes mesh that lie in the same axial (z), coronal (y) or sagittal (x)
 * plane. With a binary mask every mesh vertex is the midpoint of an edge between a ROI voxel and a face
 * neighbour outside the ROI (or outside the grid), so the vertices are listed from the mask directly; per plane,
 * the largest distance is found among the vertices of the plane's 2D convex hull.
 */

type P2 = [number, number];

function cross(o: P2, a: P2, b: P2): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Convex hull (Andrew's monotone chain), collinear points dropped. */
function hull(points: P2[]): P2[] {
  if (points.length <= 2) return points;
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lower: P2[] = [],
    upper: P2[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

function maxDistance(points: P2[]): number {
  const h = hull(points);
  let best = 0;
  for (let i = 0; i < h.length; i++)
    for (let j = i + 1; j < h.length; j++) {
      const dx = h[i]![0] - h[j]![0],
        dy = h[i]![1] - h[j]![1];
      best = Math.max(best, dx * dx + dy * dy);
    }
  return Math.sqrt(best);
}

/**
 * Slice (same z), column (same y) and row (same x) maximum diameters in mm of the mask `inRoi` (x fastest) on a
 * grid of `shape` voxels of `spacing` mm.
 */
export function planeDiameters(
  inRoi: (i: number) => boolean,
  shape: readonly number[],
  spacing: readonly number[],
): { slice: number; column: number; row: number } {
  const [nx, ny, nz] = shape as [number, number, number];
  const [sx, sy, sz] = spacing as [number, number, number];
  // Vertices in doubled index coordinates (one coordinate odd: the crossed edge's axis).
  const byZ = new Map<number, P2[]>(),
    byY = new Map<number, P2[]>(),
    byX = new Map<number, P2[]>();
  const add = (X: number, Y: number, Z: number) => {
    const x = (X * sx) / 2,
      y = (Y * sy) / 2,
      z = (Z * sz) / 2;
    (byZ.get(Z) ?? byZ.set(Z, []).get(Z)!).push([x, y]);
    (byY.get(Y) ?? byY.set(Y, []).get(Y)!).push([x, z]);
    (byX.get(X) ?? byX.set(X, []).get(X)!).push([y, z]);
  };
  const at = (x: number, y: number, z: number) =>
    x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && inRoi(x + nx * (y + ny * z));
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        if (!inRoi(x + nx * (y + ny * z))) continue;
        if (!at(x - 1, y, z)) add(2 * x - 1, 2 * y, 2 * z);
        if (!at(x + 1, y, z)) add(2 * x + 1, 2 * y, 2 * z);
        if (!at(x, y - 1, z)) add(2 * x, 2 * y - 1, 2 * z);
        if (!at(x, y + 1, z)) add(2 * x, 2 * y + 1, 2 * z);
        if (!at(x, y, z - 1)) add(2 * x, 2 * y, 2 * z - 1);
        if (!at(x, y, z + 1)) add(2 * x, 2 * y, 2 * z + 1);
      }
  const best = (m: Map<number, P2[]>) => Math.max(0, ...[...m.values()].map(maxDistance));
  return { slice: best(byZ), column: best(byY), row: best(byX) };
}
