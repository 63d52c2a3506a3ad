import { createHash } from 'node:crypto';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { TenantDefinition } from './tenant-definition.ts';

export interface Account {
  /** The `sub` claim, shaped like Auth0's database users: `auth0|<24 hex digits>`. */
  id: string;
  email: string;
  name: string;
  /** Every API permission the user's roles grant (RBAC). */
  permissions: ReadonlySet<string>;
}

export interface AccountStore {
  findById(id: string): Account | undefined;
  /** The account for these credentials, or undefined for an unknown email or a wrong password alike. */
  authenticate(email: string, password: string): Promise<Account | undefined>;
}

function accountId(email: string): string {
  // Stable across restarts, so tokens and remembered consent keep pointing at the same user.
  return `auth0|${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}`;
}

/** Hashes the configured passwords once; only the salted hashes are kept. */
export async function createAccountStore(definition: TenantDefinition): Promise<AccountStore> {
  const rolePermissions = new Map(definition.roles.map((role) => [role.name, role.permissions]));
  const entries = await Promise.all(
    definition.users.map(async (user) => {
      const account: Account = {
        id: accountId(user.email),
        email: user.email,
        name: user.name,
        permissions: new Set(user.roles.flatMap((role) => rolePermissions.get(role) ?? [])),
      };
      return { account, hash: await hashPassword(user.password) };
    }),
  );
  const byEmail = new Map(entries.map((entry) => [entry.account.email.toLowerCase(), entry]));
  const byId = new Map(entries.map((entry) => [entry.account.id, entry.account]));
  // Checked against for unknown emails, so both failure cases cost one scrypt and look alike.
  const decoy = await hashPassword('decoy password for unknown users');

  return {
    findById: (id) => byId.get(id),
    async authenticate(email, password) {
      const entry = byEmail.get(email.trim().toLowerCase());
      const matches = await verifyPassword(password, entry?.hash ?? decoy);
      return entry && matches ? entry.account : undefined;
    },
  };
}
