// Types of wire.js for the simulator's TypeScript side (mirror-protocol.ts), which reads the same values.
export declare const MIRROR: {
  readonly events: '/service/mirror/events';
  readonly sync: '/service/mirror/sync';
  readonly snapshot: '/service/mirror/snapshot';
  readonly pointer: '/service/mirror/pointer';
  readonly control: '/service/mirror/control';
  readonly input: '/service/mirror/input';
};
export declare const CHUNK_CHARS: number;
export declare const MASK_SELECTOR: string;
export declare const NO_AGENT_SELECTOR: string;
export declare const SUBMIT_SELECTOR: string;
export declare const ACTIONABLE_SELECTOR: string;
export declare const META_EVENT: number;
export declare function chunksOf(text: string): string[];
