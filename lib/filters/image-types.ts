/**
 * Image types of an extraction (IBSI 2): features of the original image and of filter response maps.
 *
 *   imageTypes: [{ type: 'original' }, { type: 'log', sigmaMm: [1, 2, 3] }, { type: 'wavelet', wavelet: 'coif1' }]
 *
 * The original image keeps the plain IBSI tags. A filtered image's features carry a stable prefix:
 *   log_s<sigma>mm_                  LoG, sigma in mm ('.' written 'p': log_s1p5mm_stat_mean)
 *   wavelet_<name>_<subband>_        level 1 (wavelet_coif1_llh_cm_contrast_3D_avg); level L > 1: wavelet_<name>_l<L>_<subband>_
 *   mean_m<support>_, laws_<kernel>[_<pooling>][_e<delta>]_, gabor_s<sigma>mm_l<lambda>mm_g<gamma>_<theta|pooling>_,
 *   simoncelli_l<level>_, riesz_<orders>_<the transformed filter's prefix> (riesz_100_log_s3mm_, riesz_020_simoncelli_l1_;
 *   not IBSI-compliant, a warning says so)
 * (`prefix` on an image type overrides it; '' keeps plain tags, as the IBSI 2 phase-2 presets do.)
 *
 * Order (IBSI 2): round input, normalise, resample image and mask, re-segment the mask on the unfiltered
 * (resampled) intensities, filter the whole resampled image (never cropped: no artificial boundary), then
 * discretise and compute the features of the response map in the ROI. `filteredFamilies` chooses the
 * families computed on filtered images (default: the same as the original's).
 */
import type { Diagnostics } from '../extract.js';
import type { FamilyName } from '../catalogue/index.js';
import type { ExtractionConfig } from '../config.js';
import { RadiomicsError } from '../errors.js';
import { resample } from '../resample.js';
import { normaliseVolume, type NormalisedVolume, type Volume } from '../volume.js';
import { validateFilterConfig, type Boundary, type FilterConfig, type Pooling } from './config.js';
import { filterImage } from './index.js';

interface ImageTypeCommon {
  /** Feature-name prefix; default derived from the filter (see above). '' keeps the plain IBSI tags. */
  prefix?: string;
  boundary?: Boundary;
}
export type ImageTypeConfig =
  | { type: 'original' }
  | (ImageTypeCommon & { type: 'log'; sigmaMm: number | number[]; truncate?: number })
  | (ImageTypeCommon & {
      type: 'wavelet';
      wavelet: 'haar' | 'db1' | 'db2' | 'db3' | 'coif1';
      level?: number;
      subbands?: string[];
      pooling?: Pooling;
    })
  | (ImageTypeCommon &
      WithoutDims<Extract<FilterConfig, { type: 'mean' | 'laws' | 'gabor' | 'simoncelli' | 'riesz' }>>);
type WithoutDims<T> = T extends unknown ? Omit<T, 'dims' | 'threads'> : never;

/** Extraction config keys this module adds (lib/config.ts lists them in its schema). */
export interface ImageTypesConfig {
  /** Images to extract features from; default [{ type: 'original' }]. */
  imageTypes?: ImageTypeConfig[];
  /** Families computed on filtered images; default the configuration's `families`. */
  filteredFamilies?: FamilyName[];
}

function invalid(message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_INVALID_CONFIG', message);
}

const numText = (x: number) => String(x).replace('.', 'p').replace('-', 'm');

