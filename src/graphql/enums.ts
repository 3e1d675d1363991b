import { registerEnumType } from 'type-graphql';
import {
  DOCUMENT_TYPES,
  FORGERY_KINDS,
  OUTCOMES,
  QUALITY_KINDS,
  VENDOR_STATUSES,
  VENDORS,
} from '../signals/model';

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
