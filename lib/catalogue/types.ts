/**
 * The feature catalogue: one entry per IBSI feature, the single source from which feature tags,
 * docs, the config's feature selection and the reference-test mapping are derived.
 */

/** Texture aggregation methods and their IBSI codes. */
export const AGGREGATIONS = {
  '2D_avg': { code: 'BTW3', title: '2D, averaged over slices and directions' },
  '2D_comb': { code: 'SUJT', title: '2D, slice-wise merged directions, averaged over slices' },
  '2_5D_avg': { code: 'JJUI', title: '2.5D, merged over slices per direction, averaged over directions' },
  '2_5D_comb': { code: 'ZW7Z', title: '2.5D, merged over slices and directions' },
  '3D_avg': { code: 'ITBB', title: '3D, averaged over directions' },
  '3D_comb': { code: 'IAZD', title: '3D, merged over directions' },
  '2D': { code: '8QNN', title: '2D, per slice, averaged over slices' },
  '2_5D': { code: '62GR', title: '2.5D, slice matrices merged' },
  '3D': { code: 'KOBO', title: '3D' },
} as const;
export type AggregationName = keyof typeof AGGREGATIONS;

export type FamilyName =
  | 'morphology'
  | 'local_intensity'
  | 'intensity_statistics'
  | 'intensity_histogram'
  | 'intensity_volume_histogram'
  | 'glcm'
  | 'glrlm'
  | 'glszm'
  | 'gldzm'
  | 'ngtdm'
  | 'ngldm';

export interface FeatureDef {
  /** Tag without aggregation suffix, e.g. `stat_mean`, `cm_joint_max`. */
  readonly name: string;
  /** IBSI 4-letter identifier of the feature. */
  readonly ibsi: string;
  /** Human readable name as in the IBSI manual. */
  readonly title: string;
  /** One-line formula or definition reference (IBSI manual section). */
  readonly formula: string;
  /** False when IBSI reached no consensus on a reference value (computed anyway, documented). */
  readonly standardized?: boolean;
  /** Set when the value is an approximation under some settings (explained here). */
  readonly approximation?: string;
}

export interface FamilyDef {
  readonly family: FamilyName;
  /** IBSI identifier of the family. */
  readonly ibsi: string;
  readonly title: string;
  /** Aggregations this family is computed with; empty for non-texture families (tag = name). */
  readonly aggregations: readonly AggregationName[];
  readonly features: readonly FeatureDef[];
}
