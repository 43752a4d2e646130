import type { Command } from 'commander';

export function registerUsageCommand(_program: Command): void {}
