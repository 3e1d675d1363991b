import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type GraphQLSchema, isObjectType, isInputObjectType, isEnumType, isScalarType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatewaySdl } from '../../src/graphql/sdl';
import { buildGatewaySchema } from '../../src/graphql/schema';
import type { GatewayServices } from '../../src/graphql/services';

const root = join(__dirname, '../..');

describe('schema/', () => {
  it('schema/schema.graphql is the SDL the code emits (run `npm run schema:emit` when this fails)', async () => {
    const committed = readFileSync(join(root, 'schema/schema.graphql'), 'utf8');
    expect(committed).toBe(await gatewaySdl());
  });
});

/**
 * The public contract (a copy of the design's api-contract.graphql) must be contained in the
 * schema: every type, field, argument and enum value, with the same type. Adding is allowed.
 */
describe('public contract', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema({} as GatewayServices);
  });
  const contract = parse(readFileSync(join(root, 'schema/contract/api-contract.graphql'), 'utf8'));

  for (const def of contract.definitions) {
    if (!('name' in def) || !def.name) continue;
    const name = def.name.value;
    it(`${name} is in the schema as the contract has it`, () => {
      const type = schema.getType(name);
      expect(type, `type ${name}`).toBeDefined();
      if (def.kind === Kind.SCALAR_TYPE_DEFINITION) expect(isScalarType(type)).toBe(true);
      if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
        expect(isEnumType(type)).toBe(true);
        const values = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
        for (const v of def.values ?? []) expect(values).toContain(v.name.value);
      }
      if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        expect(isObjectType(type) || isInputObjectType(type)).toBe(true);
        const fields = isObjectType(type) || isInputObjectType(type) ? type.getFields() : {};
        for (const f of def.fields ?? []) {
          const ours = fields[f.name.value] as { type: unknown; args?: Array<{ name: string; type: unknown }> } | undefined;
          expect(ours, `${name}.${f.name.value}`).toBeDefined();
          expect(String(ours!.type), `${name}.${f.name.value} type`).toBe(print(f.type));
          if ('arguments' in f) {
            for (const a of f.arguments ?? []) {
              const arg = ours!.args?.find((x) => x.name === a.name.value);
              expect(arg, `${name}.${f.name.value}(${a.name.value})`).toBeDefined();
              expect(String(arg!.type)).toBe(print(a.type));
            }
          }
        }
      }
    });
  }

  it('Identity is a federation entity keyed by id', async () => {
    expect(await gatewaySdl()).toMatch(/type Identity\s+@key\(fields: "id"\)/);
  });
});
