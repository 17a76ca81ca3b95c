/** Who may call what, for every operation of the build (see tests/blackbox/access-matrix.test.ts). */
export type Access =
  | 'public'
  | 'signed-in'
  | 'platform-admin'
  | 'member'
  | 'member-or-platform-admin'
  | 'org-admin'
  | 'org-admin-or-platform-admin'
  /** Anyone acting for an organisation, whatever their role; the service checks its place in a consortium. */
  | 'acting'
  /** Administrators and procurement officers acting for an organisation; the service checks the rest. */
  | 'acting-officer'
  /** Those who write specifications for their organisation: administrators, officers and legal reviewers. */
  | 'acting-writer'
  /** Administrators and procurement officers acting for a supplier: sign-ups, questions, responses to open calls. */
  | 'acting-supplier'
  /** Anyone acting for an authority (a ministry or region observing a jurisdiction): bulk open data exports, monitoring. */
  | 'acting-authority';

export const MATRIX: Record<string, Access> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'POST /system/probes': 'public',
  'GET /system/probes': 'public',
  'GET /system/probes/:id': 'public',
  'POST /auth/sign-in': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/sign-out': 'public',
  'GET /me': 'signed-in',
  'GET /notifications': 'signed-in',
  'GET /notifications/unread-count': 'signed-in',
  'POST /notifications/read': 'signed-in',
  'GET /notifications/preferences': 'signed-in',
  'PUT /notifications/preferences': 'signed-in',
  'POST /organisations': 'public',
  'GET /organisations': 'platform-admin',
  'GET /organisations/:organisationId': 'member-or-platform-admin',
  'POST /organisations/:organisationId/verification': 'platform-admin',
  'GET /organisations/:organisationId/members': 'member-or-platform-admin',
  'PATCH /organisations/:organisationId/members/:userId': 'org-admin',
  'DELETE /organisations/:organisationId/members/:userId': 'org-admin',
  'GET /organisations/:organisationId/audit-events': 'org-admin-or-platform-admin',
  'GET /audit-events': 'platform-admin',
  'GET /audit-events/verification': 'platform-admin',
  'GET /access-policies': 'platform-admin',
  'POST /organisations/:organisationId/invitations': 'org-admin',
  'GET /organisations/:organisationId/invitations': 'org-admin',
  'DELETE /organisations/:organisationId/invitations/:invitationId': 'org-admin',
  'POST /invitations/preview': 'public',
  'POST /invitations/accept': 'public',
  'POST /auth/password-reset': 'public',
  'POST /auth/password-reset/confirm': 'public',
  'POST /me/email-change': 'signed-in',
  'POST /auth/email-change/confirm': 'public',
  'GET /auth/oidc/start': 'public',
  'GET /auth/oidc/callback': 'public',
  'PUT /organisations/:organisationId/identity-provider': 'org-admin',
  'GET /organisations/:organisationId/identity-provider': 'org-admin',
  'DELETE /organisations/:organisationId/identity-provider': 'org-admin',
  'GET /cpv': 'public',
  'GET /cpv/:code': 'public',
  'GET /cpv/:code/children': 'public',
  'GET /consortia': 'public',
  'GET /consortia/mine': 'acting',
  'POST /consortia': 'acting-officer',
  'GET /consortia/:consortiumId': 'signed-in',
  'PATCH /consortia/:consortiumId': 'acting-officer',
  'POST /consortia/:consortiumId/status': 'acting-officer',
  'GET /consortia/:consortiumId/members': 'acting',
  'PATCH /consortia/:consortiumId/members/:organisationId': 'acting-officer',
  'DELETE /consortia/:consortiumId/members/:organisationId': 'acting-officer',
  'GET /consortia/:consortiumId/applications': 'acting',
  'POST /consortia/:consortiumId/invitations': 'acting-officer',
  'POST /consortia/:consortiumId/join-requests': 'acting-officer',
  'POST /consortia/:consortiumId/applications/:applicationId': 'acting-officer',
  'GET /consortium-applications': 'acting',
  'GET /consortia/:consortiumId/agreement': 'acting',
  'PATCH /consortia/:consortiumId/agreement': 'acting-officer',
  'POST /consortia/:consortiumId/agreement/signatures': 'acting-officer',
  'GET /consortia/:consortiumId/decisions': 'acting',
  'POST /consortia/:consortiumId/decisions': 'acting-officer',
  'GET /consortia/:consortiumId/decisions/:decisionId': 'acting',
  'PUT /consortia/:consortiumId/decisions/:decisionId/vote': 'acting-officer',
  'GET /consortia/:consortiumId/needs': 'acting',
  'POST /consortia/:consortiumId/needs': 'acting-officer',
  'POST /consortia/:consortiumId/needs/import': 'acting-officer',
  'PUT /consortia/:consortiumId/needs/:needId': 'acting-officer',
  'POST /consortia/:consortiumId/needs/:needId/status': 'acting-officer',
  'DELETE /consortia/:consortiumId/needs/:needId': 'acting-officer',
  'GET /consortia/:consortiumId/pooled-demand': 'acting',
  'POST /consortia/:consortiumId/lots': 'acting-officer',
  'POST /consortia/:consortiumId/lots/suggest': 'acting-officer',
  'PATCH /consortia/:consortiumId/lots/:lotId': 'acting-officer',
  'DELETE /consortia/:consortiumId/lots/:lotId': 'acting-officer',
  'PUT /consortia/:consortiumId/needs/:needId/lot': 'acting-officer',
  'GET /thresholds': 'public',
  'PUT /thresholds/:from': 'platform-admin',
  'POST /procedure-advice': 'public',
  'GET /municipalities': 'acting',
  'GET /municipalities/near-me': 'acting',
  'GET /specification-templates': 'signed-in',
  'POST /specification-templates': 'platform-admin',
  'PUT /specification-templates/:templateId': 'platform-admin',
  'GET /specification-clauses': 'signed-in',
  'POST /specification-clauses': 'platform-admin',
  'PUT /specification-clauses/:clauseId': 'platform-admin',
  'GET /consortia/:consortiumId/specifications': 'acting',
  'POST /consortia/:consortiumId/specifications': 'acting-officer',
  'GET /specifications/:specificationId': 'acting',
  'PATCH /specifications/:specificationId': 'acting-writer',
  'GET /specifications/:specificationId/versions': 'acting',
  'POST /specifications/:specificationId/versions': 'acting-writer',
  'GET /specifications/:specificationId/diff': 'acting',
  'POST /specifications/:specificationId/versions/:versionId/restore': 'acting-writer',
  'GET /specifications/:specificationId/comments': 'acting',
  'POST /specifications/:specificationId/comments': 'acting-writer',
  'PATCH /specifications/:specificationId/comments/:commentId': 'acting-writer',
  'GET /specifications/:specificationId/people': 'acting',
  'GET /specifications/:specificationId/approvals': 'acting',
  'PUT /specifications/:specificationId/sections/:sectionId/approval': 'acting-writer',
  'POST /specifications/:specificationId/sections/:sectionId/approval/withdraw': 'acting-writer',
  'GET /specifications/:specificationId/activity': 'acting',
  'GET /specifications/:specificationId/exports': 'acting',
  'POST /specifications/:specificationId/exports': 'acting',
  'GET /specifications/:specificationId/exports/:exportId': 'acting',
  'GET /specifications/:specificationId/exports/:exportId/file': 'acting',
  // Tenders: members and observers of the consortium read; lead and members write through writers.
  'GET /tenders/roadmap': 'acting',
  'GET /tenders': 'acting',
  'GET /consortia/:consortiumId/tenders': 'acting',
  'POST /consortia/:consortiumId/tenders': 'acting-writer',
  'GET /tenders/:tenderId': 'acting',
  'PATCH /tenders/:tenderId': 'acting-writer',
  'POST /tenders/:tenderId/transitions': 'acting-writer',
  'GET /tenders/:tenderId/weights-preview': 'acting',
  'POST /tenders/:tenderId/lots': 'acting-writer',
  'PATCH /tenders/:tenderId/lots/:lotId': 'acting-writer',
  'DELETE /tenders/:tenderId/lots/:lotId': 'acting-writer',
  'GET /tenders/:tenderId/milestones': 'acting',
  'POST /tenders/:tenderId/milestones': 'acting-writer',
  'PATCH /tenders/:tenderId/milestones/:milestoneId': 'acting-writer',
  'DELETE /tenders/:tenderId/milestones/:milestoneId': 'acting-writer',
  // Outcomes: evaluation, award, savings, scale-up and replication; the service checks the tender.
  'PUT /tenders/:tenderId/lots/:lotId/evaluation': 'acting-writer',
  'GET /tenders/:tenderId/lots/:lotId/evaluation': 'acting',
  'POST /tenders/:tenderId/lots/:lotId/award': 'acting-writer',
  'DELETE /tenders/:tenderId/lots/:lotId/award': 'acting-writer',
  'GET /tenders/:tenderId/awards': 'acting',
  'GET /tenders/:tenderId/savings': 'acting',
  'GET /tenders/:tenderId/sites': 'acting',
  'POST /tenders/:tenderId/sites': 'acting-writer',
  'DELETE /tenders/:tenderId/sites/:siteId': 'acting-writer',
  'GET /tenders/:tenderId/kpis': 'acting',
  'POST /tenders/:tenderId/kpis': 'acting-writer',
  'PATCH /tenders/:tenderId/kpis/:kpiId': 'acting-writer',
  'PUT /tenders/:tenderId/kpis/:kpiId/values/:period': 'acting-writer',
  'GET /tenders/:tenderId/pilot-evaluation': 'acting',
  'POST /tenders/:tenderId/pilot-evaluation': 'acting-writer',
  'POST /tenders/:tenderId/replications': 'acting-writer',
  'POST /good-practice/:caseId/replications': 'acting-writer',
  'GET /tenders/:tenderId/lineage': 'acting',
  // Good practice: a public library; a tender's consortium publishes, changes and (its lead) withdraws the case.
  'GET /good-practice': 'public',
  'GET /good-practice/:caseId': 'public',
  'GET /tenders/:tenderId/good-practice': 'acting',
  'POST /tenders/:tenderId/good-practice': 'acting-writer',
  'PATCH /tenders/:tenderId/good-practice': 'acting-writer',
  'DELETE /tenders/:tenderId/good-practice': 'acting-writer',
  // Open calls: public once published; the consortium drafts, publishes and answers; suppliers take part.
  'GET /tenders/:tenderId/open-calls': 'acting',
  'GET /open-calls/:callId/consortium-view': 'acting',
  'POST /tenders/:tenderId/open-calls': 'acting-writer',
  'GET /open-calls': 'public',
  'GET /open-calls/mine': 'acting-supplier',
  'GET /open-calls/:callId': 'public',
  'PATCH /open-calls/:callId': 'acting-writer',
  'POST /open-calls/:callId/publish': 'acting-writer',
  'POST /open-calls/:callId/registrations': 'acting-supplier',
  'GET /open-calls/:callId/registrations': 'acting',
  'POST /open-calls/:callId/questions': 'acting-supplier',
  'GET /open-calls/:callId/questions': 'acting',
  'POST /open-calls/:callId/questions/:questionId/answer': 'acting-writer',
  'POST /open-calls/:callId/responses': 'acting-supplier',
  'GET /open-calls/:callId/responses': 'acting',
  'GET /open-calls/:callId/responses/mine': 'acting-supplier',
  'GET /open-calls/:callId/responses/:responseId/attachments/:attachmentId': 'acting',
  // Open data (OCDS): published tenders for anyone; bulk exports for observers of a jurisdiction.
  'GET /ocds/tenders': 'public',
  'GET /ocds/tenders/:tenderId/releases': 'public',
  'GET /ocds/tenders/:tenderId/record': 'public',
  'GET /ocds/publication-policy': 'public',
  'POST /ocds/exports': 'acting-authority',
  'GET /ocds/exports/:exportId': 'acting-authority',
  'GET /ocds/exports/:exportId/file': 'acting-authority',
  // Monitoring: the dashboard of observers of a jurisdiction; the consortium reads the observers' notes on its tender.
  'GET /monitoring/dashboard': 'acting-authority',
  'GET /monitoring/tenders': 'acting-authority',
  'GET /monitoring/tenders/:tenderId': 'acting-authority',
  'POST /monitoring/tenders/:tenderId/notes': 'acting-authority',
  'GET /monitoring/consortia': 'acting-authority',
  'GET /monitoring/consortia/:consortiumId': 'acting-authority',
  'GET /monitoring/tables/:name.csv': 'acting-authority',
  'GET /monitoring/alerts': 'acting-authority',
  'GET /monitoring/alerts.csv': 'acting-authority',
  'GET /monitoring/tenders/:tenderId/tables/:name.csv': 'acting-authority',
  'GET /monitoring/consortia/:consortiumId/tables/:name.csv': 'acting-authority',
  'GET /tenders/:tenderId/observer-notes': 'acting',
  // The /collab handshake refuses anyone without a valid token; each event then checks the document.
  '/collab join': 'public',
  '/collab sync': 'public',
  '/collab update': 'public',
  '/collab awareness': 'public',
  '/collab leave': 'public',
  '/events subscribe': 'public',
  '/events unsubscribe': 'public',
};

