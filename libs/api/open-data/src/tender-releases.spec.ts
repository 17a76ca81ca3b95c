import type { ValidateFunction } from 'ajv-draft-04';
import type { TenderStage } from '@consortio/shared/contracts';
import { ocdsValidators, schemaErrors } from '@consortio/api/testing';
import { NOTICE_OUT } from '@consortio/shared/domain';
import type { OcdsRelease } from './ocds';
import { ocdsAmount, ocdsMethod, ocdsTenderStatus } from './ocds-codes';
import { packageFrame, packageMeta, recordPackage, releasePackage, tenderRecord } from './ocds-packages';
import { BEISPIELHEIM, DEMOING, LIGHTING, MUSTERSTADT, stageChanges, tenderAt, VANS } from './ocds-tender-data.fixture';
import type { OcdsTenderData } from './ocds-tender-data';
import { compiledRelease, tenderReleases } from './tender-releases';

const OPTIONS = { ocidPrefix: 'ocds-test01', publicUrl: 'https://consortio.example/' };
const PUBLICATION = {
  publisherName: 'Consortio test',
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://consortio.example/policy',
};
const OCID = 'ocds-test01-cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const PUBLIC_STAGES: readonly TenderStage[] = [...NOTICE_OUT, 'closed'];

const releasesAt = (stage: TenderStage) => tenderReleases(tenderAt(stage), OPTIONS);
const last = (releases: OcdsRelease[]) => releases[releases.length - 1];

describe('OCDS codes', () => {
  it('turns decimal euros into exact amounts', () => {
    expect(ocdsAmount('200000.50')).toEqual({ amount: 200000.5, currency: 'EUR' });
    expect(ocdsAmount('0.10').amount).toBe(0.1);
    expect(ocdsAmount('0.00').amount).toBe(0);
    expect(JSON.stringify(ocdsAmount('9999999999999.99'))).toBe('{"amount":9999999999999.99,"currency":"EUR"}');
    expect(JSON.stringify(ocdsAmount('1234567890123.45').amount)).toBe('1234567890123.45');
    expect(() => ocdsAmount('1.005')).toThrow(RangeError);
    expect(() => ocdsAmount('12,50')).toThrow(RangeError);
  });

  it('maps each stage to a tender status, a closed tender by the stage it was closed at', () => {
    expect(PUBLIC_STAGES.filter((stage) => stage !== 'closed').map((stage) => ocdsTenderStatus(stage, null))).toEqual([
      'active',
      'active',
      'complete',
      'complete',
      'complete',
      'complete',
      'complete',
    ]);
    expect(ocdsTenderStatus('closed', 'published')).toBe('cancelled');
    expect(ocdsTenderStatus('closed', 'awarded')).toBe('cancelled');
    expect(ocdsTenderStatus('closed', 'pilot')).toBe('complete');
    // Withdrawn after publication: amending the notice keeps the process active; back at the
    // market or the needs, a later tender is being shaped.
    expect(ocdsTenderStatus('specification', null)).toBe('active');
    expect(ocdsTenderStatus('approval', null)).toBe('active');
    expect(ocdsTenderStatus('market-consultation', null)).toBe('planning');
    expect(ocdsTenderStatus('needs-assessment', null)).toBe('planning');
  });

  it('maps procedures to open, selective and limited with the article in the details', () => {
    expect(ocdsMethod('open')).toEqual({ method: 'open', details: 'Open procedure (Art. 27 of Directive 2014/24/EU)' });
    expect(ocdsMethod('restricted').method).toBe('selective');
    expect(ocdsMethod('competitive-dialogue').method).toBe('selective');
    expect(ocdsMethod('below-threshold').method).toBe('limited');
  });
});

