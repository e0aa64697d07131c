/**
 * The /explore/ page: wires the form to the engine. Every value reaches the page through textContent
 * (never HTML), so a value such as <img src=x onerror=…> shows as the text it is.
 */
import { Engine, QueryCancelled, type ExploreConfig, type LoadProgress, type QueryResult } from './engine.ts';
import { cellKind, rowsText, toCsv } from './format.ts';
import { exploreHref, sqlFromSearch } from './link.ts';
import { knownKey, type KnownResult } from './known-key.ts';

/** Rows drawn in the page; the CSV holds every row kept (engine.KEEP_ROWS). */
export const SHOWN_ROWS = 10_000;

const byId = <T extends HTMLElement>(id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`/explore/ is missing #${id}`);
  return el as T;
};

const form = byId<HTMLFormElement>('explore-form');
const editor = byId<HTMLTextAreaElement>('explore-sql');
const runButton = byId<HTMLButtonElement>('explore-run');
const cancelButton = byId<HTMLButtonElement>('explore-cancel');
const examples = byId<HTMLSelectElement>('explore-examples');
const indicatorSql = byId<HTMLSelectElement>('explore-indicators');
const status = byId<HTMLParagraphElement>('explore-status');
const errorBox = byId<HTMLDivElement>('explore-error');
const errorMessage = byId<HTMLPreElement>('explore-error-message');
const actions = byId<HTMLDivElement>('explore-actions');
const csvButton = byId<HTMLButtonElement>('explore-csv');
const shareLink = byId<HTMLAnchorElement>('explore-share');
const resultBox = byId<HTMLDivElement>('explore-result');

const config = JSON.parse(byId<HTMLScriptElement>('explore-config').textContent ?? '{}') as ExploreConfig;

const number = new Intl.NumberFormat('en-GB');
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function showProgress(p: LoadProgress): void {
  if (p.phase === 'engine') {
    // With a compressed transfer the total is the compressed size, so a percentage can mislead.
    const of = p.bytesTotal >= p.bytesLoaded && p.bytesTotal > 0 ? ` of ${megabytes(p.bytesTotal)}` : '';
    status.textContent = `Loading the database engine (runs in your browser): ${megabytes(p.bytesLoaded)}${of}…`;
  } else if (p.phase === 'tables') {
    const names = p.tables ?? [];
    status.textContent = `Loading ${names.length === 1 ? 'the table' : 'the tables'} ${names.join(', ')}…`;
  } else {
    status.textContent = busy ? 'Running…' : `Ready: ${config.tables.length} tables, each loaded when a query first names it. Write a query and run it.`;
  }
}

const engine = new Engine(config, showProgress);
let lastResult: QueryResult | null = null;
let busy = false;

function setRunning(running: boolean): void {
  busy = running;
  runButton.disabled = running;
  cancelButton.hidden = !running;
  form.setAttribute('aria-busy', String(running));
}

function showError(message: string): void {
  errorMessage.textContent = message;
  errorBox.hidden = false;
}

function renderTable(result: QueryResult): HTMLTableElement {
  const fields = result.schema.fields;
  const columns = fields.map((f) => ({ name: f.name, type: String(f.type), numeric: cellKind(f.type) === 'number' }));
  return drawTable(columns, rowsText(result.batches, fields, SHOWN_ROWS));
}

/** A result as a table, the same for the engine's answer and a build-time one: text cells, NULL shown as NULL. */
function drawTable(columns: { name: string; type: string; numeric: boolean }[], rows: Iterable<(string | null)[]>): HTMLTableElement {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (c.numeric) th.className = 'num';
    th.textContent = c.name;
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = c.type;
    th.append(type);
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((text, i) => {
      const td = tr.insertCell();
      if (text === null) {
        td.className = 'null';
        td.textContent = 'NULL';
      } else {
        if (columns[i]?.numeric) td.className = 'num';
        td.textContent = text;
      }
    });
  }
  return table;
}

function describe(result: QueryResult): string {
  const ms = `${result.elapsedMs < 10 ? result.elapsedMs.toFixed(1) : Math.round(result.elapsedMs)} ms`;
  const rows = result.totalRows;
  if (rows <= SHOWN_ROWS) return `${number.format(rows)} ${rows === 1 ? 'row' : 'rows'} in ${ms}.`;
  const kept = result.keptRows < rows ? ` The CSV holds the first ${number.format(result.keptRows)}.` : ' The CSV holds them all.';
  return `${number.format(rows)} rows in ${ms}. Showing the first ${number.format(SHOWN_ROWS)}.${kept}`;
}

