import { tenant as definition } from '@organizer/local-tenant/tenant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTenant, readCliTenant } from '../src/cli-tenant.ts';
import { runToken } from '../src/token-run.ts';
import { type Stack, startStack } from './tenant-and-services.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

function cliTenant(): CliTenant {
  // A local tenant on another port, as ISSUER_BASE_URL selects it; the development secret is the default.
  return readCliTenant({ ISSUER_BASE_URL: stack.tenant.issuer });
}

async function tokenFor(who: string[]): Promise<{ token: string; info: string[] }> {
  const tokens: string[] = [];
  const info: string[] = [];
  await runToken(who, cliTenant(), definition, { token: (t) => tokens.push(t), info: (line) => info.push(line) });
  expect(tokens).toHaveLength(1);
  return { token: tokens[0]!, info };
}

const call = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });

describe('pnpm access-token', () => {
  it('prints a token for alice, obtained through login and consent, that both services accept', async () => {
    const { token, info } = await tokenFor(['alice']);
    expect(token.split('.')).toHaveLength(3);
    expect(info[0]).toContain('scope "read:contacts write:contacts read:calendar write:calendar"');
    expect((await call(stack.contacts, token)).status).toBe(200);
    expect((await call(stack.calendar, token)).status).toBe(200);
  });

  it("prints bob's token, which RBAC limits to read:contacts", async () => {
    const { token } = await tokenFor(['bob@example.com']);
    expect((await call(stack.contacts, token)).status).toBe(200);
    expect((await call(stack.calendar, token)).status).toBe(403);
  });

  it('prints the M2M token', async () => {
    const { token, info } = await tokenFor(['m2m']);
    expect(info[0]).toContain('organizer-m2m: scope "read:contacts"');
    expect((await call(stack.contacts, token)).status).toBe(200);
    expect((await call(stack.calendar, token)).status).toBe(403);
  });

  it('refuses unknown users and user tokens from a non-local tenant', async () => {
    await expect(tokenFor(['mallory'])).rejects.toThrow(/No demo user "mallory".*users: alice, bob/);
    const auth0 = readCliTenant({ AUTH0_DOMAIN: 'demo.eu.auth0.com', AUTH0_M2M_CLIENT_SECRET: 'x' });
    await expect(
      runToken(['alice'], auth0, definition, { token: () => undefined, info: () => undefined }),
    ).rejects.toThrow(/local tenant only/);
    await expect(
      runToken(['a', 'b'], auth0, definition, { token: () => undefined, info: () => undefined }),
    ).rejects.toThrow(/Usage: pnpm access-token/);
  });
});