describe('tenderReleases', () => {
  it('makes one release per stage change since publication, and none for the stages before', () => {
    const releases = releasesAt('closed');
    expect(releases.map((release) => release.id)).toEqual([
      `${OCID}-5-published`,
      `${OCID}-6-evaluation`,
      `${OCID}-7-awarded`,
      `${OCID}-8-contract-signed`,
      `${OCID}-9-pilot`,
      `${OCID}-10-city-rollout`,
      `${OCID}-11-regional-scaleup`,
      `${OCID}-12-closed`,
    ]);
    expect(releases.map((release) => release.date)).toEqual(
      stageChanges()
        .slice(4)
        .map((change) => change.changedAt),
    );
    for (const release of releases) {
      expect(release).toMatchObject({ ocid: OCID, initiationType: 'tender', language: 'en' });
    }
  });

  it('tags each release with what it adds or changes, and the tender status with the stage', () => {
    const releases = releasesAt('closed');
    expect(releases.map((release) => [release.tender.status, release.tag])).toEqual([
      ['active', ['planning', 'tender']],
      ['active', ['tenderUpdate']],
      ['complete', ['tenderUpdate', 'award']],
      // Milestones after the signing day move from the tender to the contract's implementation.
      ['complete', ['tenderUpdate', 'contract', 'implementation']],
      ['complete', ['implementationUpdate']],
      ['complete', ['implementationUpdate']],
      ['complete', ['implementationUpdate']],
      ['complete', ['contractTermination']],
    ]);
    expect(last(releases).contracts?.map((contract) => contract.status)).toEqual(['terminated', 'terminated']);
  });

  it('adds a release for what changed after the last stage change, dated by that change', () => {
    // The call for tenders went out five minutes after the stage change.
    const published = releasesAt('published');
    expect(published.map((release) => [release.id, release.tag])).toEqual([
      [`${OCID}-5-published`, ['planning', 'tender']],
      [`${OCID}-20260301T100500Z-update`, ['tenderUpdate']],
    ]);
    expect(published[0].tender.documents?.map((document) => document.id)).toEqual(['open-call-call-1']);
    expect(published[1].date).toBe('2026-03-01T10:05:00.000Z');
    expect(published[1].tender.documents).toEqual([
      {
        id: 'open-call-call-1',
        documentType: 'plannedProcurementNotice',
        title: 'Market consultation: electric vans',
        url: 'https://consortio.example/open-calls/call-1',
        datePublished: '2026-01-21T09:00:00.000Z',
        format: 'text/html',
      },
      {
        id: 'open-call-call-2',
        documentType: 'tenderNotice',
        title: 'Call for tenders: electric vans and depot lighting',
        url: 'https://consortio.example/open-calls/call-2',
        datePublished: '2026-03-01T10:05:00.000Z',
        format: 'text/html',
      },
    ]);
    // Awards entered during evaluation show in an update before the tender moves to awarded.
    const evaluation = releasesAt('evaluation');
    expect(last(evaluation).tag).toEqual(['tenderUpdate', 'award']);
    expect(last(evaluation).tender.status).toBe('active');
    expect(last(evaluation).tender.lots.map((lot) => lot.status)).toEqual(['complete', 'complete']);
    // Nothing after the stage change that the releases show: no update.
    expect(releasesAt('awarded').map((release) => release.id.split('-').pop())).toEqual([
      'published',
      'evaluation',
      'awarded',
    ]);
    const unchanged = { ...tenderAt('awarded'), updatedAt: '2026-04-25T10:00:00.000Z' };
    expect(tenderReleases(unchanged, OPTIONS)).toHaveLength(3);
  });

  it('states every member as buyer, the lead as lead buyer and procuring entity, and the suppliers', () => {
    const release = last(releasesAt('contract-signed'));
    expect(release.parties).toEqual([
      {
        id: MUSTERSTADT,
        name: 'Gemeinde Musterstadt',
        roles: ['buyer', 'leadBuyer', 'procuringEntity'],
        address: { region: 'DE217', countryName: 'Germany' },
      },
      {
        id: BEISPIELHEIM,
        name: 'Markt Beispielheim',
        roles: ['buyer'],
        address: { region: 'DE216', countryName: 'Germany' },
      },
      {
        id: DEMOING,
        name: 'Marktgemeinde Demoing',
        roles: ['buyer'],
        address: { region: 'AT312', countryName: 'Austria' },
      },
      { id: 'supplier-smart-light-ag', name: 'Smart Light AG', roles: ['supplier'] },
      { id: 'supplier-innovative-mobility-ag', name: 'Innovative Mobility AG', roles: ['supplier'] },
    ]);
    // Several buyers: the release-level buyer is left out, the parties say who they are.
    expect(release.buyer).toBeUndefined();
    expect(release.tender.procuringEntity).toEqual({ id: MUSTERSTADT, name: 'Gemeinde Musterstadt' });
  });

  it('names a central purchasing body as lead procuring entity, not buyer', () => {
    const data = tenderAt('published');
    const cpb: OcdsTenderData = {
      ...data,
      participants: [
        {
          id: 'cpb',
          name: 'Einkaufsgemeinschaft Süd',
          kind: 'central-purchasing-body',
          role: 'lead',
          country: 'EL',
          nutsCode: null,
        },
        data.participants[1],
      ],
    };
    const [release] = tenderReleases(cpb, OPTIONS);
    expect(release.parties.slice(0, 2)).toEqual([
      {
        id: 'cpb',
        name: 'Einkaufsgemeinschaft Süd',
        roles: ['procuringEntity', 'centralPurchasingBody'],
        address: { countryName: 'Greece' },
      },
      {
        id: BEISPIELHEIM,
        name: 'Markt Beispielheim',
        roles: ['buyer'],
        address: { region: 'DE216', countryName: 'Germany' },
      },
    ]);
    expect(release.buyer).toEqual({ id: BEISPIELHEIM, name: 'Markt Beispielheim' });
    expect(release.tender.procuringEntity).toEqual({ id: 'cpb', name: 'Einkaufsgemeinschaft Süd' });
  });

  it('describes the tender: pooled budget, value, method, category, criteria, CPV items linked to lots', () => {
    const [release] = releasesAt('published');
    expect(release.planning?.budget.amount).toEqual({ amount: 194400.25, currency: 'EUR' });
    const tender = release.tender;
    expect(tender).toMatchObject({
      id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      title: 'Electric vans and depot lighting',
      status: 'active',
      value: { amount: 214400.5, currency: 'EUR' },
      procurementMethod: 'open',
      mainProcurementCategory: 'goods',
      awardCriteria: 'ratedCriteria',
      awardCriteriaDetails:
        'Price (price): 40%; Range and payload (quality): 30%; Battery recycling (sustainability): 20%; Smart charging (innovation): 10%',
      tenderPeriod: { startDate: '2026-03-01T10:00:00.000Z', endDate: '2026-04-01T12:00:00.000Z' },
      lotDetails: { maximumLotsBidPerSupplier: 2 },
    });
    expect(tender.items).toEqual([
      {
        id: '1-1',
        description: 'Depot lighting',
        classification: { scheme: 'CPV', id: '31500000-1', description: 'Lighting equipment and electric lamps' },
        relatedLot: LIGHTING,
      },
      {
        id: '2-1',
        description: 'Electric vans',
        classification: { scheme: 'CPV', id: '34144900-7', description: 'Electric vehicles' },
        relatedLot: VANS,
      },
      {
        id: '2-2',
        description: 'Electric vans',
        classification: { scheme: 'CPV', id: '34130000-7' },
        relatedLot: VANS,
      },
    ]);
    expect(tender.lots).toEqual([
      { id: LIGHTING, title: 'Depot lighting', status: 'active', value: { amount: 14400, currency: 'EUR' } },
      {
        id: VANS,
        title: 'Electric vans',
        status: 'active',
        value: { amount: 200000.5, currency: 'EUR' },
        awardCriteria: {
          criteria: [
            { type: 'cost', name: 'Total cost of ownership', numbers: [{ number: 60, weight: 'percentageExact' }] },
            { type: 'quality', name: 'Range', numbers: [{ number: 40, weight: 'percentageExact' }] },
          ],
        },
      },
    ]);
    expect(tender.milestones).toEqual([
      {
        id: 'milestone-m1',
        title: 'Contract notice published',
        dueDate: '2026-03-01T00:00:00Z',
        dateMet: '2026-03-01T00:00:00Z',
        status: 'met',
      },
      { id: 'milestone-m2', title: 'Pilot review', dueDate: '2026-08-15T00:00:00Z', status: 'scheduled' },
    ]);
  });

  it('links awards to lots and suppliers, and contracts to awards, with the signing day', () => {
    const release = last(releasesAt('contract-signed'));
    expect(release.awards).toEqual([
      {
        id: `award-${LIGHTING}`,
        title: 'Lot 1: Depot lighting',
        status: 'active',
        date: '2026-04-10T00:00:00Z',
        value: { amount: 13500, currency: 'EUR' },
        suppliers: [{ id: 'supplier-smart-light-ag', name: 'Smart Light AG' }],
        relatedLots: [LIGHTING],
      },
      {
        id: `award-${VANS}`,
        title: 'Lot 2: Electric vans',
        status: 'active',
        date: '2026-04-15T00:00:00Z',
        value: { amount: 190000, currency: 'EUR' },
        suppliers: [{ id: 'supplier-innovative-mobility-ag', name: 'Innovative Mobility AG' }],
        relatedLots: [VANS],
      },
    ]);
    expect(
      release.contracts?.map(({ implementation, ...contract }) => ({ ...contract, milestones: implementation })),
    ).toMatchObject([
      {
        id: `contract-${LIGHTING}`,
        awardID: `award-${LIGHTING}`,
        status: 'active',
        dateSigned: '2026-05-02T00:00:00Z',
        value: { amount: 13500, currency: 'EUR' },
      },
      { id: `contract-${VANS}`, awardID: `award-${VANS}`, value: { amount: 190000, currency: 'EUR' } },
    ]);
    // No contract before the contract-signed stage, even with the date entered.
    expect(last(releasesAt('awarded')).contracts).toBeUndefined();
  });

  it('reports sites as delivery milestones and KPIs as metrics of the implementation', () => {
    // The regional scale-up release: the city site is live, the third-quarter figure is in.
    const implementation = releasesAt('closed')[6].contracts?.[0].implementation;
    expect(implementation?.milestones).toEqual([
      {
        id: 'milestone-m2',
        title: 'Pilot review',
        dueDate: '2026-08-15T00:00:00Z',
        dateMet: '2026-08-20T00:00:00Z',
        status: 'met',
      },
      {
        id: 'site-s1',
        title: 'Building yard depot (Gemeinde Musterstadt)',
        type: 'delivery',
        code: 'pilot-site',
        description: 'Runs the solution at pilot scale in NUTS region DE217.',
        dateMet: '2026-05-20T00:00:00Z',
        status: 'met',
      },
      {
        id: 'site-s2',
        title: 'Musterstadt city fleet (Gemeinde Musterstadt)',
        type: 'delivery',
        code: 'city-site',
        description: 'Runs the solution at city scale in NUTS region DE217.',
        dateMet: '2026-10-01T00:00:00Z',
        status: 'met',
      },
    ]);
    expect(implementation?.metrics).toEqual([
      {
        id: 'kpi-k1',
        title: 'Fleet CO2 emissions',
        description: "Measured in t CO2e per year; the baseline, the target, and each participant's figure per period.",
        observations: [
          {
            id: 'baseline',
            measure: 120,
            unit: { name: 't CO2e per year' },
            dimensions: { observationType: 'baseline' },
          },
          { id: 'target', measure: 40, unit: { name: 't CO2e per year' }, dimensions: { observationType: 'target' } },
          {
            id: `2026-Q3-${MUSTERSTADT}`,
            period: { startDate: '2026-07-01T00:00:00.000Z', endDate: '2026-09-30T23:59:59Z' },
            measure: 110,
            unit: { name: 't CO2e per year' },
            dimensions: { observationType: 'actual', organization: 'Gemeinde Musterstadt' },
          },
        ],
      },
    ]);
    // The pilot release shows the pilot site, not the city site that came later.
    const pilot = releasesAt('closed')[4];
    expect(pilot.contracts?.[0].implementation?.milestones?.map((milestone) => milestone.id)).toEqual([
      'milestone-m2',
      'site-s1',
    ]);
    expect(pilot.contracts?.[0].implementation?.milestones?.[0].status).toBe('scheduled');
  });

  it('cancels the tender and its lots when it is closed before an award, with the reason', () => {
    const data = tenderAt('published');
    const changes = [
      ...data.stageChanges,
      {
        id: '6',
        from: 'published' as const,
        to: 'closed' as const,
        reason: 'No suitable tenders',
        changedAt: '2026-04-05T08:00:00.000Z',
      },
    ];
    const releases = tenderReleases(
      { ...data, stage: 'closed', stageChanges: changes, updatedAt: '2026-04-05T08:00:00.000Z' },
      OPTIONS,
    );
    const closed = last(releases);
    expect(closed.tag).toEqual(['tenderCancellation']);
    expect(closed.tender.status).toBe('cancelled');
    expect(closed.tender.lots.map((lot) => lot.status)).toEqual(['cancelled', 'cancelled']);
    expect(closed.tender.amendments).toEqual([
      {
        id: 'stage-change-6',
        date: '2026-04-05T08:00:00.000Z',
        rationale: 'No suitable tenders',
        description: 'The procedure moved from published to closed.',
      },
    ]);
  });

  it('shows a withdrawal to amend the specification as a tender amendment, and the republication', () => {
    const data = tenderAt('published');
    const changes = stageChanges([
      ['specification', '2026-02-01T09:00:00.000Z'],
      ['approval', '2026-02-20T09:00:00.000Z'],
      ['published', '2026-03-01T10:00:00.000Z'],
      ['specification', '2026-03-05T10:00:00.000Z'],
      ['approval', '2026-03-10T10:00:00.000Z'],
      ['published', '2026-03-12T10:00:00.000Z'],
    ]);
    changes[3].reason = 'Lot 2 range requirement corrected';
    const releases = tenderReleases(
      { ...data, stageChanges: changes, openCalls: [], updatedAt: '2026-03-12T10:00:00.000Z' },
      OPTIONS,
    );
    expect(releases.map((release) => [release.tender.status, release.tag])).toEqual([
      ['active', ['planning', 'tender']],
      ['active', ['tenderAmendment']],
      ['active', ['tenderAmendment']],
      ['active', ['tenderUpdate']],
    ]);
    expect(last(releases).tender.tenderPeriod?.startDate).toBe('2026-03-12T10:00:00.000Z');
    expect(last(releases).tender.amendments?.[0].rationale).toBe('Lot 2 range requirement corrected');
  });

  it('compiles the record from the latest release', () => {
    const releases = releasesAt('pilot');
    const compiled = compiledRelease(releases);
    expect(compiled).toEqual({ ...last(releases), id: `${OCID}-compiled`, tag: ['compiled'] });
    const record = tenderRecord(releases, 'https://consortio.example/api/v1/ocds/tenders/x/releases');
    expect(record.releases[0]).toEqual({
      url: `https://consortio.example/api/v1/ocds/tenders/x/releases#${OCID}-5-published`,
      date: '2026-03-01T10:00:00.000Z',
      tag: ['planning', 'tender'],
    });
  });

  it('writes a package in pieces that read back as the whole package', () => {
    const releases = releasesAt('awarded');
    const whole = releasePackage(PUBLICATION, 'https://consortio.example/p', releases, { now: '2026-05-01T00:00:00Z' });
    const frame = packageFrame(packageMeta(PUBLICATION, whole.uri, whole.publishedDate), 'releases');
    const text = frame.head + releases.map((release) => JSON.stringify(release)).join(',') + frame.tail;
    expect(JSON.parse(text)).toEqual(whole);
    expect(whole.publishedDate).toBe('2026-04-20T12:00:00.000Z');
  });
});