export type Caller =
  | 'anonymous'
  | 'officer'
  | 'legalReviewer'
  | 'viewer'
  | 'orgAdmin'
  | 'otherMunicipality'
  | 'ministry'
  | 'supplier'
  | 'platformAdmin';

const MEMBERS: Caller[] = ['officer', 'legalReviewer', 'viewer', 'orgAdmin'];

export const ALLOWED: Record<Access, Caller[]> = {
  public: ['anonymous', ...MEMBERS, 'otherMunicipality', 'ministry', 'supplier', 'platformAdmin'],
  'signed-in': [...MEMBERS, 'otherMunicipality', 'ministry', 'supplier', 'platformAdmin'],
  'platform-admin': ['platformAdmin'],
  member: MEMBERS,
  'member-or-platform-admin': [...MEMBERS, 'platformAdmin'],
  'org-admin': ['orgAdmin'],
  'org-admin-or-platform-admin': ['orgAdmin', 'platformAdmin'],
  acting: [...MEMBERS, 'otherMunicipality', 'ministry', 'supplier'],
  // The ministry analyst is a viewer; the supplier's account administers its own company.
  'acting-officer': ['officer', 'orgAdmin', 'otherMunicipality', 'supplier'],
  'acting-writer': ['officer', 'legalReviewer', 'orgAdmin', 'otherMunicipality', 'supplier'],
  'acting-supplier': ['supplier'],
  'acting-authority': ['ministry'],
};

