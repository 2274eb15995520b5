// `nextPageToken`s for the enhanced search: opaque (AES-256-GCM encrypted with a key that lives only in this
// process, so callers cannot read or forge a position), bound to the query and the caller, and expiring. A
// restart invalidates every token, as a token expiring would: the caller starts the search again.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

const payloadSchema = z.object({
  /** The search this token continues (its result list is cached under this id). */
  s: z.string(),
  /** Hash of the caller and the JQL: a token only continues the query it came from. */
  q: z.string(),
  /** Offset of the next page in the result list. */
  o: z.number().int().min(0),
  /** The search's `reconcileIssues` (sorted ids, comma-separated); Jira wants the same on every page. */
  r: z.string().optional(),
  /** Expiry, epoch ms. */
  e: z.number(),
});

export type PageTokenPayload = z.infer<typeof payloadSchema>;

export class PageTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(payload: Omit<PageTokenPayload, 'e'>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify({ ...payload, e: this.now() + this.ttlMs }), 'utf8'),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The payload, or undefined when the token is garbage, forged, or expired. */
  read(token: string): PageTokenPayload | undefined {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const parsed = payloadSchema.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.e <= this.now()) return undefined;
      return parsed.data;
    } catch {
      return undefined;
    }
  }
}
