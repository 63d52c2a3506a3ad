import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.ts';

const run = promisify(execFile);
const FAILING = new URL('./support/failing-process.ts', import.meta.url).pathname;

describe('createLogger', () => {
  it('writes one JSON line per call: level as a word, ISO time, the service, the fields, msg', () => {
    const lines: string[] = [];
    createLogger('contacts', (line) => lines.push(line)).info({ port: 3001 }, 'listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      service: 'contacts',
      port: 3001,
      msg: 'listening',
    });
  });
});

describe('logUncaught', () => {
  for (const how of ['throw', 'reject']) {
    it(`logs an uncaught failure (${how}) as one fatal JSON line with its stack, and the process still exits 1`, async () => {
      const failed = await run(process.execPath, [FAILING, how]).then(
        () => undefined,
        (err: { code: number; stdout: string; stderr: string }) => err,
      );
      expect(failed?.code).toBe(1);
      const lines = (failed?.stdout ?? '')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => [line.level, line.msg])).toEqual([
        ['info', 'started'],
        ['fatal', 'uncaught exception: the process stops'],
      ]);
      const fatal = lines[1] as { err: { message: string; stack: string }; origin: string };
      expect(fatal.err.message).toMatch(how === 'throw' ? 'thrown: nobody caught' : 'rejected: nobody waited');
      expect(fatal.err.stack).toContain('failing-process.ts');
      expect(fatal.origin).toBe(how === 'throw' ? 'uncaughtException' : 'unhandledRejection');
    });
  }
});
