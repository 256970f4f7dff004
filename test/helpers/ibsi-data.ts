/**
 * Where the IBSI data beside the project live (../shared, or RADIOMICS_SHARED_DIR), and the rule for tests
 * that need them: without the data they skip, unless RADIOMICS_REQUIRE_IBSI_DATA=1 (set by .ci/run), where
 * the missing data are a test failure, so a green CI run always means the IBSI claims were checked.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './ibsi';

export const SHARED = path.resolve(process.env.RADIOMICS_SHARED_DIR ?? path.join(ROOT, '..', 'shared'));

export const IBSI_DATA_REQUIRED = process.env.RADIOMICS_REQUIRE_IBSI_DATA === '1';

/**
 * false when every path exists; otherwise the reason to skip (a string for tap's `skip`), after failing the
 * calling test file when the data are required.
 */
export function ibsiDataMissing(t: { fail(message: string): void }, what: string, paths: string[]): string | false {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return false;
  const reason = `${what} not found at ${missing.join(', ')} (it lives beside the project, never in it)`;
  if (IBSI_DATA_REQUIRED) t.fail(`${reason}; RADIOMICS_REQUIRE_IBSI_DATA=1 makes missing IBSI data a failure`);
  return reason;
}
