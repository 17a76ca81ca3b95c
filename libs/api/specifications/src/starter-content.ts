import type { ClauseCategory, RichTextNode } from '@consortio/shared/contracts';

export interface StarterTemplate {
  key: string;
  name: string;
  description: string;
  sections: { key: string; title: string; guidance: string }[];
}

export interface StarterClause {
  key: string;
  title: string;
  category: ClauseCategory;
  sectionKey: string;
  summary: string;
  body: RichTextNode[];
}

// Rich-text builders. Clause bodies only use paragraph, heading (level 3), bulletList, orderedList,
// listItem and text with bold/italic marks, so they stay valid in the editor schema.

type Inline = string | RichTextNode;
type ItemContent = Inline | Inline[];

function text(value: string, mark?: 'bold' | 'italic'): RichTextNode {
  return mark ? { type: 'text', text: value, marks: [{ type: mark }] } : { type: 'text', text: value };
}

function b(value: string): RichTextNode {
  return text(value, 'bold');
}

function i(value: string): RichTextNode {
  return text(value, 'italic');
}

/** A bold lead-in followed by plain text, e.g. lead('Instructions.', 'The Supplier ...'). */
function lead(label: string, rest: string): Inline[] {
  return [b(label), ` ${rest}`];
}

function p(...parts: Inline[]): RichTextNode {
  return { type: 'paragraph', content: parts.map((part) => (typeof part === 'string' ? text(part) : part)) };
}

function h(value: string): RichTextNode {
  return { type: 'heading', attrs: { level: 3 }, content: [text(value)] };
}

function listItem(item: ItemContent): RichTextNode {
  return { type: 'listItem', content: [Array.isArray(item) ? p(...item) : p(item)] };
}

function bullets(...items: ItemContent[]): RichTextNode {
  return { type: 'bulletList', content: items.map(listItem) };
}

function numbered(...items: ItemContent[]): RichTextNode {
  return { type: 'orderedList', content: items.map(listItem) };
}

const SECTION_TITLES = {
  purpose: 'Purpose and context',
  'scope-lots': 'Scope and lots',
  functional: 'Functional requirements',
  'innovation-process': 'Innovation process and IPR',
  technical: 'Technical requirements and interoperability',
  'data-protection': 'Data protection and security',
  accessibility: 'Accessibility',
  sustainability: 'Sustainability',
  'award-criteria': 'Award criteria',
  'contract-kpis': 'Contract terms and KPIs',
  timeline: 'Timeline',
} as const;

function section(key: keyof typeof SECTION_TITLES, guidance: string): StarterTemplate['sections'][number] {
  return { key, title: SECTION_TITLES[key], guidance };
}