const schemas = ocdsValidators();

function expectValid(validate: ValidateFunction, value: unknown): void {
  expect(schemaErrors(validate, value)).toEqual([]);
}

(schemas ? describe : describe.skip)('against the official OCDS 1.1 and EU profile schemas', () => {
  it.each(PUBLIC_STAGES)('validates every release and the record of a tender at %s', (stage) => {
    if (!schemas) return;
    const releases = releasesAt(stage);
    expectValid(
      schemas.releasePackage,
      releasePackage(PUBLICATION, 'https://consortio.example/p', releases, { now: '2026-01-01T00:00:00Z' }),
    );
    for (const release of releases) expectValid(schemas.euRelease, release);
    const record = tenderRecord(releases, 'https://consortio.example/api/v1/ocds/tenders/x/releases');
    expectValid(
      schemas.recordPackage,
      recordPackage(PUBLICATION, 'https://consortio.example/r', [record], [], '2026-01-01T00:00:00Z'),
    );
    expectValid(schemas.euRelease, record.compiledRelease);
  });

  it.each(['specification', 'market-consultation'] as const)(
    'validates the releases and record of a tender withdrawn after publication, back at %s',
    (stage) => {
      if (!schemas) return;
      const history: [TenderStage, string][] = [
        ['specification', '2026-02-01T09:00:00.000Z'],
        ['approval', '2026-02-20T09:00:00.000Z'],
        ['published', '2026-03-01T10:00:00.000Z'],
        ['specification', '2026-03-05T10:00:00.000Z'],
      ];
      if (stage === 'market-consultation') history.push(['market-consultation', '2026-03-06T10:00:00.000Z']);
      const changes = stageChanges(history);
      changes[3].reason = 'Lot 2 range requirement corrected';
      const data = tenderAt('published');
      const releases = tenderReleases(
        { ...data, stage, stageChanges: changes, openCalls: [], updatedAt: changes[changes.length - 1].changedAt },
        OPTIONS,
      );
      expect(last(releases).tender.status).toBe(stage === 'specification' ? 'active' : 'planning');
      expectValid(
        schemas.releasePackage,
        releasePackage(PUBLICATION, 'https://consortio.example/p', releases, { now: '2026-04-01T00:00:00Z' }),
      );
      for (const release of releases) expectValid(schemas.euRelease, release);
      const record = tenderRecord(releases, 'https://consortio.example/api/v1/ocds/tenders/x/releases');
      expectValid(
        schemas.recordPackage,
        recordPackage(PUBLICATION, 'https://consortio.example/r', [record], [], '2026-04-01T00:00:00Z'),
      );
      expectValid(schemas.euRelease, record.compiledRelease);
    },
  );

  it('refuses what breaks the schemas, so a pass means something', () => {
    if (!schemas) return;
    const [release] = releasesAt('published');
    const broken = { ...release, tender: { ...release.tender, value: { amount: '214400.50', currency: 'EUR' } } };
    expect(schemas.euRelease(broken)).toBe(false);
    const badLot = { ...release, tender: { ...release.tender, lots: [{ ...release.tender.lots[0], status: 'open' }] } };
    expect(schemas.euRelease(badLot)).toBe(false);
    const badTag = { ...release, tag: ['published'] };
    expect(
      schemas.releasePackage(
        releasePackage(PUBLICATION, 'https://consortio.example/p', [badTag as OcdsRelease], {
          now: '2026-01-01T00:00:00Z',
        }),
      ),
    ).toBe(false);
  });
});
