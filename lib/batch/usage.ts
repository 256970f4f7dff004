/** A command-line usage error: exit code 2 and a pointer to --help. */
export class UsageError extends Error {}
