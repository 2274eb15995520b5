// What the issues hidden from one viewer add to the project's figures (coverage, counts, waived, in scope) and
// to each strategy issue's story counts: subtracted from the summary and the epic rows for that viewer. Worked
// out from the hidden issues' records and kept beside the viewer's visibility for 5 minutes
// (`rs-visible:<projectId>:<accountId>:figures`, account-id keyed like it), tied to the results it was computed
// from (`resultsAt`, which every scan and every panel patch moves, and the scanned set): a patch to a hidden
// issue must not show up in the viewer's figures as a stale difference, so any change of results recomputes it.
import { z } from 'zod';
import { GAP_CODES, type Coverage } from '../../domain/model';
import type { Clock, KeyValueStore } from '../ports';
import { withContribution, type Figures } from './contribution';
import type { IssueRecord } from './records';
import type { ResultStore } from './result-store';
import { coverageSchema, type ResultSummary } from './summary';
import { visibilityKey, VISIBILITY_TTL_MS } from './visibility';

export interface HiddenContribution {
  figures: Figures;
  /** Per strategy issue id: hidden stories beneath it, and how many of those have a covered PO. */
  below: ReadonlyMap<string, { stories: number; withPo: number }>;
}

const count = z.number().int().min(0);
const cachedSchema = z.object({
  schema: z.literal(1),
  at: z.string(),
  resultsAt: z.string(),
  scan: z.string(),
  figures: z.object({
    coverage: coverageSchema,
    byCode: z.partialRecord(z.enum(GAP_CODES), count),
    waivedCount: count,
    inScopeCount: count,
  }),
  below: z.array(z.tuple([z.string(), count, count])),
});

const NOTHING: Figures = {
  coverage: { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 },
  byCode: {},
  waivedCount: 0,
  inScopeCount: 0,
};

export function contributionKey(projectId: string, accountId: string): string {
  return `${visibilityKey(projectId, accountId)}:figures`;
}

export function contributionOf(records: Iterable<IssueRecord>): HiddenContribution {
  let figures = NOTHING;
  const below = new Map<string, { stories: number; withPo: number }>();
  for (const record of records) {
    figures = withContribution(figures, record, 1);
    if (record.kind !== 'execution') continue;
    for (const id of record.strategyIds) {
      const entry = below.get(id) ?? { stories: 0, withPo: 0 };
      entry.stories += 1;
      if (record.covered) entry.withPo += 1;
      below.set(id, entry);
    }
  }
  return { figures, below };
}

/** `figures` without `hidden`'s contribution, never below zero. */
export function withoutHidden(figures: Figures, hidden: Figures): Figures {
  const coverage = { ...figures.coverage };
  for (const k of Object.keys(coverage) as Array<keyof Coverage>) {
    coverage[k] = Math.max(0, coverage[k] - hidden.coverage[k]);
  }
  const byCode = { ...figures.byCode };
  for (const code of GAP_CODES) {
    const left = (byCode[code] ?? 0) - (hidden.byCode[code] ?? 0);
    if (left > 0) byCode[code] = left;
    else delete byCode[code];
  }
  return {
    coverage,
    byCode,
    waivedCount: Math.max(0, figures.waivedCount - hidden.waivedCount),
    inScopeCount: Math.max(0, figures.inScopeCount - hidden.inScopeCount),
  };
}

export async function hiddenContribution(
  ports: { store: KeyValueStore; clock: Clock; results: ResultStore },
  request: { projectId: string; accountId: string; summary: ResultSummary; hidden: ReadonlySet<string> },
): Promise<HiddenContribution> {
  if (request.hidden.size === 0) return { figures: NOTHING, below: new Map() };
  const key = contributionKey(request.projectId, request.accountId);
  const now = ports.clock.now().getTime();
  const cached = cachedSchema.safeParse(await ports.store.get<unknown>(key));
  if (cached.success) {
    const at = Date.parse(cached.data.at);
    if (
      cached.data.resultsAt === request.summary.resultsAt &&
      cached.data.scan === request.summary.ids.hash &&
      at <= now &&
      now - at < VISIBILITY_TTL_MS
    ) {
      return {
        figures: cached.data.figures,
        below: new Map(cached.data.below.map(([id, stories, withPo]) => [id, { stories, withPo }])),
      };
    }
  }
  const records = await ports.results.readIssueRecords([...request.hidden]);
  const contribution = contributionOf(records.values());
  await ports.store.set(
    key,
    {
      schema: 1,
      at: new Date(now).toISOString(),
      resultsAt: request.summary.resultsAt,
      scan: request.summary.ids.hash,
      figures: contribution.figures,
      below: [...contribution.below].map(([id, c]) => [id, c.stories, c.withPo]),
    } satisfies z.infer<typeof cachedSchema>,
    { ttlSeconds: VISIBILITY_TTL_MS / 1000 },
  );
  return contribution;
}
