import { describe, expect, it } from 'vitest';
import { progressLine } from '../../bin/simulate-progress.js';

function fakeStream(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progressLine', () => {
  it('rewrites one line in place with the percentage and messages read, then erases it', () => {
    const { stream, written } = fakeStream();
    const line = progressLine(stream, 'big.pcap');
    line.reading(430, 1000, 120);
    line.replaying(5000);
    line.done();
    expect(written).toEqual(['\r\u001b[2Kreading big.pcap  43%  (120 messages)', '\r\u001b[2Kreplaying big.pcap  (5000 items)', '\r\u001b[2K']);
  });

  it('leaves the percentage out when the frame count is unknown, and redraws at most every 100 ms', () => {
    const { stream, written } = fakeStream();
    const line = progressLine(stream, 'big.pcap.gz');
    line.reading(1, undefined, 1);
    line.reading(2, undefined, 2);
    expect(written).toEqual(['\r\u001b[2Kreading big.pcap.gz  (1 messages)']);
  });

  it('writes nothing at the end when it never drew', () => {
    const { stream, written } = fakeStream();
    progressLine(stream, 'x').done();
    expect(written).toEqual([]);
  });
});
