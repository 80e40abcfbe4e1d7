import { recordedPorts } from '../../../src/targets/ports.js';

describe('recordedPorts', () => {
  it('knows the minors read from real toolchains, with their differences', () => {
    const has = (v: string, id: string) => recordedPorts(v)!.some((p) => `${p.GOOS}/${p.GOARCH}` === id);
    expect(has('1.22.12', 'openbsd/riscv64')).toBe(false);
    expect(has('1.23.0', 'openbsd/riscv64')).toBe(true);
    expect(has('1.23.5', 'windows/arm')).toBe(true);
    expect(has('1.24.4', 'windows/arm')).toBe(false); // broken in 1.24: dist list leaves it out
    expect(recordedPorts('1.24.0')!.find((p) => p.GOOS === 'linux' && p.GOARCH === 'amd64')).toMatchObject({ FirstClass: true });
  });

  it('knows nothing of other minors, so that plan mode asks the toolchain', () => {
    expect(recordedPorts('1.19.8')).toBeUndefined();
    expect(recordedPorts('1.99.0')).toBeUndefined();
  });
});
