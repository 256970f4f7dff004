#!/usr/bin/env node
// Coverage-guided fuzzing of the JavaScript parsers (NIfTI, NRRD, DICOM, config, batch CSV, the JS side of the
// native boundary). @jazzer.js/core would be the tool, but its only Linux build needs glibc 2.38 (Debian 12
// has 2.36) and its npm package ships no sources to rebuild, so this is a small engine of the same kind:
//
// - coverage: V8 block coverage (inspector Profiler.takePreciseCoverage, callCount + detailed) of the
//   project's dist/ and its parser dependencies; a feature is one covered block (script, range). Taking
//   coverage costs ~5-10 ms, so inputs run in batches of BATCH (FUZZ_BATCH, default 128) with one coverage take per batch; a batch with
//   new features is bisected (each half rerun with one take, halves without new features dropped) down to the
//   inputs that add features, ~2 log2(BATCH) takes per new input instead of BATCH (the takes were ~70 % of the
//   time with an input-by-input rerun), and those are kept (libFuzzer's rule: keep an input that
//   adds a feature).
// - mutations: bit flips, interesting bytes / 16- and 32-bit values, insert / erase / duplicate a chunk,
//   splice two corpus inputs, and tokens of the target's dictionary (header keys, DICOM tags, YAML words).
// - findings: any error other than a RadiomicsError with an ERR_RADIOMICS_* code is a crash; an input that
//   runs longer than HANG_SECONDS is a hang (a watchdog in the parent thread sees it: the fuzzing runs in a
//   worker that copies each input into shared memory first); a worker that dies of memory is an OOM. Each
//   is saved to fuzz/findings/<target>/ and makes the exit code 1.
//
// Usage: node fuzz/js/engine.js <target> [--seconds N] [--runs N] [--corpus-out DIR] [--stats FILE]
//        node fuzz/js/engine.js <target> --replay FILE...   (run inputs once: regression tests)
'use strict';
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const MAX_INPUT = 1 << 16;
const HANG_SECONDS = Number(process.env.FUZZ_HANG_SECONDS || 20);
const BATCH = Number(process.env.FUZZ_BATCH || 128);

function parseArgs(argv) {
  const args = { target: argv[0], seconds: 30, runs: Infinity, replay: [], stats: undefined, corpusOut: undefined };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seconds') args.seconds = Number(argv[++i]);
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--stats') args.stats = argv[++i];
    else if (a === '--corpus-out') args.corpusOut = argv[++i];
    else if (a === '--replay') args.replay = argv.slice(i + 1);
    if (a === '--replay') break;
  }
  return args;
}