/** Every (prefix, filter) pair an image-type list expands to; the original as a null filter. */
export function expandImageTypes(
  types: ImageTypeConfig[],
  dims: '2D' | '3D',
): { prefix: string; filter: FilterConfig | null }[] {
  const out: { prefix: string; filter: FilterConfig | null }[] = [];
  types.forEach((t, i) => {
    const where = `imageTypes[${i}]`;
    if (typeof t !== 'object' || t === null) invalid(`${where} must be an object { type, ... }`);
    const withPrefix = (prefix: string, filter: FilterConfig) => {
      try {
        validateFilterConfig(filter);
      } catch (e) {
        invalid(`${where}: ${(e as Error).message}`);
      }
      out.push({ prefix: 'prefix' in t && t.prefix !== undefined ? t.prefix : prefix, filter });
    };
    const { prefix: _p, ...rest } = t as ImageTypeCommon & Record<string, unknown>;
    switch (t.type) {
      case 'original':
        out.push({ prefix: '', filter: null });
        break;
      case 'log': {
        const sigmas = Array.isArray(t.sigmaMm) ? t.sigmaMm : [t.sigmaMm];
        if (!sigmas.length) invalid(`${where}.sigmaMm must list at least one sigma`);
        for (const s of sigmas)
          withPrefix(`log_s${numText(s)}mm_`, {
            type: 'log',
            sigmaMm: s,
            truncate: t.truncate,
            boundary: t.boundary,
            dims,
          });
        break;
      }
      case 'wavelet': {
        const n = dims === '2D' ? 2 : 3;
        const all = Array.from({ length: 1 << n }, (_, k) =>
          Array.from({ length: n }, (_, a) => ((k >> (n - 1 - a)) & 1 ? 'H' : 'L')).join(''),
        );
        const level = t.level ?? 1;
        for (const sb of t.subbands ?? all)
          withPrefix(`wavelet_${t.wavelet}_${level > 1 ? `l${level}_` : ''}${String(sb).toLowerCase()}_`, {
            type: 'wavelet',
            wavelet: t.wavelet,
            subband: sb,
            level,
            pooling: t.pooling,
            boundary: t.boundary,
            dims,
          });
        break;
      }
      case 'mean':
        withPrefix(`mean_m${t.support}_`, { ...(rest as object), dims } as FilterConfig);
        break;
      case 'laws':
        withPrefix(
          `laws_${String(t.kernel).toLowerCase()}${t.pooling ? `_${t.pooling}` : ''}${t.energy ? `_e${t.energyDelta ?? 7}` : ''}_`,
          { ...(rest as object), dims } as FilterConfig,
        );
        break;
      case 'gabor':
        withPrefix(
          `gabor_s${numText(t.sigmaMm)}mm_l${numText(t.lambdaMm)}mm_g${numText(t.gamma)}_${t.pooling ? t.pooling : `t${numText(t.thetaDeg ?? 0)}`}_`,
          { ...(rest as object), dims } as FilterConfig,
        );
        break;
      case 'simoncelli':
        withPrefix(`simoncelli_l${t.level ?? 1}_`, { ...(rest as object), dims } as FilterConfig);
        break;
      case 'riesz': {
        const of = (t.of ?? {}) as Record<string, unknown>;
        const base =
          of.type === 'log'
            ? `log_s${numText(of.sigmaMm as number)}mm`
            : `simoncelli_l${(of.level as number | undefined) ?? 1}`;
        withPrefix(`riesz_${Array.isArray(t.order) ? t.order.join('') : ''}_${base}_`, {
          ...(rest as object),
          dims,
        } as FilterConfig);
        break;
      }
      default:
        invalid(
          `${where}.type must be one of original, log, wavelet, mean, laws, gabor, simoncelli, riesz, got ${JSON.stringify((t as { type: unknown }).type)}`,
        );
    }
  });
  const seen = new Set<string>();
  for (const { prefix, filter } of out) {
    const key = filter ? prefix : '<original>';
    if (filter && prefix !== '' && seen.has(key))
      invalid(`imageTypes: two image types share the feature prefix '${prefix}'`);
    seen.add(key);
  }
  return out;
}

/** Checks `imageTypes` / `filteredFamilies` (called by validateConfig). */
export function validateImageTypes(c: ExtractionConfig & ImageTypesConfig): void {
  if (c.imageTypes === undefined) return;
  if (!Array.isArray(c.imageTypes) || c.imageTypes.length === 0)
    invalid('imageTypes must be a non-empty array of image types');
  expandImageTypes(c.imageTypes, c.dimensionality === '2D' ? '2D' : '3D');
  if (c.filteredFamilies !== undefined && !Array.isArray(c.filteredFamilies))
    invalid('filteredFamilies must be an array of family names');
}

/** True when the configuration asks for any filtered image. */
export function hasFilteredImageTypes(c: (ExtractionConfig & ImageTypesConfig) | undefined): boolean {
  return !!c?.imageTypes?.some((t) => t.type !== 'original');
}

type Result = { features: Record<string, number>; diagnostics: Diagnostics; warnings: string[] };

/** The rounded, normalised and resampled image (the input of every filter). */
function preprocessImage(volume: Volume, m: NormalisedVolume, c: ExtractionConfig): NormalisedVolume {
  let image = normaliseVolume(volume, 'image');
  const label = c.label ?? 1;
  const data = Float32Array.from(image.data as ArrayLike<number>);
  if (c.roundInput) for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]!);
  const nm = c.normalisation;
  if (nm && (nm.method === 'zscore' || nm.shift)) {
    if (nm.method === 'zscore') {
      let n = 0,
        s = 0,
        ss = 0;
      for (let i = 0; i < data.length; i++)
        if (nm.scope !== 'roi' || m.data[i] === label) {
          n++;
          s += data[i]!;
        }
      const mean = s / n;
      for (let i = 0; i < data.length; i++) if (nm.scope !== 'roi' || m.data[i] === label) ss += (data[i]! - mean) ** 2;
      const sd = Math.sqrt(ss / (n - 1));
      if (!(sd > 0)) invalid('z-score normalisation of a constant image (standard deviation 0)');
      const k = nm.removeOutliers ?? 0,
        scale = nm.scale ?? 1,
        shift = nm.shift ?? 0;
      for (let i = 0; i < data.length; i++) {
        let z = (data[i]! - mean) / sd;
        if (k > 0) z = Math.max(-k, Math.min(k, z));
        data[i] = z * scale + shift;
      }
    } else for (let i = 0; i < data.length; i++) data[i] = data[i]! + nm.shift!;
  }
  image = { ...image, data };
  const ip = c.interpolation;
  if (ip) {
    const { mask: _maskOptions, ...imageOptions } = ip;
    image = resample(image, imageOptions);
  }
  return image;
}

