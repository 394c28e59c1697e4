import { describe, expect, it } from 'vitest';
import { DialogTable } from '../../../runtime/drachtio/dialog-table.js';
import { PortDialog } from '../../../runtime/drachtio/port-dialog.js';
import { RecordingOwner } from './port-fixture.js';

describe('DialogTable', () => {
  it('finds an owner\'s live dialogs through owner changes, endings and deletions', () => {
    const table = new DialogTable();
    const a = new RecordingOwner();
    const b = new RecordingOwner();
    const one = new PortDialog('d1', 'outbound', a, 'confirmed');
    const two = new PortDialog('d2', 'inbound', undefined, 'confirmed');
    const three = new PortDialog('d3', 'outbound', a, 'calling');
    for (const d of [one, two, three]) table.add(d);
    expect(table.ownedBy(a).map((d) => d.id)).toEqual(['d1', 'd3']);
    two.owner = b; // a recovered dialog adopted by its session
    three.owner = b; // and one handed over
    expect([table.ownedBy(a).map((d) => d.id), table.ownedBy(b).map((d) => d.id)]).toEqual([['d1'], ['d2', 'd3']]);
    two.phase = 'ended'; // BYE sent, not finished yet: no longer the owner's call
    expect(table.ownedBy(b).map((d) => d.id)).toEqual(['d3']);
    table.delete('d3');
    three.owner = a; // a stale reference changing owner does not bring it back
    expect([table.ownedBy(a).map((d) => d.id), table.ownedBy(b)]).toEqual([['d1'], []]);
    expect(table.hasEnded('d3')).toBe(true);
  });

  it('remembers the last 4,096 ended dialog ids, forgetting the oldest first; an id remembered twice counts once', () => {
    const table = new DialogTable();
    table.rememberEnded('first');
    table.rememberEnded('first');
    for (let i = 1; i < 4_096; i++) table.rememberEnded(`d${i}`);
    expect([table.hasEnded('first'), table.hasEnded('d1'), table.hasEnded('d4095')]).toEqual([true, true, true]);
    table.rememberEnded('newest');
    expect([table.hasEnded('first'), table.hasEnded('d1'), table.hasEnded('newest')]).toEqual([false, true, true]);
    for (let i = 1; i < 4_096; i++) table.rememberEnded(`e${i}`);
    expect([table.hasEnded('d4095'), table.hasEnded('newest'), table.hasEnded('e1')]).toEqual([false, true, true]);
  });
});
