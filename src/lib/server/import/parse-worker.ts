/**
 * The parse worker of a parallel import (see parallel.ts): reads, decodes, parses and normalises
 * a statement file with the preview's own code (analyseStatement with a sink), and posts the
 * normalised rows chunk by chunk to the thread that writes them. It never touches the database.
 *
 * Flow control: the writer acknowledges each chunk through a shared counter; the worker waits
 * while MAX_AHEAD chunks are unacknowledged, so a fast parse never piles a file up in memory. The
 * writer sets the abort cell to stop it early.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RowStore } from './normalise';
import { analyseStatement, fileSource, type AnalyseOptions, type ImportPlan, type RowSink } from './pipeline';
import { ABORTED, CONSUMED, MAX_AHEAD, type ParseRequest, type WorkerMessage } from './parallel-protocol';

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
	parentPort!.postMessage(message, transfer);
}

async function run(request: ParseRequest): Promise<void> {
	const control = new Int32Array(request.control);
	let sent = 0;
	let begun = false;
	const sink: RowSink = {
		start(plan: ImportPlan) {
			begun = false;
			post({ type: 'start', plan: { ...plan, rows: null } });
		},
		rows(store: RowStore, last: boolean) {
			if (Atomics.load(control, ABORTED) !== 0) throw new Error('aborted');
			// The writer makes the platform (if new) in the currency of the first income row: hold
			// rows back until one comes, as the single-threaded writer does.
			if (!begun && !last && store.firstIncome() < 0) return false;
			begun = true;
			const { data, transfer } = store.toTransfer();
			post({ type: 'rows', data, last }, transfer);
			sent++;
			while (sent - Atomics.load(control, CONSUMED) >= MAX_AHEAD && Atomics.load(control, ABORTED) === 0) {
				Atomics.wait(control, CONSUMED, Atomics.load(control, CONSUMED), 1000);
			}
			return true;
		}
	};
	const options: AnalyseOptions = { ...request.options, sink };
	const plan = await analyseStatement(fileSource(request.path, request.name), options);
	post({ type: 'done', plan: { ...plan, rows: null } });
}

run(workerData as ParseRequest).catch((e: unknown) => {
	post({ type: 'failed', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
});
