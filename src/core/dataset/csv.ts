/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. Enough for datasets' split lists. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/** Rows as objects keyed by the header row (lower-cased, trimmed); undefined when a column is missing. */
export function csvRecords(text: string, required: string[]): Record<string, string>[] | undefined {
  const [head, ...body] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!head) return undefined;
  const names = head.map((h) => h.trim().toLowerCase());
  if (!required.every((r) => names.includes(r))) return undefined;
  return body.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()])));
}
