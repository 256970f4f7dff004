/**
 * The `radiomics` command line.
 *   radiomics extract --image P --mask P (--preset NAME | --config FILE) [--label N | --labels L | --all-labels] [--format json|csv] [--out F]
 *   radiomics batch cases.csv (--config FILE | --preset NAME) --out F [--jobs N] [--shard i/n] [--log-format json]
 *   radiomics merge out-*.csv > features.csv
 *   radiomics config --print --config FILE
 * Exit codes: 0 success; 1 extraction or input error (message names the RadiomicsError code); 2 usage error.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as pathlib from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './batch/usage.js';
import { loadConfigFile } from './config-file.js';
import { configLabel, withLabel } from './pyradiomics/index.js';
import { RadiomicsError } from './errors.js';
import { extractFeatures } from './extract.js';
import { inputFormat, readImage, readMask } from './io/index.js';
import { SUV_MODES, type SuvMode } from './io/suv.js';
import {
  checkIntegerLabels,
  checkNotBackground,
  labelsToCsv,
  labelsToJson,
  maskLabels,
  parseLabelList,
  type LabelledResult,
} from './labels.js';
import { toCsv, toJson } from './output.js';
import { PRESETS, presetConfig } from './presets.js';
import type { NormalisedVolume } from './volume.js';

const HELP = `radiomics — IBSI-compliant radiomics features

Usage:
  radiomics extract --image <path> --mask <path> (--preset <name> | --config <file>)
                    [--label <n> | --labels <a,b,..> | --all-labels] [--roi <name>] [--format json|csv] [--out <file>]
  radiomics batch <cases.csv> (--config <file> | --preset <name>) --out <file>
                    [--jobs <n>] [--shard <i/n>] [--log-format text|json]
  radiomics merge <out-1.csv> <out-2.csv> ... [--out <file>]
  radiomics filter --image <path> (--preset <name> | --config <file>) --out <map.nii.gz>
  radiomics config --print (--config <file> | --preset <name>)
  radiomics presets            list the shipped presets
  radiomics <command> --help   the options of a command
  radiomics --version | --help

Examples:
  radiomics extract --image ibsi-phantom/image.nii.gz --mask ibsi-phantom/mask.nii.gz --preset ibsi1-phantom
  radiomics extract --image ct.nii.gz --mask labels.nii.gz --config params.yaml --all-labels --format csv
  radiomics extract --image ct/ --mask rtstruct.dcm --roi GTV-1 --config params.yaml
  radiomics batch cases.csv --config params.yaml --out features.csv --jobs 8
  radiomics merge out-*.csv > features.csv

Images: NIfTI (.nii, .nii.gz), NRRD (.nrrd, .nhdr), DICOM (a folder with one series, or --series),
DICOM SEG. Masks also: DICOM RTSTRUCT (rasterised onto the image; --roi picks the ROI).
Config files: JSON or YAML with the schema of extractFeatures' config.
Exit codes: 0 ok, 1 extraction/input error (or, for batch, any failed case), 2 usage error.
`;

const EXTRACT_HELP = `radiomics extract — features of one image and mask

Options:
  --image <path>     image: NIfTI, NRRD, a DICOM series folder (or one .dcm file)
  --mask <path>      mask with integer labels on the image grid (NIfTI, NRRD, DICOM SEG), or an RTSTRUCT
  --preset <name>    a shipped configuration (${Object.keys(PRESETS).join(', ')})
  --config <file>    a JSON or YAML configuration file (instead of --preset)
  --label <n>        ROI label in the mask (overrides the configuration; default 1)
  --labels <a,b,..>  several labels: one result per label
  --all-labels       every non-zero label of the mask: one result per label
  --roi <name>       RTSTRUCT ROI name (or number) / SEG segment label to use as the mask (its voxels = 1)
  --series <uid>     the image series to read from a DICOM folder holding several (UID or SeriesNumber)
  --suv bw|lbm|bsa|none  PET (DICOM, Units BQML): convert to SUV by body weight, lean body mass
                     (Janmahasatian) or body surface area (Du Bois); factor and tags go into diagnostics
  --format json|csv  output format (default json)
  --out <file>       write to a file instead of standard output

Output: with --label (or none), JSON {"features": {...}, "diagnostics": {...}} or CSV with one header and one
value row. With --labels / --all-labels, a JSON array [{"label": n, "features": {...}, "diagnostics": {...}}, ...]
or CSV with label, status, error_code and error_message columns and one row per label; a label that fails
gives {"label": n, "error": {"code": ..., "message": ...}} (a CSV row with status 'error'), the others are
still written, and the exit code is 1. Label 0 is the background and cannot be chosen.

Examples:
  radiomics extract --image ct.nii.gz --mask gtv.nii.gz --config params.yaml
  radiomics extract --image ct.nrrd --mask organs.nrrd --preset ibsi1-ct-a --labels 1,3 --format csv
  radiomics extract --image dicom/ct --mask dicom/rtstruct.dcm --roi GTV-1 --config params.yaml
`;

/** The --out file must be writable before anything is computed: not a folder, in a folder that exists. */
async function checkOutputPath(out: string): Promise<void> {
  const bad = (why: string) => {
    throw new RadiomicsError('ERR_RADIOMICS_OUTPUT_PATH', `--out ${out}: ${why}`);
  };
  const stat = await fs.stat(out).catch(() => undefined);
  if (stat?.isDirectory()) bad('is a folder; give a file name (e.g. ' + pathlib.join(out, 'features.json') + ')');
  const dir = pathlib.dirname(pathlib.resolve(out));
  const dirStat = await fs.stat(dir).catch(() => undefined);
  if (!dirStat) bad(`the folder ${dir} does not exist; create it first`);
  if (!dirStat!.isDirectory()) bad(`${dir} is not a folder`);
  try {
    await fs.access(stat ? out : dir, fsConstants.W_OK);
  } catch {
    bad(stat ? 'the file is not writable' : `the folder ${dir} is not writable`);
  }
}

