#!/usr/bin/env node
/**
 * Builds the web page (ui/) into dist/ui/, or into the folder given as the
 * first argument (the browser tests build their own copy):
 *   index.html           the page, naming the hashed files below
 *   assets/app-HASH.js   ui/src/main.tsx and everything it imports (Preact included), minified
 *   assets/app-HASH.css  ui/styles/*.css
 *   assets/icon-HASH.svg the favicon
 * Nothing is fetched at run time: the page loads only these files.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const ui = join(root, 'ui');
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'ui'));
const assets = join(outdir, 'assets');

await rm(outdir, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await build({
  entryPoints: { app: join(ui, 'src', 'main.tsx') },
  outdir: assets,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
  loader: { '.svg': 'file' },
});

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
const script = outputs.find((name) => /^app-.*\.js$/.test(name));
const style = outputs.find((name) => /^app-.*\.css$/.test(name));
if (!script || !style) throw new Error(`build-ui: expected app-*.js and app-*.css, got ${outputs.join(', ')}`);

// The favicon, named by its content like the rest.
const icon = await readFile(join(ui, 'icon.svg'));
const { createHash } = await import('node:crypto');
const iconName = `icon-${createHash('sha1').update(icon).digest('hex').slice(0, 8).toUpperCase()}.svg`;
await copyFile(join(ui, 'icon.svg'), join(assets, iconName));

const template = await readFile(join(ui, 'index.html'), 'utf8');
const html = template.replaceAll('{{script}}', `ui/assets/${script}`).replaceAll('{{style}}', `ui/assets/${style}`).replaceAll('{{icon}}', `ui/assets/${iconName}`);
if (/\{\{\w+\}\}/.test(html)) throw new Error('build-ui: ui/index.html names a file the build does not make');
await writeFile(join(outdir, 'index.html'), html);
