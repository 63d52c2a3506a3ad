import { ConfigError } from '@organizer/auth/settings';
import { startTenant } from './app.ts';
import { banner } from './banner.ts';
import { loadConfig } from './config.ts';

try {
  const config = loadConfig();
  const tenant = await startTenant(config);
  process.stdout.write(banner(tenant, config));
  const stop = () => void tenant.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `${(error as Error).message}: another process (perhaps a running local tenant) uses the port. Stop it, or set PORT.`,
    );
    process.exit(1);
  }
  throw error;
}