export const STARTER_TEMPLATES: StarterTemplate[] = [
  {
    key: 'smart-city-standard',
    name: 'Smart-city tender specification (standard)',
    description:
      'Standard structure for a joint smart-city tender under the open or restricted procedure (Directive 2014/24/EU): context and lots, requirements, data protection, accessibility, sustainability, award criteria, contract terms and timeline.',
    sections: [
      section(
        'purpose',
        'Explain the public need, the municipalities taking part and the outcome they expect, in terms a bidder from another country can follow. State that this is a joint procurement, name the lead authority and give the legal basis (Art. 37, 38 or 39 of Directive 2014/24/EU).',
      ),
      section(
        'scope-lots',
        'Describe what is and is not being bought, with CPV codes and estimated quantities per member municipality. Explain the division into lots or, if the contract is not divided, give the main reasons as Art. 46(1) of Directive 2014/24/EU requires.',
      ),
      section(
        'functional',
        'List what the solution must do for residents and municipal staff as numbered requirements, each marked mandatory (must) or scored (should). Describe needs and results rather than a product: under Art. 42(4) a specific make or source may be named only exceptionally, and then with the words "or equivalent".',
      ),
      section(
        'technical',
        'Set out hosting, integrations, interfaces, data formats and the standards the solution must support, adding "or equivalent" to every named standard (Art. 42(3)). List the existing municipal systems it must connect to and insert the open-standards clause.',
      ),
      section(
        'data-protection',
        'Describe the personal data processed, the role of each member municipality (controller) and of the supplier (processor), and the security level required. Insert the GDPR processor terms and the security baseline, and summarise the DPIA if one has been carried out.',
      ),
      section(
        'accessibility',
        'State the accessibility standard every user-facing interface must meet and how conformance will be verified. Art. 42(1) requires specifications for anything used by natural persons to take accessibility for persons with disabilities into account, except in duly justified cases.',
      ),
      section(
        'sustainability',
        'Set requirements on energy use, hardware lifetime, repair and end of life, using the EU GPP criteria where a set exists for the product group. State whether life-cycle costing is used in the award and which costs it covers.',
      ),
      section(
        'award-criteria',
        'List the award criteria with their weighting and scoring method, each linked to the subject-matter of the contract (Art. 67). Say how price or cost is evaluated and how abnormally low tenders will be handled (Art. 69).',
      ),
      section(
        'contract-kpis',
        'Summarise the main contract terms: duration, extensions and options, service levels, KPIs, payment, liability and exit. Options you may need later must be written as clear, precise and unequivocal review clauses to be usable under Art. 72(1)(a).',
      ),
      section(
        'timeline',
        'Give the dates for clarification questions, tender submission, evaluation, standstill, contract signature, and implementation milestones and go-live per municipality. Check the time limits against the minimums in Arts. 27-28 and allow for the standstill period under Directive 89/665/EEC.',
      ),
    ],
  },
  {
    key: 'innovation-procurement',
    name: 'Innovation procurement (competitive dialogue or innovation partnership)',
    description:
      'For needs no ready-made product meets: structure for a competitive dialogue (Art. 30) or an innovation partnership (Art. 31 of Directive 2014/24/EU), with outcome-based requirements, phased development and explicit IPR arrangements.',
    sections: [
      section(
        'purpose',
        'Describe the problem the municipalities want solved and why solutions on the market do not meet it, citing the preliminary market consultation (Art. 40) if one was held. Name the lead authority, the legal basis for joint procurement and the procedure chosen, with the ground for using it.',
      ),
      section(
        'scope-lots',
        'Define the scope as a problem area plus the sites or services where solutions will be piloted, with estimated deployment volumes per municipality. For an innovation partnership, state whether it will be set up with one partner or with several partners (Art. 31(1)).',
      ),
      section(
        'functional',
        'Express requirements as outcomes and performance levels (e.g. energy saved, response times, user satisfaction), not as features or technologies. Separate the minimum requirements every tender must meet, which are not negotiated, from the aspects to be developed in the dialogue or negotiation.',
      ),
      section(
        'innovation-process',
        'Describe the phases (e.g. design, prototype, pilot, deployment), the intermediate targets, payment per phase and the conditions for continuing or ending after each phase (Art. 31(2)). Define the IPR arrangements, the licence the municipalities receive and how solutions proposed by participants are kept confidential.',
      ),
      section(
        'technical',
        'Set only the constraints any solution must respect: existing platforms, data models, open standards and security, each named standard followed by "or equivalent". Leave the technical approach to the participants.',
      ),
      section(
        'data-protection',
        'Require data protection by design and by default (Art. 25 GDPR) from the first prototype, and state which personal data pilots may use. Insert the GDPR processor terms and the security baseline, and plan when the DPIA will be done and updated.',
      ),
      section(
        'accessibility',
        'Require accessibility by design from the first prototype and testing with users with disabilities in every pilot. The delivered solution must meet the same standard as in a standard tender; insert the EN 301 549 clause.',
      ),
      section(
        'sustainability',
        'State environmental outcomes the solution should contribute to (e.g. energy or CO2 reduction) and how they will be measured in the pilots. Use EU GPP criteria as minimum requirements for any hardware deployed.',
      ),
      section(
        'award-criteria',
        'Both procedures award on the best price-quality ratio only (Arts. 30(1) and 31(1)). Give the selection criteria for admitting participants, the award criteria and weightings, and for an innovation partnership the criteria for evaluating each phase.',
      ),
      section(
        'contract-kpis',
        'Tie payments and continuation to outcome KPIs with baselines and targets agreed before each phase. State the estimated value of the final purchase, which must not be disproportionate to the investment required for development (Art. 31(7)).',
      ),
      section(
        'timeline',
        'Plan the selection stage, the dialogue or negotiation rounds, final tenders and each innovation phase with its decision point. The minimum time limit for requests to participate is 30 days from dispatch of the contract notice (Arts. 30(1) and 31(1)).',
      ),
    ],
  },
];

