/**
 * The postcode search's browser side (site/components/PostcodeSearch.astro): reads what was typed,
 * fetches /data/postcodes/index.json once and the typed outward code's file, and says which council
 * and police force area the postcode lies in, with links to the area pages. Text only through
 * textContent and element creation, never innerHTML: the files are data, not markup.
 */
import type { OutwardFile, PostcodeIndexFile } from '../../src/postcodes.ts';

export type Parsed = { outward: string; inward: string | null } | null;

/** "sw1a1aa", " SW1A 1AA " → SW1A + 1AA; "sw1a" → SW1A alone; anything else null. */
export function parsePostcode(text: string): Parsed {
  const t = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const full = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(t);
  if (full) return { outward: full[1], inward: full[2] };
  if (/^[A-Z]{1,2}[0-9][A-Z0-9]?$/.test(t)) return { outward: t, inward: null };
  return null;
}

export interface Answer {
  /** One sentence for the result; links follow it. */
  text: string;
  links: { href: string; label: string; detail: string }[];
}

const areaLink = (f: OutwardFile, i: number, detail: string) => ({ href: `/areas/${f.areas[i].slug}/`, label: `${f.areas[i].pfa_name}: police force area page`, detail: `council: ${f.areas[i].lad_name}${detail}` });

/** What to say for a parsed postcode, given its outward code's file (null when the outward code is not held). */
export function answer(p: NonNullable<Parsed>, file: OutwardFile | null): Answer {
  if (!file) {
    return { text: `${p.outward} is not an outward code of a postcode in England and Wales in this site's copy of the ONS Postcode Directory. Check the postcode, or find your council in the list of areas.`, links: [] };
  }
  if (p.inward === null) {
    const counts = file.areas.map((_, i) => file.groups.filter((g) => g.area === i && g.status === 'live').reduce((s, g) => s + g.postcodes, 0));
    const n = file.areas.length;
    return {
      text: n === 1 ? `Postcodes in ${p.outward} lie in one council and police force area.` : `Postcodes in ${p.outward} lie in ${n} council and police force area combinations: type the full postcode to find yours.`,
      links: file.areas.map((_, i) => areaLink(file, i, ` (${counts[i].toLocaleString('en-GB')} postcode${counts[i] === 1 ? '' : 's'} in use)`)),
    };
  }
  const code = `${p.outward} ${p.inward}`;
  const hits = file.groups.filter((g) => g.inward.split(' ').includes(p.inward!));
  if (hits.length === 0) {
    return { text: `${code} is not in this site's copy of the ONS Postcode Directory. Postcodes starting ${p.outward} lie in these areas:`, links: file.areas.map((_, i) => areaLink(file, i, '')) };
  }
  const terminated = hits.every((g) => g.status === 'terminated');
  const lead = terminated ? `${code} is no longer in use (Royal Mail withdrew it). When in use it lay in` : `${code} is in`;
  if (hits.length === 1) {
    const a = file.areas[hits[0].area];
    return { text: `${lead} ${a.lad_name} (council) and ${a.pfa_name} (police force area).`, links: [areaLink(file, hits[0].area, '')] };
  }
  const where = `ONS lists ${code} in ${hits.length} areas, so each is shown`;
  return { text: terminated ? `${code} is no longer in use (Royal Mail withdrew it). ${where}:` : `${where}:`, links: hits.map((g) => areaLink(file, g.area, g.status === 'terminated' ? ' (no longer in use)' : '')) };
}

export function initPostcodeSearch(doc: Document) {
  const root = doc.querySelector<HTMLElement>('[data-postcode-search]');
  const form = root?.querySelector<HTMLFormElement>('[data-postcode-form]');
  const input = root?.querySelector<HTMLInputElement>('#postcode-input');
  const out = root?.querySelector<HTMLElement>('[data-postcode-result]');
  if (!root || !form || !input || !out) return;
  const base = root.dataset.postcodeSearch!;
  form.hidden = false;
  root.querySelector<HTMLElement>('[data-postcode-nojs]')?.remove();
  let index: Promise<PostcodeIndexFile> | null = null;
  const getJson = async <T>(url: string): Promise<T> => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return (await r.json()) as T;
  };
  const show = (a: Answer) => {
    out.replaceChildren();
    const p = doc.createElement('p');
    p.textContent = a.text;
    out.append(p);
    if (a.links.length) {
      const ul = doc.createElement('ul');
      for (const l of a.links) {
        const li = doc.createElement('li');
        const link = doc.createElement('a');
        link.href = l.href;
        link.textContent = l.label;
        li.append(link, doc.createTextNode(` — ${l.detail}`));
        ul.append(li);
      }
      out.append(ul);
    }
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const p = parsePostcode(input.value);
    if (!p) {
      show({ text: 'That does not look like a postcode. Type it as on a letter, for example SW1A 1AA, or just the first part, SW1A.', links: [] });
      return;
    }
    out.textContent = 'Looking up…';
    try {
      index ??= getJson<PostcodeIndexFile>(`${base}index.json`);
      const held = (await index).outward_codes.includes(p.outward);
      show(answer(p, held ? await getJson<OutwardFile>(`${base}${p.outward}.json`) : null));
    } catch {
      index = null;
      show({ text: 'The postcode index could not be loaded (the connection may have dropped). Try again, or find your council in the list of areas.', links: [] });
    }
  });
}
