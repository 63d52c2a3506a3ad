import { LogCollector } from '@organizer/testing';
import express, { type Express } from 'express';
import { type AuthConfig, createProtection, type Protection, type ProtectionOptions } from '../../src/index.ts';

export const TEST_SCOPE = 'read:things';

export interface ProtectedTestApp {
  readonly app: Express;
  readonly protection: Protection;
  readonly logs: LogCollector;
}

/**
 * A minimal service wired like the real ones: open /health, /api/things needing `read:things`,
 * /api/other needing `read:other`, /boom throwing. Extra middleware (such as a body parser) goes in front of the routes.
 */
export function protectedTestApp(
  issuerBaseUrl: string,
  options: ProtectionOptions = {},
  extra: express.RequestHandler[] = [],
  config: Partial<AuthConfig> = {},
): ProtectedTestApp {
  const logs = new LogCollector();
  const protection = createProtection(
    { issuerBaseUrl, audience: 'organize', spaOrigin: 'http://spa.test:3000', ...config },
    { service: 'test', log: logs.sink, ...options },
  );
  const app = express();
  app.use(protection.beforeRoutes);
  if (extra.length > 0) app.use(extra);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.all('/api/things', protection.requireScope(TEST_SCOPE), (req, res) => {
    res.json({ sub: req.auth?.payload.sub });
  });
  app.get('/api/other', protection.requireScope('read:other'), (_req, res) => {
    res.json({ other: true });
  });
  app.get('/boom', () => {
    throw new Error('internal detail: db password hunter2');
  });
  app.use(protection.afterRoutes);
  return { app, protection, logs };
}
