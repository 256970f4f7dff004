'use strict';
// Synthetic bench case: a size^3 float32 volume with smooth texture plus noise, and an ellipsoid ROI of about
// 1 M voxels at size 128 (semi-axes 0.49, 0.48, 0.46 of the size).
function syntheticEllipsoid(size = 128, spacing = [1, 1, 1]) {
  const n = size ** 3;
  const data = new Float32Array(n);
  const m = new Uint8Array(n);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const c = (size - 1) / 2,
    a = size * 0.49,
    b = size * 0.48,
    cz = size * 0.46;
  let count = 0;
  for (let z = 0; z < size; z++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const i = x + size * (y + size * z);
        data[i] = 100 * Math.sin(x * 0.21) * Math.cos(y * 0.17) + 40 * Math.sin(z * 0.13 + x * 0.05) + 20 * rnd();
        const q = ((x - c) / a) ** 2 + ((y - c) / b) ** 2 + ((z - c) / cz) ** 2;
        if (q <= 1) {
          m[i] = 1;
          count++;
        }
      }
  return {
    image: { data, shape: [size, size, size], spacing },
    mask: { data: m, shape: [size, size, size], spacing },
    count,
  };
}
module.exports = { syntheticEllipsoid };
