/** Named configurations shipped with the package (`--preset NAME`). */
import type { ExtractionConfig } from './config.js';
import { RadiomicsError } from './errors.js';
import { didYouMean } from './suggest.js';

export const PRESETS: Readonly<Record<string, { description: string; config: ExtractionConfig }>> = {
  'ibsi1-phantom': {
    description:
      'IBSI 1 digital phantom settings: no interpolation, no re-segmentation, no discretisation (the phantom holds grey levels 1..6); symmetric GLCM, distance 1; NGLDM alpha 0.',
    config: {
      label: 1,
      discretisation: { method: 'none' },
      ivh: { discretisation: { method: 'none' } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
};

export function presetConfig(name: string): ExtractionConfig {
  const p = PRESETS[name];
  if (!p) throw new RadiomicsError('ERR_RADIOMICS_INVALID_CONFIG', `unknown preset '${name}'${didYouMean(name, Object.keys(PRESETS))}; presets: ${Object.keys(PRESETS).join(', ')}`);
  return structuredClone(p.config);
}
