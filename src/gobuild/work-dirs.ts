// Where the action keeps its state for this job, under RUNNER_TEMP: the same paths in every job on a
// runner, which the caches and zig's recorded paths rely on.
import { join } from 'node:path';

export interface WorkDirs {
  root: string;
  /** The builds' output before it is published. */
  staging: string;
  /** One GOCACHE per target under it. */
  gocache: string;
  /** The GOCACHE of go generate on the host (and of setup mode's job). */
  hostGocache: string;
  /** Per-target generate: the generators' host builds. */
  hostTools: string;
  /** One zig cache per cgo target under it. */
  zigCache: string;
  /** Per-target generate: the GOROOT whose bin/go is crossexec. */
  shimRoot: string;
  /** Per-target generate: each target's copy of the sources. */
  sourceCopies: string;
}

export function workDirs(temp: string): WorkDirs {
  const root = join(temp, 'go-crossbuild');
  return {
    root,
    staging: join(root, 'build'),
    gocache: join(root, 'gocache'),
    hostGocache: join(root, 'gocache', 'host'),
    hostTools: join(root, 'host-tools'),
    zigCache: join(root, 'zig-cache'),
    shimRoot: join(root, 'goroot'),
    sourceCopies: join(root, 'generate'),
  };
}
