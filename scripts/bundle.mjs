/**
 * Bundles the server's main thread (run after tsc, which wrote every file of
 * dist/): dist/cli.js holds what the server needs to start, and each
 * built-in module's code (the module file with everything only it imports)
 * is a chunk of its own in dist/chunks/, imported on the module's first
 * query (src/core/lazy-module.ts); code that several chunks share sits in
 * shared chunks there. Loading one file instead of about 300 ES modules cut
 * the start from about 560 ms to about 320 ms on the 2-core machines, and
 * leaving the modules' code out of it keeps the start from growing with the
 * number of modules (BENCHMARKS.md).
 *
 * Worker threads (the worker pool's tasks, isolated modules, offloaded
 * queries) still load the per-file output of tsc. So that code in the bundle
 * finds them as before, every `import.meta.url` in a bundled source file is
 * replaced by the URL its own tsc output has: `new URL('./_pdf/task.js',
 * import.meta.url)` in src/modules/export/pdfexport.ts still points at
 * dist/modules/export/_pdf/task.js, from dist/cli.js or from a chunk.
 * Packages stay external (node_modules).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = `${root}src/`;
const dist = `${root}dist/`;
/** Stands for the way from an output file to dist/ until esbuild has placed the code in a file. */
const DIST_ROOT = '@misp-modules-dist-root@/';

/** Rewrites `import.meta.url` to the file's own URL in dist/. */
const ownFileUrls = {
  name: 'own-file-urls',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const distPath = DIST_ROOT + relative(src, args.path).replace(/\.ts$/, '.js');
      const contents = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(distPath)}, import.meta.url).href`);
      return { contents, loader: 'ts' };
    });
  },
};

const result = await build({
  entryPoints: [`${src}cli.ts`],
  outdir: dist,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  write: false,
  logLevel: 'warning',
  plugins: [ownFileUrls],
  banner: { js: '// Bundled by scripts/bundle.mjs from src/cli.ts: the server main thread (dist/cli.js, modules in dist/chunks/). Worker threads load the other files of dist/.' },
});

await rm(`${dist}chunks`, { recursive: true, force: true });
await mkdir(`${dist}chunks`, { recursive: true });
for (const file of result.outputFiles) {
  let contents = file.contents;
  if (file.path.endsWith('.js')) {
    const toDist = relative(dirname(file.path), dist) || '.';
    contents = file.text.replaceAll(DIST_ROOT, `${toDist}/`);
  }
  await writeFile(file.path, contents);
}