/** The demo account that plays each caller: every role of the owning organisation (Musterstadt) and outsiders. */
export const CALLER_EMAILS: Record<Exclude<Caller, 'anonymous'>, string> = {
  officer: 'officer@musterstadt.test',
  legalReviewer: 'legal@musterstadt.test',
  viewer: 'viewer@musterstadt.test',
  orgAdmin: 'admin@musterstadt.test',
  otherMunicipality: 'officer@beispielheim.test',
  ministry: 'analyst@ministry.test',
  supplier: 'sales@smartgrid.test',
  platformAdmin: 'admin@consortio.test',
};

/**
 * Past the role gate: what a supplier may call by its role but must still never reach for these
 * resources, because they are a consortium's internal work or another supplier's business. Each
 * case goes through an operation of MATRIX; tests/blackbox/access-control.test.ts runs every case
 * (one it has no request for fails it), shows the same request succeeds for a member of the
 * consortium (so the refusal is about the caller, not a missing resource), and checks the answer
 * names nothing of what it hides.
 */
export interface ResourceCase {
  /** An operation of MATRIX (HTTP `METHOD /path`, or a socket `namespace event`). */
  operation: string;
  resource: string;
  /** Statuses that keep it out: 403 or 404 refuse; 200 is a list of the caller's own that must leave it out. */
  answers: readonly number[];
}

