import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The web page's static files (this folder), read once, keyed by URL path (`/` is index.html). */
export function loadWebAssets(dir: string = import.meta.dirname): Map<string, { body: Buffer; contentType: string }> {
  const assets = new Map<string, { body: Buffer; contentType: string }>();
  for (const name of readdirSync(dir).sort()) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType || name.endsWith('.test.ts') || name.endsWith('.d.ts')) continue;
    const body = readFileSync(path.join(dir, name));
    assets.set(name === 'index.html' ? '/' : `/${name}`, { body, contentType });
  }
  return assets;
}
