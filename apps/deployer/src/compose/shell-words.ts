/**
 * Splits a command string into words as docker's compose loader does (google/shlex): whitespace
 * separates words; single quotes keep everything literally; double quotes allow `\` to escape the next
 * character; an unquoted `\` escapes the next character; `#` at the start of a word begins a comment.
 * Returns undefined for an unterminated quote or a trailing escape.
 */
export function splitShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (ch === '#' && word === undefined) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return undefined;
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let part = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          if (j + 1 >= text.length) return undefined;
          j++;
        }
        part += text[j];
        j++;
      }
      if (j >= text.length) return undefined;
      word = (word ?? '') + part;
      i = j + 1;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return undefined;
      word = (word ?? '') + text[i + 1];
      i += 2;
    } else {
      word = (word ?? '') + ch;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
