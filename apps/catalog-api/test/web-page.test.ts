import type { ProviderHealth } from '@catalog/aggregator';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent, relativeAge } from '../src/web/format.js';
import { startTestApp, type TestApp } from './start-test-app.ts';

function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('chromium is not installed: `apt-get install chromium` (tooling/bootstrap.sh does it)');
  }
}

let t: TestApp;
let browser: Browser;
const errors: string[] = [];

// morpheus fails from the start and its circuit opens: the dashboard has a failing provider to show.
const FAILING = 'morpheus';

beforeAll(async () => {
  t = await startTestApp({
    PROVIDER_POLICIES: JSON.stringify({
      [FAILING]: { retry: { maxAttempts: 0 }, breaker: { threshold: 1, halfOpenAfterMs: 600_000 } },
    }),
  });
  t.upstream.setKnobs(FAILING, { status: 500, body: 'upstream exploded' });
  await t.app.catalog.start();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

type Rgb = readonly [number, number, number];
type Box = { x: number; y: number; width: number; height: number };
interface RegionStats {
  pixels: number;
  distinctColors: number;
  /** The most frequent colour. */
  dominant: Rgb;
  /** Share of pixels far from the background colour given (ink, fills). */
  inked: number;
  /** Share of pixels close to the probe colour given. */
  probed: number;
}

const hex = (color: string): Rgb => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as unknown as Rgb;
const LIGHT = { background: hex('#fafafa'), panel: hex('#ffffff'), good: hex('#15803d') };

/**
 * Decodes a PNG screenshot in a blank page and measures rectangles of it: what the page really
 * painted there, not what the DOM claims. A rectangle not inside the screenshot is an error.
 */
async function measure(
  png: Buffer,
  regions: Record<string, { box: Box; background: Rgb; probe?: Rgb }>,
): Promise<Record<string, RegionStats>> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ data, regions }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const distance = (a: readonly number[], b: readonly number[]) =>
          Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!);
        const result: Record<string, unknown> = {};
        for (const [name, { box, background, probe }] of Object.entries(regions)) {
          const [x, y, width, height] = [box.x, box.y, box.width, box.height].map(Math.round) as [
            number,
            number,
            number,
            number,
          ];
          if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > canvas.width || y + height > canvas.height)
            throw new Error(
              `${name}: ${JSON.stringify(box)} is not inside the ${canvas.width}×${canvas.height} screenshot`,
            );
          const pixels = context.getImageData(x, y, width, height).data;
          const counts = new Map<number, number>();
          let inked = 0;
          let probed = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            const rgb = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
            const key = (rgb[0]! << 16) | (rgb[1]! << 8) | rgb[2]!;
            counts.set(key, (counts.get(key) ?? 0) + 1);
            if (distance(rgb, background) > 60) inked++;
            if (probe && distance(rgb, probe) < 60) probed++;
          }
          const total = pixels.length / 4;
          const [top] = [...counts].sort((a, b) => b[1] - a[1]);
          result[name] = {
            pixels: total,
            distinctColors: counts.size,
            dominant: [(top![0] >> 16) & 255, (top![0] >> 8) & 255, top![0] & 255],
            inked: inked / total,
            probed: probed / total,
          };
        }
        return result as Record<string, RegionStats>;
      },
      { data: png.toString('base64'), regions },
    );
  } finally {
    await page.close();
  }
}

/** The element's box in page coordinates, asserting it is laid out and has a size. */
async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).not.toBeNull();
  expect(box!.width, selector).toBeGreaterThan(0);
  expect(box!.height, selector).toBeGreaterThan(0);
  return box!;
}

