/**
 * The reader's tariff on /commissioning/: shows the form (hidden without JavaScript) and, as the
 * reader types a cost per place, recomputes each notional cost from the published places. Values go in
 * with textContent only; the published figures come back with the reset button.
 */
import { formatValue } from '../lib/format.ts';
import type { IndicatorDef } from '../../src/indicator.ts';
import { notionalCost, readTariff } from './scenario.ts';

const form = document.querySelector<HTMLFormElement>('[data-tariff-form]');
const input = document.querySelector<HTMLInputElement>('#tariff-input');
const status = document.querySelector<HTMLElement>('#tariff-status');
const table = document.querySelector<HTMLTableElement>('table[data-commissioning]');

if (form && input && status && table) {
  const display = JSON.parse(table.dataset.costDisplay ?? '{}') as IndicatorDef['display'];
  const published = Number(table.dataset.tariffValue);
  const cells = [...table.querySelectorAll<HTMLElement>('[data-notional-cost]')];
  const bases = [...document.querySelectorAll<HTMLElement>('[data-cost-basis]')];
  const publishedBasis = bases.map((b) => b.textContent ?? '');
  const resetButton = form.querySelector<HTMLButtonElement>('[data-tariff-reset]');
  form.hidden = false;

  const showPublished = () => {
    for (const c of cells) {
      c.textContent = c.dataset.publishedText ?? '';
      c.dataset.sort = c.dataset.publishedValue ?? '';
      c.removeAttribute('data-scenario');
    }
    bases.forEach((b, i) => { b.textContent = publishedBasis[i]; });
    table.dispatchEvent(new Event('datachange'));
  };

  const apply = () => {
    const reading = readTariff(input.value);
    if (!reading.ok) {
      showPublished();
      input.setAttribute('aria-invalid', 'true');
      status.textContent = `${reading.reason} The table shows the published cost per place.`;
      remember(null);
      return;
    }
    input.removeAttribute('aria-invalid');
    if (reading.tariff === published) {
      showPublished();
      status.textContent = 'The table shows the published cost per place.';
      remember(null);
      return;
    }
    const shown = formatValue(display, reading.tariff);
    for (const c of cells) {
      const cost = notionalCost(Number(c.dataset.places), reading.tariff);
      c.textContent = formatValue(display, cost);
      c.dataset.sort = String(cost);
      c.dataset.scenario = 'true';
    }
    for (const b of bases) b.textContent = `at your tariff of ${shown} per place per year (your scenario, not a published figure)`;
    status.textContent = `Your scenario: ${shown} per place per year. Notional costs recomputed for ${cells.length} rows; these are not published figures.`;
    remember(reading.tariff);
    // The table re-sorts if it is sorted by cost (site/components/SortableTable.astro).
    table.dispatchEvent(new Event('datachange'));
  };

  // The reader's tariff lives in the address (?tariff=…), so a shared link shows their scenario; the
  // published cost is the page without it. Other parameters (the table's sort) are kept.
  const remember = (tariff: number | null) => {
    const url = new URL(location.href);
    if (tariff === null) url.searchParams.delete('tariff');
    else url.searchParams.set('tariff', String(tariff));
    history.replaceState(history.state, '', url);
  };

  let timer = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    // Recompute as the reader types, but announce after a pause so screen readers are not flooded.
    timer = window.setTimeout(apply, 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.clearTimeout(timer);
    apply();
  });
  resetButton?.addEventListener('click', () => {
    input.value = String(published);
    input.removeAttribute('aria-invalid');
    showPublished();
    status.textContent = 'Back to the published cost per place.';
    remember(null);
  });
  const shared = new URLSearchParams(location.search).get('tariff');
  if (shared !== null) {
    input.value = shared;
    apply();
  }
}
