#!/usr/bin/env node
// `npx tunewise` resolves the unscoped package name; the CLI itself lives in @tunewise/sdk, so there is one copy.
import '@tunewise/sdk/cli';
