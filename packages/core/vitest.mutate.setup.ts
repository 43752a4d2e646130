import fc from 'fast-check';

// Under mutation testing (vitest.mutate.config.ts) every property that names no seed of its own draws from this one,
// so a re-run tests each mutant against the same cases and reproduces the recorded score.
fc.configureGlobal({ seed: 20261201 });
