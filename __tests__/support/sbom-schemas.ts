// Validates an SBOM against its format's published JSON schema (fixtures/schemas, vendored), with
// ajv: SPDX 2.3 and CycloneDX 1.6 (which refers to the SPDX license list and JSF schemas).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { ROOT } from './runner.ts';

const SCHEMAS = join(ROOT, '__tests__', 'fixtures', 'schemas');
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')) as Record<string, unknown>;

let validators: Record<'spdx' | 'cyclonedx', ValidateFunction> | undefined;

function compile(): Record<'spdx' | 'cyclonedx', ValidateFunction> {
  // strict: false for the schemas' own annotations (CycloneDX's meta:enum); every format is
  // checked, and the two that ajv-formats lacks are checked here as RFC 3987 and RFC 6531 allow.
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the default export's `default` under Node's ESM interop.
  formats.default(ajv);
  ajv.addFormat('iri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s));
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  // CycloneDX refers to its companions by the file names the library gave them (`$ref`s relative
  // to its own $id), while their $ids keep the published names: register them where it looks.
  for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json'])
    ajv.addSchema({ ...load(name), $id: `http://cyclonedx.org/schema/${name}` });
  return { spdx: ajv.compile(load('spdx-2.3.schema.json')), cyclonedx: ajv.compile(load('bom-1.6.SNAPSHOT.schema.json')) };
}

/** What the schema finds wrong with `doc` ('' entries never; an empty list when it is valid). */
export function schemaErrors(format: 'spdx' | 'cyclonedx', doc: unknown): string[] {
  validators ??= compile();
  const validate = validators[format];
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}
