#!/usr/bin/env node
// npm run bench: every benchmark, each reporting ratios against baselines measured in the same run.
// BENCH_ONLY=toolchain|crossbuild|generate|cache|cache-bytes|setup-test|matrix|windows|cgo runs one; BENCH_ROUNDS sets the toolchain rounds (default 5).
import { benchCacheBytes } from './cache-bytes.ts';
import { benchCache } from './cache.ts';
import { benchCgo } from './cgo.ts';
import { benchCrossbuild } from './crossbuild.ts';
import { benchGenerate } from './generate.ts';
import { benchMatrix } from './matrix.ts';
import { benchSetupTest } from './setup-test.ts';
import { benchToolchain } from './toolchain.ts';
import { benchWindows } from './windows.ts';

const only = process.env.BENCH_ONLY;
if (!only || only === 'toolchain') await benchToolchain({ rounds: Number(process.env.BENCH_ROUNDS ?? 5) });
if (!only || only === 'crossbuild') await benchCrossbuild();
if (!only || only === 'generate') await benchGenerate();
if (!only || only === 'cache') await benchCache();
if (!only || only === 'cache-bytes') await benchCacheBytes();
if (!only || only === 'setup-test') await benchSetupTest();
if (!only || only === 'matrix') await benchMatrix({ rounds: Number(process.env.BENCH_ROUNDS ?? 5) });
if (!only || only === 'windows') await benchWindows({ rounds: Number(process.env.BENCH_ROUNDS ?? 3) });
if (!only || only === 'cgo') await benchCgo();
