// `npm run docs:config`: rewrites the configuration table in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigTable } from './config-table.ts';

const readmePath = new URL('../../README.md', import.meta.url);
writeFileSync(readmePath, withConfigTable(readFileSync(readmePath, 'utf8')));
console.log('README.md configuration table updated');
