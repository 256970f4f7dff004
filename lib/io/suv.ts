/**
 * PET standardised uptake value (SUV) from the DICOM header: SUV = C · M / D, with C the activity concentration
 * (Bq/ml, Units BQML), D the injected dose decay-corrected to the time the image is decay-corrected to, and M
 * the body measure of the chosen normalisation:
 *   bw  — body weight, g (PatientWeight × 1000); SUV in g/ml.
 *   lbm — lean body mass, g, Janmahasatian et al. 2005 (as recommended by the EANM guideline, Boellaard 2015):
 *         male 9270·W / (6680 + 216·BMI), female 9270·W / (8780 + 244·BMI), W in kg, BMI = W / H², H in m;
 *         the James formula is not used (it falls for high BMI). SUV in g/ml.
 *   bsa — body surface area, cm², Du Bois: 0.007184 · W^0.425 · H_cm^0.725 m² (× 10⁴); SUV in cm²/ml.
 * Decay (DecayCorrection 0054,1102): START — the image is corrected to the series start (SeriesDate/SeriesTime),
 * D = dose · 2^(−(series start − injection) / half-life); ADMIN — corrected to the injection, D = dose; NONE — each
 * frame is at its own acquisition time (FrameAcquisitionDateTime, else AcquisitionDate/AcquisitionTime), so the
 * factor is per frame. Injection: RadiopharmaceuticalStartDateTime, else RadiopharmaceuticalStartTime on the
 * SeriesDate (a day earlier when that time is after the reference time: an injection before midnight).
 * A missing or invalid tag is an error naming it: never a silent SUV of 1.
 */
import type * as dicomParser from 'dicom-parser';
import { RadiomicsError } from '../errors.js';

type DataSet = dicomParser.DataSet;
export type SuvMode = 'bw' | 'lbm' | 'bsa' | 'none';
export const SUV_MODES: readonly SuvMode[] = ['bw', 'lbm', 'bsa', 'none'];

const T = {
  SeriesDate: 'x00080021',
  AcquisitionDate: 'x00080022',
  SeriesTime: 'x00080031',
  AcquisitionTime: 'x00080032',
  PatientSex: 'x00100040',
  PatientSize: 'x00101020',
  PatientWeight: 'x00101030',
  RadiopharmaceuticalStartTime: 'x00181072',
  RadionuclideTotalDose: 'x00181074',
  RadionuclideHalfLife: 'x00181075',
  RadiopharmaceuticalStartDateTime: 'x00181078',
  FrameAcquisitionDateTime: 'x00189074',
  FrameContentSequence: 'x00209111',
  RadiopharmaceuticalInformationSequence: 'x00540016',
  Units: 'x00541001',
  DecayCorrection: 'x00541102',
} as const;

/** One frame as suv needs it: its file's data set and its per-frame functional groups. */
export interface SuvFrame {
  ds: DataSet;
  perFrame: DataSet | undefined;
  label: string;
}

export interface SuvResult {
  /** Multiplier per frame (same order as the frames given). */
  factors: number[];
  metadata: Record<string, string | number>;
}

