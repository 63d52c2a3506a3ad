// `dpop_jkt` at /authorize (RFC 9449 §10) binds the code to a key before the exchange; without it, the
// exchange's proof alone decides (auth0-js passes only the parameters it knows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeExchange, DpopClient, newDpopKey, postToken, refusalReasons } from './dpop-client.ts';
import { decodePayload, type LocalTenantUnderTest, logInForCode, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
let reasons: ReturnType<typeof refusalReasons>;
beforeAll(async () => {
  tenant = await startLocalTenant();
  reasons = refusalReasons(tenant.provider);
});
afterAll(() => tenant.stop());

describe('dpop_jkt at /authorize', () => {
  it('binds the code: the exchange with that key gets DPoP tokens', async () => {
    const client = new DpopClient(tenant.issuer, await newDpopKey());
    const login = await logInForCode(tenant.issuer, { dpop_jkt: client.key.jkt });
    const tokens = await client.token(codeExchange(login));
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe('DPoP');
    expect(decodePayload(String(tokens.body.access_token)).cnf).toEqual({ jkt: client.key.jkt });
  });

  it('refuses the bound code without a proof, or with a proof of another key', async () => {
    const key = await newDpopKey();
    const withoutProof = await postToken(
      tenant.issuer,
      codeExchange(await logInForCode(tenant.issuer, { dpop_jkt: key.jkt })),
    );
    expect(withoutProof.status).toBe(400);
    expect(withoutProof.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('missing DPoP proof JWT');

    const other = new DpopClient(tenant.issuer, await newDpopKey());
    const otherKey = await other.token(codeExchange(await logInForCode(tenant.issuer, { dpop_jkt: key.jkt })));
    expect(otherKey.status).toBe(400);
    expect(otherKey.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('DPoP proof key thumbprint does not match dpop_jkt');
  });

  it('is optional: a code from a login without dpop_jkt is exchanged with a proof of any key', async () => {
    const client = new DpopClient(tenant.issuer, await newDpopKey());
    const tokens = await client.token(codeExchange(await logInForCode(tenant.issuer)));
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe('DPoP');
    expect(decodePayload(String(tokens.body.access_token)).cnf).toEqual({ jkt: client.key.jkt });
  });
});
