/**
 * The `radiomics` command line.
 *   radiomics extract --image P --mask P (--preset NAME | --config FILE) [--format json|csv] [--out F]
 * Exit codes: 0 success; 1 extraction or input error (message names the RadiomicsError code); 2 usage error.
 */
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { validateConfig, type ExtractionConfig } from './config.js';
import { RadiomicsError } from './errors.js';
import { extractFeaturesAsync } from './extract.js';
import { readImage, readMask } from './io/index.js';
import { toCsv, toJson } from './output.js';
import { PRESETS, presetConfig } from './presets.js';

const HELP = `radiomics — IBSI-compliant radiomics features

Usage:
  radiomics extract --image <path> --mask <path> (--preset <name> | --config <file>)
                    [--label <n>] [--format json|csv] [--out <file>]
  radiomics presets            list the shipped presets
  radiomics --version | --help

Examples:
  radiomics extract --image ibsi-phantom/image.nii.gz --mask ibsi-phantom/mask.nii.gz --preset ibsi1-phantom
  radiomics extract --image ct.nii.gz --mask gtv.nii.gz --config params.yaml --format csv --out features.csv

Images: NIfTI (.nii, .nii.gz). Config files: JSON or YAML with the schema of extractFeatures' config.
Exit codes: 0 ok, 1 extraction/input error, 2 usage error.
`;

const EXTRACT_HELP = `radiomics extract — features of one image and mask

Options:
  --image <path>     image file (NIfTI .nii/.nii.gz)
  --mask <path>      mask file with integer labels, same grid as the image
  --preset <name>    a shipped configuration (${Object.keys(PRESETS).join(', ')})
  --config <file>    a JSON or YAML configuration file (instead of --preset)
  --label <n>        ROI label in the mask (overrides the configuration; default 1)
  --format json|csv  output format (default json): {"features": {...}, "diagnostics": {...}} or one header + one value row
  --out <file>       write to a file instead of standard output
`;

class UsageError extends Error {}

async function loadConfigFile(path: string): Promise<ExtractionConfig> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${path}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  try {
    return validateConfig(path.endsWith('.json') ? JSON.parse(text) : YAML.parse(text));
  } catch (e) {
    if (e instanceof RadiomicsError) throw new RadiomicsError(e.code, `${path}: ${e.message}`);
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_CONFIG', `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'} (${(e as Error).message})`);
  }
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
  const config = values.preset ? presetConfig(values.preset) : await loadConfigFile(values.config!);
  if (values.label !== undefined) {
    const label = Number(values.label);
    if (!Number.isInteger(label)) throw new UsageError(`--label must be an integer, got '${values.label}'`);
    config.label = label;
  }
  const [image, mask] = await Promise.all([readImage(values.image), readMask(values.mask)]);
  const result = await extractFeaturesAsync(image, mask, config);
  const text = values.format === 'csv' ? toCsv(result) : toJson(result);
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
