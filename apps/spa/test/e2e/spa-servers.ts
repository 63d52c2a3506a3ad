import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSpa, freePort, startVite, type ViteServer } from './vite-server.ts';

export interface SpaServers {
  dev: ViteServer;
  /** `vite preview` of a build made for this run. */
  preview: ViteServer;
  stop(): Promise<void>;
}

/** The dev server and `vite preview` of a fresh build, side by side on free ports (no tenant, no services). */
export async function startSpaServers(env: NodeJS.ProcessEnv): Promise<SpaServers> {
  const outDir = await mkdtemp(join(tmpdir(), 'organizer-spa-preview-'));
  const started: ViteServer[] = [];
  const stop = async () => {
    await Promise.all(started.map((server) => server.stop()));
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    const [devPort, previewPort] = [await freePort(), await freePort()];
    await buildSpa(outDir, env);
    const dev = await startVite('dev', env, { port: devPort });
    started.push(dev);
    const preview = await startVite('preview', env, { port: previewPort, outDir });
    started.push(preview);
    return { dev, preview, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
