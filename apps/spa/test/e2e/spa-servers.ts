import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@organizer/testing';
import { createSpaServer } from '../../server/static-server.ts';
import { spaServing } from '../../spa-serving.ts';
import { buildSpa, startVite, type ViteServer } from './vite-server.ts';

/** The built SPA's own server (server/static-server.ts, what `pnpm start` runs), in this process. */
async function startBuilt(outDir: string, env: NodeJS.ProcessEnv): Promise<Pick<ViteServer, 'url' | 'port' | 'stop'>> {
  const server: Server = createSpaServer(outDir, spaServing(env)).listen(0, 'localhost');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SpaServers {
  dev: ViteServer;
  /** `vite preview` of a build made for this run. */
  preview: ViteServer;
  /** The built SPA's own server, serving the same build. */
  built: Pick<ViteServer, 'url' | 'port' | 'stop'>;
  stop(): Promise<void>;
}

/** The dev server, and `vite preview` and the built SPA's server of a fresh build, side by side on free ports (no tenant, no services). */
export async function startSpaServers(env: NodeJS.ProcessEnv): Promise<SpaServers> {
  const outDir = await mkdtemp(join(tmpdir(), 'organizer-spa-preview-'));
  const started: Array<Pick<ViteServer, 'stop'>> = [];
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
    const built = await startBuilt(outDir, env);
    started.push(built);
    return { dev, preview, built, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
