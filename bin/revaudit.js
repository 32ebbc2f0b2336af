#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the bin works right after `npm ci`
// with no build step (Node 20 cannot strip types itself).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
