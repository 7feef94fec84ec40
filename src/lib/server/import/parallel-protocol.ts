/** Messages and shared cells between a parallel import's writer and its parse worker. */
import type { RowData } from './normalise';
import type { AnalyseOptions, ImportPlan } from './pipeline';

/** Int32 cells of the shared control buffer. */
export const CONSUMED = 0;
export const ABORTED = 1;
/** Chunks (about 256 KiB of file each, READ_CHUNK_BYTES) the worker may be ahead of the writer: about 2 MB. */
export const MAX_AHEAD = 8;

export interface ParseRequest {
	path: string;
	name: string;
	options: Omit<AnalyseOptions, 'sink' | 'db' | 'workspaceId'>;
	/** SharedArrayBuffer of two Int32 cells: chunks consumed, aborted. */
	control: SharedArrayBuffer;
}

export type WorkerMessage =
	| { type: 'start'; plan: ImportPlan }
	| { type: 'rows'; data: RowData; last: boolean }
	| { type: 'done'; plan: ImportPlan }
	| { type: 'failed'; message: string; stack?: string };
