/**
 * A workspace's own presets: the wizard's column mapping saved under a name (import_presets),
 * used like a built-in preset next time ("ws:<id>" in preset pickers and the CLI's --preset).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { importPresets } from '../db/schema/index';
import { presetById } from './presets/index';
import type { PresetDefinition } from './types';

export interface SavedPreset {
	id: number;
	name: string;
	definition: PresetDefinition;
}

export function listSavedPresets(db: DB, workspaceId: number): SavedPreset[] {
	return db
		.select()
		.from(importPresets)
		.where(eq(importPresets.workspaceId, workspaceId))
		.orderBy(asc(importPresets.name))
		.all()
		.map((r) => ({ id: r.id, name: r.name, definition: JSON.parse(r.definitionJson) as PresetDefinition }));
}

/** Save (or replace, by name) a mapping as a workspace preset. Returns its id. */
export function savePreset(db: DB, workspaceId: number, name: string, definition: PresetDefinition): number {
	const clean = name.trim().slice(0, 80);
	if (!clean) throw new Error('a preset needs a name');
	const def: PresetDefinition = { ...definition, label: clean };
	const json = JSON.stringify(def);
	const existing = db
		.select({ id: importPresets.id })
		.from(importPresets)
		.where(and(eq(importPresets.workspaceId, workspaceId), eq(importPresets.name, clean)))
		.get();
	if (existing) {
		db.update(importPresets).set({ definitionJson: json }).where(eq(importPresets.id, existing.id)).run();
		return existing.id;
	}
	return db.insert(importPresets).values({ workspaceId, name: clean, definitionJson: json, createdAt: new Date().toISOString() }).returning({ id: importPresets.id }).get().id;
}

/** The id in a saved preset's choice ("ws:12", or "12" as the import page's delete form sends it), or null. */
export function savedPresetId(choice: string): number | null {
	const m = /^(?:ws:)?(\d{1,15})$/.exec(choice);
	const id = m ? Number(m[1]) : 0;
	return id > 0 ? id : null;
}

/**
 * Delete one of the workspace's presets. Batches imported with it keep their "ws:<id>" as
 * provenance. Returns the deleted preset's name, or null when the workspace has no such preset.
 */
export function deleteSavedPreset(db: DB, workspaceId: number, id: number): string | null {
	const row = db
		.delete(importPresets)
		.where(and(eq(importPresets.workspaceId, workspaceId), eq(importPresets.id, id)))
		.returning({ name: importPresets.name })
		.get();
	return row?.name ?? null;
}

/**
 * Resolve a preset choice: 'auto', a built-in id, or 'ws:<id>' for a saved one (with the saved
 * preset's id kept as `ws:<id>` so batches say where their layout came from).
 */
export function resolvePresetChoice(db: DB, workspaceId: number, choice: string | undefined): 'auto' | PresetDefinition | undefined {
	if (!choice || choice === 'auto') return 'auto';
	if (choice.startsWith('ws:')) {
		const id = savedPresetId(choice);
		const saved = listSavedPresets(db, workspaceId).find((p) => p.id === id);
		return saved ? { ...saved.definition, id: `ws:${saved.id}` } : undefined;
	}
	return presetById(choice);
}