/**
 * A shared link runs its query on arrival, so a link could redefine a published table and then show
 * invented figures under this site's address. Statements that change tables are flagged next to the
 * row count (string literals are ignored when looking for them).
 */
const CHANGED_DATA_NOTE = 'Note: this query creates or changes tables in your browser, so its figures may not be the published ones.';
function changesData(sql: string): boolean {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  return /\b(create|drop|alter|insert|update|delete|truncate|attach|detach|copy|import|load|install|set|reset|pragma)\b/i.test(code);
}

/** A build-time result, drawn as the engine's result is (text cells, NULL shown as NULL). */
function renderKnown(known: KnownResult): HTMLTableElement {
  const table = drawTable(known.columns, known.rows);
  table.dataset.computed = 'build';
  // The mark stays on the table (the status line moves on to the engine's progress).
  const caption = table.createCaption();
  caption.className = 'computed-note';
  caption.textContent = `Computed at build time (edition ${known.edition})${known.totalRows > known.rows.length ? `: the first ${number.format(known.rows.length)} of ${number.format(known.totalRows)} rows` : ''}. The engine's own answer replaces this table when it arrives.`;
  return table;
}

/**
 * A query the build knows (the examples, each indicator's SQL, the league tables' links) is shown at
 * once from its build-time result, marked as such, while the engine loads; run() then replaces it
 * with the engine's answer. Nothing is shown if the engine answered first.
 */
async function showKnown(sql: string): Promise<void> {
  const key = knownKey(sql);
  if (!config.known?.includes(key)) return;
  const response = await fetch(new URL(`known/${key}.json`, new URL('/explore/', location.href)).href);
  if (!response.ok || lastResult) return;
  const known = (await response.json()) as KnownResult;
  if (known.sql !== sql.trim() || lastResult) return;
  resultBox.replaceChildren(renderKnown(known));
  resultBox.hidden = false;
  performance.mark('explore:shown-known');
  const shown = known.totalRows > known.rows.length ? ` Showing the first ${number.format(known.rows.length)}.` : '';
  status.textContent = `${number.format(known.totalRows)} ${known.totalRows === 1 ? 'row' : 'rows'} computed at build time (edition ${known.edition}).${shown} The database engine is loading in your browser and will replace them with its own answer.`;
}

async function run(sql: string): Promise<void> {
  if (busy) return;
  const url = exploreHref(sql);
  history.replaceState(null, '', url);
  shareLink.href = url;
  errorBox.hidden = true;
  setRunning(true);
  status.textContent = 'Running…';
  try {
    const result = await engine.run(sql);
    lastResult = result;
    resultBox.replaceChildren(renderTable(result));
    resultBox.hidden = false;
    performance.mark('explore:shown');
    actions.hidden = false;
    status.textContent = describe(result) + (changesData(sql) ? ` ${CHANGED_DATA_NOTE}` : '');
  } catch (e) {
    if (e instanceof QueryCancelled) {
      status.textContent = 'Cancelled. The engine was restarted; the tables are ready again.';
    } else {
      status.textContent = 'The query failed.';
      showError(e instanceof Error ? e.message : String(e));
    }
  } finally {
    setRunning(false);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void run(editor.value);
});

editor.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});

cancelButton.addEventListener('click', () => {
  status.textContent = 'Cancelling…';
  void engine.cancel();
});

for (const picker of [examples, indicatorSql]) {
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    editor.value = picker.value;
    editor.focus();
    status.textContent = `Loaded “${picker.selectedOptions[0]?.textContent ?? ''}” into the editor. Run it with the button or Ctrl+Enter.`;
    picker.value = '';
  });
}

csvButton.addEventListener('click', () => {
  if (!lastResult) return;
  const blob = new Blob([toCsv(lastResult.batches, lastResult.schema.fields)], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'justice-by-area-query.csv';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});

const fromUrl = sqlFromSearch(location.search);
if (fromUrl) {
  editor.value = fromUrl;
  showKnown(fromUrl).catch(() => {
    // The build-time copy is a head start only: without it the engine's answer still comes.
  });
  void run(fromUrl);
} else {
  engine.start().catch((e: unknown) => {
    status.textContent = 'The database engine could not start.';
    showError(e instanceof Error ? e.message : String(e));
  });
}
