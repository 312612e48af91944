import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningStandalone, startStandalone } from '@ejp/standalone';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Browser, CHROMIUM, openBrowser } from './support/browser.ts';
import { buildWebApp } from './support/web-build.ts';

/**
 * The web app in headless Chromium against a real standalone process with
 * the demo company: every page as a person uses it, with axe-core's WCAG AA
 * rules on each. Screenshots go to a temp dir, or to docs/screenshots with
 * UPDATE_SCREENSHOTS=1 (the README shows those).
 */
// Without Chromium a developer's run skips with the reason; CI (REQUIRE_INFRA=1) installs it and fails without it.
const haveChromium = existsSync(CHROMIUM) || process.env.REQUIRE_INFRA === '1';
if (!haveChromium) console.warn(`web app browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'ejp-web-'));
const shots = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(data, 'screenshots');
let standalone: RunningStandalone;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!haveChromium) return;
  buildWebApp();
  mkdirSync(shots, { recursive: true });
  standalone = await startStandalone({
    argv: ['--demo'],
    env: { DATA_DIR: join(data, 'data'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_MODE: 'off' },
    process: { on: () => undefined, exit: () => undefined },
    print: () => undefined,
  });
  browser = await openBrowser();
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await standalone?.shutdown('test');
  rmSync(data, { recursive: true, force: true });
});

/** Waits for what the page shows next: generous, since CI runs this beside every other suite on two cores. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

async function accessible(name: string) {
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signInAs(persona: 'employee' | 'manager' | 'hr') {
  if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator(`button[data-persona="${persona}"]`).click();
  await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My journey');
}

describe.runIf(haveChromium)('the web app in a real browser', () => {
  it('opens on the demo company, and an employee sees their journey by chapter and stage', async () => {
    await page.goto(`${standalone.baseUrl}/`);
    await poll(() => page.getByText('Demo company Northwind Labs').count()).toBe(1);
    await accessible('sign-in');
    await signInAs('employee');
    const timeline = page.locator('section.chapter').first();
    await poll(() => timeline.locator('h3').textContent()).toBe('Chapter 1');
    expect(await timeline.locator('h4').first().textContent()).toBe('Pre-boarding');
    expect(await timeline.locator('ol.timeline li').first().textContent()).toContain('Hired as');
    await poll(() => page.getByRole('link', { name: 'Answer “Pulse check”' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Overdue tasks' }).count()).toBe(1);
    await accessible('journey');
  });

  it('gives a recognition and sees it at the top of the public feed', async () => {
    await page.getByRole('link', { name: 'Recognition' }).click();
    const recipient = page.getByLabel('To', { exact: true });
    await poll(() => recipient.locator('option').count()).toBeGreaterThan(10);
    const name = (await recipient.locator('option').nth(3).textContent())!.replace(/ \(.*\)$/, '');
    await recipient.selectOption({ index: 3 });
    await page.getByRole('checkbox', { name: 'Craft' }).check();
    await page.getByLabel('Message').fill('Thanks for the careful review!');
    await page.getByLabel(/^Points for each recipient/).fill('5');
    await page.getByRole('button', { name: 'Give recognition' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('Recognition given.');
    await poll(() => page.locator('ol.feed li').first().textContent()).toContain(`recognised ${name}`);
    // Given as the persona signed in (x-ejp-act-as), not as the dev user.
    const me = (await page.locator('.who').textContent())!.replace('Signed in as ', '');
    expect(await page.locator('ol.feed li').first().textContent()).toContain(`${me} recognised`);
    expect(await page.locator('ol.feed li').first().textContent()).toContain('5 points each');
    await accessible('recognition');
  });

  it('answers the open survey, one question per step on a phone', async () => {
    await page.getByRole('link', { name: 'My journey' }).click();
    await page.getByRole('link', { name: 'Answer “Pulse check”' }).click();
    await poll(() => page.locator('fieldset.question').count()).toBe(4);
    await accessible('survey');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.locator('fieldset.question:visible').count()).toBe(1);
    await page.getByRole('button', { name: 'Next' }).first().click();
    expect(await page.locator('fieldset.question:visible legend').textContent()).toBe(await page.locator('fieldset.question legend').nth(1).textContent());
    await page.screenshot({ path: join(shots, 'survey-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    const questions = page.locator('fieldset.question');
    for (let i = 0; i < 3; i++) await questions.nth(i).locator('label.choice').nth(3).click();
    await questions.nth(3).locator('textarea').fill('More pairing, please.');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain('recorded anonymously');
    // Answered here: no longer among the surveys to answer.
    await page.getByRole('link', { name: 'My journey' }).click();
    await poll(() => page.getByRole('heading', { name: 'Surveys to answer' }).count()).toBe(1);
    await poll(() => page.getByRole('link', { name: 'Answer “Pulse check”' }).count()).toBe(0);
  });

  it('submits an anonymous suggestion, shows its follow-up token once, and reads it back by the token', async () => {
    await page.getByRole('link', { name: 'Suggest' }).click();
    await page.getByLabel('Category').selectOption('tools');
    await page.getByLabel('Your suggestion').fill('A shared calendar for the team rooms.');
    await page.getByRole('checkbox', { name: 'Submit anonymously' }).check();
    await page.getByRole('button', { name: 'Submit' }).click();
    const token = (await page.getByTestId('follow-up-token').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    await accessible('suggestion');
    await page.getByRole('link', { name: 'My journey' }).click();
    await page.getByLabel('Follow-up token of an anonymous suggestion').fill(token);
    await page.getByRole('button', { name: 'Check' }).click();
    await poll(() => page.getByText('Status: open').count()).toBe(1);
  });

  it('shows a manager their team', async () => {
    await signInAs('manager');
    await page.getByRole('link', { name: 'My team' }).click();
    await poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(2);
    expect(await page.getByRole('columnheader', { name: 'Overdue tasks' }).count()).toBe(1);
    await accessible('team');
  });

  it('shows HR the experience dashboard with suppressed cells, as of a chosen day, then in zh-CN', async () => {
    await signInAs('hr');
    await page.getByRole('link', { name: 'Experience dashboard' }).click();
    const heatmap = page.locator('table.heatmap');
    await poll(() => heatmap.locator('tbody tr').count()).toBeGreaterThan(4);
    // By department the small teams are withheld; the whole company shows.
    expect(await heatmap.locator('td.suppressed').count()).toBeGreaterThan(0);
    expect(await heatmap.locator('td.suppressed').first().textContent()).toBe('Suppressed');
    expect(await heatmap.locator('tbody tr').first().locator('td').first().getAttribute('class')).toMatch(/^heat heat-\d$/);
    expect(await heatmap.locator('thead th').nth(1).textContent()).toMatch(/^Everyone \(n=\d+\)$/);
    await poll(() => page.locator('.figure').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'eNPS and participation' }).count()).toBe(1);
    await accessible('dashboard');

    // As of a day before the survey closed there is no round to show.
    const early = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('As of').fill(early);
    await poll(() => page.getByText(`No survey round closed by ${early}.`).count()).toBe(2);
    await page.getByLabel('As of').fill(new Date().toISOString().slice(0, 10));
    await poll(() => heatmap.locator('tbody tr').count()).toBeGreaterThan(4);

    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('员工体验看板');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await heatmap.locator('td.suppressed').first().textContent()).toBe('已隐藏');
    expect(await page.getByRole('link', { name: '我的旅程' }).count()).toBe(1);
    await accessible('dashboard-zh-CN');
  });
});
