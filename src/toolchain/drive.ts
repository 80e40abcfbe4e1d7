// Where a Windows install writes its files. A GitHub-hosted Windows runner's C: is slow to write
// (setup-go measured installs of 80 s to 13 min there) and its D: is fast, so, as setup-go does,
// the tree goes to the same layout on D: and the C: tool-cache slot becomes a junction to it:
// anything that looks in RUNNER_TOOL_CACHE (setup-go, a later step of this action) finds it there.
// Self-hosted runners are left alone: their D: may be anything.

/** The D: tool-cache root to install under, or undefined to install in the tool cache itself. */
export function fastToolCache(toolCache: string, env: NodeJS.ProcessEnv, windows: boolean): string | undefined {
  if (!windows || !/^c:\\/i.test(toolCache)) return undefined;
  if (selfHosted(env)) return undefined;
  return `D:${toolCache.slice(2)}`;
}

/** As setup-go decides it: a runner that says it is github-hosted is, else AGENT_ISSELFHOSTED (unset means self-hosted). */
function selfHosted(env: NodeJS.ProcessEnv): boolean {
  return env.RUNNER_ENVIRONMENT !== 'github-hosted' && (env.AGENT_ISSELFHOSTED === '1' || env.AGENT_ISSELFHOSTED === undefined);
}

/** `path`, which is under `from`, moved under `to`: a tool-cache path's D: twin, or the reverse. */
export function rebase(path: string, from: string, to: string): string {
  return to + path.slice(from.length);
}
