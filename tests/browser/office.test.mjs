// The office's pages in real Chromium: phone layout of the main pages (no page-wide
// horizontal scrolling at 390px), importing a report through 导入报告, and 计划设置.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startDuban, launchBrowser, newPage, login, shot, ROOT } from './lib.mjs';

const PW = 'duban-demo';
const SEED = join(ROOT, 'examples', 'reports', 'shancheng_2024.txt');
let app, browser;
before(async () => { app = await startDuban(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await app?.stop(); });

/** The page is no wider than the viewport: wide tables scroll inside their card. */
async function fitsWidth(page, what) {
  const { doc, view } = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(doc <= view, `${what}: page is ${doc}px wide in a ${view}px viewport`);
}

test('phone layout at 390px: dashboard, items, report, review', async () => {
  const phone = { viewport: { width: 390, height: 844 } };
  const office = await newPage(browser, phone);
  await login(office, app.url, 'duchashi', PW);
  await office.goto(`${app.url}/dashboard`);
  await office.waitForSelector('#pie canvas');
  await fitsWidth(office, 'dashboard');
  await shot(office, 'office-phone-01-dashboard');
  await office.goto(`${app.url}/items`);
  await fitsWidth(office, 'items');
  await shot(office, 'office-phone-02-items');
  await office.goto(`${app.url}/review`);
  await fitsWidth(office, 'review');
  await office.goto(`${app.url}/decompose`);
  await fitsWidth(office, 'decompose');
  await office.goto(`${app.url}/settings`);
  await fitsWidth(office, 'settings');
  await shot(office, 'office-phone-03-settings');
  const tb = await newPage(browser, phone);
  await login(tb, app.url, 'fgw_tb', PW);
  await tb.goto(`${app.url}/report?period=2024-08`);
  await fitsWidth(tb, 'report');
  await shot(tb, 'office-phone-04-report');
});

test('a reporter sees no office links and gets 403 on the import page', async () => {
  const tb = await newPage(browser);
  await login(tb, app.url, 'fgw_tb', PW);
  assert.equal(await tb.locator('nav a[href="/import"]').count(), 0);
  const r = await tb.goto(`${app.url}/import`);
  assert.equal(r.status(), 403);
});

test('the supervisor imports a report and changes the plan settings', async () => {
  const office = await newPage(browser);
  await login(office, app.url, 'duchashi', PW);
  // Keyboard users reach the page from the navigation.
  await office.locator('nav a[href="/import"]').click();
  await office.waitForURL(/\/import$/);
  await shot(office, 'office-01-import-form');

  // A second import of 2024 is refused, and nothing changes.
  await office.locator('input[name=year]').fill('2024');
  await office.locator('input[name=file]').setInputFiles(SEED);
  await office.locator('main form button.primary').click();
  await office.waitForLoadState('load');
  assert.match(await office.locator('.flash.error').innerText(), /不能重复导入/);
  await shot(office, 'office-02-import-conflict');

  // As 2025 it is imported; the summary links to the items.
  await office.locator('input[name=year]').fill('2025');
  await office.locator('input[name=file]').setInputFiles(SEED);
  await office.locator('main form button.primary').click();
  await office.waitForSelector('#summary');
  const summary = await office.locator('#summary').innerText();
  assert.match(summary, /导入成功：山城区2025年/);
  assert.match(summary, /量化指标/);
  await shot(office, 'office-03-import-summary');
  await office.locator('#summary a[href="/items"]').click();
  await office.waitForURL(/\/items$/);
  assert.ok(await office.locator('table.items tbody tr').count() > 5);

  // 计划设置: the 银川 preset, then a custom due day.
  await office.goto(`${app.url}/settings`);
  await shot(office, 'office-04-settings');
  await office.locator('button[value=yinchuan]').click();
  await office.waitForURL(/ok=1/);
  assert.equal(await office.locator('input[name=yellow_from_points]').inputValue(), '10');
  await office.locator('input[name=due_day]').fill('20');
  await office.locator('select[name=default_cycle]').selectOption('quarterly');
  await office.locator('#settings button.primary').click();
  await office.waitForURL(/ok=1/);
  assert.equal(await office.locator('input[name=due_day]').inputValue(), '20');
  assert.match(await office.locator('.flash.ok').innerText(), /已保存/);
  await shot(office, 'office-05-settings-saved');

  await office.goto(`${app.url}/import/progress`);
  await shot(office, 'office-06-import-progress');
});
