import { quoteForLog, size } from '../../../src/lib/format.js';

describe('size', () => {
  it('reads in KiB below a MiB, in MiB from there, one decimal', () => {
    expect(size(0)).toBe('0.0 KiB');
    expect(size(1536)).toBe('1.5 KiB');
    expect(size(1048575)).toBe('1024.0 KiB');
    expect(size(1048576)).toBe('1.0 MiB');
    expect(size(5.25 * 1048576)).toBe('5.3 MiB');
    expect(size(3 * 1024 ** 3)).toBe('3072.0 MiB');
  });
});

describe('quoteForLog', () => {
  it('leaves plain arguments as they are', () => {
    for (const arg of ['build', '-ldflags=-s', './cmd/app', 'GOOS=linux', 'user@host:a,b+c%d', '/o/app.exe'])
      expect(quoteForLog(arg)).toBe(arg);
  });

  it('single-quotes anything a shell would read differently, as one word', () => {
    expect(quoteForLog('')).toBe("''");
    expect(quoteForLog('-ldflags=-s -w')).toBe("'-ldflags=-s -w'");
    expect(quoteForLog('$HOME')).toBe("'$HOME'");
    expect(quoteForLog('a;b')).toBe("'a;b'");
    expect(quoteForLog('C:\\go\\bin')).toBe("'C:\\go\\bin'");
    expect(quoteForLog("it's")).toBe("'it'\\''s'");
  });
});
