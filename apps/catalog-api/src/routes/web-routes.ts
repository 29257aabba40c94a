import { defineRoute, type RouteSpec } from '../http/route-spec.ts';
import { loadWebAssets } from '../web/web-assets.ts';

/** The web page (catalog browser and provider health) and its static assets, read once. */
export function webRoutes(): RouteSpec<any, any, any>[] {
  const assets = loadWebAssets();
  return [...assets].map(([path, asset]) =>
    defineRoute({
      method: 'GET',
      url: path,
      tag: 'web',
      summary: `web page asset ${path}`,
      handler: ({ reply }) => {
        reply.header('content-type', asset.contentType);
        reply.header('cache-control', 'no-cache');
        reply.header('x-content-type-options', 'nosniff');
        if (path === '/') {
          reply.header(
            'content-security-policy',
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
          );
        }
        return reply.send(asset.body);
      },
    }),
  );
}
