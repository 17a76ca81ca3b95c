import { consortiumTransitionRefusal, leaveRefusal } from './consortium-status';

describe('consortium status', () => {
  const ready = { participants: 2, agreementSigned: true };

  it('goes from forming to active only with two signed participants', () => {
    expect(consortiumTransitionRefusal('forming', 'active', ready)).toBeNull();
    expect(consortiumTransitionRefusal('forming', 'active', { participants: 1, agreementSigned: true })).toMatch(
      /at least two/,
    );
    expect(consortiumTransitionRefusal('forming', 'active', { participants: 3, agreementSigned: false })).toMatch(
      /sign the current agreement/,
    );
  });

  it('follows the lifecycle and names the allowed next steps', () => {
    expect(consortiumTransitionRefusal('active', 'tendering', ready)).toBeNull();
    expect(consortiumTransitionRefusal('tendering', 'contracted', ready)).toBeNull();
    expect(consortiumTransitionRefusal('contracted', 'closed', ready)).toBeNull();
    expect(consortiumTransitionRefusal('forming', 'tendering', ready)).toBe(
      'A forming consortium can only become active or closed.',
    );
    expect(consortiumTransitionRefusal('tendering', 'closed', ready)).toMatch(/contracted or active/);
    expect(consortiumTransitionRefusal('closed', 'active', ready)).toBe('A closed consortium stays closed.');
    expect(consortiumTransitionRefusal('active', 'active', ready)).toBe('The consortium is already active.');
  });

  it('refuses to let the lead leave, and anyone while bound by a tender', () => {
    expect(leaveRefusal('active', 'member')).toBeNull();
    expect(leaveRefusal('forming', 'observer')).toBeNull();
    expect(leaveRefusal('active', 'lead')).toMatch(/hand the lead/);
    expect(leaveRefusal('tendering', 'member')).toMatch(/bound by the published tender/);
    expect(leaveRefusal('contracted', 'observer')).toMatch(/bound/);
    expect(leaveRefusal('closed', 'member')).toBeNull();
  });
});