/**
 * The last image's preprocessed intensities and filter maps, reused by the next extraction from the same image
 * with the same processing settings: the ROIs of one case (tumour, rings, ...) preprocess and filter the image
 * once instead of once per ROI. One image at a time, so memory stays that of one image's maps. The entry is
 * keyed by the image's data array and a checksum of its bytes, so an array changed in place is processed anew.
 * Not used when the processing depends on the mask (z-score over the ROI).
 */
interface ImageCache {
  data: object;
  checksum: number;
  settings: string;
  image: NormalisedVolume;
  maps: Map<string, NormalisedVolume>;
}
let lastImage: ImageCache | undefined;

/** FNV-1a over the 32-bit words of the array's bytes, then its trailing bytes. */
function checksum(a: ArrayBufferView): number {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const n = bytes.length >> 2;
  const words =
    a.byteOffset % 4 === 0 ? new Uint32Array(a.buffer, a.byteOffset, n) : new Uint32Array(bytes.slice(0, 4 * n).buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  for (let i = 4 * n; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** The preprocessed image and a function giving its filter maps, from the cache when the image and settings match. */
function imageAndMaps(
  volume: Volume,
  m: NormalisedVolume,
  c: ExtractionConfig,
): { image: NormalisedVolume; map: (filter: FilterConfig) => NormalisedVolume } {
  const v = normaliseVolume(volume, 'image');
  const cacheable = c.normalisation?.scope !== 'roi' || c.normalisation?.method !== 'zscore';
  const settings = JSON.stringify([
    v.shape,
    v.spacing,
    v.origin,
    v.direction,
    c.roundInput ?? false,
    c.normalisation ?? null,
    c.interpolation ? { ...c.interpolation, mask: undefined } : null,
  ]);
  if (cacheable) {
    const sum = checksum(v.data); // a typed array: normaliseVolume accepts no other
    if (!lastImage || lastImage.data !== v.data || lastImage.checksum !== sum || lastImage.settings !== settings)
      lastImage = { data: v.data, checksum: sum, settings, image: preprocessImage(v, m, c), maps: new Map() };
    const entry = lastImage;
    return {
      image: entry.image,
      map: (filter) => {
        const key = JSON.stringify(filter);
        let map = entry.maps.get(key);
        if (!map) entry.maps.set(key, (map = filterImage(entry.image, filter)));
        return map;
      },
    };
  }
  const image = preprocessImage(v, m, c);
  return { image, map: (filter) => filterImage(image, filter) };
}

/** The preprocessed (rounded, normalised, resampled) image and ROI mask (0/1), re-segmented on the unfiltered intensities. */
function preprocess(
  volume: Volume,
  mask: Volume,
  c: ExtractionConfig,
): { image: NormalisedVolume; roi: NormalisedVolume; map: (filter: FilterConfig) => NormalisedVolume } {
  const m = normaliseVolume(mask, 'mask');
  const label = c.label ?? 1;
  const { image, map } = imageAndMaps(volume, m, c);
  // Plain loops, not Float32Array.from(data, fn): the mapped form goes through the iterator protocol, about
  // 50 ns a voxel, and was most of a filtered extraction's time per ROI.
  const indicator = new Float32Array(m.data.length);
  for (let i = 0; i < indicator.length; i++) indicator[i] = m.data[i] === label ? 1 : 0;
  let roi: NormalisedVolume = { ...m, data: indicator };
  let thr = 0.5;
  const ip = c.interpolation;
  if (ip) {
    const { mask: _maskOptions, ...imageOptions } = ip;
    const maskMethod = ip.mask?.method ?? 'linear';
    roi = resample(roi, { ...imageOptions, method: maskMethod, roundIntensities: false });
    thr = maskMethod === 'nearest' ? 0.5 : (ip.mask?.threshold ?? 0.5);
  }
  const roiMask = new Uint8Array(roi.data.length);
  for (let i = 0; i < roiMask.length; i++) roiMask[i] = roi.data[i]! >= thr ? 1 : 0;
  // Re-segmentation on the unfiltered intensities, as IBSI 1 2.6 (and native/core/resegment.cc): the range mask
  // and the outlier mask (mean +- k sd, population sd) are both taken on the ROI before re-segmentation, then
  // intersected.
  const range = c.resegmentation?.range;
  const k = c.resegmentation?.outlierSigma;
  let lo = -Infinity,
    hi = Infinity;
  if (k) {
    let n = 0,
      s = 0,
      ss = 0;
    for (let i = 0; i < roiMask.length; i++)
      if (roiMask[i]) {
        n++;
        s += image.data[i]!;
      }
    const mean = s / n;
    for (let i = 0; i < roiMask.length; i++) if (roiMask[i]) ss += (image.data[i]! - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    lo = mean - k * sd;
    hi = mean + k * sd;
  }
  for (let i = 0; i < roiMask.length; i++) {
    if (!roiMask[i]) continue;
    const v = image.data[i]!;
    const outOfRange = !!range && ((range[0] !== null && v < range[0]) || (range[1] !== null && v > range[1]));
    if (outOfRange || v < lo || v > hi) roiMask[i] = 0;
  }
  return { image, roi: { ...roi, data: roiMask }, map };
}

/** The extraction jobs of every image type: the original's inputs, or the filtered image's, made on demand. */
function* imageTypeJobs(
  volume: Volume,
  mask: Volume,
  config: ExtractionConfig & ImageTypesConfig,
): Generator<{ prefix: string; original: boolean; args: [Volume, Volume, ExtractionConfig]; warning?: string }> {
  const dims = config.dimensionality === '2D' ? '2D' : '3D';
  const types = expandImageTypes(config.imageTypes ?? [{ type: 'original' }], dims);
  const { imageTypes: _t, filteredFamilies, ...base } = config;
  let prepared: ReturnType<typeof preprocess> | undefined;
  for (const { prefix, filter } of types) {
    if (!filter) {
      yield { prefix, original: true, args: [volume, mask, base] };
      continue;
    }
    prepared ??= preprocess(volume, mask, base);
    const map = prepared.map({ ...filter, threads: config.interpolation?.threads });
    const filteredConfig: ExtractionConfig = {
      ...base,
      label: 1,
      roundInput: false,
      normalisation: undefined,
      interpolation: undefined,
      resegmentation: undefined,
    };
    if (filteredFamilies) filteredConfig.families = filteredFamilies;
    const warning =
      filter.type === 'riesz'
        ? 'the Riesz transform is not IBSI-compliant (IBSI 2 reached no consensus on Riesz filters)'
        : undefined;
    yield { prefix, original: false, args: [map, prepared.roi, filteredConfig], warning };
  }
}

function merge(
  into: Result & { first?: boolean },
  prefix: string,
  original: boolean,
  r: Result,
  warning?: string,
): void {
  for (const [tag, v] of Object.entries(r.features)) into.features[prefix + tag] = v;
  // Every image's warnings, named by its prefix (the original's unprefixed).
  for (const w of warning ? [warning, ...r.warnings] : r.warnings)
    into.warnings.push(original ? w : `${prefix.replace(/_$/, '')}: ${w}`);
  if (original || into.first) into.diagnostics = r.diagnostics;
  into.first = false;
}

/**
 * Features of every image type of `config.imageTypes`, one map with the prefixed tags, through `extract`
 * (extractFeaturesAsync). Diagnostics: the original's when listed, else the first image's.
 */
export async function extractImageTypes(
  volume: Volume,
  mask: Volume,
  config: ExtractionConfig & ImageTypesConfig,
  extract: (...a: [Volume, Volume, ExtractionConfig]) => Promise<Result>,
): Promise<Result> {
  const out: Result & { first?: boolean } = { features: {}, diagnostics: {} as Diagnostics, warnings: [], first: true };
  for (const job of imageTypeJobs(volume, mask, config))
    merge(out, job.prefix, job.original, await extract(...job.args), job.warning);
  delete out.first;
  return out;
}

/** Synchronous twin of extractImageTypes (through extractFeatures). */
export function extractImageTypesSync(
  volume: Volume,
  mask: Volume,
  config: ExtractionConfig & ImageTypesConfig,
  extract: (...a: [Volume, Volume, ExtractionConfig]) => Result,
): Result {
  const out: Result & { first?: boolean } = { features: {}, diagnostics: {} as Diagnostics, warnings: [], first: true };
  for (const job of imageTypeJobs(volume, mask, config))
    merge(out, job.prefix, job.original, extract(...job.args), job.warning);
  delete out.first;
  return out;
}
