import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '@organizer/auth/read-env';
import { describe, expect, it } from 'vitest';
import { findRepoRoot, workspaceEnvFile } from '../src/index.ts';

describe('the repository root', () => {
  it('is the folder with pnpm-workspace.yaml, wherever the caller is', () => {
    const root = findRepoRoot();
    expect(existsSync(join(root, 'pnpm-workspace.yaml'))).toBe(true);
    expect(findRepoRoot(join(root, 'apps', 'contacts', 'src'))).toBe(root);
  });

  it('is an error outside any workspace', () => {
    const outside = mkdtempSync(join(tmpdir(), 'organizer-no-workspace-'));
    expect(() => findRepoRoot(outside)).toThrow(`pnpm-workspace.yaml not found above ${outside}`);
  });
});

describe('workspaceEnvFile', () => {
  it("is the root's .env by default, for the tools", () => {
    expect(workspaceEnvFile()).toBe(join(findRepoRoot(), '.env'));
  });

  it('is the .env of the workspace that holds the folder, read under the process environment', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'organizer-workspace-'));
    writeFileSync(join(workspace, 'pnpm-workspace.yaml'), 'packages: []\n');
    writeFileSync(join(workspace, '.env'), 'AUDIENCE=from-root\nONLY_FILE=1\n');
    const part = join(workspace, 'apps', 'contacts');
    mkdirSync(part, { recursive: true });
    expect(workspaceEnvFile(part)).toBe(join(workspace, '.env'));
    expect(readEnv({ AUDIENCE: '' }, workspaceEnvFile(part))).toEqual({ AUDIENCE: '', ONLY_FILE: '1' });
  });

  it('is .env in the working directory outside a workspace, as for a pnpm deploy bundle', () => {
    expect(workspaceEnvFile(mkdtempSync(join(tmpdir(), 'organizer-bundle-')))).toBe('.env');
  });
});
