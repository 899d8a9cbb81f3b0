/**
 * zonecfg's command language, tokenised like zonecfg_lex.l: words, `=`, quoted strings (kept as one
 * value, no escapes), `[a,b]` lists, `;` and newlines end a command, `#` starts a comment.
 */
export interface ZcToken {
  text: string;
  kind: 'word' | 'quoted' | 'equals' | 'list';
}

export interface ZcCommand {
  tokens: ZcToken[];
  /** Line of the command's first token (1-based). */
  line: number;
  /**
   * What ended it. A command cut off by the end of input has no terminator: the grammar
   * (`commands: command terminator`) then never reduces it (inferred: yyerror stays silent at EOF).
   */
  terminator: '\n' | ';' | 'eof';
  /** A token the lexer could not make sense of: the parser reports a syntax error there. */
  badToken?: string;
}

const WORD_END = ' \t\n";=[]()#';

export function lexZonecfg(text: string): ZcCommand[] {
  const commands: ZcCommand[] = [];
  let tokens: ZcToken[] = [];
  let line = 1;
  let commandLine = line;
  let badToken: string | undefined;
  const endCommand = (terminator: ZcCommand['terminator']): void => {
    if (tokens.length > 0 || badToken !== undefined) {
      commands.push({ tokens, line: commandLine, terminator, ...(badToken === undefined ? {} : { badToken }) });
    }
    tokens = [];
    badToken = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (tokens.length === 0 && badToken === undefined) commandLine = line;
    if (c === '\n') {
      endCommand('\n');
      line++;
    } else if (badToken !== undefined) continue;
    else if (c === ';') endCommand(';');
    else if (c === ' ' || c === '\t' || c === '\r') continue;
    else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '=') tokens.push({ text: '=', kind: 'equals' });
    else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0 || text.slice(i + 1, end).includes('\n')) {
        badToken = text.slice(i, text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
        continue;
      }
      tokens.push({ text: text.slice(i + 1, end), kind: 'quoted' });
      i = end;
    } else if (c === '[') {
      const end = text.indexOf(']', i + 1);
      if (end < 0) {
        badToken = '[';
        continue;
      }
      tokens.push({ text: text.slice(i, end + 1), kind: 'list' });
      i = end;
    } else {
      let j = i;
      while (j < text.length && !WORD_END.includes(text[j] ?? ' ')) j++;
      if (j === i) {
        badToken = c;
        continue;
      }
      tokens.push({ text: text.slice(i, j), kind: 'word' });
      i = j - 1;
    }
  }
  endCommand('eof');
  return commands;
}
