/**
 * The image URLs Huawei OCR fetches itself: "URLs for anonymously and publicly authorized or
 * external access to image files stored on OBS", in the page's form
 * `https://BucketName.obs.myhwclouds.com/ObjectName`. Any other URL is fetched by the gateway and
 * sent as base64, since the vendor would refuse it.
 */
const OBS_HOST = /^[a-z0-9][a-z0-9.-]*\.obs\.myhwclouds\.com$/;

export function isObsUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && OBS_HOST.test(parsed.hostname) && parsed.username === '' && parsed.password === '' && parsed.port === '' && parsed.pathname.length > 1;
}
