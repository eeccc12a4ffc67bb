// The object shapes of format jixiao/v1 (see docs/format.md). Money, weights and
// scores are decimal strings ("1234.56"), never numbers.

export type Decimal = string;
export type Kind = "project-goal" | "project-self-eval" | "unit-goal" | "unit-self-eval";
export type Op = ">=" | ">" | "=" | "<=" | "<";

export type Target =
  | { op: Op; value: Decimal; unit: string; bare?: boolean }
  | { op: Op; date: string }
  | { qualitative: string }
  | string;

export interface Funds {
  total?: Decimal; fiscal?: Decimal; other?: Decimal; carryover?: Decimal;
  basic?: Decimal; project?: Decimal; medium_term_total?: Decimal;
}

export interface Indicator {
  id: string; level1: string; level2: string; name: string;
  target: Target; adjusted_target?: Target;
  actual?: string; weight?: Decimal; score?: Decimal;
  deviation?: string; note?: string; change_reason?: string;
  [extra: string]: unknown;
}

export interface Document {
  format: "jixiao/v1";
  kind: Kind;
  profile?: string;
  year?: number | string;
  project?: { name: string; code?: string; department: string; unit: string; attribute?: string; period?: { start: string; end: string } };
  unit?: { name: string; code?: string; department: string };
  funds?: Funds;
  budget?: { initial?: Funds; adjusted?: Funds; executed?: Funds; adjustment_reason?: string; execution_reason?: string };
  execution_weight?: Decimal; execution_score?: Decimal; total_score?: Decimal;
  goals?: { annual?: string; medium_term?: string; planned?: string; achieved?: string };
  tasks?: { name: string; content: string; funds?: Funds }[];
  indicators: Indicator[];
  explanations?: { rule: string; path: string; text: string }[];
  check?: CheckSection;
  score?: Score;
  [extra: string]: unknown;
}

export interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  /** JSON Pointer into the document, e.g. "/indicators/4/target". */
  path: string;
  message: string;
  params?: Record<string, string>;
  explanation?: string;
}

/** The `check` section of a document: the profile and every finding. */
export interface CheckSection { profile: string; findings: Finding[] }

/** What `check()` returns: every finding the page shows (checks and scoring), and for a self-evaluation its score. */
export interface CheckResult extends CheckSection { score?: Score }

export interface Score {
  execution?: { rate: Decimal; score: Decimal; how?: string };
  indicators: { id: string; score?: Decimal; how: string }[];
  total: Decimal;
  grade: string;
}

export interface ScoreResult { score: Score; findings: Finding[] }

export interface ParsedTarget {
  target?: Exclude<Target, string>;
  display: string;
  error?: { message: string; position: number };
}

export interface ProfileInfo { id: string; version: string; tag: string; name: string; description: string }

export interface MountOptions {
  kind?: Kind;
  document?: Document | string;
  profile?: string;
  locale?: "zh-CN";
  readOnly?: boolean;
  onChange?: (doc: Document) => void;
  onSubmit?: (doc: Document) => void;
}
