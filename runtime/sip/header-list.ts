/**
 * Splits a header value at the commas that separate list elements
 * (`Via: a, b`), ignoring commas inside quoted strings and `<...>` URIs.
 * Elements are trimmed; empty elements are kept so strict readers (Via)
 * can reject them.
 */
export function splitHeaderList(value: string): string[] {
  if (value.indexOf(',') < 0) return [value.trim()];
  const parts: string[] = [];
  let inQuotes = false;
  let inAngle = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuotes) {
      if (c === 0x5c) i++; // quoted-pair: skip the escaped character
      else if (c === 0x22) inQuotes = false;
    } else if (c === 0x22) inQuotes = true;
    else if (c === 0x3c) inAngle = true;
    else if (c === 0x3e) inAngle = false;
    else if (c === 0x2c && !inAngle) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}
