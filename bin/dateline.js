#!/usr/bin/env node
// The `dateline` command. TypeScript sources run through tsx's loader, so there is
// no build step between `npm install` and `npm start`.
import './v8-flags.js';
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
