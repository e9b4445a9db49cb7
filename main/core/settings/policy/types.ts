// What an OS policy store gives the settings loader: per source (lowest precedence first), the values the
// administrator enforces (applied and locked) and the ones only recommended (defaults the agent may change).
export interface PolicySource {
  /** Where it was read, for problems and diagnostics (a registry key, a plist file). */
  origin: string;
  enforced: Record<string, unknown>;
  recommended: Record<string, unknown>;
}

export interface PolicyRead {
  /** Lowest precedence first: a later source's value wins. */
  sources: PolicySource[];
  problems: string[];
}

export type PolicyReader = () => Promise<PolicyRead>;
