/** Small steps the browser tests share: reach a view, fill settings, start a run, find a run's card. */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export async function goTo(page: Page, view: 'Run' | 'Catalogue' | 'History' | 'Export' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true }).click();
  await page.locator(`nav a[aria-current="page"]`, { hasText: view }).waitFor();
}

export async function fillSetting(page: Page, module: string, name: string, value: string): Promise<void> {
  await page.getByLabel(`${module} setting ${name}`, { exact: true }).fill(value);
}

/** The card of a module's run (the first one when the tree holds several). */
export function card(scope: Page | Locator, module: string): Locator {
  return scope.locator(`article.run-card[data-module="${module}"]`).first();
}

export async function waitForStatus(scope: Page | Locator, module: string, status: 'done' | 'error' | 'running', timeout = 15_000): Promise<Locator> {
  const found = scope.locator(`article.run-card[data-module="${module}"][data-status="${status}"]`).first();
  await found.waitFor({ timeout });
  return found;
}

export async function pickOnly(page: Page, modules: string[]): Promise<void> {
  const picker = page.getByRole('group', { name: 'Modules to run' });
  await picker.getByRole('button', { name: 'Pick none' }).click();
  for (const module of modules) await picker.getByRole('checkbox', { name: module, exact: true }).check();
}

/** A value through the given modules, from the run form. */
export async function runValue(page: Page, value: string, modules: string[], options: { timeoutSeconds?: number } = {}): Promise<void> {
  await goTo(page, 'Run');
  await page.getByRole('radio', { name: 'A value' }).check();
  await page.getByPlaceholder(/circl\.lu, 8\.8\.8\.8/).fill(value);
  await pickOnly(page, modules);
  if (options.timeoutSeconds !== undefined) await page.getByRole('form', { name: 'Run modules' }).getByLabel('Timeout (s)').fill(String(options.timeoutSeconds));
  const button = page.getByRole('button', { name: new RegExp(`^Run ${modules.length} modules?$`) });
  assert.equal(await button.isEnabled(), true, 'the run button is enabled');
  await button.click();
}

/** Polls until the check passes (or throws its last failure). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
