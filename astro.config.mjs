// Static site over the published build (data/build/). The one place that copies the downloadable
// files into the site is site/lib/publish-data.ts, run when Astro has finished writing dist/.
import { defineConfig } from 'astro/config';
import { publishData } from './site/lib/publish-data.ts';

export default defineConfig({
  srcDir: 'site',
  outDir: 'dist',
  publicDir: 'site/public',
  output: 'static',
  trailingSlash: 'always',
  // Scripts as files, never inline: the Content-Security-Policy (site/public/_headers) allows scripts
  // from 'self' only. Styles inline, because a separate style sheet delays the first paint by a round
  // trip on a slow connection; the policy allows exactly these <style> elements by their sha256,
  // added after the build (site/lib/csp-hashes.ts).
  build: { format: 'directory', inlineStylesheets: 'always' },
  vite: { build: { assetsInlineLimit: 0 } },
  // No prefetching or view transitions: every page is a plain document that works without JavaScript.
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [publishData()],
});
