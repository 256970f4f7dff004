// The hand-written ExtractionConfig type and the settings schema (catalogue/settings.json) list the same
// settings: tsc fails here when a key is in one and not the other.
import type { ExtractionConfig } from '../../lib/config.js';
import type { SettingPath } from '../../lib/catalogue/settings.generated.js';

type Leaf = string | number | boolean | null | undefined | readonly unknown[];
type KeysOf<T> = T extends unknown ? keyof T & string : never;
type ValueAt<T, K extends string> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** Every leaf path of a config type; `ivh.discretisation` is one setting (a discretisation). */
type Paths<T, P extends string = ''> = {
  [K in KeysOf<NonNullable<T>>]: `${P}${K}` extends 'ivh.discretisation'
    ? `${P}${K}`
    : NonNullable<ValueAt<NonNullable<T>, K>> extends Leaf
      ? `${P}${K}`
      : Paths<ValueAt<NonNullable<T>, K>, `${P}${K}.`>;
}[KeysOf<NonNullable<T>>];

type ConfigPaths = Paths<ExtractionConfig>;
/** Settings in the schema that ExtractionConfig lacks, and keys of ExtractionConfig the schema lacks. */
type Mismatch = { notInType: Exclude<SettingPath, ConfigPaths>; notInSchema: Exclude<ConfigPaths, SettingPath> };

export const inSync: Mismatch extends { notInType: never; notInSchema: never } ? true : Mismatch = true;
