/**
 * How a `tunewise` run ends, for the CLI and the GitHub Action alike: 0 the report was produced (and the policy
 * holds), 1 the change violates `policy.failOn`, 2 bad input (a usage file, prompt file or flag that cannot be used).
 */
export const EXIT_CODES = { ok: 0, policyViolated: 1, badInput: 2 } as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
