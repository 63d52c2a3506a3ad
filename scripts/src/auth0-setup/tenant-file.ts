import { tenant } from '@organizer/local-tenant/tenant';

/**
 * The tenant file's shape. The local tenant package exports the file but not its TenantDefinition
 * type, so the type is taken from the file itself (it `satisfies TenantDefinition`).
 */
export type TenantFile = typeof tenant;

export const TENANT_FILE: TenantFile = tenant;
