/** The caller's input is wrong. Clients see it as BAD_USER_INPUT naming the field; nothing was called. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** The input path, e.g. `input.documentFront.base64`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
