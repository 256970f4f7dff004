// PET SUV: a synthetic PET series written here with known activity, dose, times, weight, height and sex;
// SUVbw, SUVlbm (Janmahasatian) and SUVbsa (Du Bois) against values computed by hand below; decay correction
// START, ADMIN and NONE; every missing tag named; the CLI's --suv with the factor in the diagnostics.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { readImage } from '../dist/cjs/index.js';
import { ctSlice, el, enhancedMultiFrame, uid, writeDicom, type El } from './helpers/dicom-writer';
import { ROOT } from './helpers/ibsi';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-suv-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

// The study: 370 MBq of F-18 (half-life 6586.2 s) injected at 09:30:00; series start 10:30:00 (3600 s later);
// the patient: 75 kg, 1.80 m, male. Stored pixels 0..11 with RescaleSlope 250: activity = 250 * stored Bq/ml.
const DOSE = 370e6,
  HALF_LIFE = 6586.2,
  WEIGHT = 75,
  HEIGHT = 1.8;
const nx = 4,
  ny = 3;
const SLOPE = 250;

// Hand-computed (python, double precision):
//   decayed dose D = 370e6 * 2^(-3600 / 6586.2)                          = 253314180.24164078 Bq
//   SUVbw factor   = 75 kg * 1000 g/kg / D                                = 2.960750161260463e-4 g/ml per Bq/ml
//   BMI = 75 / 1.8^2 = 23.148148..; LBM (Janmahasatian, male) = 9270 * 75 / (6680 + 216 * BMI) = 695250 / 11680
//                                                                        = 59.52482876712329 kg
//   SUVlbm factor  = 59524.82876712329 g / D                              = 2.3498419516168232e-4
//   BSA (Du Bois)  = 0.007184 * 75^0.425 * 180^0.725                      = 1.9424056238059446 m^2
//   SUVbsa factor  = 19424.056238059446 cm^2 / D                          = 7.667970351888909e-5
//   ADMIN (no decay): 75000 / 370e6                                      = 2.027027027027027e-4
//   NONE, slices acquired 3600, 3900, 4200 s after injection: 75000 / (370e6 * 2^(-t / 6586.2))
//                                                                        = 2.960750161260463e-4, 3.0557203993776267e-4, 3.153736941855772e-4
const D = 253314180.24164078;
const EXPECTED = { bw: 2.960750161260463e-4, lbm: 2.3498419516168232e-4, bsa: 7.667970351888909e-5 };
const LBM = 59.52482876712329,
  BSA = 1.9424056238059446;

function petTags(
  over: {
    decay?: string;
    units?: string;
    sex?: string | null;
    weight?: number | null;
    size?: number | null;
    dose?: number | null;
    startTime?: string | null;
    startDateTime?: string;
    halfLife?: number | null;
    seriesTime?: string | null;
  } = {},
): El[] {
  const rp: El[] = [];
  if (over.dose !== null) rp.push(el('0018,1074', 'DS', over.dose ?? DOSE));
  if (over.halfLife !== null) rp.push(el('0018,1075', 'DS', over.halfLife ?? HALF_LIFE));
  if (over.startTime !== null) rp.push(el('0018,1072', 'TM', over.startTime ?? '093000'));
  if (over.startDateTime) rp.push(el('0018,1078', 'DT', over.startDateTime));
  const tags: El[] = [
    el('0008,0060', 'CS', 'PT'),
    el('0008,0021', 'DA', '20240115'),
    el('0054,1001', 'CS', over.units ?? 'BQML'),
    el('0054,1102', 'CS', over.decay ?? 'START'),
    el('0054,0016', 'SQ', [rp]),
  ];
  if (over.seriesTime !== null) tags.push(el('0008,0031', 'TM', over.seriesTime ?? '103000'));
  if (over.sex !== null) tags.push(el('0010,0040', 'CS', over.sex ?? 'M'));
  if (over.weight !== null) tags.push(el('0010,1030', 'DS', over.weight ?? WEIGHT));
  if (over.size !== null) tags.push(el('0010,1020', 'DS', over.size ?? HEIGHT));
  return tags;
}

/** Three PET slices, 2 mm apart; slice k acquired at 10:30:00 + 5 min * k. */
function petSeries(over: Parameters<typeof petTags>[0] = {}, d = path.join(dir, `pet${++n}`)): string {
  fs.mkdirSync(d, { recursive: true });
  const seriesUid = uid(),
    frameOfReference = uid();
  for (let k = 0; k < 3; k++) {
    const pixels = Int16Array.from({ length: nx * ny }, (_, i) => i + k);
    const base = ctSlice({
      seriesUid,
      frameOfReference,
      position: [0, 0, 2 * k],
      rows: ny,
      cols: nx,
      pixels,
      slope: SLOPE,
      intercept: 0,
    });
    const tags = [...petTags(over), el('0008,0032', 'TM', `10${30 + 5 * k}00`)];
    writeDicom(path.join(d, `pet${k}.dcm`), [...base.filter((e) => !tags.some((x) => x.tag === e.tag)), ...tags]);
  }
  return d;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);

