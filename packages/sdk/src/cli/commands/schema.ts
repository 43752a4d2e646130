import type { Command } from 'commander';

export function registerSchemaCommand(_program: Command): void {}
