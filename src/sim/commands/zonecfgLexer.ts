/**
 * zonecfg's command language, tokenised like zonecfg_lex.l: words, `=`, quoted strings (kept as one
 * value), `[a,b]` lists, `;` and newlines end a command, `#` starts a comment.
 */
export interface ZcToken {
  text: string;
  kind: 'word' | 'quoted' | 'equals' | 'list';
}

export interface ZcCommand {
  tokens: ZcToken[];
  line: number;
}

export class ZonecfgSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

const WORD_END = ' \t\n";=[]()#';

export function lexZonecfg(text: string, firstLine = 1): ZcCommand[] {
  const commands: ZcCommand[] = [];
  let tokens: ZcToken[] = [];
  let line = firstLine;
  let commandLine = line;
  const endCommand = (): void => {
    if (tokens.length > 0) commands.push({ tokens, line: commandLine });
    tokens = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (tokens.length === 0) commandLine = line;
    if (c === '\n') {
      endCommand();
      line++;
    } else if (c === ';') endCommand();
    else if (c === ' ' || c === '\t' || c === '\r') continue;
    else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '=') tokens.push({ text: '=', kind: 'equals' });
    else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0 || text.slice(i + 1, end).includes('\n')) throw new ZonecfgSyntaxError(line, 'syntax error at end of line');
      tokens.push({ text: text.slice(i + 1, end), kind: 'quoted' });
      i = end;
    } else if (c === '[') {
      const end = text.indexOf(']', i + 1);
      if (end < 0) throw new ZonecfgSyntaxError(line, "syntax error at '['");
      tokens.push({ text: text.slice(i, end + 1), kind: 'list' });
      i = end;
    } else {
      let j = i;
      while (j < text.length && !WORD_END.includes(text[j] ?? ' ')) j++;
      if (j === i) throw new ZonecfgSyntaxError(line, `syntax error at '${c}'`);
      tokens.push({ text: text.slice(i, j), kind: 'word' });
      i = j - 1;
    }
  }
  endCommand();
  return commands;
}
