import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyRecipeBlocks, shellEnv } from '../src/index.ts';

describe('copyRecipeBlocks', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'organizer-recipe-'));
    await writeFile(
      join(dir, 'README.md'),
      [
        '```sh',
        'outside',
        '```',
        '<!-- copy: first -->',
        '```sh',
        'npm init -y',
        '```',
        'Then:',
        '```ts',
        '// main.ts',
        'run();',
        '```',
        '<!-- /copy -->',
        '<!-- copy: second -->',
        '```',
        'plain',
        '```',
        '<!-- /copy -->',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("reads one recipe's fenced blocks, in order, and nothing outside its markers", async () => {
    expect(await copyRecipeBlocks(join(dir, 'README.md'), 'first')).toEqual([
      { lang: 'sh', body: 'npm init -y\n' },
      { lang: 'ts', body: '// main.ts\nrun();\n' },
    ]);
    expect(await copyRecipeBlocks(join(dir, 'README.md'), 'second')).toEqual([{ lang: '', body: 'plain\n' }]);
  });

  test('names the missing section', async () => {
    await expect(copyRecipeBlocks(join(dir, 'README.md'), 'third')).rejects.toThrow(
      'README.md has no <!-- copy: third --> … <!-- /copy --> section',
    );
  });
});

test("shellEnv drops what pnpm and vitest set for their children and adds the reader's variables", () => {
  expect(process.env.VITEST).toBeDefined();
  const env = shellEnv({ ORGANIZER: '/checkout' });
  expect(env.ORGANIZER).toBe('/checkout');
  expect(Object.keys(env).filter((name) => /^(npm_|pnpm_|VITEST|NODE_OPTIONS$)/i.test(name))).toEqual([]);
});
