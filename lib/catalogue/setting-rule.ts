/** The shape of one entry of the settings schema (catalogue/settings.json). */
export interface SettingRule {
  /** 'integer', 'number', 'boolean', 'enum', 'range', 'number[3]', 'integer[]', 'number[]', 'family[]', 'tag[]', 'aggregation[]', 'discretisation'. */
  readonly type: string;
  /** Allowed values of an enum. */
  readonly values?: readonly string[];
  /** Lower bound (inclusive unless exclusiveMin). */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  /** Upper bound (inclusive). */
  readonly max?: number;
  /** Bounds on the length of an array setting. */
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Value used when the setting is absent. */
  readonly default?: unknown;
  /** The IBSI rule the setting implements, when there is one. */
  readonly ibsi?: string;
  /** What the setting does. */
  readonly doc: string;
}
