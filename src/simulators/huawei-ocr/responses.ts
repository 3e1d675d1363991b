import { mrzCheckDigit } from '../../signals/mrz';
import { sampleJpegBase64 } from '../sample-image';

/**
 * Canned Huawei Cloud OCR bodies: a fictional Cambodian card (Khmer-digit dates, Khmer name, TD1
 * MRZ with correct ICAO 9303 check digits) and the error table the simulator answers from.
 */

/** Card scenarios the simulator answers with HTTP 200. */
export const CARD_SCENARIOS = ['pass', 'low-ocr', 'photocopy', 'expired', 'bad-mrz', 'short-mrz', 'unreadable-mrz', 'unclear'] as const;
export type CardScenario = (typeof CARD_SCENARIOS)[number];

/** Writes ASCII digits as Khmer digits (U+17E0..U+17E9), as the card prints them. */
function khmerDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCodePoint(0x17e0 + Number(d)));
}

interface Card {
  idNumber: string;
  surname: string;
  givenName: string;
  nameKh: string;
  sex: 'M' | 'F';
  /** ISO dates. */
  birth: string;
  issue: string;
  expiry: string;
}

/** SOK DARA: a fictional person. */
const VALID_CARD: Card = {
  idNumber: '011845273',
  surname: 'SOK',
  givenName: 'DARA',
  nameKh: 'សុខ ដារ៉ា',
  sex: 'M',
  birth: '1992-03-14',
  issue: '2022-05-02',
  expiry: '2032-05-01',
};

/** The same person's previous card, expired in 2022. */
const EXPIRED_CARD: Card = { ...VALID_CARD, idNumber: '011845199', issue: '2012-04-20', expiry: '2022-04-19' };

/** ISO yyyy-mm-dd → the card's dd.mm.yyyy in Khmer digits. */
function cardDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return khmerDigits(`${d}.${m}.${y}`);
}

/** ISO yyyy-mm-dd → MRZ YYMMDD. */
function mrzDate(iso: string): string {
  return iso.slice(2).replace(/-/g, '');
}

function pad(text: string, length: number): string {
  return text.padEnd(length, '<').slice(0, length);
}

/** The card's TD1 MRZ (3 × 30) with every check digit computed; `breakComposite` spoils the last one. */
function cardMrz(card: Card, breakComposite = false): [string, string, string] {
  const docNumber = card.idNumber;
  const line1 = `IDKHM${docNumber}${mrzCheckDigit(docNumber)}${'<'.repeat(15)}`;
  const birth = mrzDate(card.birth);
  const expiry = mrzDate(card.expiry);
  const head = `${birth}${mrzCheckDigit(birth)}${card.sex}${expiry}${mrzCheckDigit(expiry)}KHM${'<'.repeat(11)}`;
  const composite = line1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29);
  let check = mrzCheckDigit(composite);
  if (breakComposite) check = (check + 5) % 10;
  const line3 = pad(`${card.surname}<<${card.givenName}`, 30);
  return [line1, `${head}${check}`, line3];
}

const HIGH_CONFIDENCE: Record<string, number> = {
  id_number: 0.9921,
  name_kh: 0.9613,
  name_en: 0.9786,
  birth_date: 0.9834,
  sex: 0.9952,
  height: 0.9417,
  birth_place: 0.9322,
  address: 0.9158,
  issue_date: 0.9745,
  expiry_date: 0.9769,
  description: 0.8874,
  machine_code1: 0.9903,
  machine_code2: 0.9891,
  machine_code3: 0.9866,
  idcard_type: 0.998,
};

const LOW_CONFIDENCE: Record<string, number> = {
  id_number: 0.4213,
  name_kh: 0.3127,
  name_en: 0.4475,
  birth_date: 0.3862,
  sex: 0.4981,
  height: 0.3354,
  birth_place: 0.3016,
  address: 0.3548,
  issue_date: 0.4102,
  expiry_date: 0.3975,
  description: 0.3209,
  machine_code1: 0.4627,
  machine_code2: 0.4418,
  machine_code3: 0.4733,
  idcard_type: 0.5012,
};

export interface CardOptions {
  returnIdcardType: boolean;
  returnPortraitImage: boolean;
  returnPortraitLocation: boolean;
}

/**
 * The MRZ as the OCR reads it: `short-mrz` drops fillers as the page's own example does (one from
 * the run before line 2's composite digit, one from the end of line 3: 30, 29 and 29 characters);
 * `unreadable-mrz` has letters where digits stand, as the page's redacted example.
 */
function readMrz(card: Card, scenario: CardScenario): [string, string, string] {
  const [l1, l2, l3] = cardMrz(card, scenario === 'bad-mrz');
  if (scenario === 'short-mrz') return [l1, l2.slice(0, 28) + l2.slice(29), l3.slice(0, 29)];
  if (scenario === 'unreadable-mrz') return [`${l1.slice(0, 8)}XXXXXXX${l1.slice(15)}`, l2.replace(/^(\d{3})\d{3}/, '$1XXX'), l3];
  return [l1, l2, l3];
}

