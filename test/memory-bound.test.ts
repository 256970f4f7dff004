// The memory bound the README states (section "Memory"), measured: peak RSS of a child process during one
// operation on a 512 x 512 x 300 int16 volume, minus its RSS before (inputs resident). Not timed.
//   extraction: 64 bytes per ROI-box voxel (the async copy included) + 24 bytes per point of the padded
//               FFT grid when Moran's I is computed by FFT + 32 MiB;
//   resampling: 5 bytes per output voxel (float32 output + tiles) + 32 MiB; async: + a copy of the input.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import t from 'tap';

const CHILD = path.join(__dirname, 'helpers', 'memory-child.cjs');
const MiB = 2 ** 20;
const FIXED = 32 * MiB;

interface Measure {
  op: string;
  baselineBytes: number;
  peakBytes: number;
  boxVoxels: number;
  roiVoxels: number;
  inputVoxels: number;
  outputVoxels: number;
}

function measure(args: string[]): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '',
      err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Measure)
        : reject(new Error(`child ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

// Two children at a time (2-core CI).
async function all(list: string[][]): Promise<Measure[]> {
  const out: Measure[] = [];
  for (let i = 0; i < list.length; i += 2) out.push(...(await Promise.all(list.slice(i, i + 2).map(measure))));
  return out;
}

// AddressSanitizer (npm run test:sanitize) adds shadow memory and a quarantine to every allocation: the
// bound is for the normal addon.
const SANITIZED = /asan/i.test(process.env.LD_PRELOAD ?? '') || process.env.ASAN_OPTIONS !== undefined;

t.test(
  'extraction and resampling stay under the documented memory bound',
  { skip: SANITIZED && 'sanitized addon: ASan inflates memory' },
  async (t) => {
    const [sync, async, fft, resample, resampleAsync] = await all([
      ['extract'],
      ['extractAsync'],
      ['extractFft', '30', '14'],
      ['resample'],
      ['resampleAsync'],
    ]);
    const used = (m: Measure) => m.peakBytes - m.baselineBytes;
    const report = (m: Measure, bound: number) =>
      `${m.op}: ${(used(m) / MiB).toFixed(1)} MiB used, bound ${(bound / MiB).toFixed(1)} MiB (ROI ${m.roiVoxels}, box ${m.boxVoxels}, output ${m.outputVoxels} voxels)`;

    t.ok(sync!.roiVoxels > 9e5 && sync!.roiVoxels < 1.1e6, `a ~10^6-voxel ROI (${sync!.roiVoxels})`);
    // Moran's I of this ROI is estimated (its padded FFT grid, 8 x box > 2^23 points, is over the cap): no FFT term.
    for (const m of [sync!, async!]) {
      const bound = 64 * m.boxVoxels + FIXED;
      t.ok(used(m) <= bound, report(m, bound));
    }
    // A 5*10^4-voxel ROI whose Moran's I goes through the FFT (padded grid within moranFftMaxPoints 2^21).
    const fftBound = 64 * fft!.boxVoxels + 24 * Math.min(8 * fft!.boxVoxels, 2 ** 21) + FIXED;
    t.ok(used(fft!) <= fftBound, report(fft!, fftBound));

    const resampleBound = 5 * resample!.outputVoxels + FIXED;
    t.ok(used(resample!) <= resampleBound, report(resample!, resampleBound));
    const asyncBound = 5 * resampleAsync!.outputVoxels + 2 * resampleAsync!.inputVoxels + FIXED;
    t.ok(used(resampleAsync!) <= asyncBound, report(resampleAsync!, asyncBound));
  },
);
