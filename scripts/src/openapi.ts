// `pnpm openapi [--check]`: wiring only. Writes openapi/organize.json, or with --check says whether it is
// up to date with the services' schemas (exit 1 if not).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { DOCUMENT_PATH, documentText } from './openapi-document.ts';

const file = join(findRepoRoot(), DOCUMENT_PATH);
const text = documentText();
const args = process.argv.slice(2);
if (args.some((arg) => arg !== '--check')) {
  console.error('usage: pnpm openapi [--check]');
  process.exit(2);
}
if (args.includes('--check')) {
  const current = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current !== text) {
    console.error(`${DOCUMENT_PATH} differs from the services' schemas: run pnpm openapi`);
    process.exit(1);
  }
  console.log(`${DOCUMENT_PATH} is up to date`);
} else {
  writeFileSync(file, text);
  console.log(`wrote ${DOCUMENT_PATH} (${text.length} bytes)`);
}
