export { findPostgres, type PostgresAvailability } from './find-postgres.ts';
export { startPostgres, type PostgresCluster } from './postgres-cluster.ts';
