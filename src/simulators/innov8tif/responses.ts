/**
 * Canned OkayDoc answers for the simulator, in the vendor's wire format: the documented success
 * envelope (scores as strings, checks as "Pass" / "Fail") and, where the page documents nothing,
 * the error envelope the simulator assumes (see ERROR_ANSWERS).
 */

/** The seven landmarks OkayDoc scores on the back of a Cambodian ID card, in the documented order. */
const LANDMARKS: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'l-kh-id-back-logo1', label: 'Logo 1' },
  { code: 'l-kh-id-back-logo2', label: 'Logo 2' },
  { code: 'l-kh-id-back-logo3', label: 'Logo 3' },
  { code: 'l-kh-id-back-kingdom', label: 'Kingdom of Cambodia' },
  { code: 'l-kh-id-back-national', label: 'National Religion King' },
  { code: 'l-kh-id-back-card', label: 'Khmer Identity Card' },
  // The vendor's own spelling.
  { code: 'l-kh-id-back-2-lines', label: 'Secruity Statements' },
];

type Check = 'Pass' | 'Fail';

/** What one verdict scenario reports: a score per landmark (same order) and the three checks. */
export interface VerdictProfile {
  scores: readonly string[];
  blur: Check;
  brightness: Check;
  colorMode: Check;
}

/** A profile whose checks all pass except `failed`. */
function profile(scores: readonly string[], failed?: 'blur' | 'brightness' | 'colorMode'): VerdictProfile {
  const check = (name: string): Check => (name === failed ? 'Fail' : 'Pass');
  return { scores, blur: check('blur'), brightness: check('brightness'), colorMode: check('colorMode') };
}

/**
 * Verdict scenarios. Each is internally consistent: a poor image (blurry, dark, photocopied) also
 * lowers the landmark scores somewhat, and a forged card scores low on every security feature.
 */
export const VERDICTS: Readonly<Record<string, VerdictProfile>> = {
  // The documented example's scores.
  pass: profile(['94.56533193588257', '94.21520233154297', '92.07828640937805', '90.77043533325195', '85.3787899017334', '94.36067938804626', '86.49997115135193']),
  'low-landmarks': profile(['91.20447325706482', '38.61093521118164', '88.93201947212219', '44.07125473022461', '27.5530219078064', '90.1182234287262', '83.64012837409973']),
  forged: profile(['21.40339970588684', '12.88104057312012', '30.52637219429016', '18.99472475051880', '9.731388092041016', '25.06171464920044', '14.27795886993408']),
  blurry: profile(['71.38512134552002', '66.90412163734436', '69.11022663116455', '62.47305870056152', '58.20911526679993', '70.05534768104553', '60.81235408782959'], 'blur'),
  dark: profile(['78.22081446647644', '74.91303086280823', '76.0348379611969', '69.44791674613953', '63.3201003074646', '77.86115407943726', '65.1740312576294'], 'brightness'),
  photocopy: profile(
    ['80.41337132453918', '79.0024995803833', '75.62811374664307', '72.95036911964417', '68.48573088645935', '81.90720677375793', '70.33346891403198'],
    'colorMode',
  ),
  // A security feature the vendor could not score: "N/A" is no number 0..100, so no evidence.
  unclear: profile(['93.81622076034546', '92.6601243019104', '90.4480516910553', '89.27186727523804', 'N/A', '93.0410623550415', '85.88200807571411']),
};
// A grayscale capture fails the same colour-mode check as a photocopy.
export const VERDICT_ALIASES: Readonly<Record<string, string>> = { grayscale: 'photocopy' };

function component(id: string, code: string, label: string, value: string, withImage: boolean) {
  return {
    code,
    label,
    value,
    imageUrl: withImage ? `/public/image/v2/${id}?type=${code}` : null,
    refImageUrl: null,
  };
}

function check(method: string, label: string, value: Check) {
  return { method, label, componentList: [{ code: method, label, value, imageUrl: null, refImageUrl: null }] };
}

/** The documented success envelope for one verification `id`. */
export function successBody(id: string, profile: VerdictProfile): Record<string, unknown> {
  return {
    status: 'success',
    messageCode: 'api.success',
    message: '',
    id,
    methodList: [
      {
        method: 'landmark',
        label: 'Landmark Analysis Result',
        componentList: LANDMARKS.map((l, i) => component(id, l.code, l.label, profile.scores[i]!, true)),
      },
      check('idBlurDetection', 'ID Blur Detection', profile.blur),
      check('idBrightnessDetc', 'ID Brightness Detection', profile.brightness),
      check('colorMode', 'Color Mode', profile.colorMode),
    ],
    outputImageList: [{ tag: 'cropId', imageUrl: `/public/image/v2/${id}?type=cropId` }],
  };
}

/**
 * The error answers. The page documents none, so these are chosen: the success envelope with
 * `status: "error"`, an `api.<name>` messageCode in the vendor's style, and a plausible HTTP status
 * (401 for a wrong or missing apiKey, 400 for a bad request or image, 500 for a server fault).
 */
export const ERROR_ANSWERS: Readonly<Record<string, { httpStatus: number; message: string }>> = {
  'api.unauthorized': { httpStatus: 401, message: 'Invalid API key' },
  'api.invalid.request': { httpStatus: 400, message: 'caseNo, apiKey and idImageBase64Image are required' },
  'api.invalid.image': { httpStatus: 400, message: 'idImageBase64Image is not a readable JPEG or PNG image' },
  'api.internal.error': { httpStatus: 500, message: 'Internal server error' },
};

export function errorBody(messageCode: string, message: string): Record<string, unknown> {
  return { status: 'error', messageCode, message, id: null, methodList: null, outputImageList: null };
}

/** What the web server in front of the API answers for an unknown path or method (assumed). */
export function webServerError(status: 404 | 405, error: string, path: string): Record<string, unknown> {
  return { timestamp: new Date().toISOString(), status, error, path };
}
