import { registerEnumType } from 'type-graphql';
import { DOCUMENT_TYPES, FORGERY_KINDS, OUTCOMES, QUALITY_KINDS, VENDOR_STATUSES, VERDICT_CHECKS, VERDICTS } from '../signals/model';
import { VENDORS } from '../vendors/registry';

/** GraphQL enums mirror the canonical model's const lists: one source of truth for the names. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const OutcomeEnum = enumOf(OUTCOMES);
export const VendorEnum = enumOf(VENDORS);
export const VendorStatusEnum = enumOf(VENDOR_STATUSES);
export const DocumentTypeEnum = enumOf(DOCUMENT_TYPES);
export const ForgeryKindEnum = enumOf(FORGERY_KINDS);
export const QualityKindEnum = enumOf(QUALITY_KINDS);
export const VerdictCheckEnum = enumOf(VERDICT_CHECKS);
export const VerdictEnum = enumOf(VERDICTS);

registerEnumType(OutcomeEnum, {
  name: 'Outcome',
  valuesConfig: { PENDING: { description: 'Some vendor result is still being processed; ask again later.' } },
});
registerEnumType(VendorEnum, { name: 'Vendor' });
registerEnumType(VendorStatusEnum, {
  name: 'VendorStatus',
  valuesConfig: {
    PENDING: { description: 'The vendor accepted the job but has no final answer yet.' },
    FAILED: { description: 'The vendor answered with an error, or with a body the adapter could not read.' },
    SKIPPED: { description: 'Routing chose the vendor, but the input it needs was not given (e.g. no back image).' },
  },
});
registerEnumType(DocumentTypeEnum, { name: 'DocumentType' });
registerEnumType(ForgeryKindEnum, {
  name: 'ForgeryKind',
  valuesConfig: {
    FORGED: { description: 'A vendor judged the document forged or tampered with.' },
    SCREEN_CAPTURE: { description: 'Photographed from a screen.' },
    ID_FORMAT_INVALID: { description: 'The ID number does not have the format that document type requires.' },
  },
});
registerEnumType(QualityKindEnum, { name: 'QualityKind' });
registerEnumType(VerdictCheckEnum, {
  name: 'VerdictCheck',
  valuesConfig: {
    DOCUMENT: { description: 'The document is genuine: security features, forgery, copy or screen checks.' },
    OCR: { description: 'The document was read.' },
    FACE: { description: 'Liveness and similarity of the selfie to the document photo.' },
    QUALITY: { description: 'Image quality: blur, brightness, colour, flash.' },
  },
});
registerEnumType(VerdictEnum, {
  name: 'Verdict',
  valuesConfig: {
    PASSED: { description: 'A documented positive verdict, or documented evidence (scores, fields) the policy judges.' },
    FAILED: { description: 'A documented negative verdict.' },
    UNCLEAR: { description: 'Anything else: an undocumented code or word, a verdict missing or null, contradicting fields. Never a pass.' },
  },
});
