/**
 * Answers built from the page's documented field lists (the page gives no filled-in example). Each
 * exercises a document type and a drift the vendor is known for: codes as numbers, confidences as
 * strings or percentages, "True"/"False" validity, lists of warning codes.
 */

/** Two-sided chip citizen ID: back listed first to prove the front's fields win the merge. */
export const CHIP_TWO_SIDES = {
  data: [
    {
      info: {
        issue_date: '10/05/2021',
        issued_at: 'CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI',
        country: 'VNM',
        document_number: '190012345',
        person_number: '001190012345',
        dob: '15/03/1990',
        gender: 'Nữ',
        due_date: '14/03/2030',
        nationality: 'Việt Nam',
        sur_name: 'DO',
        given_name: 'THI MINH THU',
        identification_sign: 'Nốt ruồi C:1cm trên trước đầu lông mày phải',
        identification_sign_confidence: 0.9512,
        issue_date_confidence: 0.9931,
        issue_date_box: [100, 200, 300, 240],
        identification_sign_box: [100, 260, 700, 300],
        mrz_confidence: 0.998,
        mrz: ['IDVNM1900123451001190012345<<2', '9003147F3003143VNM<<<<<<<<<<<8', 'DO<<THI<MINH<THU<<<<<<<<<<<<<<'],
        image: 'iVBORw0KGgo=',
      },
      valid: 'True',
      invalidMessage: '',
      invalidCode: '0',
      type: 'chip_id_card_back',
    },
    {
      info: {
        id: '001190012345',
        name: 'ĐỖ THỊ MINH THƯ',
        dob: '14/03/1990',
        hometown: 'Xã Đông Phong, Yên Phong, Bắc Ninh',
        gender: 'Nữ',
        due_date: '14/03/2030',
        nationality: 'Việt Nam',
        address: 'Số 12 Ngõ 45 Phố Hoa Lư,  Phường Lê Đại Hành, Hai Bà Trưng, Hà Nội',
        address_town_code: '01',
        address_district_code: '007',
        address_ward_code: '00256',
        address_town: 'Hà Nội',
        id_confidence: 0.9991,
        name_confidence: 0.9876,
        dob_confidence: 0.9954,
        gender_confidence: 0.9902,
        due_date_confidence: 0.9801,
        nationality_confidence: 0.9977,
        address_confidence: 0.9612,
        hometown_confidence: 0.9533,
        id_box: [268, 120, 890, 158],
        image: 'iVBORw0KGgo=',
      },
      valid: 'True',
      invalidMessage: '',
      invalidCode: '0',
      type: 'chip_id_card_front',
    },
  ],
  errorCode: '0',
  errorMessage: 'Success',
};

/** Old 9-digit ID front with numeric codes, string and percentage confidences and two warnings. */
export const OLD_ID_FRONT_WARNINGS = {
  data: [
    {
      info: {
        id: '012345678',
        name: 'NGUYỄN VĂN BÌNH',
        dob: '02-11-1975',
        hometown: 'Hà Đông, Hà Tây',
        address: 'Thanh Xuân Bắc, Thanh Xuân, Hà Nội',
        id_confidence: '0.97',
        name_confidence: '93.5',
        dob_confidence: 88,
        hometown_confidence: null,
      },
      valid: 'False',
      invalidMessage: 'anything the vendor says at run time',
      invalidCode: [2, '5'],
      type: '9_id_card_front',
    },
  ],
  errorCode: 0,
  errorMessage: 'Success',
};

/** Citizen ID of someone over 60 (no expiry) with its 12-digit back: religion, ethnicity. */
export const CITIZEN_ID_NO_EXPIRY = {
  data: [
    {
      info: { id: '036052000123', name: 'TRẦN VĂN AN', dob: '01/01/1952', gender: 'Nam', due_date: 'Không thời hạn', ethnicity: 'Kinh' },
      valid: true,
      invalidCode: 0,
      type: '12_id_card_front',
    },
    {
      info: { issue_date: '20/04/2016', issued_at: 'CỤC TRƯỞNG CỤC CẢNH SÁT ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ', religious: 'Không' },
      valid: 'True',
      invalidCode: '0',
      type: '12_id_card_back',
    },
  ],
  errorCode: '0',
  errorMessage: '',
};

/** Passport: full_name, bilingual sex, place of birth, MRZ as one text. */
export const PASSPORT = {
  data: [
    {
      info: {
        id: 'C1234567',
        sur_name: 'PHAM',
        given_name: 'THU TRANG',
        full_name: 'PHẠM THU TRANG',
        full_name_confidence: 0.97,
        dob: '05/09/1988',
        gender: 'Nữ/F',
        country: 'VNM',
        nationality: 'VIỆT NAM/VIETNAMESE',
        due_date: '12/08/2031',
        person_number: '001188004321',
        issue_date: '12/08/2021',
        issued_at: 'Cục Quản lý xuất nhập cảnh',
        place_of_birth: 'HÀ NỘI',
        confidence: 0.95,
        mrz: 'P<VNMPHAM<<THU<TRANG<<<<<<<<<<<<<<<<<<<<<<<<\nC1234567<0VNM8809057F3108126001188004321<<08',
      },
      valid: 'True',
      invalidCode: '0',
      type: 'passport',
    },
  ],
  errorCode: '0',
  errorMessage: 'Success',
};
