/**
 * Types of the feature catalogue. The data lives in catalogue/features.json; tools/gen-catalogue.js generates
 * lib/catalogue/features.generated.ts (tags, types, data), native/core/feature_tags.h and docs/features.md.
 */

import type { AggregationName, FamilyName } from './features.generated.js';

export type { AggregationName, FamilyName };

/** One feature of the catalogue. */
export interface FeatureDef {
  /** Tag without aggregation suffix, e.g. `stat_mean`, `cm_joint_max`. */
  readonly name: string;
  /** IBSI 4-letter identifier of the feature. */
  readonly ibsi: string;
  /** Human readable name as in the IBSI manual. */
  readonly title: string;
  /** One-line formula or definition reference (IBSI manual section). */
  readonly formula: string;
  /** Unit of the value ('' when dimensionless); 'intensity' is the image's unit (e.g. HU). */
  readonly unit: string;
  /** False when IBSI reached no consensus on a reference value (computed anyway, documented). */
  readonly standardized?: boolean;
  /** Set when the value is an approximation under some settings (explained here). */
  readonly approximation?: string;
}

/** One feature family of the catalogue. */
export interface FamilyDef {
  /** Family name, e.g. `glcm`. */
  readonly family: FamilyName;
  /** IBSI identifier of the family. */
  readonly ibsi: string;
  /** Human readable name. */
  readonly title: string;
  /** What the family computes and how (matrix, neighbourhood, native source file). */
  readonly doc: string;
  /** Aggregations this family is computed with; empty for non-texture families (tag = name). */
  readonly aggregations: readonly AggregationName[];
  /** Its features, in the order native computes them. */
  readonly features: readonly FeatureDef[];
}
