/** A command list as /bin/sh sees it: pipelines joined by `;`, `&&` or `||`. */
export interface ListItem {
  /** How this pipeline relates to the previous one (the first is always ';'). */
  op: ';' | '&&' | '||';
  pipeline: string[][];
}

export class ShellSyntaxError extends Error {}

type Token = { word: string } | { op: '|' | ';' | '&&' | '||' };

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) tokens.push({ word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] ?? '';
        const next = line[j + 1] ?? '';
        if (d === '\\' && '"\\$`\n'.includes(next) && next !== '') {
          if (next !== '\n') word += next;
          j++;
        } else word += d;
      }
      if (j >= line.length) throw new ShellSyntaxError('unterminated quoted string');
      i = j;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) continue;
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i++;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (c === '\n') {
        flush();
        tokens.push({ op: ';' });
      } else flush();
    } else if (c === '#' && !inWord) {
      const end = line.indexOf('\n', i);
      i = end < 0 ? line.length : end - 1;
    } else if (c === '|' || c === ';' || c === '&') {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '||' || two === '&&') {
        tokens.push({ op: two });
        i++;
      } else if (c === '&') throw new ShellSyntaxError("background jobs ('&') are not supported");
      else tokens.push({ op: c });
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

/** Parses what the project sends: quoted words, `|` pipelines, `;`/`&&`/`||` lists. */
export function parseCommandLine(line: string): ListItem[] {
  const items: ListItem[] = [];
  let op: ListItem['op'] = ';';
  let pipeline: string[][] = [];
  let argv: string[] = [];
  const endPipeline = (next: ListItem['op'], what: string): void => {
    if (argv.length === 0) {
      if (pipeline.length === 0 && next === ';') return;
      throw new ShellSyntaxError(`syntax error near unexpected token '${what}'`);
    }
    pipeline.push(argv);
    items.push({ op, pipeline });
    op = next;
    pipeline = [];
    argv = [];
  };
  for (const token of tokenize(line)) {
    if ('word' in token) argv.push(token.word);
    else if (token.op === '|') {
      if (argv.length === 0) throw new ShellSyntaxError("syntax error near unexpected token '|'");
      pipeline.push(argv);
      argv = [];
    } else endPipeline(token.op, token.op);
  }
  if (argv.length > 0 || pipeline.length > 0) endPipeline(';', 'end of line');
  else if (op !== ';') throw new ShellSyntaxError('syntax error: unexpected end of file');
  return items;
}
