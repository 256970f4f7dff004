// The checked number reader (native/napi/checked_number.h): every number that crosses the native boundary is
// checked against its schema rule before any cast. These call the bindings directly, bypassing the TypeScript
// validation, with values that were undefined behaviour before (casts of 1e300, -5, -1e300 to integers).
import t from 'tap';
import { native } from '../dist/cjs/native.js';

const b = native();
const volume = (fill: number) => ({ data: new Float64Array(27).fill(fill), shape: [3, 3, 3], spacing: [1, 1, 1] });
const image = volume(5);
const mask = volume(1);
const base = {
  families: {
    morphology: false,
    local_intensity: false,
    intensity_histogram: false,
    intensity_volume_histogram: false,
    glcm: false,
    glrlm: false,
    glszm: false,
    gldzm: false,
    ngtdm: false,
    ngldm: false,
  },
};

interface Asserts {
  fail(message: string): unknown;
  equal(a: unknown, b: unknown, message: string): unknown;
  match(a: unknown, b: RegExp, message: string): unknown;
}

function expectError(t: Asserts, run: () => unknown, code: string, name: RegExp, what: string): void {
  try {
    run();
    t.fail(`${what}: accepted`);
  } catch (e) {
    const err = e as { code?: string; message: string };
    t.equal(err.code, code, `${what}: code (${err.message})`);
    t.match(err.message, name, `${what}: names the setting`);
  }
}

t.test('extraction settings: out-of-range numbers are ERR_RADIOMICS_INVALID_CONFIG naming the setting', async (t) => {
  const cases: [object, RegExp][] = [
    [{ morphology: { moranExactMaxVoxels: 1e300 } }, /morphology\.moranExactMaxVoxels/],
    [{ morphology: { moranSeed: -5 } }, /morphology\.moranSeed/],
    [{ morphology: { moranSeed: 0.5 } }, /morphology\.moranSeed.*integer/],
    [{ morphology: { moranFftMaxPoints: -1e300 } }, /morphology\.moranFftMaxPoints/],
    [{ morphology: { moranFftMaxPoints: Infinity } }, /morphology\.moranFftMaxPoints/],
    [{ label: 2 ** 40 }, /'label'/],
    [{ label: NaN }, /'label'/],
    [{ label: 1.5 }, /'label'/],
    [{ interpolation: { spacing: [1, 1, 1], threads: -1 } }, /interpolation\.threads/],
    [{ interpolation: { spacing: [1, 1, 1], threads: 1e300 } }, /interpolation\.threads/],
    [{ interpolation: { spacing: [1, 1, 1], method: 7 } }, /interpolation\.method/],
    [{ interpolation: { spacing: [1, 1, 1], maskThreshold: 0 } }, /interpolation\.maskThreshold/],
    [{ texture: { maxMatrixBytes: 1e300 } }, /texture\.maxMatrixBytes/],
    [{ texture: { maxMatrixBytes: 10 } }, /texture\.maxMatrixBytes/],
    [{ texture: { ngldmAlpha: -1 } }, /texture\.ngldmAlpha/],
    [{ texture: { distances: [1, 1e300] } }, /texture\.distances\[1\]/],
    [{ maxLevels: 1e300 }, /maxLevels/],
    [{ discretisation: { method: 'fbn', nBins: 2 ** 40 } }, /discretisation\.nBins/],
    [{ discretisation: { method: 'fbs', binWidth: -1 } }, /discretisation\.binWidth/],
    [{ discretisation: { method: 'fbs', binWidth: 1, min: Infinity } }, /discretisation\.min/],
    [{ ivh: { discretisation: { method: 'fbn', nBins: -3 } } }, /ivh\.discretisation\.nBins/],
    [{ resegmentation: { min: -Infinity } }, /resegmentation\.min/],
    [{ resegmentation: { max: 'x' } }, /resegmentation\.max/],
    [{ resegmentation: { outlierSigma: -1 } }, /resegmentation\.outlierSigma/],
    [{ normalisation: { zscore: true, scale: 0 } }, /normalisation\.scale/],
    [{ normalisation: { zscore: true, outliers: -1 } }, /normalisation\.outliers/],
    [{ localIntensity: { sphereVolumeCm3: 1e300 } }, /localIntensity\.sphereVolumeCm3/],
    [{ minRoiVoxels: -1 }, /minRoiVoxels/],
  ];
  for (const [settings, name] of cases) {
    const s = { ...base, ...settings };
    expectError(t, () => b.extractSync(image, mask, s), 'ERR_RADIOMICS_INVALID_CONFIG', name, JSON.stringify(settings));
    await t.rejects(
      b.extractAsync(image, mask, s),
      { code: 'ERR_RADIOMICS_INVALID_CONFIG', message: name },
      `async ${JSON.stringify(settings)}`,
    );
  }
});

t.test('extraction settings: the edges of each range are accepted', async (t) => {
  const r = b.extractSync(image, mask, {
    ...base,
    label: 1,
    morphology: { moranSeed: 2 ** 53 - 1, moranExactMaxVoxels: 0, moranFftMaxPoints: 0 },
    maxLevels: 2 ** 32 - 1,
    texture: { maxMatrixBytes: 1024 },
  });
  t.equal(r.features.stat_mean, 5);
});

t.test('resample options: out-of-range numbers are typed errors naming the option', async (t) => {
  const cases: [object, string, RegExp][] = [
    [{ spacing: [1, 1, 1], threads: 1e300 }, 'ERR_RADIOMICS_INVALID_ARGUMENT', /'threads'/],
    [{ spacing: [1, 1, 1], threads: -5 }, 'ERR_RADIOMICS_INVALID_ARGUMENT', /'threads'/],
    [{ spacing: [1, 1, 1], method: 2.5 }, 'ERR_RADIOMICS_INVALID_ARGUMENT', /'method'/],
    [{ spacing: [1, 1, 1], alignment: -1e300 }, 'ERR_RADIOMICS_INVALID_ARGUMENT', /'alignment'/],
    [{ spacing: [1, NaN, 1] }, 'ERR_RADIOMICS_BAD_SPACING', /'spacing\[1\]'/],
    [{ spacing: [1, 1, -1] }, 'ERR_RADIOMICS_BAD_SPACING', /'spacing\[2\]'/],
  ];
  for (const [options, code, name] of cases)
    expectError(t, () => b.resampleVolume(image, options), code, name, JSON.stringify(options));
});

t.test('ROI options: out-of-range numbers are ERR_RADIOMICS_INVALID_ARGUMENT naming the option', async (t) => {
  const cases: [object, RegExp][] = [
    [{ op: 'dilate', radiusMm: 1, label: 1e300 }, /'label'/],
    [{ op: 'dilate', radiusMm: 1, label: 0.5 }, /'label'/],
    [{ op: 'dilate', radiusMm: 1, threads: 1e300 }, /'threads'/],
    [{ op: 'dilate', radiusMm: 1, threads: -5 }, /'threads'/],
    [{ op: 'dilate', radiusMm: -1 }, /'radiusMm'/],
    [{ op: 'erode', radiusMm: Infinity }, /'radiusMm'/],
    [{ op: 'ring', innerMm: -1, outerMm: 2 }, /'innerMm'/],
    [{ op: 'ring', innerMm: 1, outerMm: NaN }, /'outerMm'/],
    [{ op: 'peritumoral', radiiMm: [2, 0] }, /'radiiMm\[1\]'/],
  ];
  for (const [options, name] of cases)
    expectError(
      t,
      () => b.roiOperation(mask, options),
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      name,
      JSON.stringify(options),
    );
});
