import {
  OCDS_EXTENSIONS,
  type OcdsPackageMeta,
  type OcdsRecord,
  type OcdsRecordPackage,
  type OcdsRelease,
  type OcdsReleasePackage,
} from './ocds';
import { compiledRelease } from './tender-releases';

/** Who publishes, under which licence and policy: the same on every package (from `OpenDataConfig`). */
export interface OcdsPublication {
  publisherName: string;
  publisherUri?: string;
  license: string;
  publicationPolicy: string;
}

export function packageMeta(publication: OcdsPublication, uri: string, publishedDate: string): OcdsPackageMeta {
  return {
    uri,
    version: '1.1',
    extensions: OCDS_EXTENSIONS,
    publisher: {
      name: publication.publisherName,
      ...(publication.publisherUri ? { uri: publication.publisherUri } : {}),
    },
    license: publication.license,
    publicationPolicy: publication.publicationPolicy,
    publishedDate,
  };
}

/**
 * A package made on demand is dated by the last change to what it holds (OCDS); an empty one, by
 * when it was asked for.
 */
export function latestDate(releases: Pick<OcdsRelease, 'date'>[], fallback: string): string {
  if (releases.length === 0) return fallback;
  return new Date(Math.max(...releases.map((release) => Date.parse(release.date)))).toISOString();
}

export function releasePackage(
  publication: OcdsPublication,
  uri: string,
  releases: OcdsRelease[],
  options: { next?: string; now: string },
): OcdsReleasePackage {
  return {
    ...packageMeta(publication, uri, latestDate(releases, options.now)),
    releases,
    ...(options.next ? { links: { next: options.next } } : {}),
  };
}

/** A tender's record: its releases linked by URL (the package that holds them, then `#` and the id), and the compiled release. */
export function tenderRecord(releases: OcdsRelease[], releasesUrl: string): OcdsRecord {
  const compiled = compiledRelease(releases);
  return {
    ocid: compiled.ocid,
    releases: releases.map((release) => ({
      url: `${releasesUrl}#${release.id}`,
      date: release.date,
      tag: release.tag,
    })),
    compiledRelease: compiled,
  };
}

export function recordPackage(
  publication: OcdsPublication,
  uri: string,
  records: OcdsRecord[],
  packages: string[],
  now: string,
): OcdsRecordPackage {
  return {
    ...packageMeta(
      publication,
      uri,
      latestDate(
        records.map((record) => record.compiledRelease),
        now,
      ),
    ),
    ...(packages.length > 0 ? { packages } : {}),
    records,
  };
}

/**
 * A package written piece by piece: what comes before the first release or record, and what
 * closes it, so that a bulk export never holds more than one tender's releases at a time.
 */
export function packageFrame(meta: OcdsPackageMeta, key: 'releases' | 'records'): { head: string; tail: string } {
  const open = JSON.stringify(meta);
  return { head: `${open.slice(0, -1)},"${key}":[`, tail: ']}' };
}
