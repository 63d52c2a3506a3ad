import { tenant, type TenantDefinition } from '@organizer/local-tenant/tenant';

/** The tenant file's shape (apps/local-tenant/src/tenant-definition.ts). */
export type TenantFile = TenantDefinition;

export const TENANT_FILE: TenantFile = tenant;
