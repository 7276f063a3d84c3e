import { describe, expect, it } from 'vitest';

import { splitShellWords } from './shell-words.js';

describe('splitShellWords', () => {
  it('splits on whitespace', () => {
    expect(splitShellWords('httpd -f  -p 8080')).toEqual(['httpd', '-f', '-p', '8080']);
    expect(splitShellWords('  ')).toEqual([]);
  });

  it('keeps quoted text together', () => {
    expect(splitShellWords(`sh -c 'echo "$A" && sleep 1'`)).toEqual(['sh', '-c', 'echo "$A" && sleep 1']);
    expect(splitShellWords('sh -c "echo \\"x\\" y"')).toEqual(['sh', '-c', 'echo "x" y']);
    expect(splitShellWords(`a'b'"c"d`)).toEqual(['abcd']);
    expect(splitShellWords(`''`)).toEqual(['']);
  });

  it('handles escapes and comments', () => {
    expect(splitShellWords('a\\ b c')).toEqual(['a b', 'c']);
    expect(splitShellWords('echo a #comment')).toEqual(['echo', 'a']);
    expect(splitShellWords('echo a#b')).toEqual(['echo', 'a#b']);
  });

  it('refuses unterminated quotes', () => {
    expect(splitShellWords(`echo 'a`)).toBeUndefined();
    expect(splitShellWords('echo "a')).toBeUndefined();
    expect(splitShellWords('echo \\')).toBeUndefined();
  });
});
