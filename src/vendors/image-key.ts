import type { ImageRef } from './vendor';

/** A stable key for an image: its SHA-256 when given as bytes, its URL otherwise (same key, same image). */
export function imageKey(image: ImageRef): string {
  return image.kind === 'base64' ? `sha256:${image.sha256}` : `url:${image.url}`;
}
