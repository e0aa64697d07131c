/**
 * How the tests and the benchmarks start Chromium: the system browser (Playwright cannot download
 * its own here), headless, with its background work switched off so that it does not compete with
 * the page being tested or measured.
 *
 * That includes the omnibox popup: Chromium 156 preloads it (a WebUI page of hundreds of modules,
 * chrome://omnibox-popup.top-chrome) with every new window, and on a two-core machine that kept one
 * core busy for about 2 s of each page load (found in a trace of the explorer's cold start). A
 * visitor's browser has its UI loaded long before they open a page.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
