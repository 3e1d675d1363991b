import { randomBytes } from 'node:crypto';
import { ADVANCE_ERROR_CODES, describeErrorCode, isOneOf } from '../../vendors/advance-ai/codes';

/**
 * Canned ADVANCE.AI bodies, shaped like the vendor's documented examples. The person is fictional
 * and internally consistent: a Malaysian MyKad holder born 1977-10-28 (the date in the vendor's
 * examples), female (PEREMPUAN, even last digit of the MyKad number).
 */

type Json = Record<string, unknown>;

function transactionId(): string {
  return randomBytes(8).toString('hex');
}

/** The envelope every ADVANCE.AI open API answers with. */
export function envelope(code: string, message: string, data: unknown): Json {
  return { code, message, data, extra: null, transactionId: transactionId(), pricingStrategy: 'FREE' };
}

const EVENTS = [{ event: 'FE_DOCUMENT_SCAN', result: 'PASS', createTimestmap: 1665993522952 }];
const ID_NUMBER = '771028-10-5678';

function faceDetail(liveness: number | null, similarity: number | null): Json {
  const passed = liveness !== null && liveness >= 50 && (similarity === null || similarity >= 70);
  return {
    faceResult: passed ? 'PASS' : 'FAIL',
    faceImageFar: 'https://sim.advance.invalid/faceImageFar.jpg',
    faceImageNear: 'https://sim.advance.invalid/faceImageNear.jpg',
    auditImageUrl: 'https://sim.advance.invalid/auditImage.zip',
    faceLivenessScore: liveness,
    faceSimilarityScore: similarity,
    eventDetails: EVENTS,
  };
}

function docDetail(overrides: Json = {}): Json {
  return {
    ocrResult: 'PASS',
    docFrontImage: 'https://sim.advance.invalid/idFrontImage.jpg',
    docBackImage: 'https://sim.advance.invalid/idBackImage.jpg',
    docType: { front: 'MY-ID-MYKAD', back: 'MY-ID-MYKAD' },
    subDocType: { front: 'MY-ID-MYKAD', back: 'MY-ID-MYKAD' },
    ocrInfo: {
      front: {
        gender: 'PEREMPUAN',
        name: 'NURUL AIN BINTI HASSAN',
        address: 'NO 12 JALAN MAWAR 3, TAMAN SERI BUNGA, 43000 KAJANG, SELANGOR',
        idNumber: ID_NUMBER,
        religion: 'ISLAM',
        birthday: '1977/10/28',
        citizen: 'MYS',
      },
      back: { idNumber: ID_NUMBER },
    },
    qualityLabels: { front: [], back: [] },
    forgeryLabels: [],
    eventDetails: EVENTS,
    ...overrides,
  };
}

function idvData(signatureId: string, idvResult: string, errorCode: string, face: Json | null, doc: Json | null): Json {
  return { signatureId, idvResult, errorCode, faceDetail: face, docDetail: doc };
}

/** A clean pass: the vendor's SUCCESS example, without its photocopy label. */
export function passData(signatureId: string, doc: Json = {}): Json {
  return idvData(signatureId, 'PASS', 'SUCCESS', faceDetail(99, 82), docDetail(doc));
}

/**
 * Still processing, as in the vendor's example: no verdict, similarity and forgery labels not yet
 * known, the birthday as printed plus the parsed form.
 */
export function pendingData(signatureId: string): Json {
  return {
    signatureId,
    idvResult: null,
    errorCode: null,
    faceDetail: { ...faceDetail(99, null), faceResult: 'pass' },
    docDetail: docDetail({
      docType: undefined,
      subDocType: undefined,
      ocrInfo: {
        front: { birthday: 'OCTOBER 28,1977', name: 'NURUL AIN BINTI HASSAN', birthdayParsed: '1977/10/28', idNumber: ID_NUMBER },
        back: null,
      },
      forgeryLabels: null,
    }),
  };
}

/**
 * A negative verdict without its reason: idvResult FAIL, errorCode null, details of a clean pass.
 * The page never shows it; the gateway must not read it as a pass.
 */
export function failWithoutReasonData(signatureId: string): Json {
  return { ...passData(signatureId), idvResult: 'FAIL', errorCode: null };
}

/**
 * An answer in the page's format whose verdict the page does not document: idvResult REVIEW with
 * errorCode SUCCESS and the details of a clean pass.
 */
export function unclearData(signatureId: string): Json {
  return { ...passData(signatureId), idvResult: 'REVIEW' };
}

/** A result with every detail still null, as the vendor sends when it stopped before any check. */
function emptyDetails(signatureId: string, idvResult: string, errorCode: string): Json {
  return idvData(
    signatureId,
    idvResult,
    errorCode,
    { faceResult: null, faceImageFar: null, faceImageNear: null, auditImageUrl: null, faceLivenessScore: null, faceSimilarityScore: null },
    { docResult: null, docFrontImage: null, docBackImage: null, ocrInfo: null, qualityLabels: null, forgeryLabels: null },
  );
}

/**
 * The `data` for one of the vendor's errorCodes, with the idvResult the vendor's table gives it and
 * details consistent with the reason; null for a code the table does not list.
 */
export function errorCodeData(signatureId: string, code: string): Json | null {
  if (!isOneOf(ADVANCE_ERROR_CODES, code)) return null;
  const meaning = describeErrorCode(code);
  if (meaning.kind === 'pass') return passData(signatureId);
  // The vendor's own example spells the code this way, with a lower-case "fail".
  if (code === 'NOT_SUPPORTED_CARD') return emptyDetails(signatureId, 'fail', code);
  // The table gives INCOMPLETE to the card findings and to the codes without a verdict.
  if (meaning.kind === 'no-verdict' || meaning.results.includes('INCOMPLETE')) return emptyDetails(signatureId, 'INCOMPLETE', code);
  const data = passData(signatureId);
  data.idvResult = 'FAIL';
  data.errorCode = code;
  switch (code) {
    case 'LIVENESS_ATTACK':
      data.faceDetail = faceDetail(0.0, 82.0);
      break;
    case 'SIMILARITY_FAIL':
      data.faceDetail = faceDetail(97.5, 41.25);
      break;
    case 'NO_FACE_DETECTED':
      data.faceDetail = faceDetail(99, null);
      break;
    case 'CARD_INFO_MISMATCH':
      data.docDetail = docDetail({
        ocrInfo: { front: (docDetail().ocrInfo as Json).front, back: { idNumber: '820315-14-6021' } },
      });
      break;
    case 'ID_FORGERY_DETECTED':
      data.docDetail = docDetail({ forgeryLabels: ['forgery'] });
      break;
    default:
      break;
  }
  return data;
}

/** The vendor's documented envelope-level errors. */
export const SIGNATURE_NOT_EXIST_MESSAGE = 'This signatureId is not exist';
export const SERVER_ERROR_MESSAGE = 'Server error';

/** Token API bodies, as documented (README facts): PARAMETER_ERROR causes and ACCOUNT_DISABLED. */
export const TOKEN_ERRORS = {
  empty: ['PARAMETER_ERROR', 'Parameter should not be empty'],
  timestamp: ['PARAMETER_ERROR', 'Timestamp error'],
  signature: ['PARAMETER_ERROR', 'Signature error'],
  disabled: ['ACCOUNT_DISABLED', 'Account Disabled'],
  badRequest: ['CLIENT_ERROR', 'HTTP 400 - Bad Request'],
} as const;
