// An ESM TypeScript consumer: the default import and the named imports both type-check.
import radiomics, { extractFeatures, type ExtractionResult, type Volume } from 'radiomics';

declare const image: Volume;
declare const mask: Volume;

const viaDefault: ExtractionResult = radiomics.extractFeatures(image, mask, { discretisation: { method: 'none' } });
const viaNamed = extractFeatures(image, mask, { families: ['intensity_statistics'] });
const mean: number = viaNamed.features.stat_mean;
const same: number = viaDefault.features.stat_mean;
// @ts-expect-error misspelt feature tag
void viaDefault.features.stat_mena;
// @ts-expect-error the default export has no such function
radiomics.extractFeature(image, mask);

export { mean, same };
