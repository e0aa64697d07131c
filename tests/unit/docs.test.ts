import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndicators } from '../../pipeline/compute.ts';
import { indicatorsMarkdown, sourcesMarkdown, withReadmeSources } from '../../pipeline/docs.ts';
import { loadRegistry } from '../../pipeline/registry.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

describe('generated documentation is up to date (run `npm run docs` after changing sources or indicators)', () => {
  const registry = loadRegistry(join(ROOT, 'data/sources'));

  it('README lists every registered source with its kind', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withReadmeSources(readme, registry));
    for (const d of registry.datasets) expect(readme).toContain(d.title.replace(/\|/g, '\\|'));
  });

  it('docs/sources.md matches the registry', () => {
    expect(readFileSync(join(ROOT, 'docs/sources.md'), 'utf8')).toBe(sourcesMarkdown(registry));
  });

  it('docs/indicators.md matches the indicator definitions', async () => {
    expect(readFileSync(join(ROOT, 'docs/indicators.md'), 'utf8')).toBe(indicatorsMarkdown(await loadIndicators()));
  });
});
