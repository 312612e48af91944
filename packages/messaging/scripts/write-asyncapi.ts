// Writes docs/asyncapi.json from the event catalogue (npm run asyncapi -w @ejp/messaging).
// A test fails when the committed file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { asyncApiFileContent, ASYNCAPI_FILE, repoPath } from '../src/asyncapi/asyncapi-file.ts';

writeFileSync(repoPath(ASYNCAPI_FILE), asyncApiFileContent());
console.log(`wrote ${ASYNCAPI_FILE}`);
