/**
 * Parallel parsing for big imports (the CLI): a worker thread reads, decodes, parses and
 * normalises the file (parse-worker.ts) while this thread writes each chunk as it arrives, so the
 * two halves of the work overlap instead of taking turns. Same parse (analyseStatement), same
 * writer (the sink of importStatement), same transaction: only the thread that parses differs.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { RowStore } from './normalise';
import { analyseStatement, type AnalyseOptions, type ImportPlan, type StatementSource } from './pipeline';
import { ABORTED, CONSUMED, type ParseRequest, type WorkerMessage } from './parallel-protocol';

/** Set by the CLI bundle (scripts/ledger.js) to its compiled worker; unset when running the TypeScript sources. */
declare const __CL_PARSE_WORKER__: string | undefined;

/**
 * The worker's young generation, set so that peak memory does not hang on V8's defaults. With 1 MiB
 * reads, 32 or 64 MB raised the benchmark's peak RSS by 30–60 MB for no speed we could measure; with
 * 256 KiB reads (READ_CHUNK_BYTES), 16 → 32 MB took the worker's collections from about 0.6 s to
 * 0.3 s per million rows at about the same peak (190–200 MB), and 32 → 64 MB (once the worker became
 * the slower thread) from 83–85 scavenges and 324–353 ms to 57–58 and 205–248 ms (`--trace-gc`, two
 * CLI imports each), at a peak of 239–247 MB instead of 217–220 MB.
 */
const YOUNG_GENERATION_MB = 64;

function startWorker(workerData: ParseRequest): Worker {
	const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
	if (typeof __CL_PARSE_WORKER__ === 'string') return new Worker(pathToFileURL(__CL_PARSE_WORKER__), { workerData, resourceLimits });
	// From the TypeScript sources (tsx, Vitest): the worker registers tsx's loader, then loads the module.
	const file = './parse-worker.ts';
	const url = new URL(file, import.meta.url).href;
	const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
	return new Worker(boot, { eval: true, workerData, resourceLimits });
}

/**
 * The SHA-256 of a file, read on this thread's event loop (between the writer's chunks) into one
 * reused buffer: a stream's fresh buffer per read would leave the whole file as garbage on a thread
 * that rarely collects (peak memory is one of the import's targets).
 */
async function sha256OfFile(path: string): Promise<string> {
	const hash = createHash('sha256');
	const buffer = Buffer.allocUnsafe(1 << 20);
	const file = await open(path, 'r');
	try {
		for (;;) {
			const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
			if (bytesRead === 0) break;
			hash.update(buffer.subarray(0, bytesRead));
		}
	} finally {
		await file.close();
	}
	return hash.digest('hex');
}

/**
 * analyseStatement, with the parsing done in a worker thread: the sink's calls happen here, in
 * order, as chunks arrive. Sources that are not files (bytes in memory) are parsed in this thread.
 */
export async function analyseInWorker(source: StatementSource, options: AnalyseOptions): Promise<ImportPlan> {
	const sink = options.sink;
	if (!source.path || !sink) return analyseStatement(source, options);
	const { sink: _sink, db: _db, workspaceId: _ws, ...rest } = options;
	void _sink, _db, _ws;
	const control = new SharedArrayBuffer(8);
	const cells = new Int32Array(control);
	// The file's SHA-256 is taken here, while this thread waits for the worker's chunks, so the
	// worker (the busier thread of a big import) does not pay for it.
	const request: ParseRequest = { path: source.path, name: source.name, options: { ...rest, hashFile: false }, control };
	const digest = sha256OfFile(source.path);
	// A read error is reported when the plan is done (the worker's own read fails first, as a rule).
	digest.catch(() => {});
	const worker = startWorker(request);
	// The worker's vocabularies (codes of months, currencies, streams) as received so far; a new
	// reading of the file (another encoding) starts them again, and so does this store.
	let store = new RowStore();
	return new Promise<ImportPlan>((resolve, reject) => {
		let settled = false;
		const fail = (e: unknown) => {
			if (settled) return;
			settled = true;
			Atomics.store(cells, ABORTED, 1);
			Atomics.notify(cells, CONSUMED);
			void worker.terminate();
			reject(e);
		};
		worker.on('message', (m: WorkerMessage) => {
			if (settled) return;
			try {
				if (m.type === 'start') {
					store = new RowStore();
					sink.start(m.plan);
				}
				else if (m.type === 'rows') {
					store.load(m.data);
					if (!sink.rows(store, m.last)) throw new Error('The writer did not take the rows it was sent.');
					Atomics.add(cells, CONSUMED, 1);
					Atomics.notify(cells, CONSUMED);
				} else if (m.type === 'done') {
					settled = true;
					void worker.terminate();
					resolve(m.plan.fatal ? m.plan : digest.then((sha256) => ({ ...m.plan, sha256 })));
				} else {
					const e = new Error(m.message);
					if (m.stack) e.stack = m.stack;
					fail(e);
				}
			} catch (e) {
				fail(e);
			}
		});
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`The parse worker stopped (exit code ${code}) before the end of the file.`)));
	});
}