async function open(path = '/', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${t.url}${path}`);
  await page.waitForSelector('[data-testid=model-row]');
  return page;
}

describe('the web page in headless Chromium', () => {
  it('renders the catalog, pages with Load more, and takes a screenshot with real content', async () => {
    const page = await open();
    const total = await page.textContent('[data-testid=total-count]');
    const view = await t.app.catalog.view();
    expect(total).toContain(view.models.length.toLocaleString('en-US'));
    expect(await page.locator('[data-testid=model-row]').count()).toBe(50);
    await page.click('[data-testid=load-more]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=model-row]').length > 50);
    expect(await page.textContent('[data-testid=catalog-version]')).toContain(view.version.slice(0, 8));
    // Load more scrolled down: back to the top, where the screenshot is taken.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => window.scrollY === 0);
    const shot = await page.screenshot({ fullPage: false });
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    // The first row, the header and the filters are laid out inside the viewport…
    const rows = await boxOf(page, '[data-testid=model-row]');
    const header = await boxOf(page, 'header.top');
    const filters = await boxOf(page, '#filters');
    for (const box of [rows, header, filters]) {
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(900);
    }
    const table = await boxOf(page, 'table.models');
    expect(table.height).toBeGreaterThan(900 - table.y);
    const visibleTable = { ...table, height: 900 - table.y };
    // …and painted: text in the table and the header, not a blank or single-colour area.
    const stats = await measure(shot, {
      table: { box: visibleTable, background: LIGHT.panel },
      header: { box: header, background: LIGHT.background },
      firstRow: { box: rows, background: LIGHT.panel },
    });
    expect(stats.table!.inked).toBeGreaterThan(0.03);
    expect(stats.table!.distinctColors).toBeGreaterThan(30);
    expect(stats.header!.inked).toBeGreaterThan(0.01);
    expect(stats.firstRow!.inked).toBeGreaterThan(0.02);
    // Control: with the rows hidden the same measure finds the first row's area empty and the
    // table's (header row and frame left) far emptier.
    await page.evaluate(() => (document.querySelector<HTMLElement>('#model-rows')!.style.visibility = 'hidden'));
    const blank = await measure(await page.screenshot({ fullPage: false }), {
      table: { box: visibleTable, background: LIGHT.panel },
      // Inside the row's borders.
      firstRow: { box: { ...rows, y: rows.y + 3, height: rows.height - 6 }, background: LIGHT.panel },
    });
    expect(blank.firstRow!.inked).toBeLessThan(0.002);
    expect(blank.table!.inked).toBeLessThan(stats.table!.inked / 2);
    await page.close();
  });

  it('searches, filters and opens a model with its offers across providers', async () => {
    const page = await open();
    await page.fill('[data-testid=search-input]', 'sonnet');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=model-row]')].every((row) => /sonnet/i.test(row.textContent ?? '')),
    );
    await page.click('[data-testid=model-row][data-canonical-id="anthropic/claude-3.5-sonnet"]');
    const detail = page.locator('[data-testid=model-detail]');
    await detail.waitFor({ state: 'visible' });
    const providers = await page
      .locator('[data-testid=offer-row]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.provider));
    expect(providers.length).toBeGreaterThanOrEqual(2);
    expect(providers).toContain('anthropic');
    expect(await page.locator('[data-testid=offer-row].cheapest').count()).toBe(1);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).searchParams.get('q')).toBe('sonnet');

    const groq = (await (await fetch(`${t.url}/catalog/models?provider=groq`)).json()) as {
      total: number;
      data: { canonicalId: string }[];
    };
    await page.fill('[data-testid=search-input]', '');
    await page.selectOption('[data-testid=provider-filter]', 'groq');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=total-count]')?.textContent === `${n} models`,
      groq.total,
    );
    const shown = await page
      .locator('[data-testid=model-row]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.canonicalId));
    expect(shown).toEqual(groq.data.map((m) => m.canonicalId));
    expect(new URL(page.url()).searchParams.get('provider')).toBe('groq');
    await page.close();
  });

  it('restores filters from the URL and sorts by price', async () => {
    const page = await open('/?sort=price&kind=embedding');
    expect(await page.inputValue('[data-testid=sort-select]')).toBe('price');
    const kinds = await page.locator('[data-testid=model-row] .kind').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['embedding']));
    await page.close();
  });

  it("shows each provider's freshness, breaker state, hit rate and model count as the API reports them, and paints them", async () => {
    const page = await open();
    await page.waitForSelector('[data-testid=provider-row]', { state: 'attached' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/catalog/providers'),
      page.click('[data-testid=tab-providers]'),
    ]);
    const health = (await response.json()).data as ProviderHealth[];
    const expected = (h: ProviderHealth) => ({
      provider: h.provider,
      state: h.state,
      breaker: h.breaker,
      models: String(h.modelCount),
      updated: relativeAge(h.ageMs),
      hitRate: percent(h.hitRate),
      fill: `${Math.round((h.hitRate ?? 0) * 100)}%`,
    });
    const shown = async () =>
      page.locator('[data-testid=provider-row]').evaluateAll((rows) =>
        rows.map((row) => {
          const text = (id: string) => row.querySelector(`[data-testid=${id}]`)!.textContent!.trim();
          return {
            provider: (row as HTMLElement).dataset.provider,
            state: /state-([\w-]+)/.exec(row.querySelector('[data-testid=provider-state]')!.className)![1],
            breaker: text('provider-breaker'),
            models: text('provider-models'),
            updated: text('provider-updated'),
            hitRate: text('provider-hit-rate'),
            fill: (row.querySelector('[data-testid=provider-hit-rate-fill]') as HTMLElement).style.width,
          };
        }),
      );
    const byProvider = (list: { provider?: string }[]) =>
      [...list].sort((a, b) => (a.provider! < b.provider! ? -1 : 1));
    await expect.poll(async () => byProvider(await shown())).toEqual(byProvider(health.map(expected)));
    expect(health).toHaveLength(30);

    // The failing provider comes first: no data, circuit open, its error, a 0 % hit rate.
    const failing = page.locator('[data-testid=provider-row]').first();
    expect(await failing.getAttribute('data-provider')).toBe(FAILING);
    expect(await failing.locator('[data-testid=provider-state]').textContent()).toBe('no data');
    expect(await failing.locator('[data-testid=provider-breaker]').textContent()).toBe('open');
    expect(await failing.locator('[data-testid=provider-error]').textContent()).toContain('http_500');
    const fresh = health.filter((h) => h.state === 'fresh' && h.modelCount > 0);
    expect(fresh.length).toBeGreaterThanOrEqual(25);
    const healthy = health.find((h) => h.provider === 'openrouter')!;
    expect(healthy).toMatchObject({ state: 'fresh', breaker: 'closed' });
    expect(healthy.hitRate).toBeGreaterThan(0.3);

    // What was painted: the open breaker red, the closed one green, the hit-rate bars filled in
    // proportion (the healthy one mostly, the failing one not at all).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => window.scrollY === 0);
    const shot = await page.screenshot({ fullPage: true });
    const row = (slug: string) => `[data-testid=provider-row][data-provider="${slug}"]`;
    const stats = await measure(shot, {
      openBreaker: {
        box: await boxOf(page, `${row(FAILING)} [data-testid=provider-breaker]`),
        background: LIGHT.panel,
      },
      closedBreaker: {
        box: await boxOf(page, `${row('openrouter')} [data-testid=provider-breaker]`),
        background: LIGHT.panel,
      },
      healthyBar: { box: await boxOf(page, `${row('openrouter')} .bar`), background: LIGHT.panel, probe: LIGHT.good },
      failingBar: { box: await boxOf(page, `${row(FAILING)} .bar`), background: LIGHT.panel, probe: LIGHT.good },
      table: { box: await boxOf(page, 'table.providers'), background: LIGHT.panel },
    });
    const [openR, openG] = stats.openBreaker!.dominant;
    const [closedR, closedG] = stats.closedBreaker!.dominant;
    expect(openR - openG).toBeGreaterThan(15);
    expect(closedG - closedR).toBeGreaterThan(15);
    expect(Math.abs(stats.healthyBar!.probed - healthy.hitRate!)).toBeLessThan(0.15);
    expect(stats.failingBar!.probed).toBeLessThan(0.05);
    expect(stats.table!.inked).toBeGreaterThan(0.03);
    await page.close();
  });

  it('shows provider health for every provider, in dark mode too', async () => {
    const page = await open('/', 'dark');
    await page.click('[data-testid=tab-providers]');
    await page.waitForSelector('[data-testid=provider-row]');
    expect(await page.locator('[data-testid=provider-row]').count()).toBe(30);
    const states = await page.locator('[data-testid=provider-state]').allTextContents();
    expect(states.filter((s) => s === 'fresh').length).toBeGreaterThanOrEqual(25);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(11, 13, 18)');
    await page.close();
    expect(errors).toEqual([]);
  });
});
