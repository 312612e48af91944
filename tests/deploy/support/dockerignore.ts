import { readRepoFile } from './paths.ts';

/** A .dockerignore pattern as a regular expression over slash-separated paths. */
function patternToRegExp(pattern: string): RegExp {
  let source = '';
  const glob = pattern.replace(/^\//, '');
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?'; // any number of directories, including none
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/, '\\$&');
  }
  // A pattern that matches a directory covers everything beneath it.
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** Is `path` left out of the build context? Last matching rule wins; `!` re-includes (Docker's rules). */
export function dockerIgnored(path: string): boolean {
  const rules = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let ignored = false;
  for (const rule of rules) {
    const negated = rule.startsWith('!');
    if (patternToRegExp(negated ? rule.slice(1) : rule).test(path)) ignored = !negated;
  }
  return ignored;
}
