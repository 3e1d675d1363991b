import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Routing, RoutingError } from '../../src/orchestration/routing';

const routing = Routing.load(join(__dirname, '../../rules'));

describe('default routing (CONTRACTS.md section 3)', () => {
  it('picks the documented vendors per country and document', () => {
    expect(routing.pick('KH', 'NATIONAL_ID')).toEqual(['HUAWEI_OCR', 'INNOV8TIF', 'ADVANCE_AI']);
    expect(routing.pick('VN', 'PASSPORT')).toEqual(['COMPUTERVISION_VN', 'ADVANCE_AI']);
    expect(routing.pick('VN', 'NATIONAL_ID')).toEqual(['COMPUTERVISION_VN', 'ADVANCE_AI']);
    expect(routing.pick('ID', 'NATIONAL_ID')).toEqual(['VERIHUBS', 'ADVANCE_AI']);
    expect(routing.pick('ID', 'PASSPORT')).toEqual(['ADVANCE_AI']);
    expect(routing.pick('KH', 'PASSPORT')).toEqual(['ADVANCE_AI']);
    expect(routing.pick('TH', 'DRIVING_LICENSE')).toEqual(['ADVANCE_AI']);
  });

  it('refuses a routing file naming an unknown vendor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routing-'));
    writeFileSync(join(dir, 'routing.json'), JSON.stringify({ routes: [{ country: 'KH', documentType: '*', vendors: ['ACME'] }] }));
    expect(() => Routing.load(dir)).toThrow(RoutingError);
  });
});