function fail(where: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${where}: cannot compute SUV: ${message}`);
}

function text(ds: DataSet | undefined, tag: string): string | undefined {
  const s = ds?.string(tag)?.trim();
  return s ? s : undefined;
}

/** DICOM DA + TM (or DT) to seconds on a UTC time line (time zones ignored: all times of one study share one). */
export function dicomDateTimeSeconds(date: string, time: string): number {
  const t = time.replace(/:/g, '');
  if (!/^\d{8}$/.test(date) || !/^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/.test(t)) return NaN;
  const hh = Number(t.slice(0, 2)),
    mm = Number(t.slice(2, 4) || 0),
    ss = Number(t.slice(4) || 0);
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) / 1000 +
    hh * 3600 +
    mm * 60 +
    ss
  );
}

function dateTimeSeconds(dt: string): number {
  const core = dt.replace(/[+-]\d{4}$/, '');
  return dicomDateTimeSeconds(core.slice(0, 8), core.slice(8) || '00');
}

/** Lean body mass (kg), Janmahasatian 2005. */
export function leanBodyMassJanmahasatian(weightKg: number, heightM: number, sex: 'M' | 'F'): number {
  const bmi = weightKg / (heightM * heightM);
  return sex === 'M' ? (9270 * weightKg) / (6680 + 216 * bmi) : (9270 * weightKg) / (8780 + 244 * bmi);
}

/** Body surface area (m²), Du Bois & Du Bois 1916. */
export function bodySurfaceAreaDuBois(weightKg: number, heightM: number): number {
  return 0.007184 * weightKg ** 0.425 * (heightM * 100) ** 0.725;
}

/** The SUV factor of each frame, and every value it came from. */
export function suvFactors(where: string, frames: SuvFrame[], mode: SuvMode): SuvResult {
  if (!SUV_MODES.includes(mode))
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `suv must be one of ${SUV_MODES.join(', ')}, got '${String(mode)}'`,
    );
  const ds = frames[0]!.ds;
  const md: Record<string, string | number> = { suv_type: mode };
  const units = text(ds, T.Units);
  if (units === undefined) fail(where, 'Units (0054,1001) is missing');
  if (units.toUpperCase() !== 'BQML')
    fail(where, `Units (0054,1001) is '${units}', not BQML (activity concentration in Bq/ml)`);
  md.Units = units;
  const rp = ds.elements[T.RadiopharmaceuticalInformationSequence]?.items?.[0]?.dataSet;
  if (!rp) fail(where, 'RadiopharmaceuticalInformationSequence (0054,0016) is missing');
  const dose = rp.floatString(T.RadionuclideTotalDose);
  if (!(dose !== undefined && dose > 0))
    fail(where, `RadionuclideTotalDose (0018,1074) is ${dose === undefined ? 'missing' : `invalid (${dose})`}`);
  const halfLife = rp.floatString(T.RadionuclideHalfLife);
  if (!(halfLife !== undefined && halfLife > 0))
    fail(where, `RadionuclideHalfLife (0018,1075) is ${halfLife === undefined ? 'missing' : `invalid (${halfLife})`}`);
  md.RadionuclideTotalDose_Bq = dose;
  md.RadionuclideHalfLife_s = halfLife;
  const decay = text(ds, T.DecayCorrection)?.toUpperCase();
  if (decay === undefined) fail(where, 'DecayCorrection (0054,1102) is missing');
  if (decay !== 'START' && decay !== 'ADMIN' && decay !== 'NONE')
    fail(where, `DecayCorrection (0054,1102) '${decay}' is not START, ADMIN or NONE`);
  md.DecayCorrection = decay;

  // Body measure.
  const weight = ds.floatString(T.PatientWeight);
  if (!(weight !== undefined && weight > 0))
    fail(where, `PatientWeight (0010,1030) is ${weight === undefined ? 'missing' : `invalid (${weight})`}`);
  md.PatientWeight_kg = weight;
  let measure = weight * 1000;
  md.suv_units = 'g/ml';
  if (mode === 'lbm' || mode === 'bsa') {
    const size = ds.floatString(T.PatientSize);
    if (!(size !== undefined && size > 0.3 && size < 3))
      fail(
        where,
        `PatientSize (0010,1020) is ${size === undefined ? 'missing' : `invalid (${size} m)`}; SUV${mode} needs the height in metres`,
      );
    md.PatientSize_m = size;
    if (mode === 'lbm') {
      const sex = text(ds, T.PatientSex)?.toUpperCase();
      if (sex !== 'M' && sex !== 'F')
        fail(where, `PatientSex (0010,0040) is ${sex === undefined ? 'missing' : `'${sex}'`}; SUVlbm needs M or F`);
      md.PatientSex = sex;
      const lbm = leanBodyMassJanmahasatian(weight, size, sex);
      md.suv_lbm_formula = 'Janmahasatian 2005';
      md.suv_lbm_kg = lbm;
      measure = lbm * 1000;
    } else {
      const bsa = bodySurfaceAreaDuBois(weight, size);
      md.suv_bsa_formula = 'Du Bois 1916';
      md.suv_bsa_m2 = bsa;
      measure = bsa * 1e4;
      md.suv_units = 'cm2/ml';
    }
  }

  // Injection time and the time(s) the dose is decay-corrected to.
  const seriesDate = text(ds, T.SeriesDate);
  const startDateTime = text(rp, T.RadiopharmaceuticalStartDateTime);
  const startTime = text(rp, T.RadiopharmaceuticalStartTime);
  let injection = NaN;
  if (decay !== 'ADMIN') {
    if (startDateTime) {
      injection = dateTimeSeconds(startDateTime);
      if (!Number.isFinite(injection))
        fail(where, `RadiopharmaceuticalStartDateTime (0018,1078) '${startDateTime}' is not a valid DT`);
      md.RadiopharmaceuticalStartDateTime = startDateTime;
    } else if (startTime) {
      if (!seriesDate)
        fail(
          where,
          'RadiopharmaceuticalStartTime (0018,1072) has no date: SeriesDate (0008,0021) is missing (or give RadiopharmaceuticalStartDateTime)',
        );
      injection = dicomDateTimeSeconds(seriesDate, startTime);
      if (!Number.isFinite(injection))
        fail(where, `RadiopharmaceuticalStartTime (0018,1072) '${startTime}' is not a valid TM`);
      md.RadiopharmaceuticalStartTime = startTime;
    } else
      fail(
        where,
        'RadiopharmaceuticalStartDateTime (0018,1078) and RadiopharmaceuticalStartTime (0018,1072) are both missing',
      );
  }
  const decayedDose = (reference: number, what: string): number => {
    let dt = reference - injection;
    // Only a start time: an injection "after" the scan on the same date was the evening before.
    if (!startDateTime && dt < 0 && dt > -86400) dt += 86400;
    if (!(dt >= 0 && dt < 7 * 86400)) fail(where, `${what} is ${+(dt / 3600).toFixed(3)} h after the injection`);
    return dose * 2 ** (-dt / halfLife);
  };
  let factors: number[];
  if (decay === 'ADMIN') factors = frames.map(() => measure / dose);
  else if (decay === 'START') {
    const seriesTime = text(ds, T.SeriesTime);
    if (!seriesDate || !seriesTime)
      fail(
        where,
        `${!seriesDate ? 'SeriesDate (0008,0021)' : 'SeriesTime (0008,0031)'} is missing (DecayCorrection START decay-corrects to the series start)`,
      );
    const reference = dicomDateTimeSeconds(seriesDate, seriesTime);
    if (!Number.isFinite(reference))
      fail(where, `SeriesDate/SeriesTime '${seriesDate}' '${seriesTime}' is not a valid DA/TM`);
    md.SeriesDate = seriesDate;
    md.SeriesTime = seriesTime;
    const d = decayedDose(reference, 'the series start (SeriesDate/SeriesTime)');
    md.suv_decay_time_s = reference - injection < 0 ? reference - injection + 86400 : reference - injection;
    md.suv_decayed_dose_Bq = d;
    factors = frames.map(() => measure / d);
  } else {
    factors = frames.map((f) => {
      const frameDt = text(
        f.perFrame?.elements[T.FrameContentSequence]?.items?.[0]?.dataSet,
        T.FrameAcquisitionDateTime,
      );
      let t: number;
      if (frameDt) t = dateTimeSeconds(frameDt);
      else {
        const date = text(f.ds, T.AcquisitionDate) ?? seriesDate,
          time = text(f.ds, T.AcquisitionTime);
        if (!date || !time)
          fail(
            `${where} (${f.label})`,
            'AcquisitionDate/AcquisitionTime (0008,0022/0032) is missing (DecayCorrection NONE: each frame is at its acquisition time)',
          );
        t = dicomDateTimeSeconds(date, time);
      }
      if (!Number.isFinite(t)) fail(`${where} (${f.label})`, 'the acquisition date/time is not valid');
      return measure / decayedDose(t, `the acquisition of ${f.label}`);
    });
  }
  const lo = Math.min(...factors),
    hi = Math.max(...factors);
  if (lo === hi) md.suv_factor = lo;
  else {
    md.suv_factor_min = lo;
    md.suv_factor_max = hi;
  }
  return { factors, metadata: md };
}
