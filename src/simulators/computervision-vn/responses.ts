import { sampleJpegBase64 } from '../sample-image';

/**
 * Canned computervision.com.vn answers. The people are fictional; each card is internally consistent
 * (the 12-digit number encodes province 001, sex/century and birth year; the chip back repeats the
 * front's birth date, sex and expiry as its MRZ reading does; expiry follows the 25/40/60 rule).
 */

type Info = Record<string, unknown>;

interface Person {
  id: string;
  name: string;
  surname: string;
  givenName: string;
  dob: string;
  gender: 'Nam' | 'Nữ';
  dueDate: string;
  issueDate: string;
  hometown: [ward: string, district: string, town: string];
  address: [street: string, ward: string, district: string, town: string];
}

const PASS_PERSON: Person = {
  id: '001190012345',
  name: 'ĐỖ THỊ MINH THƯ',
  surname: 'DO',
  givenName: 'THI MINH THU',
  dob: '14/03/1990',
  gender: 'Nữ',
  dueDate: '14/03/2030',
  issueDate: '10/05/2021',
  hometown: ['Xã Đông Phong', 'Yên Phong', 'Bắc Ninh'],
  address: ['Số 12 Ngõ 45 Phố Hoa Lư', 'Phường Lê Đại Hành', 'Hai Bà Trưng', 'Hà Nội'],
};

/** Born 1998, chip card issued in 2021, so the card lapsed at 25 (2023). */
const EXPIRED_PERSON: Person = {
  id: '001098034567',
  name: 'LÊ VĂN HÙNG',
  surname: 'LE',
  givenName: 'VAN HUNG',
  dob: '12/07/1998',
  gender: 'Nam',
  dueDate: '12/07/2023',
  issueDate: '15/06/2021',
  hometown: ['Xã Nghĩa Đồng', 'Tân Kỳ', 'Nghệ An'],
  address: ['Số 8 Ngách 3/21 Phố Trung Kính', 'Phường Trung Hòa', 'Cầu Giấy', 'Hà Nội'],
};

const ISSUED_AT = 'CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI';

/** Adds `<key>_confidence` and `<key>_box` next to each read field, as the vendor lays them out. */
function withReadings(values: Record<string, string>, confidence: number): Info {
  const info: Info = {};
  let top = 120;
  for (const [key, value] of Object.entries(values)) {
    info[key] = value;
    info[`${key}_confidence`] = Number((confidence - (top % 7) / 1000).toFixed(4));
    info[`${key}_box`] = [268, top, 890, top + 38];
    top += 46;
  }
  return info;
}

function chipFront(p: Person, confidence: number): Info {
  const info = withReadings(
    {
      id: p.id,
      name: p.name,
      dob: p.dob,
      gender: p.gender,
      nationality: 'Việt Nam',
      hometown: p.hometown.join(', '),
      address: p.address.join(', '),
      due_date: p.dueDate,
    },
    confidence,
  );
  return {
    ...info,
    address_town: p.address[3],
    address_district: p.address[2],
    address_ward: p.address[1],
    address_town_code: '01',
    address_district_code: '007',
    address_ward_code: '00256',
    hometown_town: p.hometown[2],
    hometown_district: p.hometown[1],
    hometown_ward: p.hometown[0],
    hometown_town_code: '27',
    hometown_district_code: '258',
    hometown_ward_code: '09202',
  };
}

function chipBack(p: Person, confidence: number): Info {
  const read = withReadings({ issue_date: p.issueDate, identification_sign: 'Nốt ruồi C:1cm trên trước đầu lông mày phải' }, confidence);
  return {
    ...read,
    issued_at: ISSUED_AT,
    country: 'VNM',
    document_number: p.id.slice(3),
    person_number: p.id,
    dob: p.dob,
    gender: p.gender,
    due_date: p.dueDate,
    nationality: 'Việt Nam',
    sur_name: p.surname,
    given_name: p.givenName,
    mrz_confidence: confidence,
  };
}

