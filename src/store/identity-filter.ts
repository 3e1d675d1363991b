import type { DocumentType, Outcome } from '../signals/model';

/** What a listing may be narrowed by. All given conditions must hold. */
export interface IdentityFilter {
  outcome?: Outcome | null;
  country?: string | null;
  documentType?: DocumentType | null;
  caseNo?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  /** Only cases created by this owner (an API key); null for all. */
  owner?: string | null;
}

/** Builds the WHERE clause and its parameters; `params` continues from `startAt`. */
export function filterSql(filter: IdentityFilter, startAt = 1): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${startAt + params.length - 1}`));
  };
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.country) add('country = ?', filter.country.toUpperCase());
  if (filter.documentType) add('document_type = ?', filter.documentType);
  if (filter.caseNo) add('case_no = ?', filter.caseNo);
  if (filter.createdAfter) add('created_at >= ?', filter.createdAfter);
  if (filter.createdBefore) add('created_at < ?', filter.createdBefore);
  if (filter.owner) add('owner = ?', filter.owner);
  return { where, params };
}
