/**
 * Preloaded (with --import) into the service by `pnpm bench --profile-scenarios`: each SIGUSR2 starts,
 * then stops, V8's CPU profiler in this process, writing <n>.cpuprofile into BENCH_PROFILE_DIR. The
 * benchmark signals around each measured run, so every scenario gets its own profiles, taken in the same
 * process and interleaved like the measurements. Benchmark-only: a service never loads this file, and
 * the environment variable is the benchmark's way to hand the preload its folder.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
let running = false;
let written = 0;
let busy: Promise<void> = Promise.resolve();

async function toggle(): Promise<void> {
  if (!running) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    running = true;
    writeFileSync(join(dir, `${written}.started`), '');
    return;
  }
  const { profile } = await session.post('Profiler.stop');
  running = false;
  writeFileSync(join(dir, `${written}.cpuprofile`), JSON.stringify(profile));
  written += 1;
}

process.on('SIGUSR2', () => {
  busy = busy.then(toggle, toggle);
});
process.once('SIGTERM', () => process.exit(0));
