import type { ProofReplayGuard } from '@organizer/auth';
import type { Kysely, Migration } from 'kysely';

/** One DPoP proof a service accepted (its key and jti, hashed), kept until it could no longer be accepted. */
export interface DpopProofsTable {
  readonly id: string;
  /** Unix seconds. */
  readonly expires_at: number;
}

/** What a service's database has for DPoP: its `dpop_proofs` table. */
export interface ProofsDb {
  dpop_proofs: DpopProofsTable;
}

/** The migration that adds `dpop_proofs`; each service lists it in its own schema's history. */
export const dpopProofsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was then, not as the types say today.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('dpop_proofs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dpop_proofs_by_expiry').on('dpop_proofs').column('expires_at').execute();
  },
};

/** How often an instance deletes the proofs that expired (any instance's: the table is shared). */
const PURGE_EVERY_SECONDS = 60;

/**
 * Each DPoP proof accepted once by all the instances sharing this database: one insert that succeeds only
 * when the proof is new (or its earlier record has expired). PostgreSQL and SQLite serialise two inserts of
 * one key, so two instances handed the same proof at once accept it once. Expired rows are deleted about
 * once a minute per instance, so the table holds a few minutes of proofs.
 */
export function storeReplayGuard<DB>(db: Kysely<DB>): ProofReplayGuard {
  // The service's own database type has dpop_proofs beside its items; seen through that one table.
  const proofs = db as unknown as Kysely<ProofsDb>;
  let purgedAt = 0;
  return {
    async firstUse(id, expiresAt) {
      const now = Math.floor(Date.now() / 1000);
      const recorded = await proofs
        .insertInto('dpop_proofs')
        .values({ id, expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ expires_at: expiresAt }).where('dpop_proofs.expires_at', '<=', now),
        )
        .executeTakeFirst();
      if (now - purgedAt >= PURGE_EVERY_SECONDS) {
        purgedAt = now;
        // Not awaited: the answer does not depend on it, and a failed purge is retried a minute later.
        proofs
          .deleteFrom('dpop_proofs')
          .where('expires_at', '<=', now)
          .execute()
          .catch(() => {
            purgedAt = 0;
          });
      }
      return recorded.numInsertedOrUpdatedRows === 1n;
    },
  };
}
