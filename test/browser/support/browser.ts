import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PASSWORD, type Stack } from '../../e2e/stack';

/** Debian's Chromium, headless (see DEVELOPERS.md); TTG_CHROMIUM names another binary. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.TTG_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium is not at ${executablePath}: install it (apt-get install -y chromium) or set TTG_CHROMIUM`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const SCREENSHOTS = path.join(__dirname, '../../../docs/screenshots');

/** One signed-in browser context per user, kept for the whole file (sign-in is rate limited). */
export class Users {
  private readonly contexts = new Map<string, BrowserContext>();

  constructor(
    private readonly browser: Browser,
    private readonly stack: Stack,
  ) {}

  async page(username: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const key = `${username}:${opts.javaScriptEnabled === false ? 'nojs' : 'js'}`;
    let context = this.contexts.get(key);
    if (!context) {
      context = await this.browser.newContext({ baseURL: this.stack.baseUrl, javaScriptEnabled: opts.javaScriptEnabled ?? true, viewport: { width: 1280, height: 900 } });
      this.contexts.set(key, context);
      const page = await context.newPage();
      await signIn(page, username);
      return page;
    }
    return context.pages()[0] ?? context.newPage();
  }

  async close(): Promise<void> {
    for (const c of this.contexts.values()) await c.close();
  }
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** WCAG 2.2 AA (and the A and AA of 2.0 and 2.1) with axe-core: no violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const violations = results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect({ url: page.url(), violations }).toEqual({ url: page.url(), violations: [] });
  // Labels and error-summary links point at ids: each must be unique (axe no longer checks this for WCAG 2.2).
  const duplicates = await page.evaluate<string[]>(`(() => { const seen = new Set(), dup = new Set(); for (const e of document.querySelectorAll('[id]')) { if (seen.has(e.id)) dup.add(e.id); seen.add(e.id); } return [...dup]; })()`);
  expect({ url: page.url(), duplicateIds: duplicates }).toEqual({ url: page.url(), duplicateIds: [] });
}

/** Saves a full-page screenshot for docs/screenshots (shown in the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The first element the keyboard reaches is the skip link, and it moves focus to the main content. */
export async function expectSkipLinkFirst(page: Page): Promise<void> {
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  expect({ cls: await focused.getAttribute('class'), text: (await focused.textContent())?.trim() }).toEqual({ cls: expect.stringContaining('govuk-skip-link'), text: 'Skip to main content' });
  await page.keyboard.press('Enter');
  await page.waitForFunction("document.activeElement && document.activeElement.id === 'main-content'");
}
