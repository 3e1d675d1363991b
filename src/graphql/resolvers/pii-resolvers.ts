import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { hasScope } from '../../auth/scopes';
import type { OcrField } from '../../signals/model';
import type { DocumentView } from '../../signals/merged';
import type { GatewayContext } from '../context';
import { maskFieldValue, maskMrzLine } from '../pii-mask';
import { DocumentDataType } from '../types/document-data';
import { OcrFieldType } from '../types/ocr-field';

const canReadPii = (context: GatewayContext) => hasScope(context.principal.scopes, 'pii:read');

/**
 * The one place personal data is masked: every OCR value and raw text, and the MRZ lines, resolve
 * through here, whichever query or mutation reached them.
 */
@Resolver(() => OcrFieldType)
export class OcrFieldPiiResolver {
  @FieldResolver(() => String, { nullable: true, description: 'ISO yyyy-mm-dd for dates, M/F for sex, trimmed text otherwise. Masked without pii:read.' })
  value(@Root() field: OcrField, @Ctx() context: GatewayContext): string | null {
    return canReadPii(context) ? field.value : maskFieldValue(field.name, field.value);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The text exactly as the vendor sent it. Masked without pii:read.' })
  raw(@Root() field: OcrField, @Ctx() context: GatewayContext): string | null {
    return canReadPii(context) ? field.raw : maskFieldValue(field.name, field.raw);
  }
}

@Resolver(() => DocumentDataType)
export class DocumentPiiResolver {
  @FieldResolver(() => [String], { nullable: true, description: 'Machine-readable zone lines, as read. Masked without pii:read.' })
  mrz(@Root() document: DocumentView, @Ctx() context: GatewayContext): string[] | null {
    if (document.mrz === null) return null;
    return canReadPii(context) ? document.mrz : document.mrz.map(maskMrzLine);
  }
}
