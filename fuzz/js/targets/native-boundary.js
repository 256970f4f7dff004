// The native boundary from JavaScript: volumes (every typed-array type, odd shapes, lengths, offsets,
// spacings, directions) and settings objects (every key the binding reads, values of every JS type and
// range) through the public API (extractFeatures with a config: lib/config.ts validation) and straight into
// the binding (extractSync, extractAsync, resampleVolume, roiOperation, roiPass: native/napi/job.cc and the
// binding readers). The input bytes are a stream of choices. Shapes stay small and interpolation spacings
// come from a list, so no call needs more than a few MB. Run it against the sanitized addon
// (tools/fuzz.js does, when build-asan/ exists) to turn undefined behaviour into findings.
'use strict';
const { load } = require('./_lib');
const api = load('index.js');
const { native } = load('native.js');

class Choices {
  constructor(bytes) {
    this.b = bytes;
    this.i = 0;
  }
  byte() {
    return this.i < this.b.length ? this.b[this.i++] : 0;
  }
  int(n) {
    return n <= 256 ? this.byte() % n : ((this.byte() << 8) | this.byte()) % n;
  }
  pick(a) {
    return a[this.int(a.length)];
  }
  bool() {
    return (this.byte() & 1) === 1;
  }
}

const CTORS = [
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  Uint8ClampedArray,
  Float32Array,
];
const NUMBERS = [
  0,
  1,
  2,
  3,
  -1,
  -5,
  0.5,
  1.5,
  7,
  64,
  65,
  1024,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53,
  1e300,
  -1e300,
  1e-300,
  NaN,
  Infinity,
  -Infinity,
];
const SPACINGS = [0, 0.5, 1, 2.5, 7, -1, NaN, 1e-300, 1e-3, Infinity];

function value(c, depth = 0) {
  switch (c.int(depth > 1 ? 6 : 9)) {
    case 0:
    case 1:
    case 2:
      return c.pick(NUMBERS);
    case 3:
      return c.bool();
    case 4:
      return c.pick([
        '',
        'x',
        'fbs',
        'fbn',
        'none',
        'linear',
        'bspline',
        'nearest',
        'zscore',
        'roi',
        '3D',
        '2D',
        'dilate',
        'erode',
        'ring',
        'peritumoral',
      ]);
    case 5:
      return c.pick([null, undefined, {}, []]);
    case 6:
      return Array.from({ length: c.int(5) }, () => value(c, depth + 1));
    case 7:
    case 8:
      return settings(c, depth + 1);
  }
}

const KEYS = [
  'label',
  'roundInput',
  'normalisation',
  'zscore',
  'roiScope',
  'scale',
  'outliers',
  'shift',
  'interpolation',
  'spacing',
  'inPlane',
  'method',
  'alignment',
  'rounding',
  'maskMethod',
  'maskThreshold',
  'threads',
  'families',
  'diagnostics',
  'morphology',
  'glcm',
  'glrlm',
  'glszm',
  'gldzm',
  'ngtdm',
  'ngldm',
  'discretisation',
  'binWidth',
  'nBins',
  'min',
  'max',
  'resegmentation',
  'outlierSigma',
  'ivh',
  'texture',
  'distances',
  'symmetric',
  'neighbourhoodDistance',
  'ngldmAlpha',
  'returnMatrices',
  'maxMatrixBytes',
  'aggregations',
  'd2',
  'd25',
  'd3',
  'avg',
  'comb',
  'moranExactMaxVoxels',
  'moranFftMaxPoints',
  'moranSeed',
  'localIntensity',
  'sphereVolumeCm3',
  'maxLevels',
  'op',
  'radiusMm',
  'innerMm',
  'outerMm',
  'radiiMm',
  'allowClip',
  'clipTo',
  'intensity_statistics',
  'local_intensity',
];

function settings(c, depth = 0) {
  const o = {};
  const n = c.int(depth > 1 ? 3 : 8);
  for (let k = 0; k < n; k++) {
    const key = c.pick(KEYS);
    o[key] = key === 'spacing' ? [c.pick(SPACINGS), c.pick(SPACINGS), c.pick(SPACINGS)] : value(c, depth);
  }
  return o;
}

