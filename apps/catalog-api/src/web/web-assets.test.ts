import { describe, expect, it } from 'vitest';
import { loadWebAssets } from './web-assets.ts';

describe('loadWebAssets', () => {
  const assets = loadWebAssets();

  it('serves the page and its modules with the right content types', () => {
    expect(assets.get('/')?.contentType).toBe('text/html; charset=utf-8');
    for (const script of ['/app.js', '/api.js', '/dom.js', '/format.js', '/models-view.js', '/providers-view.js']) {
      expect(assets.get(script)?.contentType, script).toBe('text/javascript; charset=utf-8');
    }
    expect(assets.get('/styles.css')?.contentType).toBe('text/css; charset=utf-8');
    expect([...assets.keys()].some((path) => path.endsWith('.ts'))).toBe(false);
  });

  it('references only assets it serves, and every module import resolves', () => {
    const html = assets.get('/')!.body.toString();
    for (const [, ref] of html.matchAll(/(?:src|href)="(\/[^"]+)"/g)) expect(assets.has(ref!), ref).toBe(true);
    for (const [path, asset] of assets) {
      if (!path.endsWith('.js')) continue;
      for (const [, ref] of asset.body.toString().matchAll(/from '\.(\/[^']+)'/g))
        expect(assets.has(ref!), `${path} imports ${ref}`).toBe(true);
    }
  });

  it('never builds DOM from HTML strings (upstream text is untrusted)', () => {
    for (const [path, asset] of assets) {
      if (path.endsWith('.js'))
        expect(asset.body.toString(), path).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
