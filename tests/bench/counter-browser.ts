// The browser half of the counter benchmark: an officer presses Space in the real console page
// and the number appears on the real rating pad page, both in Debian's Chromium. Times are taken
// inside the pages: the key event's own timestamp, and the moment the pad's DOM shows the new
// number (plus the next animation frame, i.e. when it can be painted). Both pages run in one
// browser on one machine, so performance.timeOrigin + now() is one clock for both.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import type { Client } from './clients.ts';
import { must } from './clients.ts';

export interface BrowserSamples {
  keyToPadDom: number[];
  keyToPadFrame: number[];
}

interface PadRecord { text: string; dom: number; frame: number }
declare global {
  interface Window { __keyAt?: number; __pad?: PadRecord[] }
}

export interface BrowserRun {
  url: string;
  officer: { username: string; password: string; counter: number };
  padToken: string;
  kiosk: Client;
  services: string[];
  rounds: number;
  warmup: number;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`browser bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function keyToPad(run: BrowserRun): Promise<BrowserSamples> {
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const officerCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const signIn = await officerCtx.request.post(`${run.url}/api/auth/login`, { data: { username: run.officer.username, password: run.officer.password } });
    if (!signIn.ok()) throw new Error(`browser bench: sign-in failed (${signIn.status()})`);
    const consolePage: Page = await officerCtx.newPage();
    await consolePage.addInitScript(() => {
      addEventListener('keydown', (e) => { if (e.code === 'Space') window.__keyAt = performance.timeOrigin + e.timeStamp; }, true);
    });
    const padCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pad: Page = await padCtx.newPage();
    await pad.addInitScript(() => {
      window.__pad = [];
      let last: string | null = null;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid=pad-number]')?.textContent ?? null;
        if (text === last) return;
        last = text;
        if (text === null) return;
        const record = { text, dom: performance.timeOrigin + performance.now(), frame: 0 };
        window.__pad!.push(record);
        requestAnimationFrame(() => { record.frame = performance.timeOrigin + performance.now(); });
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await pad.goto(`${run.url}/counter/rating#device=${run.padToken}`);
    await consolePage.goto(`${run.url}/counter`);
    await consolePage.locator(`button[data-counter="${run.officer.counter}"]`).click();
    await until('the counter to open', async () => (await consolePage.getByTestId('counter-name').count()) === 1);

    let seq = 0;
    for (let i = 0; i < run.rounds + run.warmup; i++) {
      await must(run.kiosk, 'ticket:issue', { serviceCode: run.services[i % run.services.length]!, requestId: `bench-browser-${Date.now()}-${seq++}` });
    }
    const samples: BrowserSamples = { keyToPadDom: [], keyToPadFrame: [] };
    for (let i = 0; i < run.rounds + run.warmup; i++) {
      await until('call-next to be enabled', () => consolePage.locator('[data-action=call-next]').isEnabled());
      await until('the pad to be idle', async () => (await pad.getByTestId('pad-number').count()) === 0);
      const before = await pad.evaluate(() => window.__pad!.length);
      await consolePage.keyboard.press('Space');
      await until('the number on the pad', () => pad.evaluate((n) => (window.__pad!.length > n && window.__pad![n]!.frame > 0), before));
      const keyAt = await consolePage.evaluate(() => window.__keyAt!);
      const shown = await pad.evaluate((n) => window.__pad![n]!, before);
      const onConsole = await consolePage.getByTestId('current-number').textContent();
      if (onConsole !== shown.text) throw new Error(`browser bench: pad shows ${shown.text}, console ${onConsole}`);
      if (i >= run.warmup) {
        samples.keyToPadDom.push(shown.dom - keyAt);
        samples.keyToPadFrame.push(shown.frame - keyAt);
      }
      // Free the counter for the next round: no-show, confirmed with Enter.
      await until('no-show to be enabled', () => consolePage.locator('[data-action=no-show]').isEnabled());
      await consolePage.keyboard.press('KeyN');
      await until('the confirmation', async () => (await consolePage.getByTestId('confirm').count()) === 1);
      await consolePage.keyboard.press('Enter');
      await until('the counter to be free', async () => (await consolePage.getByTestId('current-number').count()) === 0);
    }
    return samples;
  } finally {
    await browser?.close();
  }
}