t.test('SUVbw, SUVlbm, SUVbsa from a series decay-corrected to its start (START)', async (t) => {
  const d = petSeries();
  const raw = await readImage(d);
  t.equal(raw.data[5], 5 * SLOPE, 'without suv: activity concentration (Bq/ml)');
  t.equal(raw.metadata, undefined);
  t.same((await readImage(d, { suv: 'none' })).data, raw.data, "suv 'none' keeps the values");
  for (const mode of ['bw', 'lbm', 'bsa'] as const) {
    const v = await readImage(d, { suv: mode });
    const f = v.metadata!.suv_factor as number;
    t.ok(close(f, EXPECTED[mode]), `SUV${mode} factor ${f} = ${EXPECTED[mode]}`);
    for (const i of [1, 7, 12 + 5, 24 + 11])
      t.ok(close(v.data[i]!, raw.data[i]! * EXPECTED[mode]), `SUV${mode} voxel ${i}: ${v.data[i]}`);
    t.equal(v.metadata!.suv_type, mode);
    t.ok(close(v.metadata!.suv_decayed_dose_Bq as number, D), 'decayed dose');
    t.equal(v.metadata!.suv_decay_time_s, 3600);
    t.match(v.metadata, {
      Units: 'BQML',
      DecayCorrection: 'START',
      RadionuclideTotalDose_Bq: DOSE,
      RadionuclideHalfLife_s: HALF_LIFE,
      PatientWeight_kg: WEIGHT,
      SeriesDate: '20240115',
      SeriesTime: '103000',
      RadiopharmaceuticalStartTime: '093000',
    });
  }
  const lbm = await readImage(d, { suv: 'lbm' });
  t.match(lbm.metadata, {
    suv_lbm_formula: 'Janmahasatian 2005',
    PatientSex: 'M',
    PatientSize_m: HEIGHT,
    suv_units: 'g/ml',
  });
  t.ok(close(lbm.metadata!.suv_lbm_kg as number, LBM), 'LBM');
  const bsa = await readImage(d, { suv: 'bsa' });
  t.ok(close(bsa.metadata!.suv_bsa_m2 as number, BSA), 'BSA');
  t.equal(bsa.metadata!.suv_units, 'cm2/ml');
  // Female: LBM = 9270 * 75 / (8780 + 244 * 23.148148..) = 48.18705719273026 kg.
  const f = await readImage(petSeries({ sex: 'F' }), { suv: 'lbm' });
  t.ok(close(f.metadata!.suv_lbm_kg as number, 48.18705719273026), 'female LBM');
});

t.test('decay correction ADMIN (none to apply) and NONE (per slice, from each acquisition time)', async (t) => {
  const admin = await readImage(petSeries({ decay: 'ADMIN' }), { suv: 'bw' });
  t.ok(close(admin.metadata!.suv_factor as number, 2.027027027027027e-4), 'ADMIN: weight / dose');
  const none = await readImage(petSeries({ decay: 'NONE' }), { suv: 'bw' });
  const perSlice = [2.960750161260463e-4, 3.0557203993776267e-4, 3.153736941855772e-4];
  const raw = await readImage(petSeries({ decay: 'NONE' }));
  for (let k = 0; k < 3; k++)
    t.ok(close(none.data[k * 12 + 3]!, raw.data[k * 12 + 3]! * perSlice[k]!), `NONE: slice ${k} factor ${perSlice[k]}`);
  t.ok(
    close(none.metadata!.suv_factor_min as number, perSlice[0]!) &&
      close(none.metadata!.suv_factor_max as number, perSlice[2]!),
    'factor range in the metadata',
  );
  // RadiopharmaceuticalStartDateTime takes precedence; an injection on the evening before the scan.
  const night = await readImage(petSeries({ startTime: '233000', seriesTime: '003000' }), { suv: 'bw' });
  t.ok(close(night.metadata!.suv_factor as number, EXPECTED.bw), 'injection at 23:30, series at 00:30: 3600 s');
  const dt = await readImage(petSeries({ startTime: '000000', startDateTime: '20240115093000' }), { suv: 'bw' });
  t.ok(close(dt.metadata!.suv_factor as number, EXPECTED.bw), 'RadiopharmaceuticalStartDateTime used');
});

