// `npm start`, `npm run demo` and `npm test` run this first. The code base is
// TypeScript that Node runs by type stripping, which older Node versions do
// not have: they die with ERR_UNKNOWN_FILE_EXTENSION, which says nothing about
// the real cause. This file is plain JavaScript in syntax every Node since 14
// understands, so it can say it in one line instead.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOW_TO_GET = 'install Node.js 24 LTS from https://nodejs.org/en/download (or `nvm install 24 && nvm use 24`)';

/** The minimum of an engines range of the form `>=22.22` (the only form this repository uses). */
export function minimumOf(range) {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(range).trim());
  if (!match) throw new Error(`package.json engines.node "${range}": write it as >=MAJOR.MINOR`);
  return match.slice(1).map((part) => Number(part || 0));
}

/** The one line to print when `version` (e.g. `20.20.2`) is older than `range`, else undefined. */
export function nodeVersionProblem(version, range) {
  const have = String(version).replace(/^v/, '').split('.').map(Number);
  const need = minimumOf(range);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] || 0) > need[i]) return undefined;
    if ((have[i] || 0) < need[i]) {
      const needed = need[2] ? need.join('.') : `${need[0]}.${need[1]}`;
      return `Employee Journey Platform needs Node.js ${needed} or newer (this is v${have.join('.')}): ${HOW_TO_GET}.`;
    }
  }
  return undefined;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
  const problem = nodeVersionProblem(process.versions.node, JSON.parse(readFileSync(manifest, 'utf8')).engines.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
