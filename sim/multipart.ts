import type { SimRequest } from './http';

/** Parses a multipart/form-data body (uploads, docs/backend-facts.md §4.4); null when it is not one. */
export async function readForm(req: SimRequest): Promise<FormData | null> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return null;
  try {
    return await new Response(new Uint8Array(req.rawBody), { headers: { 'content-type': type } }).formData();
  } catch {
    return null;
  }
}

/** The `file` part, when it is a non-empty file. */
export function filePart(form: FormData | null, name = 'file'): File | null {
  const part = form?.get(name);
  return part instanceof File ? part : null;
}
