import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, VENDOR_SLUGS } from '../../src/simulators/scenario';

const guide = readFileSync(join(__dirname, '../../docs/simulators.md'), 'utf8');

describe('docs/simulators.md', () => {
  it('names every simulator scenario and every vendor prefix', () => {
    const names = [...Object.keys(SCENARIOS), ...Object.values(VENDOR_SLUGS).map((slug) => `${slug}:`)];
    expect(names.filter((name) => !guide.includes(`\`${name}\``))).toEqual([]);
  });
});
