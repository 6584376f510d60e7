// The reporting journey in real Chromium: assign → fill and submit → approve → accept,
// the dashboard changing, and a unit user kept away from another unit's item.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDuban, launchBrowser, newPage, login, shot } from './lib.mjs';

const PW = 'duban-demo';
let app, browser;
before(async () => { app = await startDuban(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await app?.stop(); });

async function api(page, path) {
  const r = await page.request.get(`${app.url}${path}`);
  assert.equal(r.status(), 200, path);
  return r.json();
}

/** An item led by `lead` in which `other` takes no part (seen by the supervisor). */
async function itemOf(page, pred, other) {
  const items = await api(page, '/api/v1/items');
  for (const i of items.filter(pred)) {
    const d = await api(page, `/api/v1/items/${i.id}`);
    if (!d.supporting_units.some((u) => u[1] === other)) return i;
  }
  throw new Error('no such item');
}

test('assign, report, approve, accept; dashboard changes', async () => {
  const office = await newPage(browser);
  await login(office, app.url, 'duchashi', PW);
  await shot(office, 'journey-01-home-supervisor');
  await office.goto(`${app.url}/items`);
  await shot(office, 'journey-02-items');
  const item = await itemOf(office, (i) => i.kind === 'task' && i.lead_unit_name !== '区发改委', '区发改委');

  // 1. The supervisor assigns the item to 区发改委.
  await office.goto(`${app.url}/items/${item.id}`);
  await shot(office, 'journey-03-item-before');
  await office.locator('select[name=lead]').selectOption({ label: '区发改委' });
  await office.locator('#assign input[name=deadline]').fill('2024-12-20');
  await office.locator('#assign button[type=submit]').click();
  await office.waitForURL(/ok=assign/);
  assert.match(await office.locator('.facts').innerText(), /区发改委/);
  await shot(office, 'journey-04-item-assigned');

  await office.goto(`${app.url}/dashboard?period=2024-06`);
  const before = await office.locator('#summary').innerText();
  await shot(office, 'journey-05-dashboard-before');

  // 2. The unit reporter fills and submits it.
  const tb = await newPage(browser);
  await login(tb, app.url, 'fgw_tb', PW);
  await shot(tb, 'journey-06-home-reporter');
  await tb.goto(`${app.url}/report?period=2024-06`);
  const form = tb.locator(`#item-${item.id} form`);
  await form.locator('select[name=milestone_done]').selectOption('1');
  await form.locator('textarea[name=progress]').fill('已完成上半年节点：方案印发，项目开工。');
  await form.locator('textarea[name=problems]').fill('无');
  await shot(tb, 'journey-07-report-form');
  await form.locator('button[value=submit]').click();
  await tb.waitForURL(/ok=submit/);
  assert.match(await tb.locator(`#item-${item.id}`).innerText(), /待审核/);
  await shot(tb, 'journey-08-report-submitted');

  // 3. The unit approver approves.
  const sh = await newPage(browser);
  await login(sh, app.url, 'fgw_sh', PW);
  await sh.goto(`${app.url}/review`);
  const card = sh.locator('section.card', { has: sh.locator(`a[href="/items/${item.id}"]`) });
  await shot(sh, 'journey-09-review-approver');
  // htmx posts the form and swaps in just this report's result (no page load).
  const pageUrl = sh.url();
  await card.locator('button[value=approve]').click();
  await sh.locator('section.card.done', { has: sh.locator(`a[href="/items/${item.id}"]`) }).waitFor();
  assert.match(await sh.locator('section.card.done').first().innerText(), /已审核通过/);
  assert.equal(sh.url(), pageUrl);
  await shot(sh, 'journey-09b-review-approved-htmx');

  // 4. The supervisor accepts.
  await office.goto(`${app.url}/review`);
  await shot(office, 'journey-10-review-supervisor');
  await office.locator('section.card', { has: office.locator(`a[href="/items/${item.id}"]`) })
    .locator('button[value=approve]').click();
  await office.locator('section.card.done', { has: office.locator(`a[href="/items/${item.id}"]`) }).waitFor();
  assert.match(await office.locator('section.card.done').first().innerText(), /已验收/);

  // 5. The dashboard changed.
  await office.goto(`${app.url}/dashboard?period=2024-06`);
  await office.waitForSelector('#pie canvas');
  const afterText = await office.locator('#summary').innerText();
  assert.notEqual(afterText, before);
  await shot(office, 'journey-11-dashboard-after');
  await office.goto(`${app.url}/items/${item.id}`);
  assert.match(await office.locator('details.report').first().innerText(), /已验收/);
  assert.equal(await office.locator('mark#hl').count(), 1);
  await shot(office, 'journey-12-item-accepted');
});

test('a unit user cannot reach another unit\'s item', async () => {
  const office = await newPage(browser);
  await login(office, app.url, 'duchashi', PW);
  const foreign = await itemOf(office, (i) => i.lead_unit_name === '区人社局', '区发改委');
  const tb = await newPage(browser);
  await login(tb, app.url, 'fgw_tb', PW);
  await tb.goto(`${app.url}/items`);
  assert.equal(await tb.locator(`a[href="/items/${foreign.id}"]`).count(), 0);
  await shot(tb, 'unit-01-items-reporter');
  const r = await tb.goto(`${app.url}/items/${foreign.id}`);
  assert.equal(r.status(), 404);
  assert.match(await tb.locator('h1').innerText(), /页面不存在/);
  await shot(tb, 'unit-02-foreign-item-404');
});

test('the office issues a 催办单 and the unit signs for it from the keyboard', async () => {
  const office = await newPage(browser);
  await login(office, app.url, 'duchashi', PW);
  const item = await itemOf(office, (i) => i.lead_unit_name === '区发改委', '区人社局');
  await office.goto(`${app.url}/items/${item.id}`);
  await office.locator('#issue select[name=kind]').selectOption('chase');
  await office.locator('#issue textarea[name=matter]').fill('请加快推进并于时限内反馈');
  await office.locator('#issue button[type=submit]').click();
  await office.waitForURL(/\/notices\/\d+\?ok=issue/);
  const noticeUrl = office.url().split('?')[0];
  assert.match(await office.locator('.facts').innerText(), /未签收/);
  assert.equal(await office.locator('form[action$="/receive"]').count(), 0, 'the office does not sign');

  const tb = await newPage(browser);
  await login(tb, app.url, 'fgw_tb', PW);
  await tb.goto(noticeUrl);
  await shot(tb, 'notice-01-unsigned-reporter');
  const sign = tb.locator('form[action$="/receive"] button');
  await sign.focus();
  await tb.keyboard.press('Enter');
  await tb.waitForURL(/ok=receive/);
  assert.match(await tb.locator('.flash').innerText(), /已签收/);
  assert.equal(await tb.locator('form[action$="/receive"]').count(), 0);
  const facts = await tb.locator('.facts').innerText();
  assert.match(facts, /签收\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await shot(tb, 'notice-02-signed-reporter');

  await office.goto(`${app.url}/notices?kind=chase`);
  const row = office.locator('table.notices tr', { has: office.locator(`a[href="${new URL(noticeUrl).pathname}"]`) });
  assert.match(await row.innerText(), /\d{4}年\d{1,2}月\d{1,2}日\s+\d{4}年\d{1,2}月\d{1,2}日/, "签发 and 签收 days");
  assert.doesNotMatch(await row.innerText(), /未签收/);
  await shot(office, 'notice-03-list-office');
});

test('phone layout', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await login(page, app.url, 'quzhang', PW);
  await page.goto(`${app.url}/dashboard`);
  await page.waitForSelector('#pie canvas');
  await shot(page, 'phone-01-dashboard');
  const items = await api(page, '/api/v1/items');
  await page.goto(`${app.url}/items/${items[0].id}`);
  await shot(page, 'phone-02-item');
  await page.goto(`${app.url}/login`);
  await shot(page, 'phone-03-login');
});
