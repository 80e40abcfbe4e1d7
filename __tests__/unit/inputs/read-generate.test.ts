import { readGenerate } from '../../../src/inputs/read-generate.js';
import { fakeSource, inputError } from '../helpers.js';

const GENERATE_ALLOWED = 'none, once (generators on the host, GOOS/GOARCH removed), per-target (per target, generators still on the host)';

describe('readGenerate', () => {
  it('defaults to no go generate, over ./...', () => {
    expect(readGenerate(fakeSource({}), false)).toEqual({ mode: 'none', packages: ['./...'] });
  });

  it('takes once with or without targets, and per-target with them', () => {
    expect(readGenerate(fakeSource({ generate: ' once ' }), false)).toEqual({ mode: 'once', packages: ['./...'] });
    expect(readGenerate(fakeSource({ generate: 'once' }), true).mode).toBe('once');
    expect(readGenerate(fakeSource({ generate: 'per-target' }), true)).toEqual({ mode: 'per-target', packages: ['./...'] });
  });

  it('reads generate-packages separated by spaces, commas or lines', () => {
    expect(
      readGenerate(fakeSource({ generate: 'once', 'generate-packages': './internal/bpf ./cmd/...,./x\n./y' }), false).packages,
    ).toEqual(['./internal/bpf', './cmd/...', './x', './y']);
  });

  it('drops # comments before splitting on spaces, and falls back to ./... when nothing is left', () => {
    const text = './...\n# only the tools, not the examples\n./tools # the generators';
    expect(readGenerate(fakeSource({ generate: 'once', 'generate-packages': text }), false).packages).toEqual(['./...', './tools']);
    expect(readGenerate(fakeSource({ generate: 'once', 'generate-packages': '# none yet' }), false).packages).toEqual(['./...']);
  });

  it('refuses an unknown mode, case included', () => {
    for (const text of ['always', 'Once'])
      expect(inputError(() => readGenerate(fakeSource({ generate: text }), true))).toMatchObject({
        input: 'generate',
        value: text,
        message: `Input generate = "${text}": unknown mode. Allowed: ${GENERATE_ALLOWED}`,
        allowed: GENERATE_ALLOWED,
      });
  });

  it('refuses per-target without targets', () => {
    expect(inputError(() => readGenerate(fakeSource({ generate: ' per-target ' }), false))).toMatchObject({
      input: 'generate',
      value: 'per-target',
      message: expect.stringContaining('per-target needs targets'),
      allowed: 'set targets, or use generate: once',
    });
  });

  it('refuses a package pattern that is a flag', () => {
    expect(inputError(() => readGenerate(fakeSource({ 'generate-packages': ' ./... -run=stringer ' }), false))).toMatchObject({
      input: 'generate-packages',
      value: './... -run=stringer',
      message: expect.stringContaining('"-run=stringer" is not a package pattern'),
      allowed: 'package patterns such as ./..., ./internal/bpf, separated by spaces, commas or lines',
    });
  });
});
