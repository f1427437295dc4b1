/**
 * GET /openapi: a Swagger UI page for /openapi.json, served from the local
 * swagger-ui-dist package (nothing is loaded from the internet). The assets
 * are read on first request and kept: a server nobody browses pays nothing
 * at start (the Fastify swagger plugins cost about 90 ms of start-up).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Relative to /openapi: the page may sit behind a reverse proxy under a prefix. */
export const EXPLORER_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>misp-modules API (Swagger UI)</title>
  <link rel="stylesheet" type="text/css" href="openapi/static/swagger-ui.css">
  <link rel="stylesheet" type="text/css" href="openapi/static/index.css">
  <link rel="icon" type="image/png" href="openapi/static/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="openapi/static/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="openapi/static/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
  <script src="openapi/static/swagger-initializer.js" charset="UTF-8"></script>
</body>
</html>
`;

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', window.location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

export interface Asset {
  body: Buffer;
  type: string;
}

const cache = new Map<string, Promise<Asset>>();

function assetDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** One of the explorer's files, or undefined for any other name (no path is ever built from the request). */
export function explorerAsset(name: string): Promise<Asset> | undefined {
  if (name === 'swagger-initializer.js') return Promise.resolve({ body: Buffer.from(INITIALIZER), type: 'text/javascript; charset=utf-8' });
  const type = ASSETS[name];
  if (!type) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    asset = readFile(join(assetDir(), name)).then((body) => ({ body, type }));
    asset.catch(() => cache.delete(name));
    cache.set(name, asset);
  }
  return asset;
}
