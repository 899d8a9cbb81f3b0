/**
 * Splits one line of `-p` (parsable) output from zoneadm or dladm on `:`. Both tools escape
 * a literal colon inside a field as `\:` (zonepaths, MAC addresses); other backslashes are
 * printed as they are, so only `\:` is unescaped.
 */
export function splitParsable(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === ':') {
      current += ':';
      i++;
    } else if (ch === ':') {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}
