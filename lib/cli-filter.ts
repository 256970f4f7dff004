/**
 * `radiomics filter --image P (--preset NAME | --config F) --out map.nii.gz`: writes a filter's response
 * map as a float32 NIfTI on the image's grid. Presets: the IBSI 2 phase-1 tests (`ibsi2-phase1-<id>`).
 */
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadYaml } from './yaml-lazy.js';
import { UsageError } from './batch/usage.js';
import { RadiomicsError } from './errors.js';
import { filterImage, validateFilterConfig, type FilterConfig } from './filters/index.js';
import { readImage } from './io/index.js';
import { writeNifti } from './io/nifti-write.js';
import { FILTER_PRESETS } from './presets-ibsi2.js';
import { didYouMean } from './suggest.js';

export const FILTER_HELP = `radiomics filter — the response map of an IBSI 2 convolutional filter

Options:
  --image <path>     image: NIfTI, NRRD, a DICOM series folder
  --preset <name>    a shipped filter (ibsi2-phase1-1a1 ... ibsi2-phase1-10b1; 'radiomics presets' lists them)
  --config <file>    a JSON or YAML filter configuration, e.g. { "type": "log", "sigmaMm": 2, "boundary": "mirror" }
  --threads <n>      worker threads (default: all cores; the result does not depend on it)
  --out <file>       the response map, float32 NIfTI (.nii or .nii.gz), same grid as the image

Filters (type): mean {support}, log {sigmaMm, truncate}, laws {kernel, pooling, energy, energyDelta},
gabor {sigmaMm, lambdaMm, gamma, thetaDeg, thetaStepDeg, pooling, planes}, wavelet {wavelet, subband, level,
pooling}, simoncelli {level}, riesz {order: [x, y, z], of: {type: log | simoncelli, ...}} (not IBSI-compliant);
all take dims ('2D' | '3D') and boundary (zero | nearest | periodic | mirror).

Example:
  radiomics filter --image impulse.nii.gz --preset ibsi2-phase1-2a --out log.nii.gz
`;

export function filterPresetConfig(name: string): FilterConfig {
  const p = FILTER_PRESETS[name];
  if (!p)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_CONFIG',
      `unknown filter preset '${name}'${didYouMean(name, Object.keys(FILTER_PRESETS))}`,
    );
  return structuredClone(p.filter);
}

async function loadFilterConfig(path: string): Promise<FilterConfig> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${path}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = path.endsWith('.json') ? JSON.parse(text) : (await loadYaml()).parse(text);
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_CONFIG',
      `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'} (${(e as Error).message})`,
    );
  }
  try {
    return validateFilterConfig(parsed);
  } catch (e) {
    if (e instanceof RadiomicsError) throw new RadiomicsError(e.code, `${path}: ${e.message}`);
    throw e;
  }
}

export async function filterCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      image: { type: 'string' },
      preset: { type: 'string' },
      config: { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(FILTER_HELP);
    return 0;
  }
  if (!values.image || !values.out) throw new UsageError('filter needs --image and --out');
  if (!!values.preset === !!values.config) throw new UsageError('filter needs exactly one of --preset or --config');
  const config = values.preset ? filterPresetConfig(values.preset) : await loadFilterConfig(values.config!);
  if (values.threads !== undefined) {
    const t = Number(values.threads);
    if (!Number.isInteger(t) || t < 0)
      throw new UsageError(`--threads must be a non-negative integer, got '${values.threads}'`);
    config.threads = t;
  }
  const image = await readImage(values.image);
  await writeNifti(values.out, filterImage(image, config));
  return 0;
}
