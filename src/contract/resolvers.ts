// Resolver keys and their payload schemas, shared by the backend (which validates every payload) and the
// Custom UI's one typed `invoke` wrapper. Issue and project never travel in a payload: the backend takes
// them from the Forge context.
import { z } from 'zod';
import type { AlignmentView, IssuePanelView } from './views';

export const resolverContract = {
  'issue/get-panel': { payload: z.object({}).strict(), result: null as unknown as IssuePanelView },
  'project/get-alignment': { payload: z.object({}).strict(), result: null as unknown as AlignmentView },
} as const;

export type ResolverKey = keyof typeof resolverContract;
export type PayloadOf<K extends ResolverKey> = z.input<(typeof resolverContract)[K]['payload']>;
export type ResultOf<K extends ResolverKey> = (typeof resolverContract)[K]['result'];
