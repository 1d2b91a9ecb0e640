/**
 * RFC 4180 CSV: fields with comma, quote, CR or LF are quoted; quotes doubled; CRLF rows.
 * Cells a spreadsheet would run as a formula (OWASP's CSV-injection rule: a leading `=`, `+`,
 * `-`, `@`, tab or CR) get a leading apostrophe, so model text such as `=HYPERLINK(...)` stays
 * text. Plain numbers such as `-0.5` are left as they are; `parseCsv` takes the apostrophe off
 * again, so an exported file reads back unchanged.
 */

/** What the export note says about neutralised cells. */
export const CSV_FORMULA_NOTE = "Cells that start with =, +, -, @, a tab or a carriage return are written with a leading apostrophe (') so spreadsheets show them as text instead of running them as formulas.";

const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The cell as written: an apostrophe in front of anything a spreadsheet could run. */
export function neutralizeCell(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** Undoes `neutralizeCell` for text read back from an exported file. */
function restoreCell(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) && !PLAIN_NUMBER.test(s.slice(1)) ? s.slice(1) : s;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(raw: string): string {
  const s = neutralizeCell(raw);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Parses CSV text into rows of fields; throws a sentence on an unterminated quote. */
export function parseCsv(text: string, fileName = 'the file'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(restoreCell(field));
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(restoreCell(field));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error(`${fileName} ends inside a quoted field; the CSV is cut off or malformed. Export it again.`);
  if (field !== '' || row.length > 0) {
    row.push(restoreCell(field));
    rows.push(row);
  }
  return rows;
}