export const SUPPLIER_RESOURCE_CASES: readonly ResourceCase[] = [
  { operation: 'GET /tenders/:tenderId', resource: 'an unpublished tender', answers: [403, 404] },
  { operation: 'GET /ocds/tenders/:tenderId/record', resource: 'an unpublished tender', answers: [404] },
  { operation: 'GET /specifications/:specificationId', resource: 'a specification draft', answers: [403, 404] },
  {
    operation: 'GET /specifications/:specificationId/versions',
    resource: 'a specification draft',
    answers: [403, 404],
  },
  { operation: '/collab join', resource: 'a specification draft', answers: [403, 404] },
  { operation: 'GET /consortia/:consortiumId/needs', resource: "the members' internal needs", answers: [403] },
  { operation: 'GET /consortia/:consortiumId/pooled-demand', resource: "the members' internal needs", answers: [403] },
  { operation: 'GET /open-calls/:callId', resource: 'a draft open call', answers: [404] },
  { operation: 'GET /open-calls/:callId/responses', resource: "every supplier's responses to a call", answers: [403] },
  {
    operation: 'GET /open-calls/:callId/responses/mine',
    resource: "another supplier's response (must not be listed)",
    answers: [200],
  },
  {
    operation: 'GET /open-calls/:callId/responses/:responseId/attachments/:attachmentId',
    resource: "another supplier's attachment",
    answers: [404],
  },
];
