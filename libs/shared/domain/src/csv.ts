/**
 * Reads CSV as RFC 4180 describes it (quoted fields, doubled quotes, CRLF or LF line ends, a
 * header row), plus what spreadsheets write: a byte-order mark and `;` as separator when the
 * header has no comma. A field that `csvRecord` guarded against formulas (an apostrophe before
 * `=`, `+`, `-`, `@`) loses that apostrophe. Returns the header and the rows with their line
 * numbers for error messages.
 */
export interface CsvTable {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvTable {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let index = 0;
  const endCell = () => {
    cells.push(GUARDED.test(cell) ? cell.slice(1) : cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (index < source.length) {
    const char = source[index];
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          cell += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      index += 1;
      continue;
    }
    if (char === '"') {
      if (cell !== '') throw new CsvSyntaxError(line, 'a quote may only start a field');
      quoted = true;
    } else if (char === separator) {
      endCell();
    } else if (char === '\r' && source[index + 1] === '\n') {
      index += 1;
      continue;
    } else if (char === '\n') {
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += char;
    }
    index += 1;
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is not closed');
  endRecord();
  const [head, ...rows] = records;
  return { header: (head?.cells ?? []).map((name) => name.trim()), rows };
}

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
 * first), also behind apostrophes already there; a plain signed number is data, not a formula.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]?\d+([.,]\d+)?$/;
/** What `csvRecord` wrote for formula-like text: one apostrophe more. */
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * Writes one CSV record as RFC 4180 describes it, ending in CRLF: a field with a separator, a
 * quote, or a line break is quoted with its quotes doubled. Text that a spreadsheet would run as a
 * formula (a supplier's name such as `=HYPERLINK(...)` in a ministry's export) gets an apostrophe
 * in front, which spreadsheets show as text; `parseCsv` removes it again, so it reads every
 * record back as it was.
 */
export function csvRecord(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvField(cell: string | number | null): string {
  const value = cell === null ? '' : String(cell);
  const text = typeof cell === 'string' && FORMULA_LIKE.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
