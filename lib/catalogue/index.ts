/** The feature catalogue, family by family, and the tags it defines (data: catalogue/features.json). */
import { AGGREGATIONS, FAMILY_DATA } from './features.generated.js';
import type { AggregationName, FamilyDef, FamilyName, FeatureDef } from './types.js';

export * from './types.js';
export { AGGREGATIONS, type FamilyTags, type FeatureTag } from './features.generated.js';
export type * from './features.generated.js';

/** Every family, in the order extraction emits them. */
export const FAMILIES: readonly FamilyDef[] = FAMILY_DATA;

/** One tag of the catalogue: a feature under one aggregation. */
export interface CatalogueEntry {
  /** The tag, e.g. `cm_joint_max_3D_avg`. */
  readonly tag: string;
  /** The family it belongs to. */
  readonly family: FamilyName;
  /** The feature's definition. */
  readonly feature: FeatureDef;
  /** Its aggregation, or null for non-texture features. */
  readonly aggregation: AggregationName | null;
  /** IBSI aggregation code, or DHQ4 (3D, no aggregation) for non-texture features. */
  readonly aggregationCode: string;
}

/** The IBSI tag of a feature under an aggregation: `cm_joint_max` + `3D_avg` -> `cm_joint_max_3D_avg`. */
export function tagOf(feature: FeatureDef, aggregation: AggregationName | null): string {
  return aggregation ? `${feature.name}_${aggregation}` : feature.name;
}

function buildEntries(): Map<string, CatalogueEntry> {
  const map = new Map<string, CatalogueEntry>();
  for (const fam of FAMILIES) {
    const aggs: (AggregationName | null)[] = fam.aggregations.length ? [...fam.aggregations] : [null];
    for (const agg of aggs) {
      for (const feature of fam.features) {
        const tag = tagOf(feature, agg);
        map.set(tag, {
          tag,
          family: fam.family,
          feature,
          aggregation: agg,
          aggregationCode: agg ? AGGREGATIONS[agg].code : 'DHQ4',
        });
      }
    }
  }
  return map;
}

/** Every tag the library can produce, with its catalogue entry. */
export const CATALOGUE: ReadonlyMap<string, CatalogueEntry> = buildEntries();

export function familyOf(name: FamilyName): FamilyDef {
  const fam = FAMILIES.find((f) => f.family === name);
  if (!fam) throw new Error(`unknown family ${name}`);
  return fam;
}
