/** The digital phantom as in-memory volumes, and small synthetic volumes for tests. */
import type { Volume } from '../../dist/cjs/index.js';

// IBSI 1 digital phantom (CC BY 4.0), flat index x + 5y + 20z, 2 mm isotropic.
export const PHANTOM_VALUES = [
  1, 4, 4, 1, 1, 1, 4, 6, 1, 1, 4, 1, 6, 4, 1, 4, 4, 6, 4, 1, 1, 4, 4, 1, 1, 1, 1, 6, 1, 1, 1, 1, 3, 1, 1, 4, 4, 6, 1,
  1, 1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 6, 1, 1, 1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6,
  1, 1,
];

export const PHANTOM_MASK = [
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1,
];

export function phantomVolumes(): { image: Volume; mask: Volume } {
  return { image: phantomImage(), mask: phantomMask() };
}

export function phantomImage(): Volume {
  return { data: Int16Array.from(PHANTOM_VALUES), shape: [5, 4, 4], spacing: [2, 2, 2] };
}

export function phantomMask(): Volume {
  return { data: Int16Array.from(PHANTOM_MASK), shape: [5, 4, 4], spacing: [2, 2, 2] };
}

/** A cube of `size` voxels with a centred cubic ROI of `roi` voxels and a smooth intensity pattern. */
export function syntheticCube(
  size: number,
  roi: number,
  spacing: [number, number, number] = [1, 1, 1],
): { image: Volume; mask: Volume } {
  const n = size * size * size;
  const img = new Float32Array(n);
  const m = new Uint8Array(n);
  const lo = Math.floor((size - roi) / 2);
  for (let z = 0; z < size; z++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const i = x + size * (y + size * z);
        img[i] = 100 + 50 * Math.sin(x * 0.7) * Math.cos(y * 0.3) + 3 * z;
        if (x >= lo && x < lo + roi && y >= lo && y < lo + roi && z >= lo && z < lo + roi) m[i] = 1;
      }
  return {
    image: { data: img, shape: [size, size, size], spacing },
    mask: { data: m, shape: [size, size, size], spacing },
  };
}
