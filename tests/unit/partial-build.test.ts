import { afterEach, describe, expect, it, vi } from 'vitest';

const load = async (pages: string | undefined) => {
  vi.resetModules();
  if (pages === undefined) delete process.env.JBA_PAGES;
  else process.env.JBA_PAGES = pages;
  return import('../../site/lib/partial.ts');
};
const paths = ['kent', 'essex', 'surrey'].map((slug) => ({ params: { slug } }));
const address = (p: { params: { slug: string } }) => `/areas/${p.params.slug}/`;

describe('a partial site build (JBA_PAGES)', () => {
  afterEach(() => { delete process.env.JBA_PAGES; });

  it('unset or empty: every page is built', async () => {
    expect((await load(undefined)).wanted(paths, address)).toHaveLength(3);
    expect((await load('')).wanted(paths, address)).toHaveLength(3);
  });

  it('set: only the pages whose address starts with a listed prefix', async () => {
    const m = await load('/areas/kent/, /areas/surrey/,/prisons/');
    expect(m.isPartialBuild).toBe(true);
    expect(m.wanted(paths, address).map((p) => p.params.slug)).toEqual(['kent', 'surrey']);
  });
});
