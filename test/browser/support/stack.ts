import type { Browser } from 'playwright-core';
import { Stack } from '../../e2e/stack';
import { launchChromium, Users } from './browser';

/** The started product and Chromium for one browser test file, with an API token for each named user. */
export interface BrowserStack {
  readonly stack: Stack;
  readonly browser: Browser;
  readonly users: Users;
  /** The API tokens of the users named to `useBrowserStack`, by username (a test that signs a user out signs them in again). */
  readonly tokens: Record<string, string>;
}

/**
 * Starts the product (see Stack) and Chromium before the file's tests and stops them after;
 * the returned object is filled in by the time the first test runs.
 */
export function useBrowserStack(tokenUsers: readonly string[]): BrowserStack {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let users: Users | undefined;
  const tokens: Record<string, string> = {};
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`the browser stack's ${what} is used before beforeAll has started it`);
    return value;
  };

  beforeAll(async () => {
    stack = await Stack.start();
    for (const u of tokenUsers) tokens[u] = await stack.token(u);
    browser = await launchChromium();
    users = new Users(browser, stack);
  });

  afterAll(async () => {
    await users?.close();
    await browser?.close();
    await stack?.stop();
  });

  return {
    get stack() {
      return started('stack', stack);
    },
    get browser() {
      return started('browser', browser);
    },
    get users() {
      return started('users', users);
    },
    tokens,
  };
}
