// Scenario controls: what a presenter can make the simulator's market do (POST /api/admin/scenario, and the
// presenter panel). One definition of the kinds, their defaults and limits, checked by one schema on the server.

import { z } from 'zod';
import { symbolNameSchema } from './schemas.ts';

export const SCENARIO_KINDS = ['rally', 'crash', 'news', 'volatility', 'drought', 'halt', 'resume'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/** One scenario for one symbol; `size` and `durationMs` default per kind (SCENARIO_RULES). */
export interface ScenarioRequest {
  symbol: string;
  kind: ScenarioKind;
  size?: number;
  durationMs?: number;
}

interface ScenarioRule {
  /** What `size` means for this kind, for docs and error messages; undefined when the kind takes none. */
  size?: { meaning: string; min: number; max: number; default: number; nonZero?: boolean };
  /** What `durationMs` means; undefined when the kind takes none. */
  duration?: { meaning: string; max: number; default: number };
}

const HOUR = 3_600_000;

export const SCENARIO_RULES: Readonly<Record<ScenarioKind, ScenarioRule>> = {
  rally: {
    size: { meaning: 'the rise, a fraction of the price (0.05 = 5 %)', min: 0, max: 0.5, default: 0.03, nonZero: true },
    duration: { meaning: 'how long the rise takes (0 = at once)', max: HOUR, default: 20_000 },
  },
  crash: {
    size: { meaning: 'the fall, a fraction of the price (0.05 = 5 %)', min: 0, max: 0.5, default: 0.05, nonZero: true },
    duration: { meaning: 'how long the fall takes (0 = at once)', max: HOUR, default: 10_000 },
  },
  news: {
    size: {
      meaning: 'the jump, a signed fraction of the price (-0.02 = down 2 %)',
      min: -0.5,
      max: 0.5,
      default: 0.02,
      nonZero: true,
    },
  },
  volatility: {
    size: { meaning: 'the factor on volatility (3 = three times, 0.3 = calmer)', min: 0.1, max: 10, default: 3 },
    duration: { meaning: 'how long the regime lasts', max: HOUR, default: 60_000 },
  },
  drought: {
    size: {
      meaning: "the share of the market makers' liquidity pulled (0.75: a quarter of the size, four times the spread)",
      min: 0,
      max: 0.95,
      default: 0.75,
      nonZero: true,
    },
    duration: { meaning: 'how long the makers stay away', max: HOUR, default: 30_000 },
  },
  halt: {
    duration: { meaning: 'when trading reopens by itself (0 or absent = only on resume)', max: HOUR, default: 0 },
  },
  resume: {},
};

/** A scenario with every default filled in. */
export interface ResolvedScenario {
  symbol: string;
  kind: ScenarioKind;
  size: number;
  durationMs: number;
}

export const scenarioRequestSchema = z
  .object({
    symbol: symbolNameSchema,
    kind: z.enum(SCENARIO_KINDS, { error: `kind must be one of ${SCENARIO_KINDS.join(', ')}` }),
    size: z.number().finite().optional(),
    durationMs: z.number().int().nonnegative().optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    const rule = SCENARIO_RULES[request.kind];
    if (request.size !== undefined) {
      const size = rule.size;
      if (!size) ctx.addIssue({ code: 'custom', path: ['size'], message: `${request.kind} takes no size` });
      else if (request.size < size.min || request.size > size.max || (size.nonZero && request.size === 0)) {
        const range =
          size.nonZero && size.min === 0
            ? `above 0 and at most ${size.max}`
            : `from ${size.min} to ${size.max}${size.nonZero ? ', not 0' : ''}`;
        ctx.addIssue({
          code: 'custom',
          path: ['size'],
          message: `size for ${request.kind} is ${size.meaning}: ${range}`,
        });
      }
    }
    if (request.durationMs !== undefined) {
      const duration = rule.duration;
      if (!duration)
        ctx.addIssue({ code: 'custom', path: ['durationMs'], message: `${request.kind} takes no durationMs` });
      else if (request.durationMs > duration.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['durationMs'],
          message: `durationMs for ${request.kind} is ${duration.meaning}: at most ${duration.max}`,
        });
      }
    }
  })
  .transform((request): ResolvedScenario => ({
    symbol: request.symbol,
    kind: request.kind,
    size: request.size ?? SCENARIO_RULES[request.kind].size?.default ?? 0,
    durationMs: request.durationMs ?? SCENARIO_RULES[request.kind].duration?.default ?? 0,
  }));
