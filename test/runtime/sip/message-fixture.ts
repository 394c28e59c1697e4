import { readFileSync } from 'node:fs';
import { parseSipMessage, type SipMessage } from '../../../runtime/sip/index.js';

/** Parses a message fixture of test/fixtures/sip/messages, failing the test if it does not parse. */
export function fixtureMessage(name: string): SipMessage {
  const bytes = readFileSync(new URL(`../../fixtures/sip/messages/${name}`, import.meta.url));
  const result = parseSipMessage(bytes);
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result.message;
}
