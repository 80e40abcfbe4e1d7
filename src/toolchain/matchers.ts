// Problem matchers for the `go` commands later steps run, in the runner's format: compiler and vet
// diagnostics (`path.go:LINE:COL: message`), and failing tests (`--- FAIL: TestX`, then the
// indented `file_test.go:LINE: message` lines of that test). Pure data; the action edge writes the
// file and registers it.

export interface MatcherPattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}

export interface ProblemMatcher {
  owner: string;
  severity: 'error' | 'warning';
  pattern: MatcherPattern[];
}

export const GO_MATCHERS: { problemMatcher: ProblemMatcher[] } = {
  problemMatcher: [
    {
      // go build and go vet: a path as go prints it (./main.go, sub/x.go, /abs/x.go, C:\x.go), line and
      // column. Unindented and with a column, so that test log lines (indented, no column) are not taken.
      owner: 'go-crossbuild-go',
      severity: 'error',
      pattern: [{ regexp: '^((?:[A-Za-z]:)?[^\\s:][^:]*\\.go):(\\d+):(\\d+): (.*)$', file: 1, line: 2, column: 3, message: 4 }],
    },
    {
      // go test: the lines right under a test's `--- FAIL:` line. Only failures: with -v, passing
      // tests print their t.Log lines in the same format, before their `--- PASS:` line.
      owner: 'go-crossbuild-go-test',
      severity: 'error',
      pattern: [
        { regexp: '^\\s*--- FAIL: (\\S+) \\(', code: 1 },
        { regexp: '^\\s+([^\\s:]+\\.go):(\\d+): (.*)$', file: 1, line: 2, message: 3, loop: true },
      ],
    },
  ],
};
