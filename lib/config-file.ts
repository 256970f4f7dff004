/** Reading configuration files (JSON or YAML) and presets, for the command line. */
import { promises as fs } from 'node:fs';
import { validateConfig, type ExtractionConfig } from './config.js';
import { RadiomicsError } from './errors.js';
import { loadYaml } from './yaml-lazy.js';
import { isPyRadiomicsParams, validatePyParams, type PyParams } from './pyradiomics/index.js';

/** A library configuration, or a PyRadiomics parameter file (compatibility mode, lib/pyradiomics). */
export async function loadConfigFile(path: string): Promise<ExtractionConfig | PyParams> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${path}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  try {
    const parsed: unknown = path.endsWith('.json') ? JSON.parse(text) : (await loadYaml()).parse(text);
    return isPyRadiomicsParams(parsed) ? validatePyParams(parsed) : validateConfig(parsed);
  } catch (e) {
    if (e instanceof RadiomicsError) throw new RadiomicsError(e.code, `${path}: ${e.message}`);
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_CONFIG',
      `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'} (${(e as Error).message})`,
    );
  }
}