export const STARTER_CLAUSES: StarterClause[] = [
  {
    key: 'gdpr-processor-terms',
    title: 'Personal data processing terms (Art. 28 GDPR)',
    category: 'data-protection',
    sectionKey: 'data-protection',
    summary:
      'Binds the supplier as processor to the terms required by Art. 28(3) GDPR and keeps personal data in the EU/EEA or in countries covered by an adequacy decision.',
    body: [
      p(
        'Where the Supplier processes personal data on behalf of a member municipality, the municipality is the controller and the Supplier the processor within the meaning of Article 4(7) and (8) of Regulation (EU) 2016/679 (GDPR). The following terms form the contract required by Article 28(3) GDPR, together with Annex [letter], which describes the processing.',
      ),
      numbered(
        lead(
          'Subject-matter and duration.',
          'Processing of [categories of personal data] relating to [categories of data subjects] for the purpose of [purpose], for the duration of the contract and any transition period.',
        ),
        lead(
          'Instructions.',
          'The Supplier processes personal data only on documented instructions from the controller, including with regard to transfers to third countries, and immediately informs the controller if it considers that an instruction infringes data protection law.',
        ),
        lead(
          'Confidentiality.',
          'Everyone authorised to process the personal data is bound by a duty of confidentiality.',
        ),
        lead(
          'Sub-processors.',
          'The Supplier engages no sub-processor without the controller’s prior specific written authorisation, imposes the same data protection obligations on each sub-processor by contract, and remains fully liable for them (Article 28(2) and (4) GDPR).',
        ),
        lead(
          'Security.',
          'The Supplier implements the technical and organisational measures required by Article 32 GDPR, at least those in Annex [letter] and the security baseline of this contract.',
        ),
        lead(
          'Assistance.',
          'The Supplier assists the controller in responding to requests from data subjects exercising their rights under Chapter III GDPR, and in meeting its obligations under Articles 32 to 36 GDPR, including data protection impact assessments and prior consultation.',
        ),
        lead(
          'Personal data breaches.',
          'The Supplier notifies the controller without undue delay, and in any event within [24] hours, after becoming aware of a personal data breach, with the information listed in Article 33(3) GDPR as far as available.',
        ),
        lead(
          'End of processing.',
          'At the end of the services the Supplier, at the controller’s choice, deletes or returns all personal data and deletes existing copies, unless Union or Member State law requires storage, and confirms this in writing.',
        ),
        lead(
          'Audits.',
          'The Supplier makes available all information needed to demonstrate compliance with Article 28 GDPR and allows for and contributes to audits, including inspections, by the controller or an auditor it mandates, on [number] working days’ notice.',
        ),
      ),
      h('Data location and transfers'),
      p(
        'Personal data, including backups and remote access for support, is stored and processed only in the EU/EEA. A transfer to a third country requires the controller’s prior written authorisation and is permitted only to a country covered by an adequacy decision under Article 45 GDPR.',
      ),
      p(
        'The Supplier informs the controller without delay of any request by a public authority of a third country for access to personal data processed under this contract, unless the law prohibits it, and discloses no data on such a request without a basis in Chapter V GDPR.',
      ),
    ],
  },
  {
    key: 'open-standards-portability',
    title: 'Open standards, APIs and data portability',
    category: 'open-standards',
    sectionKey: 'technical',
    summary:
      'Requires open standards, documented APIs and free export of all municipal data in open machine-readable formats so that no member municipality is locked in to the supplier.',
    body: [
      p(
        'The solution uses open standards for its interfaces and data formats. Every standard named below is to be read as followed by "or equivalent"; a tenderer may prove equivalence by any appropriate means (Article 42(3) and (5) of Directive 2014/24/EU).',
      ),
      bullets(
        lead(
          'Documented APIs.',
          'All data and all functions available in the user interface are also available through APIs documented in OpenAPI 3.x, provided to the municipality without additional licence fees.',
        ),
        lead(
          'Data export.',
          'The municipality can export all its data, including metadata and history, at any time, without extra cost and without the Supplier’s intervention, in open machine-readable formats such as CSV, JSON or GeoJSON.',
        ),
        lead(
          'No vendor lock-in.',
          'The Supplier uses no proprietary format, protocol or licence term that prevents the municipality from changing supplier or integrating third-party components. Any proprietary component is declared in the tender together with the means of replacing it.',
        ),
        lead(
          'Stable interfaces.',
          'Breaking API changes are announced at least [number] months in advance, and the previous API version remains available for at least [number] months after the change.',
        ),
      ),
      h('Smart-city interoperability standards'),
      p(i('[Buyer: keep the standards relevant to the lot and delete the others.]')),
      bullets(
        'ETSI GS CIM 009 (NGSI-LD), as used by FIWARE, for context information management, with the Smart Data Models where a model exists for the entity type.',
        'OGC SensorThings API for sensor observations and their metadata.',
        'MQTT 5.0 (OASIS) or MQTT 3.1.1 (ISO/IEC 20922) for device messaging.',
        'DCAT-AP for the metadata of datasets published as open data.',
      ),
      p(
        b('Data ownership and open licence.'),
        ' All data collected or generated for the municipality under this contract belongs to the municipality. The municipality may publish it under [CC BY 4.0 / CC0 1.0] or another open licence, and the Supplier asserts no right, including the sui generis database right under Directive 96/9/EC, that would prevent this.',
      ),
    ],
  },
  {
    key: 'accessibility-en-301-549',
    title: 'Accessibility (EN 301 549 / WCAG 2.1 AA)',
    category: 'accessibility',
    sectionKey: 'accessibility',
    summary:
      'Requires every user-facing interface to conform to EN 301 549 V3.2.1, including WCAG 2.1 level AA, with an accessibility statement, testing with users with disabilities and fixed remediation deadlines.',
    body: [
      p(
        'In accordance with Article 42(1) of Directive 2014/24/EU, these specifications take into account accessibility for persons with disabilities. All websites, web and mobile applications, documents, and kiosks or other hardware with a user interface supplied under this contract conform to EN 301 549 V3.2.1 (2021-03), including WCAG 2.1 level AA for web and mobile content, the level that Directive (EU) 2016/2102 requires of public sector bodies.',
      ),
      bullets(
        lead(
          'Conformance report.',
          'The tender includes an accessibility conformance report against EN 301 549 for the offered solution, listing any non-conformity and the date by which it will be fixed.',
        ),
        lead(
          'Accessibility statement.',
          'Before go-live and after each major release, the Supplier provides the information each municipality needs to publish the accessibility statement required by Article 7 of Directive (EU) 2016/2102, following the model in Commission Implementing Decision (EU) 2018/1523.',
        ),
        lead(
          'Testing.',
          'Before go-live and after each major release, the solution undergoes an independent conformance audit and usability testing with at least [number] users with disabilities, including users of screen readers, magnification, keyboard-only and voice control.',
        ),
        lead(
          'Feedback.',
          'The solution offers users an accessible way to report accessibility problems and request inaccessible content in an accessible form; reports are handled within the deadlines below.',
        ),
      ),
      h('Remediation deadlines'),
      bullets(
        'Non-conformity that prevents a user from completing a task: fixed within [10] working days of being reported.',
        'Any other non-conformity with a level A or AA success criterion: fixed within [30] days of being reported.',
        'A missed remediation deadline counts as a service level failure under the service levels and KPI clause.',
      ),
    ],
  },
  {
    key: 'green-criteria',
    title: 'Green procurement and life-cycle costing',
    category: 'sustainability',
    sectionKey: 'sustainability',
    summary:
      'Applies EU GPP criteria, energy-efficiency, repairability and take-back requirements, annual energy and CO2 reporting, and life-cycle costing under Art. 68 of Directive 2014/24/EU.',
    body: [
      p(
        'Where EU Green Public Procurement (GPP) criteria exist for a product group in this contract, the solution meets at least the [core / comprehensive] criteria of the current EU GPP set, such as those for [road lighting and traffic signals / computers, monitors, tablets and smartphones / data centres, server rooms and cloud services].',
      ),
      bullets(
        lead(
          'Energy efficiency.',
          'The tender states the power consumption of each device type in active, idle and standby modes and the expected annual energy consumption of the hosted service. Devices meet [energy-efficiency requirement].',
        ),
        lead(
          'Repairability and spare parts.',
          'Spare parts, repair information and security updates remain available for at least [number] years after the last delivery. Devices can be disassembled with commonly available tools, and batteries can be replaced.',
        ),
        lead(
          'Take-back.',
          'The Supplier takes back end-of-life equipment free of charge, gives priority to reuse and refurbishment, treats the rest in accordance with Directive 2012/19/EU on waste electrical and electronic equipment (WEEE), and provides a certificate of treatment.',
        ),
        lead(
          'Reporting.',
          'Every [12] months the Supplier reports the energy consumed (kWh) by the devices and hosted services provided under the contract, the share of renewable electricity, and the resulting greenhouse gas emissions in tonnes CO2e, stating the calculation method.',
        ),
      ),
      h('Life-cycle costing'),
      p(
        'The cost criterion is evaluated by life-cycle costing under Article 68 of Directive 2014/24/EU over [number] years, covering acquisition, energy and other resource consumption, maintenance and end-of-life costs [and the cost of greenhouse gas emissions, monetised by the method in the LCC template]. Tenderers provide the required data in the LCC template in Annex [letter], which sets out the calculation method applied to all tenders.',
      ),
    ],
  },
  {
    key: 'exit-reversibility',
    title: 'Exit, reversibility and transition',
    category: 'exit',
    sectionKey: 'contract-kpis',
    summary:
      'Requires an early exit plan, continued service and assistance during transition, full data return in open formats, a deletion certificate and knowledge transfer, with no exit fees beyond agreed rates.',
    body: [
      p(
        'The Supplier delivers an exit plan within [number] months of the contract start date for approval by [the lead authority / each member municipality], and updates it at least every [12] months and after each major change. The exit plan describes the data, configurations and documentation to be handed over, their formats, the transition timetable, roles and the resources the Supplier makes available.',
      ),
      h('Obligations at the end of the contract, whatever the reason'),
      numbered(
        lead(
          'Continued operation.',
          'The Supplier continues to operate the service at the contracted service levels and rates during a transition period of up to [number] months after expiry or termination.',
        ),
        lead(
          'Transition assistance.',
          'The Supplier cooperates in good faith with the municipality and any new supplier, including parallel running, migration tests and answering technical questions.',
        ),
        lead(
          'Data return.',
          'Within [number] days of a request, the Supplier returns all municipal data, including metadata, logs and history, in the open machine-readable formats required by the open-standards clause, with a description of the data model.',
        ),
        lead(
          'Knowledge transfer.',
          'The Supplier hands over documentation of the configuration, integrations and operating procedures, and provides up to [number] days of workshops for municipal staff or the new supplier.',
        ),
        lead(
          'Deletion.',
          'Once the municipality confirms that the data return is complete, the Supplier deletes all municipal data, including backups and copies held by sub-processors, and within [number] days provides a deletion certificate signed by an authorised representative.',
        ),
      ),
      p(
        'No exit, termination or data-extraction fee is charged beyond transition assistance at the rates in the price schedule, capped at [amount]. Where the service is a data processing service within the meaning of Regulation (EU) 2023/2854 (Data Act), the municipality’s switching rights under Chapter VI of that Regulation apply in addition.',
      ),
    ],
  },
  {
    key: 'security-baseline',
    title: 'Information security baseline',
    category: 'security',
    sectionKey: 'data-protection',
    summary:
      'Sets minimum security requirements: an ISO/IEC 27001 or equivalent ISMS, NIS2 support where applicable, patch deadlines, logging, incident notification and a penetration test before go-live.',
    body: [
      p(
        'The Supplier operates an information security management system certified to ISO/IEC 27001 or equivalent, whose scope covers the services under this contract, and provides the certificate and statement of applicability with the tender and on each renewal. Equivalent evidence, such as an independent audit against the same controls, is accepted.',
      ),
      p(
        'Where the municipality or the Supplier falls within the scope of Directive (EU) 2022/2555 (NIS2) as transposed in [Member State], the Supplier supports the municipality in meeting its cybersecurity risk-management measures under Article 21, including supply-chain security, and its incident reporting obligations under Article 23.',
      ),
      bullets(
        lead(
          'Vulnerabilities and patching.',
          'The Supplier runs a coordinated vulnerability disclosure process, keeps a software bill of materials, and fixes critical vulnerabilities (CVSS 9.0 or higher) within [number] days and high ones (CVSS 7.0-8.9) within [number] days of a fix being available, informing the municipality of critical vulnerabilities within [24] hours.',
        ),
        lead(
          'Access control.',
          'Multi-factor authentication for all administrative and remote maintenance access, least privilege, and no default or shared passwords on devices or systems.',
        ),
        lead(
          'Logging.',
          'Security-relevant events (authentication, privileged actions, access to personal data, configuration changes) are logged with synchronised time, protected against tampering, kept for [number] months and made available to the municipality on request.',
        ),
        lead(
          'Penetration test.',
          'Before go-live, after each major change and at least every [12] months, an independent penetration test of the solution, including devices and APIs, following a recognised methodology such as the OWASP Web Security Testing Guide. Critical and high findings are fixed and retested before go-live, and the report summary is shared with the municipality.',
        ),
      ),
      h('Security incidents'),
      p(
        'The Supplier notifies the municipality of any security incident with a significant impact on the service or on municipal data without undue delay and within [24] hours of becoming aware of it, and delivers a full incident report, including root cause and corrective measures, within [number] days.',
      ),
    ],
  },
  {
    key: 'kpi-reporting',
    title: 'Service levels, KPIs and reporting',
    category: 'general',
    sectionKey: 'contract-kpis',
    summary:
      'Defines KPIs by baseline, target, measurement method and reporting period, sets availability and support service levels, and links missed service levels to service credits.',
    body: [
      p(
        'Each KPI in Annex [letter] is defined by a baseline, a target, a measurement method with its data source, and a reporting period. The Supplier measures the KPIs by the agreed method and reports them to each member municipality [monthly], together with the underlying measurement data in machine-readable form.',
      ),
      h('Service levels'),
      bullets(
        lead(
          'Availability.',
          'At least [99.5]% per calendar month, measured at [the user interface / the public API] from outside the Supplier’s network, excluding planned maintenance announced [5] working days in advance, carried out within [maintenance window] and limited to [number] hours per month.',
        ),
        lead(
          'Priority 1 incidents',
          '(service unavailable or data at risk): response within [1] hour and resolution within [4] hours, [24/7].',
        ),
        lead(
          'Priority 2 incidents',
          '(main function degraded): response within [4] hours and resolution within [1] working day.',
        ),
        lead('Priority 3 incidents', '(other defects): resolution within [10] working days or in the next release.'),
      ),
      h('Service credits'),
      p(
        'For each service level missed in a month, the Supplier grants a service credit of [number]% of the monthly fee for the affected service per [0.1] percentage point or [hour] below target, capped at [number]% of that monthly fee. Service credits are deducted from the next invoice and are without prejudice to the municipality’s other rights. Missing the same service level in [3] consecutive months, or in [4] months of any 12-month period, entitles the municipality to terminate its contract or call-off.',
      ),
      p(
        b('Reporting.'),
        ' The periodic report shows each KPI and service level against target, all incidents and their resolution, and a corrective action plan for every miss. The Supplier and the municipalities review the results at a [quarterly] meeting.',
      ),
    ],
  },
  {
    key: 'joint-procurement-clause',
    title: 'Joint procurement by the consortium',
    category: 'general',
    sectionKey: 'purpose',
    summary:
      'States that the tender is a joint procurement by the member municipalities under Art. 38 or through a central purchasing body under Art. 37 of Directive 2014/24/EU, how contracts are concluded, and that quantities are estimates.',
    body: [
      p(
        'This procurement is carried out jointly for the contracting authorities listed in Annex [letter] (the "members"). ',
        i('[Buyer: keep option A or option B and delete the other.]'),
      ),
      h('Option A: occasional joint procurement (Article 38)'),
      p(
        'The members have agreed under Article 38 of Directive 2014/24/EU to carry out this procurement jointly. [Lead authority] conducts the procedure in the name and on behalf of all members, under the mandate each member has given it in the joint procurement agreement of [date]. As the procedure is carried out in its entirety in the name and on behalf of all members, they are jointly responsible for fulfilling their obligations under that Directive (Article 38(2)).',
      ),
      h('Option B: central purchasing body (Article 37)'),
      p(
        '[Central purchasing body] conducts this procurement as a central purchasing body within the meaning of Article 2(1)(16) of Directive 2014/24/EU for the members. Under Article 37(2), a member acquiring through the central purchasing body fulfils its obligations under that Directive, but remains responsible for the parts it conducts itself, such as a reopening of competition under a framework agreement.',
      ),
      h('Contracts and quantities'),
      bullets(
        [
          b('[Separate contracts]'),
          ' Each member concludes its own contract with the successful tenderer on the terms of the draft contract in Annex [letter]. ',
          b('[Framework agreement]'),
          ' One framework agreement is concluded, under which only the members named in Annex [letter] may award call-offs in accordance with Article 33.',
        ],
        'Each member is liable only for its own orders, acceptance and payments, and no member is liable for the obligations of another.',
        'The quantities per member in Annex [letter] are estimates given in good faith and do not oblige any member to buy. The maximum total quantity or value of the framework agreement is [amount]; once it is reached, the framework agreement has no further effect (Case C-23/20, Simonsen & Weel).',
        'Where members are established in different Member States, the joint procurement agreement also determines the applicable national procurement provisions, as Article 39(4) requires.',
      ),
    ],
  },
];
