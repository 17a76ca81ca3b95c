import { versionApproved } from './specification-approval';

const sectionTextHash = (text: string) => `hash of ${text}`;

describe('approved specification version', () => {
  const sections = [
    { id: 's1', hash: sectionTextHash('Purpose') },
    { id: 's2', hash: sectionTextHash('Scope') },
  ];
  const approval = (sectionId: string, organisationId: string, text: string) => ({
    sectionId,
    organisationId,
    contentHash: sectionTextHash(text),
  });
  const all = [
    approval('s1', 'lead', 'Purpose'),
    approval('s2', 'lead', 'Scope'),
    approval('s1', 'member', 'Purpose'),
    approval('s2', 'member', 'Scope'),
  ];

  it('is approved when every participant approved every section on the text of the version', () => {
    expect(versionApproved(sections, ['lead', 'member'], all)).toBe(true);
  });

  it('is not approved while a participant or a section is missing', () => {
    expect(versionApproved(sections, ['lead', 'member'], all.slice(1))).toBe(false);
    expect(versionApproved(sections, ['lead', 'member', 'late-joiner'], all)).toBe(false);
  });

  it('does not count an approval given on other text', () => {
    const edited = [...all.slice(0, 3), approval('s2', 'member', 'Scope, amended')];
    expect(versionApproved(sections, ['lead', 'member'], edited)).toBe(false);
  });

  it('is never approved without sections or participants', () => {
    expect(versionApproved([], ['lead'], all)).toBe(false);
    expect(versionApproved(sections, [], all)).toBe(false);
  });
});
