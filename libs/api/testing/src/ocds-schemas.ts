import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * The official OCDS 1.1 schemas and the EU profile's patched release schema, compiled from
 * ../shared/data/ocds beside the project: one validator for the unit and integration specs of open
 * data and the black-box tests of what the api serves. Null where that folder is absent.
 */
export const OCDS_DIR = resolve(__dirname, '../../../../../shared/data/ocds');

export type OcdsValidators = ReturnType<typeof loadValidators>;

export function ocdsValidators(dir = OCDS_DIR): OcdsValidators | null {
  return existsSync(dir) ? loadValidators(dir) : null;
}

function loadValidators(dir: string) {
  const read = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8')) as { id: string };
  const core = new Ajv({ strict: false, allErrors: true });
  addFormats(core as never);
  // The package schemas refer to these by their ids.
  core.addSchema(read('1.1/release-schema.json'));
  core.addSchema(read('1.1/versioned-release-validation-schema.json'));
  const eu = new Ajv({ strict: false, allErrors: true });
  addFormats(eu as never);
  return {
    releasePackage: core.compile(read('1.1/release-package-schema.json')),
    recordPackage: core.compile(read('1.1/record-package-schema.json')),
    euRelease: eu.compile(read('eu-profile/release-schema.json')),
  };
}

/** The schema's errors for `value`, none when it is valid. */
export function schemaErrors(validate: ValidateFunction, value: unknown): ValidateFunction['errors'] {
  return validate(value) ? [] : validate.errors;
}
