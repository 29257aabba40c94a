import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkspacePackage } from './workspace.ts';

/**
 * The 30 provider packages of the seed, with the tier the issue gives each: 29 upstreams, Hugging
 * Face as two packages (the router and the Hub). More may be added (`pnpm gen:provider`); these must
 * stay.
 */
export const SEED_PROVIDERS: Readonly<Record<string, 'high' | 'medium' | 'low'>> = {
  openrouter: 'high',
  deepinfra: 'high',
  featherless: 'high',
  fireworks: 'high',
  together: 'high',
  groq: 'medium',
  cerebras: 'medium',
  xai: 'medium',
  'google-vertex': 'medium',
  anthropic: 'medium',
  openai: 'medium',
  huggingface: 'medium',
  'huggingface-hub': 'medium',
  nebius: 'medium',
  novita: 'medium',
  clarifai: 'medium',
  chutes: 'medium',
  aimo: 'medium',
  near: 'medium',
  fal: 'medium',
  'vercel-ai-gateway': 'low',
  helicone: 'low',
  aihubmix: 'low',
  anannas: 'low',
  'alibaba-cloud': 'low',
  onerouter: 'low',
  zai: 'low',
  modelz: 'low',
  canopywave: 'low',
  morpheus: 'low',
};

/** A package folder read the way workspacePackages reads them (for folders outside the workspace). */
export function readPackage(dir: string, relativeDir: string): WorkspacePackage {
  return { dir, relativeDir, json: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) };
}

/**
 * What a provider package does differently from the convention every provider follows (empty when
 * it conforms): named after its folder, a tier, the standard file set, the standard exports and no
 * upstream schema among them, the shared contract suite, and no env read or connection at import.
 */
export function providerProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const slug = path.basename(pkg.dir);
  const file = (name: string) => path.join(pkg.dir, name);
  const read = (name: string) => (existsSync(file(name)) ? readFileSync(file(name), 'utf8') : undefined);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) problems.push(`folder "${slug}" is not a slug (a-z, 0-9, -)`);
  if (pkg.json.name !== `@catalog/provider-${slug}`)
    problems.push(`package name "${pkg.json.name}" is not @catalog/provider-${slug}`);
  if (!['high', 'medium', 'low'].includes(pkg.json.catalog?.tier ?? ''))
    problems.push('package.json has no "catalog": { "tier": "high" | "medium" | "low" }');
  for (const name of [
    'README.md',
    'src/index.ts',
    'src/version.ts',
    `src/${slug}-provider.ts`,
    `src/${slug}-provider.test.ts`,
    'src/__fixtures__/routes.json',
  ]) {
    if (!existsSync(file(name))) problems.push(`missing ${name}`);
  }
  const index = read('src/index.ts');
  if (index !== undefined) {
    if (!/export \{ create[A-Z]\w*, [a-z]\w*, type [A-Z]\w*Settings \} from '\.\/[\w-]+-provider\.ts';/.test(index))
      problems.push('src/index.ts does not export { create<Name>, <name>, type <Name>Settings } from its provider');
    if (!index.includes("export { VERSION } from './version.ts';"))
      problems.push('src/index.ts does not export VERSION');
    if (/-api\.ts/.test(index)) problems.push('src/index.ts exports the upstream schemas (-api.ts)');
  }
  const test = read(`src/${slug}-provider.test.ts`);
  if (test !== undefined && !test.includes('registerFetchModelsSuite('))
    problems.push(`src/${slug}-provider.test.ts does not run the shared contract suite (registerFetchModelsSuite)`);
  const source = read(`src/${slug}-provider.ts`);
  if (source !== undefined) {
    if (/^\s*(const|let)\s+\w+\s*=\s*process\.env/m.test(source))
      problems.push(`src/${slug}-provider.ts reads the environment at import`);
    if (/\bfetch\(/.test(source)) problems.push(`src/${slug}-provider.ts calls fetch directly`);
  }
  return problems;
}

/**
 * What a publishable package's package.json and README lack (empty when it conforms): the uniform
 * fields, types first and a source condition in every export, internal dependencies as
 * `workspace:^` and never on a private package, a README naming the package.
 */
export function publishableProblems(pkg: WorkspacePackage, workspace: readonly WorkspacePackage[]): string[] {
  const problems: string[] = [];
  const json = pkg.json;
  const expect = (ok: boolean, what: string) => void (ok || problems.push(what));
  expect(json.type === 'module', 'type is not "module"');
  expect(json.sideEffects === false, 'sideEffects is not false');
  expect(json.license === 'MIT', 'license is not MIT');
  expect((json.description?.length ?? 0) > 20, 'no description (over 20 characters)');
  expect(json.engines?.node === '>=22.12', 'engines.node is not ">=22.12"');
  expect(json.repository?.directory === pkg.relativeDir, `repository.directory is not ${pkg.relativeDir}`);
  expect(json.publishConfig?.access === 'public', 'publishConfig.access is not "public"');
  for (const entry of ['dist', '!src/**/*.test.ts', '!src/**/__fixtures__'])
    expect(json.files?.includes(entry) ?? false, `files does not list "${entry}"`);
  for (const script of ['build', 'typecheck', 'test', 'check:package'])
    expect(json.scripts?.[script] !== undefined, `no "${script}" script`);
  for (const [subpath, target] of Object.entries(json.exports ?? {})) {
    if (subpath === './package.json') continue;
    const keys = Object.keys(target as Record<string, string>);
    expect(keys[0] === '@catalog/source', `exports["${subpath}"]: the @catalog/source condition is not first`);
    expect(keys.indexOf('types') < keys.indexOf('import'), `exports["${subpath}"]: types does not come before import`);
  }
  const internal = new Map(workspace.map((p) => [p.json.name, p]));
  const all = { ...json.dependencies, ...json.devDependencies, ...json.peerDependencies };
  for (const [name, range] of Object.entries(all))
    if (internal.has(name)) expect(range === 'workspace:^', `${name} is "${range}", not "workspace:^"`);
  for (const name of Object.keys(json.dependencies ?? {}))
    if (internal.get(name)?.json.private) problems.push(`${name} is private and cannot be a runtime dependency`);
  const readme = path.join(pkg.dir, 'README.md');
  expect(
    existsSync(readme) && readFileSync(readme, 'utf8').includes(json.name),
    `README.md does not name ${json.name}`,
  );
  return problems;
}

/** Whether a changeset under `<root>/.changeset` names the package (or it has a CHANGELOG: released). */
export function hasChangeset(pkg: WorkspacePackage, root: string): boolean {
  if (existsSync(path.join(pkg.dir, 'CHANGELOG.md'))) return true;
  const dir = path.join(root, '.changeset');
  if (!existsSync(dir)) return false;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .some((text) => text.includes(`'${pkg.json.name}'`) || text.includes(`"${pkg.json.name}"`));
}
