import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@organizer/testing';
import { createSpaServer } from '../../server/static-server.ts';
import { spaServing } from '../../spa-serving.ts';
import { BUILT_PAGE_DIR, pnpmBuildOnce } from './build.ts';
import { startVite, type ViteServer } from './vite-server.ts';

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
  /** `vite preview` of the run's build (`pnpm build`, shared with the other files that need it). */
  preview: ViteServer;
  /** The built SPA's own server, serving the same build. */
  built: Pick<ViteServer, 'url' | 'port' | 'stop'>;
  stop(): Promise<void>;
}

/** The dev server, and `vite preview` and the built SPA's server of the run's build, side by side on free ports (no tenant, no services). */
export async function startSpaServers(env: NodeJS.ProcessEnv): Promise<SpaServers> {
  const started: Array<Pick<ViteServer, 'stop'>> = [];
  const stop = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };
  try {
    const build = await pnpmBuildOnce();
    if (build.code !== 0) throw new Error(`pnpm build exited ${build.code}:\n${build.output.slice(-4000)}`);
    const [devPort, previewPort] = [await freePort(), await freePort()];
    const dev = await startVite('dev', env, { port: devPort });
    started.push(dev);
    const preview = await startVite('preview', env, { port: previewPort, outDir: BUILT_PAGE_DIR });
    started.push(preview);
    const built = await startBuilt(BUILT_PAGE_DIR, env);
    started.push(built);
    return { dev, preview, built, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
