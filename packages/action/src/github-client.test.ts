import { describe, expect, it } from 'vitest';
import { retryBaseMsFromEnvironment, shouldRetryRateLimit, userAgentWithOrchestrationId } from './github-client.js';

describe('retryBaseMsFromEnvironment', () => {
  it('reads a non-negative number of milliseconds and falls back to one second', () => {
    expect(retryBaseMsFromEnvironment('5')).toBe(5);
    expect(retryBaseMsFromEnvironment('0')).toBe(0);
    expect(retryBaseMsFromEnvironment(undefined)).toBe(1000);
    expect(retryBaseMsFromEnvironment('')).toBe(1000);
    expect(retryBaseMsFromEnvironment('-1')).toBe(1000);
    expect(retryBaseMsFromEnvironment('soon')).toBe(1000);
  });
});

describe('shouldRetryRateLimit', () => {
  it('retries short waits twice and gives up on long ones', () => {
    expect(shouldRetryRateLimit(1, 0)).toBe(true);
    expect(shouldRetryRateLimit(60, 1)).toBe(true);
    expect(shouldRetryRateLimit(60, 2)).toBe(false);
    expect(shouldRetryRateLimit(3600, 0)).toBe(false);
  });
});

describe('userAgentWithOrchestrationId', () => {
  it("tags the user agent as @actions/github's getOctokit does, and leaves Octokit's alone without an id", () => {
    expect(userAgentWithOrchestrationId('run-42.attempt_1')).toBe('actions_orchestration_id/run-42.attempt_1');
    expect(userAgentWithOrchestrationId(' a/b c ')).toBe('actions_orchestration_id/a_b_c');
    expect(userAgentWithOrchestrationId('')).toBeUndefined();
    expect(userAgentWithOrchestrationId('   ')).toBeUndefined();
    expect(userAgentWithOrchestrationId(undefined)).toBeUndefined();
  });
});
