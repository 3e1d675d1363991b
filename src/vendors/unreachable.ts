/** The default branch of an exhaustive switch: the compiler proves it is never reached. */
export function unreachable(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
