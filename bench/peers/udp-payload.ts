/** The peer's packet decoding: Ethernet, IPv4, UDP, unfragmented — all the synthetic capture holds, and no more. */

export interface UdpPayload {
  readonly src: string;
  readonly payload: Buffer;
}

export function udpPayloadOf(data: Buffer): UdpPayload | undefined {
  if (data.length < 42 || data.readUInt16BE(12) !== 0x0800) return undefined;
  const ihl = ((data[14] ?? 0) & 0x0f) * 4;
  if (data[23] !== 17 || (data.readUInt16BE(20) & 0x3fff) !== 0) return undefined;
  const udp = 14 + ihl;
  const src = `${data[26] ?? 0}.${data[27] ?? 0}.${data[28] ?? 0}.${data[29] ?? 0}`;
  return { src, payload: data.subarray(udp + 8, udp + data.readUInt16BE(udp + 4)) };
}
