/** CSV (RFC 4180) reading and single-line row writing for the batch cases and output files. */
import { csvCell } from '../output.js';

/** Parses CSV text into rows of fields: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // BOM
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines are no rows.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** One CSV line (with its newline). Strings are kept on one line (newlines become spaces), so a row is a line. */
export function csvRow(values: unknown[]): string {
  return values.map((v) => csvCell(typeof v === 'string' ? v.replace(/\r?\n|\r/g, ' ') : v)).join(',') + '\n';
}
