import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoRoot, readEnv } from '../src/index.ts';

describe('the repository root', () => {
  it('is the folder with pnpm-workspace.yaml, wherever the caller is', () => {
    const root = findRepoRoot();
    expect(existsSync(join(root, 'pnpm-workspace.yaml'))).toBe(true);
    expect(findRepoRoot(join(root, 'apps', 'contacts', 'src'))).toBe(root);
  });

  it("readEnv puts the given .env under the process environment (default: the root's)", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'organizer-env-')), '.env');
    writeFileSync(file, 'AUDIENCE=from-file\nONLY_FILE=1\n');
    expect(readEnv({ AUDIENCE: '' }, file)).toEqual({ AUDIENCE: '', ONLY_FILE: '1' });
  });
});
