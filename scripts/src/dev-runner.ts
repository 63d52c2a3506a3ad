import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { type CloseEvent, concurrently } from 'concurrently';
import { readyBanner } from './dev-banner.ts';
import type { DevPlan } from './dev-plan.ts';
import { takenPorts } from './dev-ports.ts';
import { waitForUrl } from './dev-ready.ts';

export interface RunDevOptions {
  /** Where the parts' commands run (the repository root for `pnpm --filter ./apps/...`). */
  cwd: string;
  output?: Writable;
  /** Colour the ready message; defaults to whether `output` is a terminal. */
  color?: boolean;
  readyTimeoutMs?: number;
  /** performance.now() when the run began, for the "ready in" figure; defaults to process start. */
  startedAt?: number;
  /** The command the messages name: `pnpm dev` (default) or `pnpm start`. */
  label?: string;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function describeExit(event: CloseEvent): string {
  return typeof event.exitCode === 'number' ? `exit code ${event.exitCode}` : `signal ${event.exitCode}`;
}

/** The part that ended on its own (not killed by us), if any: the reason everything is stopping. */
function firstToEnd(events: readonly CloseEvent[]): CloseEvent | undefined {
  return events
    .filter((event) => !event.killed)
    .sort((a, b) => a.timings.endDate.getTime() - b.timings.endDate.getTime())[0];
}

/**
 * Runs every part of the plan with prefixed, coloured logs (concurrently), prints one ready message once
 * each part answers, and stops all of them when one ends, when Ctrl-C/SIGTERM arrives, or when a part
 * never becomes ready. Resolves with the exit code for `pnpm dev`.
 */
export async function runDev(plan: DevPlan, options: RunDevOptions): Promise<number> {
  const out: Writable = options.output ?? process.stdout;
  const color = options.color ?? Boolean((out as NodeJS.WriteStream).isTTY);
  const say = (text: string) => out.write(`${text}\n`);
  const label = options.label ?? 'pnpm dev';

  const taken = await takenPorts(plan.parts.map((part) => part.port));
  if (taken.length > 0) {
    const names = plan.parts.filter((part) => taken.includes(part.port)).map((part) => `${part.port} (${part.name})`);
    say(`${label}: port ${names.join(', ')} already in use, so nothing was started.`);
    say(
      `Stop whatever listens there (an earlier \`${label}\`? find it with \`ss -ltnp 'sport = :${taken[0]}'\`) and run \`${label}\` again.`,
    );
    return 1;
  }

  let signalled: string | undefined;
  const onSignal = (signal: string) => {
    signalled ??= signal;
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);

  const { commands, result } = concurrently(
    plan.parts.map((part) => ({
      name: part.name,
      command: part.command,
      cwd: part.cwd === undefined ? options.cwd : join(options.cwd, part.cwd),
      prefixColor: part.color,
      env: part.env ?? {},
    })),
    { cwd: options.cwd, prefix: '{name}', padPrefix: true, killOthersOn: ['failure', 'success'], outputStream: out },
  );
  const stopping = new AbortController();
  const closed: Promise<CloseEvent[]> = result.then(
    (events) => events,
    (events: CloseEvent[]) => events,
  );
  void closed.then(() => stopping.abort());

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const spawnedAt = performance.now();
  const readyAfter: number[] = [];
  const ready = await Promise.all(
    plan.parts.map(async (part, index) => {
      const ok = await waitForUrl(part.readyUrl, timeoutMs, stopping.signal);
      readyAfter[index] = (performance.now() - spawnedAt) / 1000;
      return ok;
    }),
  );
  let failed = false;
  if (!stopping.signal.aborted) {
    const late = plan.parts.filter((_, index) => !ready[index]);
    if (late.length === 0) {
      const seconds = (performance.now() - (options.startedAt ?? 0)) / 1000;
      say(readyBanner(plan, seconds, color, readyAfter));
    } else {
      failed = true;
      for (const part of late)
        say(
          `${label}: ${part.name} did not answer at ${part.readyUrl} within ${timeoutMs / 1000} s; stopping everything.`,
        );
      for (const command of commands) command.kill('SIGTERM');
    }
  }

  const events = await closed;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  if (signalled) {
    say(`${label}: stopped (${signalled}).`);
    return 0;
  }
  const culprit = firstToEnd(events);
  if (culprit && !failed) {
    const when = ready.every(Boolean) ? 'stopped' : 'exited before it was ready';
    say(
      `${label}: ${culprit.command.name} ${when} (${describeExit(culprit)}); its log above says why. Stopped the other parts.`,
    );
  }
  return 1;
}
