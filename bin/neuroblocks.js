#!/usr/bin/env node
// Entry point of the `neuroblocks` command. The sources are TypeScript, run through tsx
// so a checkout works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