async function writeOutput(out: string, text: string): Promise<void> {
  try {
    await fs.writeFile(out, text);
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_OUTPUT_PATH',
      `--out ${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
}

/**
 * Image, then mask (an RTSTRUCT or SEG needs the image's geometry). With more than one thread and a NIfTI or
 * NRRD mask, the two files are read and inflated at the same time (on the libuv pool); an error of the image
 * still comes first, as when they are read one after the other.
 */
async function readImageAndMask(
  values: { image?: string; mask?: string; series?: string; suv?: string; roi?: string },
  threads: number | undefined,
): Promise<{ image: NormalisedVolume; mask: NormalisedVolume }> {
  const readTheImage = () =>
    readImage(values.image!, { series: values.series, suv: values.suv as SuvMode | undefined });
  // A mask that cannot be sniffed goes the sequential way too: its error then comes after the image's.
  const maskFormat = threads === 1 ? undefined : await inputFormat(values.mask!).catch(() => undefined);
  if (maskFormat === undefined || maskFormat === 'DICOM') {
    const image = await readTheImage();
    return { image, mask: await readMask(values.mask!, { image, roi: values.roi }) };
  }
  const [image, mask] = await Promise.allSettled([readTheImage(), readMask(values.mask!, { roi: values.roi })]);
  if (image.status === 'rejected') throw image.reason;
  if (mask.status === 'rejected') throw mask.reason;
  return { image: image.value, mask: mask.value };
}

/** --series and --roi choose within DICOM inputs; for a NIfTI or NRRD file they would be ignored: a usage error. */
async function checkDicomOnlyOptions(values: {
  image?: string;
  mask?: string;
  series?: string;
  roi?: string;
}): Promise<void> {
  if (values.series !== undefined) {
    const format = await inputFormat(values.image!);
    if (format !== 'DICOM')
      throw new UsageError(
        `--series picks a series from a DICOM folder, but --image ${values.image} is a ${format} file (one volume); remove --series`,
      );
  }
  if (values.roi !== undefined) {
    const format = await inputFormat(values.mask!);
    if (format !== 'DICOM')
      throw new UsageError(
        `--roi picks an RTSTRUCT ROI or a DICOM SEG segment, but --mask ${values.mask} is a ${format} file (a label image); choose the ROI with --label instead`,
      );
  }
}

/** The image reader's metadata (e.g. the SUV factor and its DICOM tags) as image_* diagnostics; the reader's warnings already reach diagnostics.warnings through extraction. */
function withReaderDiagnostics<R extends { diagnostics: Record<string, number | string> }>(
  result: R,
  image: NormalisedVolume,
): R {
  for (const [k, v] of Object.entries(image.metadata ?? {})) result.diagnostics[`image_${k}`] = v;
  return result;
}

async function extractCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      image: { type: 'string' },
      mask: { type: 'string' },
      preset: { type: 'string' },
      config: { type: 'string' },
      label: { type: 'string' },
      labels: { type: 'string' },
      'all-labels': { type: 'boolean' },
      roi: { type: 'string' },
      series: { type: 'string' },
      suv: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(EXTRACT_HELP);
    return 0;
  }
  if (!values.image || !values.mask) throw new UsageError('extract needs --image and --mask');
  if (!!values.preset === !!values.config) throw new UsageError('extract needs exactly one of --preset or --config');
  if (values.format !== 'json' && values.format !== 'csv')
    throw new UsageError(`--format must be json or csv, got '${values.format}'`);
  if (
    [values.label !== undefined, values.labels !== undefined, values['all-labels'] === true].filter(Boolean).length > 1
  )
    throw new UsageError('give at most one of --label, --labels and --all-labels');
  const usage = (f: () => void) => {
    try {
      f();
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  let label: number | undefined;
  if (values.label !== undefined) {
    label = Number(values.label);
    if (!Number.isInteger(label)) throw new UsageError(`--label must be an integer, got '${values.label}'`);
    usage(() => checkNotBackground(label!, '--label 0'));
  }
  let labels: number[] | undefined;
  if (values.labels !== undefined) {
    usage(() => (labels = parseLabelList(values.labels!)));
    usage(() => labels!.forEach((l) => checkNotBackground(l, `--labels ${values.labels}`)));
  }
  await checkDicomOnlyOptions(values);
  if (values.out) await checkOutputPath(values.out);
  let config = values.preset ? presetConfig(values.preset) : await loadConfigFile(values.config!);
  if (label !== undefined) config = withLabel(config, label);
  if (!labels && !values['all-labels'] && configLabel(config) === 0)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_CONFIG',
      `${values.config}: label 0 is the background (the voxels outside every ROI); give the label of an ROI (1 or more)`,
    );
  if (values.suv !== undefined && !SUV_MODES.includes(values.suv as SuvMode))
    throw new UsageError(`--suv must be one of ${SUV_MODES.join(', ')}, got '${values.suv}'`);
  const threads = 'threads' in config && typeof config.threads === 'number' ? config.threads : undefined;
  const { image, mask } = await readImageAndMask(values, threads);
  // A mask with non-integer values is no label image: the same error whichever way the labels are chosen.
  checkIntegerLabels(mask);
  // The synchronous extraction: this process owns the volumes and only waits for the result, so the async
  // job's copy of its inputs (which guards a caller that detaches buffers meanwhile) is pure cost here.
  let text: string;
  let status = 0;
  if (labels || values['all-labels']) {
    const results: LabelledResult[] = [];
    for (const l of labels ?? maskLabels(mask)) {
      try {
        results.push({ label: l, ...withReaderDiagnostics(extractFeatures(image, mask, withLabel(config, l)), image) });
      } catch (e) {
        if (!(e instanceof RadiomicsError)) throw e;
        // This label fails; the others still give their results (as batch does per case).
        const message = e.message.startsWith(`label ${l}:`) ? e.message : `label ${l}: ${e.message}`;
        results.push({ label: l, error: { code: e.code, message } });
        process.stderr.write(`radiomics: ${e.code}: ${message}\n`);
        status = 1;
      }
    }
    text = values.format === 'csv' ? labelsToCsv(results) : labelsToJson(results);
  } else {
    const result = withReaderDiagnostics(extractFeatures(image, mask, config), image);
    text = values.format === 'csv' ? toCsv(result) : toJson(result);
  }
  if (values.out) await writeOutput(values.out, text);
  else process.stdout.write(text);
  return status;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'extract':
        return await extractCommand(rest);
      // The other commands' modules load when they run: start-up of `extract` stays short.
      case 'batch':
        return await (await import('./batch/run.js')).batchCommand(rest);
      case 'merge':
        return await (await import('./batch/run.js')).mergeCommand(rest);
      case 'filter':
        return await (await import('./cli-filter.js')).filterCommand(rest);
      case 'config':
        return await (await import('./batch/run.js')).configCommand(rest);
      case 'presets': {
        const { FILTER_PRESETS } = await import('./presets-ibsi2.js');
        for (const [name, p] of Object.entries(PRESETS)) process.stdout.write(`${name}\n  ${p.description}\n`);
        for (const [name, p] of Object.entries(FILTER_PRESETS))
          process.stdout.write(`${name} (radiomics filter)\n  ${p.description}\n`);
        return 0;
      }
      case '--version':
      case '-v': {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        process.stdout.write(`${require('../../package.json').version}\n`);
        return 0;
      }
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`radiomics: ${(e as Error).message}\nRun 'radiomics --help' for usage.\n`);
      return 2;
    }
    if (e instanceof RadiomicsError) {
      process.stderr.write(`radiomics: ${e.code}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`radiomics: unexpected error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
