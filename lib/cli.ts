/**
 * The `radiomics` command line.
 *   radiomics extract --image P --mask P (--preset NAME | --config FILE) [--label N | --labels L | --all-labels] [--format json|csv] [--out F]
 *   radiomics batch cases.csv (--config FILE | --preset NAME) --out F [--jobs N] [--shard i/n] [--log-format json]
 *   radiomics merge out-*.csv > features.csv
 *   radiomics config --print --config FILE
 * Exit codes: 0 success; 1 extraction or input error (message names the RadiomicsError code); 2 usage error.
 */
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { batchCommand, configCommand, mergeCommand } from './batch/run.js';
import { UsageError } from './batch/usage.js';
import { loadConfigFile } from './config-file.js';
import { withLabel } from './pyradiomics/index.js';
import { RadiomicsError } from './errors.js';
import { extractFeaturesAsync } from './extract.js';
import { readImage, readMask } from './io/index.js';
import { labelsToCsv, labelsToJson, maskLabels, parseLabelList, type LabelledResult } from './labels.js';
import { toCsv, toJson } from './output.js';
import { PRESETS, presetConfig } from './presets.js';

const HELP = `radiomics — IBSI-compliant radiomics features

Usage:
  radiomics extract --image <path> --mask <path> (--preset <name> | --config <file>)
                    [--label <n> | --labels <a,b,..> | --all-labels] [--roi <name>] [--format json|csv] [--out <file>]
  radiomics batch <cases.csv> (--config <file> | --preset <name>) --out <file>
                    [--jobs <n>] [--shard <i/n>] [--log-format text|json]
  radiomics merge <out-1.csv> <out-2.csv> ... [--out <file>]
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
  --format json|csv  output format (default json)
  --out <file>       write to a file instead of standard output

Output: with --label (or none), JSON {"features": {...}, "diagnostics": {...}} or CSV with one header and one
value row. With --labels / --all-labels, a JSON array [{"label": n, "features": {...}, "diagnostics": {...}}, ...]
or CSV with a label column and one row per label.

Examples:
  radiomics extract --image ct.nii.gz --mask gtv.nii.gz --config params.yaml
  radiomics extract --image ct.nrrd --mask organs.nrrd --preset ibsi1-ct-a --labels 1,3 --format csv
  radiomics extract --image dicom/ct --mask dicom/rtstruct.dcm --roi GTV-1 --config params.yaml
`;

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
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError(`--format must be json or csv, got '${values.format}'`);
  if ([values.label !== undefined, values.labels !== undefined, values['all-labels'] === true].filter(Boolean).length > 1)
    throw new UsageError('give at most one of --label, --labels and --all-labels');
  let config = values.preset ? presetConfig(values.preset) : await loadConfigFile(values.config!);
  if (values.label !== undefined) {
    const label = Number(values.label);
    if (!Number.isInteger(label)) throw new UsageError(`--label must be an integer, got '${values.label}'`);
    config = withLabel(config, label);
  }
  let labels: number[] | undefined;
  if (values.labels !== undefined) {
    try {
      labels = parseLabelList(values.labels);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const image = await readImage(values.image, { series: values.series });
  const mask = await readMask(values.mask, { image, roi: values.roi });
  let text: string;
  if (labels || values['all-labels']) {
    const results: LabelledResult[] = [];
    for (const label of labels ?? maskLabels(mask)) {
      try {
        results.push({ label, ...(await extractFeaturesAsync(image, mask, withLabel(config, label))) });
      } catch (e) {
        if (e instanceof RadiomicsError) throw new RadiomicsError(e.code, `label ${label}: ${e.message}`, { cause: e });
        throw e;
      }
    }
    text = values.format === 'csv' ? labelsToCsv(results) : labelsToJson(results);
  } else {
    const result = await extractFeaturesAsync(image, mask, config);
    text = values.format === 'csv' ? toCsv(result) : toJson(result);
  }
  if (values.out) await fs.writeFile(values.out, text);
  else process.stdout.write(text);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'extract':
        return await extractCommand(rest);
      case 'batch':
        return await batchCommand(rest);
      case 'merge':
        return await mergeCommand(rest);
      case 'config':
        return await configCommand(rest);
      case 'presets':
        for (const [name, p] of Object.entries(PRESETS)) process.stdout.write(`${name}\n  ${p.description}\n`);
        return 0;
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
