import { Expose } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';

const URL_RULE = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** The placeholder ocid prefix: fine for a demo, never for data others rely on. */
export const PLACEHOLDER_OCID_PREFIX = 'ocds-consortio';

/**
 * How the platform publishes open data (OCDS). A publisher registers its own ocid prefix with
 * the Open Contracting Partnership (https://standard.open-contracting.org/latest/en/schema/identifiers/#contracting-process-identifier-ocid)
 * and sets it here; the default is a marked placeholder, and the api logs a warning while it is used.
 */
export class OpenDataConfig {
  @Expose()
  @Matches(/^ocds-[a-z0-9]{1,30}$/, {
    message:
      'OCDS_OCID_PREFIX must be the ocid prefix registered with the Open Contracting Partnership, such as ocds-213czf (lowercase letters and digits after "ocds-")',
  })
  OCDS_OCID_PREFIX = PLACEHOLDER_OCID_PREFIX;

  /** Where people open the web app (the same variable the mails use); package URIs and open call pages start with it. */
  @Expose()
  @IsUrl(URL_RULE, {
    message: 'PUBLIC_URL must be the web address of this platform, e.g. https://consortio.example',
  })
  PUBLIC_URL = 'http://localhost:3000';

  @Expose()
  @IsString()
  @Length(1, 200, { message: 'OCDS_PUBLISHER_NAME must be 1 to 200 characters' })
  OCDS_PUBLISHER_NAME = 'Consortio';

  /** A URI that identifies the publisher (its web site, or an org-id.guide identifier URI). */
  @Expose()
  @IsOptional()
  @IsUrl(URL_RULE, { message: 'OCDS_PUBLISHER_URI must be a URL such as https://consortio.example' })
  OCDS_PUBLISHER_URI?: string;

  /** The licence of the data, as the canonical URL of an open licence. */
  @Expose()
  @IsUrl(URL_RULE, {
    message: 'OCDS_LICENSE must be the URL of the data licence, e.g. https://creativecommons.org/licenses/by/4.0/',
  })
  OCDS_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

  /** The publisher's publication policy; by default the policy the api serves at /api/v1/ocds/publication-policy. */
  @Expose()
  @IsOptional()
  @IsUrl(URL_RULE, { message: 'OCDS_PUBLICATION_POLICY_URL must be a URL' })
  OCDS_PUBLICATION_POLICY_URL?: string;
}
