#!/usr/bin/env node
// npm run bench: every benchmark, each reporting ratios against a baseline measured in the same run.
import { benchToolchain } from './toolchain.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
await benchToolchain({ rounds });
