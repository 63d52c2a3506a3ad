import type { LoadGenerator } from './load-client.ts';
import type { LoadJob, LoadResult } from './load-job.ts';
import { readCpuTimes } from './process-cpu.ts';
import type { ServiceProcess } from './service-process.ts';

export interface MeasuredRunner {
  /** Runs a job and adds the service's CPU run/wait, the generator's CPU and the service's RSS after it. */
  run(job: LoadJob): Promise<LoadResult>;
  /** Every request completed so far (warm-up included). */
  servedRequests(): number;
}

export function measuredRunner(load: LoadGenerator, service: ServiceProcess): MeasuredRunner {
  const generatorPid = load.pid;
  let served = 0;
  return {
    async run(job) {
      const before = service.cpuTimes();
      const generatorBefore = generatorPid === undefined ? undefined : readCpuTimes(generatorPid);
      const result = await load.run(job);
      const generatorAfter = generatorPid === undefined ? undefined : readCpuTimes(generatorPid);
      const after = service.cpuTimes();
      served += result.requests;
      return {
        ...result,
        serviceCpu: before && after ? { run: after.run - before.run, wait: after.wait - before.wait } : undefined,
        generatorCpu: generatorBefore && generatorAfter ? generatorAfter.run - generatorBefore.run : undefined,
        serviceRssAfter: service.rssBytes(),
      };
    },
    servedRequests: () => served,
  };
}
