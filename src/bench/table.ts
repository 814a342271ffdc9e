/** Formatting: numbers with units, and a plain-text table with aligned columns. */

export interface Row {
  /** Section heading the row belongs to ("Engine (Node)", "Browser", …). */
  section: string;
  what: string;
  nuchter: string;
  floor: string;
  /** The other approach: the naive compromise one, or mark.js. */
  other: string;
  /** Nuchter ÷ floor. */
  overFloor: string;
  /** Other ÷ Nuchter: how many times faster Nuchter is. */
  otherOver: string;
  budget: string;
  /** Undefined when the row has no budget. */
  pass?: boolean;
}

export const ms = (value: number) =>
  Number.isFinite(value) ? `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms` : '–';
export const times = (value: number) =>
  Number.isFinite(value) ? `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×` : '–';
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
/** A change in size, with its sign. */
export const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${kb(bytes)}`;
export const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;
export const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;

const COLUMNS: [keyof Row, string][] = [
  ['what', 'measurement'],
  ['nuchter', 'Nuchter'],
  ['floor', 'floor'],
  ['other', 'naive / mark.js'],
  ['overFloor', 'Nuchter÷floor'],
  ['otherOver', 'other÷Nuchter'],
  ['budget', 'budget'],
];

const result = (row: Row) => (row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL');

/** Renders the rows as one table, grouped by section, with a pass/fail column. */
export function renderTable(rows: Row[]): string {
  const cells = (row: Row) => [...COLUMNS.map(([key]) => String(row[key])), result(row)];
  const header = [...COLUMNS.map(([, title]) => title), 'result'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => cells(row)[column]!.length)),
  );
  const line = (values: string[]) =>
    values.map((value, column) =>
      column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!),
    );
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const out = [line(header).join(' | '), rule];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(`${section}:`);
    }
    out.push(line(cells(row)).join(' | '));
  }
  return out.join('\n');
}

/** A two-column list (label, value) for the smaller tables: machine, engine profile. */
export function renderPairs(pairs: [string, string][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}
