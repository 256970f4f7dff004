/** Typed errors. Every error this library raises is a RadiomicsError with a stable `code`. */

export const ERROR_CODES = [
  'ERR_RADIOMICS_INVALID_ARGUMENT',
  'ERR_RADIOMICS_DATA_LENGTH',
  'ERR_RADIOMICS_SHAPE_MISMATCH',
  'ERR_RADIOMICS_GEOMETRY_MISMATCH',
  'ERR_RADIOMICS_EMPTY_ROI',
  'ERR_RADIOMICS_NON_FINITE',
  'ERR_RADIOMICS_BAD_SPACING',
  'ERR_RADIOMICS_BAD_DIMENSIONS',
  'ERR_RADIOMICS_BAD_DIRECTION',
  'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
  'ERR_RADIOMICS_MATRIX_TOO_LARGE',
  'ERR_RADIOMICS_INVALID_CONFIG',
  'ERR_RADIOMICS_OUT_OF_IMAGE',
  'ERR_RADIOMICS_FILE_READ',
  'ERR_RADIOMICS_FILE_FORMAT',
  'ERR_RADIOMICS_OUTPUT_PATH',
  'ERR_RADIOMICS_BINDING',
  'ERR_RADIOMICS_OUT_OF_MEMORY',
  'ERR_RADIOMICS_INTERNAL',
] as const;

/** A stable error code: match on it, never on the message. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type of the library: a message for people and a stable `code` for programs. */
export class RadiomicsError extends Error {
  /** The stable error code (see ERROR_CODES). */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RadiomicsError';
    this.code = code;
  }
}

/** True when `e` is a RadiomicsError (narrows its type). */
export function isRadiomicsError(e: unknown): e is RadiomicsError {
  return e instanceof RadiomicsError;
}

/** Turns an error thrown by the native addon (an Error with a string `code`) into a RadiomicsError. */
export function fromNative(e: unknown, callerStack?: string): RadiomicsError {
  if (e instanceof RadiomicsError) return e;
  const err = e as { code?: unknown; message?: unknown };
  const code =
    typeof err?.code === 'string' && (ERROR_CODES as readonly string[]).includes(err.code)
      ? (err.code as ErrorCode)
      : 'ERR_RADIOMICS_INTERNAL';
  const out = new RadiomicsError(code, String(err?.message ?? e), { cause: e });
  if (callerStack) out.stack = `${out.name} [${code}]: ${out.message}\n${callerStack.split('\n').slice(1).join('\n')}`;
  return out;
}