/** The `result` object of a 200 answer for a card scenario. */
export function cardResult(scenario: CardScenario, options: CardOptions): Record<string, unknown> {
  const card = scenario === 'expired' ? EXPIRED_CARD : VALID_CARD;
  const [mrz1, mrz2, mrz3] = readMrz(card, scenario);
  const result: Record<string, unknown> = {
    id_number: card.idNumber,
    name_kh: card.nameKh,
    name_en: `${card.surname} ${card.givenName}`,
    birth_date: cardDate(card.birth),
    sex: card.sex === 'M' ? 'ប្រុស' : 'ស្រី',
    height: khmerDigits('172 ស.ម'),
    birth_place: 'ខេត្តកំពង់ចាម',
    address: 'ភូមិ៣ សង្កាត់បឹងកេងកង១ ខណ្ឌចំការមន រាជធានីភ្នំពេញ',
    issue_date: cardDate(card.issue),
    expiry_date: cardDate(card.expiry),
    description: 'ប្រជ្រុយលើថ្ពាល់ឆ្វេង',
    machine_code1: mrz1,
    machine_code2: mrz2,
    machine_code3: mrz3,
    confidence: { ...(scenario === 'low-ocr' ? LOW_CONFIDENCE : HIGH_CONFIDENCE) },
  };
  // `unclear`: a card type the page does not document (it lists only normal and copy).
  if (options.returnIdcardType) result.idcard_type = scenario === 'photocopy' ? 'copy' : scenario === 'unclear' ? 'suspected' : 'normal';
  else delete (result.confidence as Record<string, number>).idcard_type;
  if (options.returnPortraitImage) result.portrait_image = sampleJpegBase64(scenario);
  if (options.returnPortraitLocation)
    result.portrait_location = [
      [53, 341],
      [185, 340],
      [179, 504],
      [42, 505],
    ];
  return result;
}

/**
 * Every error the simulator can answer: HTTP status and the vendor's own message. The page
 * documents HTTP 400 for OCR errors; for platform and gateway codes the statuses are the gateway's
 * usual ones (401 token, 403 permission, 404 unknown API, 429 throttling, 5xx backend), chosen
 * where Huawei's tables leave them out.
 */
export const SIM_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  'AIS.0101': { status: 400, message: 'The input parameter is invalid.' },
  'AIS.0102': { status: 400, message: 'The image format is not supported.' },
  'AIS.0103': { status: 400, message: 'The image size does not meet the requirements.' },
  'AIS.0104': { status: 400, message: 'The image is not supported or the image quality is poor.' },
  'AIS.0105': { status: 400, message: 'Recognition failed.' },
  'ModelArts.0203': { status: 401, message: 'Invalid token.' },
  'ModelArts.0212': { status: 401, message: 'Invalid Token header. The Token not contain project item.' },
  'ModelArts.4101': { status: 401, message: 'Token header cannot be empty.' },
  'ModelArts.4102': { status: 401, message: 'Parse Token error.' },
  'ModelArts.4103': { status: 401, message: 'Invalid Token header.' },
  'ModelArts.4104': { status: 400, message: 'Invalid Request Content Length.' },
  'ModelArts.4105': { status: 400, message: 'The JSON format of the input data is incorrect.' },
  'ModelArts.4201': { status: 400, message: 'Request url need service id.' },
  'ModelArts.4202': { status: 400, message: 'Request url format invalid.' },
  'ModelArts.4203': { status: 403, message: 'Access denied! You do not have permission.' },
  'ModelArts.4204': { status: 400, message: 'Request api error! The API ocr-cambodian-idcard is not subscribed.' },
  'ModelArts.4301': { status: 500, message: 'Have error when get ai-service admin token.' },
  'ModelArts.4302': { status: 500, message: 'Gateway forwarding error.' },
  'ModelArts.4401': { status: 429, message: 'Max concurrency error.' },
  'ModelArts.4402': { status: 504, message: 'Backend service timeout error.' },
  'ModelArts.4403': { status: 503, message: 'Backend service unavailable error.' },
  'ModelArts.4502': { status: 500, message: 'Backend service response error.' },
  'ModelArts.4503': { status: 500, message: 'Backend service found error.' },
  'ModelArts.4504': { status: 404, message: 'Backend service api not found.' },
  'ModelArts.4505': { status: 500, message: 'Backend service internal error.' },
  'ModelArts.4506': { status: 500, message: 'SubService service found error.' },
  'ModelArts.4508': { status: 503, message: 'Service not start.' },
  'ModelArts.4601': { status: 400, message: 'The URL is not allowed.' },
  'ModelArts.4603': { status: 400, message: 'Obtaining the file from the URL failed.' },
  'ModelArts.4702': { status: 400, message: 'Query Obs agency failed.' },
  'ModelArts.4703': { status: 400, message: 'The Obs URL is invalid.' },
  'ModelArts.4704': { status: 400, message: 'Obtaining the file from the OBS failed.' },
  'ModelArts.4705': { status: 400, message: 'The file stored on the OBS is oversized.' },
  'ModelArts.4706': { status: 400, message: 'The Obs file is not exist.' },
  'APIG.0101': { status: 404, message: 'The API does not exist or has not been published in the environment.' },
  'APIG.0106': { status: 400, message: 'Orchestration error.' },
  'APIG.0201': { status: 504, message: 'Backend timeout.' },
  'APIG.0301': { status: 401, message: 'Incorrect IAM authentication information: decrypt token fail' },
  'APIG.0302': { status: 403, message: 'The IAM user is not authorized to access the API.' },
  'APIG.0307': { status: 401, message: 'The token must be updated.' },
  'APIG.0308': { status: 429, message: 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute' },
  'APIG.1002': { status: 401, message: 'Incorrect token or token resolution failed.' },
};

/** The documented spelling of a simulator error code given in any case, or null. */
export function simErrorCode(code: string): string | null {
  const upper = code.toUpperCase();
  return Object.keys(SIM_ERRORS).find((known) => known.toUpperCase() === upper) ?? null;
}