t.test("enhanced PET multi-frame: NONE decay correction from each frame's FrameAcquisitionDateTime", async (t) => {
  const file = path.join(dir, 'enhanced-pet.dcm');
  const frames = [0, 1, 2].map((k) => ({
    position: [0, 0, 2 * k] as [number, number, number],
    pixels: Int16Array.from({ length: nx * ny }, (_, i) => i + 1),
    slope: SLOPE,
    acquisitionDateTime: `2024011510${30 + 5 * k}00`,
  }));
  writeDicom(
    file,
    enhancedMultiFrame({
      seriesUid: uid(),
      frameOfReference: uid(),
      rows: ny,
      cols: nx,
      frames,
      sopClass: '1.2.840.10008.5.1.4.1.1.130',
      modality: 'PT',
      extra: petTags({ decay: 'NONE' }),
    }),
  );
  const v = await readImage(file, { suv: 'bw' });
  const perSlice = [2.960750161260463e-4, 3.0557203993776267e-4, 3.153736941855772e-4];
  for (let k = 0; k < 3; k++) t.ok(close(v.data[k * 12]!, SLOPE * perSlice[k]!), `frame ${k + 1}`);
});

t.test('a missing or invalid tag is an error naming it, never a silent SUV of 1', async (t) => {
  const cases: [Parameters<typeof petTags>[0], 'bw' | 'lbm' | 'bsa', RegExp][] = [
    [{ weight: null }, 'bw', /PatientWeight \(0010,1030\) is missing/],
    [{ units: 'CNTS' }, 'bw', /Units \(0054,1001\) is 'CNTS', not BQML/],
    [{ dose: null }, 'bw', /RadionuclideTotalDose \(0018,1074\) is missing/],
    [{ halfLife: null }, 'bw', /RadionuclideHalfLife \(0018,1075\) is missing/],
    [
      { startTime: null },
      'bw',
      /RadiopharmaceuticalStartDateTime \(0018,1078\) and RadiopharmaceuticalStartTime \(0018,1072\) are both missing/,
    ],
    [{ seriesTime: null }, 'bw', /SeriesTime \(0008,0031\) is missing/],
    [{ decay: 'XYZ' }, 'bw', /DecayCorrection \(0054,1102\) 'XYZ' is not START, ADMIN or NONE/],
    [{ sex: null }, 'lbm', /PatientSex \(0010,0040\) is missing; SUVlbm needs M or F/],
    [{ sex: 'O' }, 'lbm', /PatientSex \(0010,0040\) is 'O'/],
    [{ size: null }, 'bsa', /PatientSize \(0010,1020\) is missing/],
    [{ size: 180 }, 'lbm', /PatientSize \(0010,1020\) is invalid \(180 m\)/],
  ];
  for (const [over, mode, message] of cases)
    await t.rejects(
      readImage(petSeries(over), { suv: mode }),
      { code: 'ERR_RADIOMICS_FILE_FORMAT', message },
      `${JSON.stringify(over)} ${mode}`,
    );
  await t.rejects(readImage(petSeries(), { suv: 'xyz' as 'bw' }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /suv must be one of bw, lbm, bsa, none/,
  });
  await t.rejects(readImage(path.join(ROOT, 'ibsi-phantom', 'image.nii.gz'), { suv: 'bw' }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /SUV conversion needs the DICOM PET header/,
  });
});

t.test('CLI --suv: features of SUV values, the factor and tags in the diagnostics', async (t) => {
  const image = petSeries();
  // A mask series on the same grid: label 1 on every voxel but the first of each slice.
  const mask = path.join(dir, 'mask');
  fs.mkdirSync(mask);
  const seriesUid = uid(),
    frameOfReference = uid();
  for (let k = 0; k < 3; k++)
    writeDicom(
      path.join(mask, `m${k}.dcm`),
      ctSlice({
        seriesUid,
        frameOfReference,
        position: [0, 0, 2 * k],
        rows: ny,
        cols: nx,
        pixels: Int16Array.from({ length: nx * ny }, (_, i) => +(i > 0)),
      }),
    );
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ families: ['intensity_statistics'] }));
  const cli = (...extra: string[]) =>
    spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'radiomics.js'),
        'extract',
        '--image',
        image,
        '--mask',
        mask,
        '--config',
        config,
        ...extra,
      ],
      { encoding: 'utf8' },
    );
  const r = cli('--suv', 'bw');
  t.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  t.ok(close(out.diagnostics.image_suv_factor, EXPECTED.bw), 'factor in the diagnostics');
  t.match(out.diagnostics, {
    image_suv_type: 'bw',
    image_Units: 'BQML',
    image_PatientWeight_kg: WEIGHT,
    image_DecayCorrection: 'START',
  });
  // Mean of the ROI: stored values 1..11, 2..12, 3..13 -> mean 7 * 250 Bq/ml, times the SUVbw factor.
  const meanKey = Object.keys(out.features).find((k) => /mean/i.test(k) && /stat/i.test(k))!;
  t.ok(close(out.features[meanKey], 7 * SLOPE * EXPECTED.bw), `${meanKey} ${out.features[meanKey]}`);
  const bad = cli('--suv', 'weight');
  t.equal(bad.status, 2);
  t.match(bad.stderr, /--suv must be one of bw, lbm, bsa, none/);
});
