/**
 * Bundles the server's main thread into dist/cli.js (run after tsc, which
 * wrote every file of dist/). Loading one file instead of about 300 ES
 * modules cuts the start from about 560 ms to about 320 ms on the 2-core
 * machines (BENCHMARKS.md).
 *
 * Worker threads (the worker pool's tasks, isolated modules, offloaded
 * queries) still load the per-file output of tsc. So that code in the bundle
 * finds them as before, every `import.meta.url` in a bundled source file is
 * replaced by the URL its own tsc output has: `new URL('./_pdf/task.js',
 * import.meta.url)` in src/modules/export/pdfexport.ts still points at
 * dist/modules/export/_pdf/task.js. Packages stay external (node_modules).
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = `${root}src/`;

/** Rewrites `import.meta.url` to the file's own URL in dist/ (the bundle sits at dist/cli.js). */
const ownFileUrls = {
  name: 'own-file-urls',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const distPath = './' + relative(src, args.path).replace(/\.ts$/, '.js');
      const contents = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(distPath)}, import.meta.url).href`);
      return { contents, loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [`${src}cli.ts`],
  outfile: `${root}dist/cli.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [ownFileUrls],
  banner: { js: '// Bundled by scripts/bundle.mjs from src/cli.ts: the server main thread. Worker threads load the other files of dist/.' },
});
