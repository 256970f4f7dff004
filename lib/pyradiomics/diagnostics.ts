/**
 * PyRadiomics' `diagnostics_*` entries (generalinfo.py, 3.1), versions aside: configuration, original image and
 * mask, interpolated and re-segmented ROI. Vectors and mappings are written as JSON text (the result contract
 * holds numbers and strings).
 */
import { createHash } from 'node:crypto';
import type { NativeResult } from '../native.js';
import type { NormalisedVolume } from '../volume.js';

function bytesOf(v: NormalisedVolume): Buffer {
  return Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);
}

function stats(v: NormalisedVolume): { mean: number; min: number; max: number } {
  let sum = 0,
    min = Infinity,
    max = -Infinity;
  for (const x of v.data) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { mean: sum / v.data.length, min, max };
}

/** Bounding box [x, y, z, sizeX, sizeY, sizeZ], voxel count, centre of mass (index) and face-connected components of `mask == label`. */
export function maskSummary(
  mask: NormalisedVolume,
  label: number,
): { box: number[]; count: number; centre: number[]; components: number } {
  const [nx, ny, nz] = mask.shape;
  const lo = [Infinity, Infinity, Infinity],
    hi = [-1, -1, -1],
    sum = [0, 0, 0];
  let count = 0;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        if (mask.data[i] !== label) continue;
        const p = [x, y, z];
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a]!, p[a]!);
          hi[a] = Math.max(hi[a]!, p[a]!);
          sum[a]! += p[a]!;
        }
        count++;
      }
  return {
    box: count ? [...lo, ...hi.map((h, a) => h - lo[a]! + 1)] : [0, 0, 0, 0, 0, 0],
    count,
    centre: sum.map((s) => s / count),
    components: count ? components(mask, label) : 0,
  };
}

/** Face-connected (6-neighbour) components, as SimpleITK's ConnectedComponent by default. */
function components(mask: NormalisedVolume, label: number): number {
  const [nx, ny, nz] = mask.shape;
  const seen = new Uint8Array(mask.data.length);
  const stack: number[] = [];
  let n = 0;
  for (let start = 0; start < mask.data.length; start++) {
    if (seen[start] || mask.data[start] !== label) continue;
    n++;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % nx,
        y = Math.floor(i / nx) % ny,
        z = Math.floor(i / (nx * ny));
      const next = [
        x > 0 ? i - 1 : -1,
        x < nx - 1 ? i + 1 : -1,
        y > 0 ? i - nx : -1,
        y < ny - 1 ? i + nx : -1,
        z > 0 ? i - nx * ny : -1,
        z < nz - 1 ? i + nx * ny : -1,
      ];
      for (const j of next)
        if (j >= 0 && !seen[j] && mask.data[j] === label) {
          seen[j] = 1;
          stack.push(j);
        }
    }
  }
  return n;
}

function toPhysical(v: NormalisedVolume, idx: number[]): number[] {
  const d = v.direction,
    s = v.spacing;
  return [0, 1, 2].map(
    (r) =>
      v.origin[r]! + d[3 * r]! * s[0]! * idx[0]! + d[3 * r + 1]! * s[1]! * idx[1]! + d[3 * r + 2]! * s[2]! * idx[2]!,
  );
}

export interface DiagnosticInputs {
  image: NormalisedVolume;
  mask: NormalisedVolume;
  label: number;
  settings: Record<string, unknown>;
  imageTypes: Record<string, unknown>;
  raw: NativeResult;
  resampled: boolean;
  resegmented: boolean;
  version: string;
}

export function pyDiagnostics(inp: DiagnosticInputs): Record<string, number | string> {
  const { image, mask, raw } = inp;
  const d = raw.diagnostics;
  const out: Record<string, number | string> = {};
  out['diagnostics_Versions_radiomics'] = inp.version;
  out['diagnostics_Configuration_Settings'] = JSON.stringify(inp.settings);
  out['diagnostics_Configuration_EnabledImageTypes'] = JSON.stringify(inp.imageTypes);
  const s = stats(image);
  out['diagnostics_Image-original_Hash'] = createHash('sha1').update(bytesOf(image)).digest('hex');
  out['diagnostics_Image-original_Dimensionality'] = '3D';
  out['diagnostics_Image-original_Spacing'] = JSON.stringify(image.spacing);
  out['diagnostics_Image-original_Size'] = JSON.stringify(image.shape);
  out['diagnostics_Image-original_Mean'] = s.mean;
  out['diagnostics_Image-original_Minimum'] = s.min;
  out['diagnostics_Image-original_Maximum'] = s.max;
  const m = maskSummary(mask, inp.label);
  out['diagnostics_Mask-original_Hash'] = createHash('sha1').update(bytesOf(mask)).digest('hex');
  out['diagnostics_Mask-original_Spacing'] = JSON.stringify(mask.spacing);
  out['diagnostics_Mask-original_Size'] = JSON.stringify(mask.shape);
  out['diagnostics_Mask-original_BoundingBox'] = JSON.stringify(m.box);
  out['diagnostics_Mask-original_VoxelNum'] = m.count;
  out['diagnostics_Mask-original_VolumeNum'] = m.components;
  out['diagnostics_Mask-original_CenterOfMassIndex'] = JSON.stringify(m.centre);
  out['diagnostics_Mask-original_CenterOfMass'] = JSON.stringify(toPhysical(mask, m.centre));
  if (inp.resampled) {
    out['diagnostics_Image-interpolated_Spacing'] = JSON.stringify(
      ['x', 'y', 'z'].map((a) => d[`vox_dim_${a}_interp_img`]),
    );
    out['diagnostics_Mask-interpolated_VoxelNum'] = d.int_mask_vox_count_interp_roi as number;
    out['diagnostics_Mask-interpolated_Mean'] = d.int_mask_mean_int_interp_roi as number;
    out['diagnostics_Mask-interpolated_Minimum'] = d.int_mask_min_int_interp_roi as number;
    out['diagnostics_Mask-interpolated_Maximum'] = d.int_mask_max_int_interp_roi as number;
  }
  if (inp.resegmented) {
    out['diagnostics_Mask-resegmented_VoxelNum'] = d.int_mask_vox_count_reseg_roi as number;
    out['diagnostics_Mask-resegmented_Mean'] = d.int_mask_mean_int_reseg_roi as number;
    out['diagnostics_Mask-resegmented_Minimum'] = d.int_mask_min_int_reseg_roi as number;
    out['diagnostics_Mask-resegmented_Maximum'] = d.int_mask_max_int_reseg_roi as number;
  }
  return out;
}