/** A per-document warning as the simulator sends it: code as text, the vendor's own Vietnamese wording. */
export const CVVN_WARNINGS: Readonly<Record<string, { code: string; message: string }>> = {
  screen: { code: '1', message: 'Ảnh có dấu hiệu chụp qua màn hình điện tử' },
  photocopy: { code: '2', message: 'Ảnh là bản photocopy của giấy tờ' },
  'id-format': { code: '3', message: 'Số giấy tờ không đúng định dạng' },
  'corner-clipped': { code: '5', message: 'Giấy tờ bị cắt góc' },
  'corner-missing': { code: '6', message: 'Giấy tờ bị mất góc' },
};

/**
 * Front-side verdicts that no documented warning explains, as scenarios: `valid` False with code 0,
 * with no code and with the undocumented code 4; `valid` True with a warning code; and `unclear`, a
 * `valid` word the page does not use. `invalidCode` undefined leaves the key out.
 */
export const CVVN_ODD_VERDICTS: Readonly<Record<string, { valid: string; invalidCode?: string; message: string }>> = {
  'invalid-unspecified': { valid: 'False', invalidCode: '0', message: '' },
  'invalid-no-code': { valid: 'False', message: '' },
  'invalid-undocumented': { valid: 'False', invalidCode: '4', message: 'Giấy tờ không hợp lệ' },
  'valid-contradiction': { valid: 'True', invalidCode: '2', message: 'Ảnh là bản photocopy của giấy tờ' },
  unclear: { valid: 'Unknown', invalidCode: '0', message: '' },
};

export type CvvnCardVariant = 'pass' | 'low-ocr' | 'expired' | 'missing-back' | keyof typeof CVVN_WARNINGS | keyof typeof CVVN_ODD_VERDICTS;

function frontVerdict(variant: CvvnCardVariant): { valid: string; invalidCode?: string; invalidMessage: string } {
  const odd = CVVN_ODD_VERDICTS[variant];
  if (odd) return { valid: odd.valid, ...(odd.invalidCode === undefined ? {} : { invalidCode: odd.invalidCode }), invalidMessage: odd.message };
  const warning = CVVN_WARNINGS[variant];
  return warning ? { valid: 'False', invalidCode: warning.code, invalidMessage: warning.message } : { valid: 'True', invalidCode: '0', invalidMessage: '' };
}

/**
 * The `data` list for a card scenario: the chip front, plus the chip back for the two-sided call.
 * A warning or odd-verdict scenario marks the front; `image` (the aligned crop) is sent only when
 * get_thumb=true.
 */
export function cardDocuments(variant: CvvnCardVariant, twoSides: boolean, withThumb: boolean): Info[] {
  const person = variant === 'expired' ? EXPIRED_PERSON : PASS_PERSON;
  const confidence = variant === 'low-ocr' ? 0.4121 : 0.9912;
  const thumb = withThumb ? { image: sampleJpegBase64('thumb') } : {};
  const front = {
    info: { ...chipFront(person, confidence), ...thumb },
    ...frontVerdict(variant),
    type: 'chip_id_card_front',
  };
  // missing-back: the two-sided call answers with the front alone.
  if (!twoSides || variant === 'missing-back') return [front];
  const back = {
    info: { ...chipBack(person, confidence), ...thumb },
    valid: 'True',
    invalidCode: '0',
    invalidMessage: '',
    type: 'chip_id_card_back',
  };
  return [front, back];
}

/** The page's error code table, as the vendor words it in `errorMessage`. */
export const CVVN_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  '0': 'Success',
  '1': 'The photo does not contain content',
  '2': 'Url is unavailable',
  '3': 'Incorrect image format',
  '4': 'Out of requests',
  '5': 'Incorrect api_key or api_secret',
  '6': 'Incorrect format type',
};

/** The generic envelope for an error code: no documents. */
export function errorEnvelope(code: string): { data: unknown[]; errorCode: string; errorMessage: string } {
  return { data: [], errorCode: code, errorMessage: CVVN_ERROR_MESSAGES[code] ?? 'Error' };
}

export function successEnvelope(data: unknown[]): { data: unknown[]; errorCode: string; errorMessage: string } {
  return { data, errorCode: '0', errorMessage: CVVN_ERROR_MESSAGES['0']! };
}
