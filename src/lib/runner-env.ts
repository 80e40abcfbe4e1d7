// The GitHub job as the action sees it: read once from the runner's environment by the action edge.
export interface RunnerEnv {
  env: NodeJS.ProcessEnv;
  workspace: string;
  /** Where staging, GOCACHE directories, host tools and downloads live (RUNNER_TEMP). */
  temp: string;
  toolCache: string;
  cpus: number;
  pathSep: string;
  /** The runner's own platform: where generators must run. */
  host: { goos: string; goarch: string };
  /** When the step started: cache entries older than this were not used by the run. */
  jobStart: number;
  event: JobEvent;
}

/** What the job knows of its trigger (GITHUB_EVENT_NAME, GITHUB_REF, the event's default branch). */
export interface JobEvent {
  name: string | undefined;
  ref: string | undefined;
  /** `repository.default_branch` of the event payload; undefined when the payload has none. */
  defaultBranch: string | undefined;
}

/**
 * Why the job builds a release, or undefined: a release event, or a run on a tag (a tag push, or
 * a run started by hand on a tag). Every shard of a run sees the same event, so they all agree.
 */
export function releaseBuild(event: JobEvent): string | undefined {
  if (event.name === 'release') return 'release event';
  if (event.ref?.startsWith('refs/tags/')) return `tag ${event.ref.slice('refs/tags/'.length)}`;
  return undefined;
}
