// Self-test of the browser harness; needs no duban binary. Proves that Debian Chromium,
// playwright-core and a CJK font are installed and work together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { launchBrowser, newPage, shot } from './lib.mjs';

test('a CJK font is installed (fontconfig knows a zh font)', (t) => {
  let out;
  try {
    out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch (e) {
    if (process.env.CI) throw e;
    t.skip(`fc-list unavailable: ${e.message}`);
    return;
  }
  assert.ok(out.trim().length > 0, 'no font for lang=zh; install fonts-wqy-microhei');
});

test('headless Chromium renders a Chinese page and takes a screenshot', async () => {
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    const html = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>督办测试</title></head>'
      + '<body style="font-size:32px"><h1>督查督办工作台</h1><p>重点任务：按序时进度推进，逾期未办结的事项将标红预警。</p></body></html>';
    await page.goto('data:text/html;charset=utf-8,' + encodeURIComponent(html));
    assert.equal(await page.title(), '督办测试');
    assert.equal(await page.locator('h1').textContent(), '督查督办工作台');
    const path = await shot(page, 'harness-selftest');
    assert.ok(statSync(path).size > 1000, `screenshot ${path} looks empty`);
  } finally {
    await browser.close();
  }
});
