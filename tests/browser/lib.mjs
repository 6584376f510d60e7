// Harness for duban's browser tests: real headless Debian Chromium driven by playwright-core.
// Never downloads a browser. See README.md in this directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Repository root (tests/browser/../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `shot()` writes: $DUBAN_SCREENSHOT_DIR or <repo>/target/screenshots. */
export const SCREENSHOT_DIR = process.env.DUBAN_SCREENSHOT_DIR
  ? resolve(process.env.DUBAN_SCREENSHOT_DIR)
  : join(ROOT, 'target', 'screenshots');

/** The duban binary: $DUBAN_BIN (relative paths are taken from the repo root) or target/debug/duban. */
export function dubanBin() {
  const bin = process.env.DUBAN_BIN || 'target/debug/duban';
  return isAbsolute(bin) ? bin : join(ROOT, bin);
}

const URL_RE = /http:\/\/127\.0\.0\.1:([1-9]\d*)/;
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Start duban on a free port with a fresh temporary data dir.
 *
 * demo=true runs `duban demo --listen 127.0.0.1:0` (demo data and demo logins);
 * demo=false runs `duban serve --listen 127.0.0.1:0` (empty instance).
 * Extra CLI args and env vars can be passed with `args` / `env`.
 * Resolves once the process printed a line containing http://127.0.0.1:PORT.
 *
 * @returns {Promise<{url: string, dataDir: string, output: () => string, stop: () => Promise<void>}>}
 */
export async function startDuban({ demo = true, args = [], env = {}, timeoutMs = 60_000 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-browser-'));
  const bin = dubanBin();
  const argv = [demo ? 'demo' : 'serve', '--listen', '127.0.0.1:0', ...args];
  const child = spawn(bin, argv, {
    cwd: dataDir,
    env: { ...process.env, DUBAN_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let exited = null;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { out += d; });
  const exitPromise = new Promise((res) => {
    child.on('exit', (code, signal) => { exited = { code, signal }; children.delete(child); res(); });
    // spawn failure (e.g. ENOENT): no 'exit' event will follow
    child.on('error', () => { if (child.pid === undefined) { exited = { spawnError: true }; children.delete(child); res(); } });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => { if (exited === null) child.kill('SIGKILL'); }, 5_000);
      await exitPromise;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = await new Promise((res, rej) => {
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) rej(err); else res(value);
    };
    const describe = (why) =>
      new Error(`duban (${bin} ${argv.join(' ')}) ${why}\n--- process output ---\n${out}--- end ---`);
    const timer = setTimeout(() => finish(describe(`printed no http://127.0.0.1:PORT line within ${timeoutMs} ms`)), timeoutMs);
    let pending = '';
    child.stdout.on('data', (d) => {
      out += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = URL_RE.exec(line);
        if (m) return finish(null, `http://127.0.0.1:${m[1]}`);
      }
    });
    child.on('error', (e) => finish(describe(`could not be started: ${e.message}`)));
    child.on('exit', (code, signal) => finish(describe(`exited early (code ${code}, signal ${signal})`)));
  }).catch(async (e) => {
    await stop();
    throw e;
  });

  return { url, dataDir, output: () => out, stop };
}

/** Launch Debian's headless Chromium ($CHROMIUM or /usr/bin/chromium). */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ...options,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args || []),
    ],
  });
}

/** A new page in a fresh context set up like a user in China: zh-CN, Asia/Shanghai, 1280x900. */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  return context.newPage();
}

/** Log in through the form at `${url}/login`; resolves after the form's navigation. */
export async function login(page, url, username, password) {
  await page.goto(`${url}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  const navigated = page.waitForNavigation({ waitUntil: 'load' });
  await page.locator('form button[type=submit], form input[type=submit], form button:not([type])').first().click();
  await navigated;
  return page;
}

/** Full-page screenshot to target/screenshots/NAME.png; returns the file path. */
export async function shot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
