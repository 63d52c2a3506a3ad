import { availableParallelism, cpus, loadavg, platform, release } from 'node:os';
import type { Pinning } from './cpu-pinning.ts';
import type { MachineInfo } from './report-types.ts';

export function machineInfo(pinning: Pinning): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    pinned: pinning.pinned,
    pinning: pinning.reason,
  };
}
