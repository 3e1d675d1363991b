import { randomUUID } from 'node:crypto';
import type { Decision } from '../../src/decision/engine/decision';
import { mergeSignals } from '../../src/signals/merge-signals';
import type { Outcome, VendorSignals } from '../../src/signals/model';
import type { IdentityRecord } from '../../src/store/identity-record';
import { cleanFacts } from './facts';

/** A stored-shape case for store tests (no vendor involved). */
export function makeRecord(over: { caseNo?: string; outcome?: Outcome; country?: string; createdAt?: Date; pending?: boolean } = {}): IdentityRecord {
  const outcome = over.outcome ?? 'APPROVE';
  const vendorSignals: VendorSignals[] = [
    {
      result: { vendor: 'HUAWEI_OCR', status: 'OK', latencyMs: 40, errorCode: null, message: null, reference: 'req-1' },
      fields: [{ name: 'idNumber', value: '011845273', raw: '011845273', confidence: 0.99, vendor: 'HUAWEI_OCR' }],
      face: null,
      landmarks: [],
      forgery: [],
      quality: [],
      mrz: null,
      verdicts: [],
    },
    {
      result: { vendor: 'ADVANCE_AI', status: over.pending ? 'PENDING' : 'OK', latencyMs: 55, errorCode: over.pending ? null : 'SUCCESS', message: null, reference: 'tx-1' },
      fields: [],
      face: { livenessScore: 99, similarityScore: over.pending ? null : 82, vendor: 'ADVANCE_AI' },
      landmarks: [],
      forgery: [],
      quality: [],
      mrz: null,
      verdicts: [],
    },
  ];
  const createdAt = over.createdAt ?? new Date();
  const decision: Decision = {
    outcome,
    reasons: outcome === 'APPROVE' ? [] : [{ code: 'TEST', message: 'test', rule: 'test-rule', outcome }],
    policyVersion: 'abcdef0123456789',
    decidedAt: createdAt,
    facts: cleanFacts(),
    decidedBy: null,
    note: null,
  };
  return {
    id: randomUUID(),
    owner: 'anonymous',
    caseNo: over.caseNo ?? `case-${randomUUID()}`,
    inputHash: 'hash-1',
    country: over.country ?? 'KH',
    documentType: 'NATIONAL_ID',
    faceSignatureId: 'pass',
    imageHashes: { front: 'a'.repeat(64), back: null },
    vendorSignals,
    signals: mergeSignals(vendorSignals),
    decisions: [decision],
    createdAt,
    updatedAt: createdAt,
  };
}
