/** The shape of tenant.config.ts. Validation of a definition lives beside it (owned by the local tenant). */
export interface Permission {
  /** The scope string, e.g. `read:contacts`. */
  value: string;
  /** What the user is asked to allow on the consent page. */
  description: string;
}

export interface ApiDefinition {
  name: string;
  identifier: string;
  signingAlgorithm: 'RS256';
  tokenLifetimeSeconds: number;
  allowSkippingUserConsent: boolean;
  permissions: readonly Permission[];
}

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: readonly string[];
}

export interface UserDefinition {
  email: string;
  name: string;
  password: string;
  roles: readonly string[];
}

export interface SpaApplication {
  name: string;
  clientId: string;
  callbackUrls: readonly string[];
  logoutUrls: readonly string[];
  webOrigins: readonly string[];
}

export interface M2mApplication {
  name: string;
  clientId: string;
  grantedPermissions: readonly string[];
}

export interface TenantDefinition {
  api: ApiDefinition;
  defaultAudience?: string | undefined;
  roles: readonly RoleDefinition[];
  users: readonly UserDefinition[];
  applications: { spa: SpaApplication; m2m: M2mApplication };
}
