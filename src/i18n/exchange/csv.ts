/**
 * RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled. Written with a
 * UTF-8 byte-order mark so spreadsheet programs open Arabic or Cyrillic text correctly; read with the
 * separator a spreadsheet may have changed it to (";" in many European locales, or a tab).
 */
export class CsvError extends Error {}

function quote(field: string, separator: string): string {
  return /["\r\n]/.test(field) || field.includes(separator) || field !== field.trim() ? `"${field.replace(/"/g, '""')}"` : field;
}

export function writeCsv(rows: readonly (readonly string[])[], separator = ","): string {
  return `\uFEFF${rows.map((row) => row.map((f) => quote(f, separator)).join(separator)).join("\r\n")}\r\n`;
}

function detectSeparator(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((s) => [s, header.split(s).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function readCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (char === "\r" && text[i + 1] === "\n") i += 1;
    } else field += char;
    i += 1;
  }
  if (quoted) throw new CsvError("a quoted field is never closed");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ""));
}
