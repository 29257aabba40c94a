import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  t = await startTestApp();
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
    const shot = await page.screenshot({ fullPage: false });
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    expect(shot.length).toBeGreaterThan(40_000);
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
