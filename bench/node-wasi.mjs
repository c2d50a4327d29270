// node-wasi.mjs - runs a WASI preview1 command module under node:wasi.
//   node node-wasi.mjs PROGRAM.wasm [ARGS...]
// argv[0] seen by the program is its path, as with the other engines; no
// directories are preopened and the environment is empty.  The exit
// status is the program's.
//
// bench/run adds --single-threaded-gc: with concurrent GC, node 20.20
// crashed (SIGSEGV/SIGABRT) in about half the runs of programs with tens
// of MiB of linear memory, once inside uvwasi_destroy() called from a GC
// weak callback while the program was still running.
import { WASI } from 'node:wasi';
import { readFile } from 'node:fs/promises';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {} });
// The instance's imports do not keep the WASI object alive; a global does.
globalThis.benchWasi = wasi;
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
