/**
 * Scaffolds a provider package that passes its tests out of the box: an OpenAI-compatible
 * `GET /models` provider with a recorded fixture, the shared contract suite, a README and a
 * changeset. Edit the mapping and the fixture to the provider's real API afterwards.
 *
 *   pnpm gen:provider <slug> --name "Display Name" --tier high|medium|low --base-url https://api.x.com/v1 \
 *     [--env X_API_KEY] [--key-optional] [--docs https://...] [--pascal XAi] [--root <dir>]
 *
 * `--root` writes `<dir>/providers/<slug>` and `<dir>/.changeset/` instead of the repository's (the
 * generator's own test scaffolds into a temporary folder and runs the result's tests there).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    tier: { type: 'string', default: 'low' },
    'base-url': { type: 'string' },
    env: { type: 'string' },
    'key-optional': { type: 'boolean', default: false },
    docs: { type: 'string' },
    pascal: { type: 'string' },
    force: { type: 'boolean', default: false },
    root: { type: 'string' },
  },
});

const slug = positionals[0];
function fail(message: string): never {
  console.error(`gen:provider: ${message}`);
  console.error(
    'usage: pnpm gen:provider <slug> --name "Name" --tier low --base-url https://api.example.com/v1 [--env EXAMPLE_API_KEY]',
  );
  process.exit(1);
}
if (!slug || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) fail('give a slug of lower-case letters, digits and dashes');
const tier = values.tier ?? 'low';
if (!['high', 'medium', 'low'].includes(tier)) fail(`--tier must be high, medium or low, not "${tier}"`);
const baseURL = values['base-url'];
if (!baseURL || !URL.canParse(baseURL)) fail('--base-url must be an http(s) URL');
const displayName = values.name ?? slug;
const pascal =
  values.pascal ??
  slug
    .split('-')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
const envVar = values.env;
const docsUrl = values.docs ?? new URL(baseURL).origin;

const root = path.resolve(values.root ?? path.resolve(import.meta.dirname, '../..'));
const dir = path.join(root, 'providers', slug);
if (existsSync(dir) && !values.force) fail(`providers/${slug} exists already (use --force to overwrite)`);

const auth = envVar
  ? `{ kind: 'header', envVar: '${envVar}', header: 'authorization', scheme: 'Bearer', required: ${!values['key-optional']} }`
  : `{ kind: 'none' }`;

const files: Record<string, string> = {
  'package.json': JSON.stringify(
    {
      name: `@catalog/provider-${slug}`,
      version: '0.1.0',
      description: `${displayName} model list for the catalog: fetchModels normalised to the unified record.`,
      license: 'MIT',
      type: 'module',
      sideEffects: false,
      engines: { node: '>=22.12' },
      repository: {
        type: 'git',
        url: 'git+https://github.com/catalog-dev/catalog.git',
        directory: `providers/${slug}`,
      },
      exports: {
        '.': { '@catalog/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' },
        './package.json': './package.json',
      },
      main: './dist/index.js',
      types: './dist/index.d.ts',
      files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/__fixtures__', 'README.md'],
      publishConfig: { access: 'public' },
      catalog: { tier },
      scripts: {
        build: 'tsup',
        typecheck: 'tsc --noEmit',
        test: 'vitest run',
        'check:package': 'publint --strict && attw --pack --profile esm-only',
      },
      dependencies: {
        '@catalog/provider-contract': 'workspace:^',
        '@catalog/provider-utils': 'workspace:^',
        zod: '^4.6.7',
      },
      devDependencies: {
        '@catalog/config': 'workspace:^',
        '@catalog/provider-test-suite': 'workspace:^',
        '@catalog/test-kit': 'workspace:^',
      },
    },
    null,
    2,
  ),
  'tsconfig.json': JSON.stringify({ extends: '@catalog/config/tsconfig.base.json', include: ['src', '*.ts'] }, null, 2),
  'vitest.config.ts': "export { default } from '@catalog/config/vitest';",
  'tsup.config.ts': "export { default } from '@catalog/config/tsup';",
  'src/index.ts': `export { create${pascal}, ${camel}, type ${pascal}Settings } from './${slug}-provider.ts';
export { VERSION } from './version.ts';`,
  'src/version.ts': `import pkg from '../package.json' with { type: 'json' };

/** This package's version. */
export const VERSION: string = pkg.version;`,
  [`src/${slug}-provider.ts`]: `import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type ${pascal}Settings = ProviderSettings;

