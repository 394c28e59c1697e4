/**
 * The CommonJS libraries the replay peer is built from, loaded with
 * createRequire and typed by what the peer uses of them (neither ships
 * types for these entry points): pcap-parser's stream parser and
 * drachtio-srf's SIP message parser (the one drachtio applications get their
 * requests through).
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

export interface PcapPacketEvent {
  readonly header: { readonly timestampSeconds: number; readonly timestampMicroseconds: number };
  readonly data: Buffer;
}

export interface PcapParser {
  on(event: 'packet', listener: (packet: PcapPacketEvent) => void): PcapParser;
  on(event: 'end', listener: () => void): PcapParser;
  on(event: 'error', listener: (error: Error) => void): PcapParser;
}

interface PcapParserModule {
  parse(input: Readable | string): PcapParser;
}

/** drachtio's parsed message: headers stay text until getParsedHeader reads one. */
export interface DrachtioSipMessage {
  readonly method?: string;
  readonly status?: number;
  readonly uri?: string;
  readonly body?: string;
  get(header: string): string | undefined;
  has(header: string): boolean;
  getParsedHeader(header: string): unknown;
}

export interface DrachtioUri {
  readonly user?: string;
  readonly host?: string;
}

interface DrachtioSipMessageClass {
  new (raw: string): DrachtioSipMessage;
  parseUri(uri: string): DrachtioUri | undefined;
}

const require = createRequire(import.meta.url);

export const pcapParser = require('pcap-parser') as PcapParserModule;

export const DrachtioMessage = require('drachtio-srf/lib/sip-parser/message') as DrachtioSipMessageClass;
