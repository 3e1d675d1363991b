import type { OcrField } from '../../signals/model';
import { editDistance } from './suggest';

/**
 * Computed facts about whether the vendors reading one document agree with each other. Names and ID
 * numbers are personal data and never become facts (facts are stored with every decision); only how
 * alike the readings are does.
 */
export interface ConsistencyFacts {
  /** 0..100: the lowest similarity between two readings of the full name; null with fewer than two. */
  nameSimilarity: number | null;
  nameReadings: number;
  /** Every reading of the ID number is the same number; null with fewer than two. */
  idNumberAgrees: boolean | null;
  idNumberReadings: number;
}

export function consistencyFacts(fields: readonly OcrField[]): ConsistencyFacts {
  const names = readings(fields, 'fullName')
    .map(normaliseName)
    .filter((n) => n !== '');
  const ids = readings(fields, 'idNumber')
    .map(normaliseIdNumber)
    .filter((n) => n !== '');
  let nameSimilarity: number | null = null;
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const s = nameSimilarityScore(names[i]!, names[j]!);
      nameSimilarity = nameSimilarity === null ? s : Math.min(nameSimilarity, s);
    }
  }
  return {
    nameSimilarity,
    nameReadings: names.length,
    idNumberAgrees: ids.length < 2 ? null : ids.every((id) => id === ids[0]),
    idNumberReadings: ids.length,
  };
}

function readings(fields: readonly OcrField[], name: string): string[] {
  return fields.filter((f) => f.name === name && f.value !== null).map((f) => f.value!);
}

/** Upper case, accents dropped, punctuation as spaces, words sorted: "Dara, Sok" and "SOK DARA" are one name. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

function normaliseIdNumber(id: string): string {
  return id.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** 100 × (1 − edit distance / longer length), rounded: 100 for the same name, 0 for nothing alike. */
export function nameSimilarityScore(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 100;
  return Math.round(100 * (1 - editDistance(a, b) / longer));
}
