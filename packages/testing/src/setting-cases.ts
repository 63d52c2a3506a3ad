/** The shared settings, each read by one parser in src/settings. */
export type SharedSetting = 'AUTH0_DOMAIN' | 'ISSUER_BASE_URL' | 'LOCAL_TENANT_URL' | 'AUDIENCE' | 'AUTH0_AUDIENCE';

/** One value of one setting and what every part reading it must make of it. */
export interface SettingCase {
  readonly variable: SharedSetting;
  readonly value: string;
  /** The issuer or audience it yields, or `refused` (a ConfigError naming the variable). */
  readonly expected: { readonly issuer: string } | { readonly audience: string } | 'refused';
}

const accept = (variable: SharedSetting, value: string, issuer: string): SettingCase => ({
  variable,
  value,
  expected: { issuer },
});
const audience = (variable: SharedSetting, value: string, result: string): SettingCase => ({
  variable,
  value,
  expected: { audience: result },
});
const refuse = (variable: SharedSetting, ...values: string[]): SettingCase[] =>
  values.map((value) => ({ variable, value, expected: 'refused' }));

/**
 * The accepted and refused values of each shared setting. The services, the SPA, `pnpm dev`, the scripts
 * and the local tenant are all tested against this one table, so they cannot drift apart again.
 */
export const SETTING_CASES: readonly SettingCase[] = [
  accept('AUTH0_DOMAIN', '', 'http://localhost:4000/'),
  accept('AUTH0_DOMAIN', '  ', 'http://localhost:4000/'),
  accept('AUTH0_DOMAIN', 'acme.eu.auth0.com', 'https://acme.eu.auth0.com/'),
  accept('AUTH0_DOMAIN', ' Acme.EU.Auth0.com ', 'https://acme.eu.auth0.com/'),
  accept('AUTH0_DOMAIN', 'login.organizer-example.com', 'https://login.organizer-example.com/'),
  ...refuse(
    'AUTH0_DOMAIN',
    'https://acme.eu.auth0.com',
    'https://acme.eu.auth0.com/',
    'acme.eu.auth0.com/',
    'acme.eu.auth0.com/path',
    'tenant.example.com:8443',
    'acme.eu.auth0.com:443',
    'localhost',
    'acme..auth0.com',
    '-acme.auth0.com',
    'acme_eu.auth0.com',
    'alice@acme.auth0.com',
    'ácme.auth0.com',
  ),

  accept('ISSUER_BASE_URL', '', 'http://localhost:4000/'),
  accept('ISSUER_BASE_URL', 'https://acme.eu.auth0.com', 'https://acme.eu.auth0.com/'),
  accept('ISSUER_BASE_URL', 'https://acme.eu.auth0.com/', 'https://acme.eu.auth0.com/'),
  accept('ISSUER_BASE_URL', 'http://127.0.0.1:4100/', 'http://127.0.0.1:4100/'),
  accept('ISSUER_BASE_URL', 'https://idp.example.com:8443/', 'https://idp.example.com:8443/'),
  accept('ISSUER_BASE_URL', 'https://organizer.logto.app/oidc', 'https://organizer.logto.app/oidc'),
  ...refuse(
    'ISSUER_BASE_URL',
    'acme.eu.auth0.com',
    'not a url',
    'ftp://acme.eu.auth0.com/',
    'https://acme.eu.auth0.com/?x=1',
    'https://acme.eu.auth0.com/#top',
    'https://alice:pw@acme.eu.auth0.com/',
  ),

  accept('LOCAL_TENANT_URL', '', 'http://localhost:4000/'),
  accept('LOCAL_TENANT_URL', 'http://localhost:4000', 'http://localhost:4000/'),
  accept('LOCAL_TENANT_URL', 'http://localhost:4000/', 'http://localhost:4000/'),
  accept('LOCAL_TENANT_URL', 'http://127.0.0.1:4000', 'http://127.0.0.1:4000/'),
  accept('LOCAL_TENANT_URL', 'http://[::1]:4100', 'http://[::1]:4100/'),
  accept('LOCAL_TENANT_URL', 'HTTP://LocalHost:4001', 'http://localhost:4001/'),
  ...refuse(
    'LOCAL_TENANT_URL',
    'https://localhost:4000',
    'http://tenant.example.com:4000',
    'http://192.168.1.10:4000',
    'http://127.0.0.2:4000',
    'http://localhost:4000/tenant',
    'http://localhost:4000/?x=1',
    'http://alice@localhost:4000',
    'http://localhost:0',
    'localhost:4000',
    'not a url',
  ),

  audience('AUDIENCE', '', 'organize'),
  audience('AUDIENCE', 'https://api.organizer.example', 'https://api.organizer.example'),
  audience('AUDIENCE', ' urn:organizer:api ', 'urn:organizer:api'),
  ...refuse('AUDIENCE', 'two words', 'orgänize', 'tab\there'),
  audience('AUTH0_AUDIENCE', '', 'organize'),
  audience('AUTH0_AUDIENCE', 'https://api.organizer.example', 'https://api.organizer.example'),
  ...refuse('AUTH0_AUDIENCE', 'two words', 'orgänize'),
];
