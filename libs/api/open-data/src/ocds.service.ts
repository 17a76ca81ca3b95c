import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OcdsRecordPackage, OcdsReleasePackage } from './ocds';
import { recordPackage, releasePackage, tenderRecord } from './ocds-packages';
import { OcdsPublicationSettings } from './ocds-publication';
import { OpenDataReader } from './open-data-reader';
import { tenderReleases } from './tender-releases';

/**
 * The public OCDS endpoints: published tenders only, to anyone. A tender that is not published
 * (a draft, internal needs) answers exactly like one that does not exist.
 */
@Injectable()
export class OcdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: OpenDataReader,
    private readonly settings: OcdsPublicationSettings,
  ) {}

  /** The latest release of each published tender, a page at a time in tender id order. */
  async latestReleases(pageSize: number, cursor: string | undefined): Promise<OcdsReleasePackage> {
    const manager = this.dataSource.manager;
    const ids = await this.reader.publishedIds(manager, { after: cursor ?? null, limit: pageSize + 1 });
    const page = ids.slice(0, pageSize);
    const tenders = await this.reader.load(manager, page);
    const releases = tenders.map((tender) => tenderReleases(tender, this.settings.mapping).at(-1)).filter(defined);
    // OCDS: a release package holds one release or more (minItems 1); there is no valid empty one.
    if (releases.length === 0) {
      throw new NotFoundException(
        cursor
          ? `There is no published tender after ${cursor}: an OCDS release package holds at least one release.`
          : 'There is no published tender yet: an OCDS release package holds at least one release.',
      );
    }
    const url = (after?: string) =>
      `${this.settings.apiUrl}/ocds/tenders?pageSize=${pageSize}${after ? `&cursor=${after}` : ''}`;
    return releasePackage(this.settings.publication, url(cursor), releases, {
      now: new Date().toISOString(),
      next: ids.length > pageSize ? url(page[page.length - 1]) : undefined,
    });
  }

  /** Every release of one published tender, oldest first. */
  async releases(tenderId: string): Promise<OcdsReleasePackage> {
    const tender = await this.published(tenderId);
    return releasePackage(
      this.settings.publication,
      this.settings.releasesUrl(tenderId),
      tenderReleases(tender, this.settings.mapping),
      { now: new Date().toISOString() },
    );
  }

  /** The record of one published tender: its releases linked, and the compiled release. */
  async record(tenderId: string): Promise<OcdsRecordPackage> {
    const tender = await this.published(tenderId);
    const releasesUrl = this.settings.releasesUrl(tenderId);
    return recordPackage(
      this.settings.publication,
      `${this.settings.apiUrl}/ocds/tenders/${tenderId}/record`,
      [tenderRecord(tenderReleases(tender, this.settings.mapping), releasesUrl)],
      [releasesUrl],
      new Date().toISOString(),
    );
  }

  private async published(tenderId: string) {
    const manager = this.dataSource.manager;
    const [tender] = (await this.reader.isPublished(manager, tenderId))
      ? await this.reader.load(manager, [tenderId])
      : [];
    if (!tender) throw new NotFoundException(`There is no published tender with id ${tenderId}.`);
    return tender;
  }
}

const defined = <T>(value: T | undefined): value is T => value !== undefined;
