import { Injectable } from '@nestjs/common';
import type { OcdsPublication } from './ocds-packages';
import { OpenDataConfig, PLACEHOLDER_OCID_PREFIX } from './open-data.config';
import type { OcdsMappingOptions } from './tender-releases';

/** What the configuration says about publishing, in the shapes the mapping and the packages take. */
@Injectable()
export class OcdsPublicationSettings {
  readonly apiUrl: string;
  readonly mapping: OcdsMappingOptions;
  readonly publication: OcdsPublication;

  constructor(readonly config: OpenDataConfig) {
    const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
    this.apiUrl = `${publicUrl}/api/v1`;
    this.mapping = { ocidPrefix: config.OCDS_OCID_PREFIX, publicUrl, language: 'en' };
    this.publication = {
      publisherName: config.OCDS_PUBLISHER_NAME,
      publisherUri: config.OCDS_PUBLISHER_URI,
      license: config.OCDS_LICENSE,
      publicationPolicy: config.OCDS_PUBLICATION_POLICY_URL ?? `${this.apiUrl}/ocds/publication-policy`,
    };
  }

  get placeholderPrefix(): boolean {
    return this.config.OCDS_OCID_PREFIX === PLACEHOLDER_OCID_PREFIX;
  }

  /** The URL of a tender's release package, which record links point into. */
  releasesUrl(tenderId: string): string {
    return `${this.apiUrl}/ocds/tenders/${tenderId}/releases`;
  }

  /** The publication policy the api serves when no other is configured. */
  policyText(): string {
    return [
      `${this.config.OCDS_PUBLISHER_NAME}: publication policy for open contracting data`,
      '',
      'What is published: every tender of a consortium from the moment its contract notice is published,',
      'in the Open Contracting Data Standard 1.1 with the OCDS for EU profile (lots, lot award criteria,',
      'metrics). Drafts, needs of single members, budgets of single members, evaluation scores and',
      'supplier responses are never published.',
      '',
      'When: a release is published with every stage change of the tender (publication, evaluation,',
      'award, signed contract, pilot, roll-out, scale-up, closing) and with later changes to awards,',
      'sites and KPIs. The data is served live from the system of record; there is no delay.',
      '',
      `Where: ${this.apiUrl}/ocds/tenders (latest release of every published tender, paged),`,
      `${this.apiUrl}/ocds/tenders/{tenderId}/releases and ${this.apiUrl}/ocds/tenders/{tenderId}/record.`,
      '',
      `Identifiers: ocid = ${this.config.OCDS_OCID_PREFIX}-{tender id}.` +
        (this.placeholderPrefix
          ? ' This prefix is a placeholder: the publisher has not yet registered its own with the Open Contracting Partnership.'
          : ''),
      '',
      `Licence: ${this.config.OCDS_LICENSE}`,
      '',
    ].join('\n');
  }
}