// ---------------------------------------------------------------------------------------------- main thread
if (isMainThread) {
  const args = parseArgs(process.argv.slice(2));
  if (!args.target || !fs.existsSync(path.join(__dirname, 'targets', `${args.target}.js`))) {
    const names = fs.readdirSync(path.join(__dirname, 'targets')).map((f) => f.replace(/\.js$/, ''));
    console.error(
      `usage: engine.js <target> [--seconds N] [--runs N] [--stats FILE] [--replay FILE...]; targets: ${names.join(', ')}`,
    );
    process.exit(2);
  }
  const shared = new SharedArrayBuffer(8 + MAX_INPUT);
  const header = new Int32Array(shared, 0, 2); // [sequence number of the running input, its length]
  const bytes = new Uint8Array(shared, 8);
  const worker = new Worker(__filename, {
    workerData: { args, shared },
    resourceLimits: { maxOldGenerationSizeMb: 1536 },
  });
  const findingsDir = path.join(ROOT, 'fuzz', 'findings', args.target);
  const save = (kind, input, detail) => {
    fs.mkdirSync(findingsDir, { recursive: true });
    const file = path.join(
      findingsDir,
      `${kind}-${crypto.createHash('sha1').update(input).digest('hex').slice(0, 16)}`,
    );
    fs.writeFileSync(file, input);
    console.error(
      `${args.target}: ${kind.toUpperCase()} saved to ${path.relative(ROOT, file)}${detail ? `\n${detail}` : ''}`,
    );
  };
  const running = () => Buffer.from(bytes.subarray(0, Atomics.load(header, 1)));
  let lastSeq = -1,
    lastChange = Date.now(),
    done = false,
    failed = false;
  const watchdog = setInterval(() => {
    const seq = Atomics.load(header, 0);
    if (seq !== lastSeq) {
      lastSeq = seq;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > HANG_SECONDS * 1000) {
      save('hang', running(), `an input ran longer than ${HANG_SECONDS} s`);
      failed = true;
      clearInterval(watchdog);
      // terminate() cannot stop a worker stuck inside a native call, and Node joins the worker's thread on the
      // way out (terminate, process.exit): the process, and the CI step, would run forever. The finding is
      // written (synchronously); end the process with SIGKILL, which joins nothing.
      process.kill(process.pid, 'SIGKILL');
    }
  }, 500);
  worker.on('message', (m) => {
    if (m.type === 'finding') {
      save(m.kind, Buffer.from(m.input), m.detail);
      failed = true;
    } else if (m.type === 'done') {
      done = true;
      if (args.stats) fs.writeFileSync(args.stats, JSON.stringify(m.stats, null, 2) + '\n');
      console.log(`${args.target}: ${JSON.stringify(m.stats)}`);
    } else if (m.type === 'log') console.log(m.text);
  });
  worker.on('error', (e) => {
    const oom = /out of memory|ERR_WORKER_OUT_OF_MEMORY|allocation failed/i.test(`${e.code} ${e.message}`);
    save(oom ? 'oom' : 'crash', running(), e.stack);
    failed = true;
  });
  worker.on('exit', () => {
    clearInterval(watchdog);
    if (!done && !failed) {
      save('crash', running(), 'the fuzzing worker stopped without finishing');
      failed = true;
    }
    process.exitCode = failed ? 1 : 0;
  });
  return;
}

// --------------------------------------------------------------------------------------------- worker thread
const { args, shared } = workerData;
const header = new Int32Array(shared, 0, 2);
const sharedBytes = new Uint8Array(shared, 8);
const target = require(path.join(__dirname, 'targets', `${args.target}.js`));
const log = (text) => parentPort.postMessage({ type: 'log', text });

const ERROR_CODE = /^ERR_RADIOMICS_[A-Z0-9_]+$/;
/** A crash description, or undefined when the error is an acceptable typed rejection. */
function judge(e) {
  const isTyped = e && e.name === 'RadiomicsError' && ERROR_CODE.test(String(e.code));
  return isTyped ? undefined : `${e && e.constructor ? e.constructor.name : typeof e}: ${(e && e.stack) || String(e)}`;
}

// FUZZ_CURRENT_FILE: each input is also written there before it runs, for targets whose failure takes the
// whole process down (a sanitizer abort in the native addon), so the driver can save the input.
const CURRENT_FILE = process.env.FUZZ_CURRENT_FILE;
let seq = 0;
async function execute(input) {
  const n = Math.min(input.length, MAX_INPUT);
  if (CURRENT_FILE) fs.writeFileSync(CURRENT_FILE, input.subarray(0, n));
  sharedBytes.set(input.subarray(0, n));
  Atomics.store(header, 1, n);
  Atomics.store(header, 0, ++seq);
  try {
    await target.run(Buffer.from(input.buffer, input.byteOffset, n));
    return undefined;
  } catch (e) {
    return judge(e);
  }
}

