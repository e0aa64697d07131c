/**
 * A partial build: with JBA_PAGES set to a comma-separated list of address prefixes, the pages made
 * one per area, prison, indicator or chart are built only where their address starts with one of
 * them; every other page is built as always. The security suite's hostile-data build needs the pages
 * that show its few hostile names, not 1,600 pages (minutes on a small machine). Unset: every page.
 */
const PREFIXES = (process.env.JBA_PAGES ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export const isPartialBuild = PREFIXES.length > 0;

/** The static paths whose address is wanted in this build. */
export function wanted<T>(paths: T[], addressOf: (p: T) => string): T[] {
  if (!isPartialBuild) return paths;
  return paths.filter((p) => {
    const address = addressOf(p);
    return PREFIXES.some((prefix) => address.startsWith(prefix));
  });
}
