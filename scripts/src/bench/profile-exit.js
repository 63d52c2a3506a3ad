/**
 * Preloaded (with --import) into a service started with --cpu-prof: node writes the profile only on a
 * normal exit, so SIGTERM is turned into one. Only the benchmark's profiling runs load this file.
 */
process.once('SIGTERM', function () { return process.exit(0); });