// ---- coverage
const inspector = require('node:inspector');
const session = new inspector.Session();
session.connect();
function post(method, params) {
  let result, error;
  session.post(method, params, (e, r) => {
    error = e;
    result = r;
  });
  if (error) throw error;
  return result;
}
const INTERESTING_SCRIPT = /\/dist\/cjs\/|node_modules\/(nifti-reader-js|dicom-parser|yaml|ndarray)\//;
post('Profiler.enable');
post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
/** The covered blocks since the last call (taking coverage resets the counters). */
function takeFeatures() {
  const out = [];
  for (const script of post('Profiler.takePreciseCoverage').result) {
    if (!INTERESTING_SCRIPT.test(script.url)) continue;
    const id = script.url.slice(-40);
    // V8 reports a block only where its count differs from the enclosing range's, so a taken branch often
    // shows up as its sibling's zero-count range: a feature is a reported range with its covered bit.
    for (const fn of script.functions)
      for (const r of fn.ranges) out.push(`${id}:${r.startOffset}:${r.endOffset}:${r.count > 0 ? 1 : 0}`);
  }
  return out;
}

// ---- mutation
let rngState = BigInt(process.env.FUZZ_SEED || Date.now()) & 0xffffffffn;
function rand(n) {
  // xorshift32
  let x = Number(rngState) | 0;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  rngState = BigInt(x >>> 0) || 1n;
  return (x >>> 0) % n;
}
const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0x20, 0x0a, 0x30, 0x39];
const INTERESTING32 = [0, 1, -1, 0x7fff, -0x8000, 0xffff, 0x7fffffff, -0x80000000, 348, 352, 1 << 20];
const dictionary = (target.dictionary || []).map((t) => Buffer.from(t, 'latin1'));

function mutate(base, corpus) {
  let b = Buffer.from(base);
  const rounds = 1 + rand(4);
  for (let k = 0; k < rounds; k++) {
    const op = rand(dictionary.length ? 11 : 9);
    const pos = b.length ? rand(b.length) : 0;
    if (op === 0 && b.length) b[pos] ^= 1 << rand(8);
    else if (op === 1 && b.length) b[pos] = INTERESTING[rand(INTERESTING.length)];
    else if (op === 2 && b.length) b[pos] = rand(256);
    else if (op === 3 && b.length >= 4) {
      const v = INTERESTING32[rand(INTERESTING32.length)];
      const at = rand(b.length - 3);
      if (rand(2)) b.writeInt32LE(v | 0, at);
      else b.writeInt16LE(((v << 16) >> 16) | 0, Math.min(at, b.length - 2));
    } else if (op === 4 && b.length) {
      const len = 1 + rand(Math.min(64, b.length - pos));
      b = Buffer.concat([b.subarray(0, pos), b.subarray(pos + len)]);
    } else if (op === 5) {
      const len = 1 + rand(16);
      const ins = crypto.randomBytes(len);
      b = Buffer.concat([b.subarray(0, pos), ins, b.subarray(pos)]);
    } else if (op === 6 && b.length) {
      const len = 1 + rand(Math.min(128, b.length - pos));
      b = Buffer.concat([b.subarray(0, pos), b.subarray(pos, pos + len), b.subarray(pos)]);
    } else if (op === 7 && corpus.length > 1) {
      const other = corpus[rand(corpus.length)];
      const cut = rand(other.length + 1);
      b = Buffer.concat([b.subarray(0, pos), other.subarray(cut)]);
    } else if (op === 8 && b.length > 1) {
      const len = 1 + rand(Math.min(32, b.length - pos));
      const src = rand(b.length);
      b.copy(b, pos, src, Math.min(b.length, src + len));
    } else if (op >= 9) {
      const tok = dictionary[rand(dictionary.length)];
      b =
        op === 9
          ? Buffer.concat([b.subarray(0, pos), tok, b.subarray(pos)])
          : Buffer.concat([b.subarray(0, pos), tok, b.subarray(Math.min(b.length, pos + tok.length))]);
    }
  }
  return b.length > MAX_INPUT ? b.subarray(0, MAX_INPUT) : b;
}

