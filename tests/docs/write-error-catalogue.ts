// `npm run docs:errors`: rewrites docs/errors.md from the error catalogue.
import { writeFileSync } from 'node:fs';
import { ERRORS_FILE, loadErrorCatalogue, renderErrorCatalogue } from './error-catalogue.ts';

const entries = await loadErrorCatalogue();
writeFileSync(ERRORS_FILE, renderErrorCatalogue(entries));
console.log(`docs/errors.md: ${entries.length} error codes`);