function volume(c, mask) {
  const shape = [1 + c.int(8), 1 + c.int(8), 1 + c.int(5)];
  const bad = c.int(16);
  const n = shape[0] * shape[1] * shape[2];
  const Ctor = mask
    ? c.pick([Uint8Array, Uint8Array, Int16Array, Float32Array, Float64Array, Int32Array])
    : c.pick(CTORS);
  const length = bad === 0 ? n + c.int(3) - 1 : n;
  const offset = bad === 1 ? 1 : 0;
  const buffer = new ArrayBuffer((Math.max(0, length) + offset) * Ctor.BYTES_PER_ELEMENT);
  const data = new Ctor(buffer, offset * Ctor.BYTES_PER_ELEMENT, Math.max(0, length));
  for (let i = 0; i < data.length; i++) {
    const v = mask ? c.int(3) : c.int(60) - 10;
    data[i] =
      Ctor === BigInt64Array
        ? BigInt(v)
        : c.int(64) === 0 && (Ctor === Float32Array || Ctor === Float64Array)
          ? c.pick([NaN, Infinity, 1e38])
          : v;
  }
  const vol = {
    data,
    shape:
      bad === 2
        ? [shape[0], shape[1]]
        : bad === 3
          ? [shape[0], -shape[1], shape[2]]
          : bad === 4
            ? [shape[0] + 0.5, shape[1], shape[2]]
            : shape,
  };
  vol.spacing =
    bad === 5
      ? [c.pick(SPACINGS), c.pick(SPACINGS), c.pick(SPACINGS)]
      : [c.pick([0.5, 1, 2, 3.3]), c.pick([0.5, 1, 2, 3.3]), c.pick([0.5, 1, 2, 3.3])];
  if (c.int(4) === 0) vol.origin = [c.pick(NUMBERS), 0, 0];
  if (c.int(4) === 0)
    vol.direction = c.pick([
      [1, 0, 0, 0, 1, 0, 0, 0, 1],
      [0, 1, 0, 1, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0, 0, 0],
      [1, 1, 0, 0, 1, 0, 0, 0, 1],
      'I',
      [1, 0, 0],
    ]);
  return vol;
}

module.exports = {
  async run(bytes) {
    const c = new Choices(bytes);
    const image = volume(c, false);
    const mask = c.int(8) === 0 ? volume(c, true) : { ...volume(c, true), shape: image.shape, spacing: image.spacing };
    if (mask.shape === image.shape) {
      const n = image.shape.reduce((a, b) => a * b, 1);
      if (Array.isArray(image.shape) && image.shape.length === 3 && n > 0 && Number.isInteger(n)) {
        mask.data = new Uint8Array(n);
        for (let i = 0; i < n; i++) mask.data[i] = c.int(3);
      }
    }
    const b = native();
    const expectCode = (e) => {
      // The binding's own errors carry a code too; lift them to the same rule as RadiomicsError.
      if (e && typeof e.code === 'string' && /^ERR_RADIOMICS_/.test(e.code) && e.name !== 'RadiomicsError')
        e.name = 'RadiomicsError';
      throw e;
    };
    switch (c.int(7)) {
      case 0:
      case 1:
        return api.extractFeatures(image, mask, settings(c));
      case 2:
        try {
          return b.extractSync(image, mask, settings(c));
        } catch (e) {
          expectCode(e);
        }
        return;
      case 3:
        try {
          return await b.extractAsync(image, mask, settings(c));
        } catch (e) {
          expectCode(e);
        }
        return;
      case 4:
        try {
          return b.resampleVolume(image, settings(c));
        } catch (e) {
          expectCode(e);
        }
        return;
      case 5:
        try {
          const o = settings(c);
          if (c.bool()) o.op = c.pick(['dilate', 'erode', 'ring', 'peritumoral', 'x']);
          if (c.bool()) o.clipTo = mask;
          return b.roiOperation(mask, o);
        } catch (e) {
          expectCode(e);
        }
        return;
      case 6:
        try {
          return b.roiPass(image, mask, settings(c));
        } catch (e) {
          expectCode(e);
        }
    }
  },
};