// The committed seeds (fuzz/corpus/<target>/) and regression inputs (fuzz/regressions/<target>/), then what
// earlier runs kept (--corpus-out, not committed).
function loadSeeds() {
  const seeds = [];
  for (const dir of [
    path.join(ROOT, 'fuzz', 'corpus', args.target),
    path.join(ROOT, 'fuzz', 'regressions', args.target),
    args.corpusOut,
  ])
    if (dir && fs.existsSync(dir))
      for (const f of fs.readdirSync(dir).sort()) seeds.push(fs.readFileSync(path.join(dir, f)).subarray(0, MAX_INPUT));
  return seeds.length ? seeds : [Buffer.alloc(0)];
}

async function replay(files) {
  for (const f of files) {
    const crash = await execute(fs.readFileSync(f));
    if (crash)
      parentPort.postMessage({ type: 'finding', kind: 'crash', input: fs.readFileSync(f), detail: `${f}: ${crash}` });
  }
  parentPort.postMessage({ type: 'done', stats: { target: args.target, replayed: files.length } });
}

async function fuzz() {
  if (target.setup) await target.setup();
  const started = Date.now();
  const seen = new Set();
  const corpus = [];
  let execs = 0,
    crashes = 0;
  const addFeatures = (features) => {
    let fresh = 0;
    for (const f of features)
      if (!seen.has(f)) {
        seen.add(f);
        fresh++;
      }
    return fresh;
  };
  const report = async (input) => {
    const crash = await execute(input);
    execs++;
    if (crash) {
      crashes++;
      parentPort.postMessage({ type: 'finding', kind: 'crash', input, detail: crash });
    }
    return crash;
  };
  // Seeds: each one is kept (they are the starting corpus) and its features recorded.
  takeFeatures();
  for (const s of loadSeeds()) {
    await report(s);
    addFeatures(takeFeatures());
    corpus.push(s);
  }
  const seedFeatures = seen.size;
  const deadline = started + args.seconds * 1000;
  let lastLog = Date.now();
  while (Date.now() < deadline && execs < args.runs && crashes < 5) {
    const batch = [];
    for (let i = 0; i < BATCH; i++) batch.push(mutate(corpus[rand(corpus.length)], corpus));
    for (const input of batch) await report(input);
    const features = takeFeatures();
    if (features.some((f) => !seen.has(f))) {
      // Find the inputs that add features by bisection: a group's coverage is the union of its inputs'; a
      // group with nothing new is dropped, a single input with something new is kept.
      const keep = (input, groupFeatures) => {
        addFeatures(groupFeatures);
        corpus.push(input);
        if (args.corpusOut) {
          fs.mkdirSync(args.corpusOut, { recursive: true });
          fs.writeFileSync(path.join(args.corpusOut, crypto.createHash('sha1').update(input).digest('hex')), input);
        }
      };
      const groups = [batch];
      while (groups.length) {
        const group = groups.pop();
        if (group.length === 1) {
          await report(group[0]);
          const f = takeFeatures();
          if (f.some((x) => !seen.has(x))) keep(group[0], f);
          continue;
        }
        const half = group.length >> 1;
        for (const part of [group.slice(0, half), group.slice(half)]) {
          for (const input of part) await report(input);
          if (takeFeatures().some((x) => !seen.has(x))) groups.push(part);
        }
      }
    }
    if (Date.now() - lastLog > 10000) {
      lastLog = Date.now();
      log(
        `${args.target}: ${execs} execs, ${seen.size} blocks, corpus ${corpus.length}, ${Math.round(execs / ((Date.now() - started) / 1000))}/s`,
      );
    }
  }
  const seconds = (Date.now() - started) / 1000;
  parentPort.postMessage({
    type: 'done',
    stats: {
      target: args.target,
      engine: 'js-v8-coverage',
      execs,
      seconds: Math.round(seconds),
      execsPerSecond: Math.round(execs / seconds),
      blocks: seen.size,
      seedBlocks: seedFeatures,
      corpus: corpus.length,
      crashes,
    },
  });
}

(args.replay.length ? replay(args.replay) : fuzz()).catch((e) => {
  parentPort.postMessage({ type: 'finding', kind: 'crash', input: Buffer.alloc(0), detail: `engine: ${e.stack}` });
});