/** ${displayName}: OpenAI-compatible model list. */
export const create${pascal} = defineProvider<${pascal}Settings>({
  slug: '${slug}',
  displayName: '${displayName}',
  tier: '${tier}',
  docsUrl: '${docsUrl}',
  auth: ${auth},
  defaultBaseURL: '${baseURL}',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance${envVar ? `: reads ${envVar} when it fetches` : ''}. */
export const ${camel} = /* @__PURE__ */ create${pascal}();`,
  [`src/${slug}-provider.test.ts`]: `import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { create${pascal} } from './${slug}-provider.ts';

registerFetchModelsSuite({
  createProvider: create${pascal},
  fixturesDir: fileURLToPath(new URL('./__fixtures__', import.meta.url)),
  // Where a raw entry keeps its facts (add contextLength / price paths when the real API has them).
  entryFields: { id: 'id' },
  expected: {
    count: 2,
    sample: { id: 'example-author/example-model', canonicalId: 'example-author/example-model' },
  },
});`,
  'src/__fixtures__/routes.json': JSON.stringify(
    { routes: [{ path: '/models', file: 'models.json', main: true }] },
    null,
    2,
  ),
  'src/__fixtures__/models.json': JSON.stringify(
    {
      object: 'list',
      data: [
        { id: 'example-author/example-model', object: 'model', created: 1733506137, owned_by: 'example-author' },
        { id: 'example-author/example-embedding', object: 'model', created: 1733506137, owned_by: 'example-author' },
      ],
    },
    null,
    2,
  ),
  'README.md': `# @catalog/provider-${slug}

${displayName} for the catalog: \`fetchModels\` over \`GET ${baseURL.replace(/\/+$/, '')}/models\`, normalised to the
unified catalog record of \`@catalog/provider-contract\`. Tier: **${tier}**.

\`\`\`ts
import { create${pascal}, ${camel} } from '@catalog/provider-${slug}';

const { models, skipped } = await ${camel}.fetchModels();
const viaProxy = create${pascal}({ baseURL: 'https://proxy.internal/${slug}', headers: { 'x-team': 'gw' } });
\`\`\`

| setting | default |
| --- | --- |
| \`apiKey\` | ${envVar ? `\`${envVar}\` (read when fetching${values['key-optional'] ? ', optional' : ', required'})` : 'none: the list is public'} |
| \`baseURL\` | \`${baseURL}\` |
| \`headers\`, \`dispatcher\`, \`timeoutMs\`, \`maxBodyBytes\` | see \`ProviderSettings\` |

Docs: ${docsUrl}
`,
};

mkdirSync(path.join(dir, 'src', '__fixtures__'), { recursive: true });
mkdirSync(path.join(root, '.changeset'), { recursive: true });
for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content.trimEnd() + '\n');
const changeset = path.join(root, '.changeset', `provider-${slug}-initial.md`);
if (!existsSync(changeset)) {
  writeFileSync(
    changeset,
    `---\n'@catalog/provider-${slug}': minor\n---\n\nFirst release of the ${displayName} provider: fetchModels normalised to the unified catalog record.\n`,
  );
}
console.log(
  `created providers/${slug} (@catalog/provider-${slug}); run \`pnpm install\`, then \`pnpm --filter @catalog/provider-${slug} test\``,
);
