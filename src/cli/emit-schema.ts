import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { gatewaySdl } from '../graphql/sdl';

const target = process.argv[2] ?? 'schema/schema.graphql';
writeFileSync(target, await gatewaySdl());
console.log(`wrote ${target}`);
