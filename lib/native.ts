/** Loads the native addon: a prebuilt binary from prebuilds/, or build/Release from a source build. */
import * as path from 'node:path';
import { RadiomicsError } from './errors.js';

export interface NativeResult {
  features: Record<string, number>;
  diagnostics: Record<string, number | string>;
  warnings: string[];
  matrices: { name: string; rows: number; cols: number; data: Float64Array }[];
}

export interface NativeResampled {
  data: Float32Array;
  shape: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: number[];
}

export type NativeRoiResult =
  Uint8Array | { name: string; innerMm: number; outerMm: number; count: number; data: Uint8Array }[];

export interface NativeBinding {
  extractSync(image: object, mask: object, settings: object): NativeResult;
  extractAsync(image: object, mask: object, settings: object): Promise<NativeResult>;
  resampleVolume(volume: object, options: object): NativeResampled;
  resampleVolumeAsync(volume: object, options: object): Promise<NativeResampled>;
  roiOperation(mask: object, options: object): NativeRoiResult;
  roiOperationAsync(mask: object, options: object): Promise<NativeRoiResult>;
  filterVolume(volume: object, options: object): Float32Array;
  roiPass(image: object, mask: object, settings: object): { sum: number; count: number };
  buildInfo(): {
    /** SIMD level in use. */
    isa: string;
    /** Best SIMD level the CPU supports. */
    detectedIsa: string;
    /** Whether the binary carries several SIMD versions of its kernels. */
    multiversion: boolean;
    /** Node-API version the addon was built for. */
    napiVersion: number;
    /** Hash of the native sources the binary was built from (tests compare it with the tree). */
    sourceHash: string;
    /** Why RADIOMICS_ISA was not applied, when it names no ISA level. */
    isaEnvError?: string;
  };
}

let cached: NativeBinding | undefined;

/** The package root (dist/cjs/.. /..). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

export function native(): NativeBinding {
  if (cached) return cached;
  const override = process.env.RADIOMICS_NATIVE_PATH;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = (override ? require(path.resolve(override)) : require('node-gyp-build')(PACKAGE_ROOT)) as NativeBinding;
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_BINDING',
      `could not load the radiomics native addon for ${process.platform}-${process.arch} (Node ${process.version}). ` +
        `Tried ${override ? override : `${PACKAGE_ROOT}/prebuilds and build/Release`}. ` +
        'Reinstall the package, or build from source with `npm rebuild radiomics` (needs a C++17 compiler and CMake). ' +
        `Cause: ${(e as Error).message}`,
      { cause: e },
    );
  }
  // A bad RADIOMICS_ISA is an error at load time, not a silent fall-back to the detected level.
  const isaEnvError = cached.buildInfo().isaEnvError;
  if (isaEnvError) {
    cached = undefined;
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', isaEnvError);
  }
  return cached;
}
