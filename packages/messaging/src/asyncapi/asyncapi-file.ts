import { fileURLToPath } from 'node:url';
import { asyncApiDocument } from './asyncapi-document.ts';

/** Where the committed document lives, relative to the repository root. */
export const ASYNCAPI_FILE = 'docs/asyncapi.json';

/** The committed document: default topic, exactly as the script writes it. */
export function asyncApiFileContent(): string {
  return `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
}

export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../../../${relative}`, import.meta.url));
}
