// See https://svelte.dev/docs/kit/types#app.d.ts
import type { WorkspaceContext } from '$lib/server/auth/guard';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: { id: number; email: string } | null;
			/** The current workspace, resolved through membership; null when the user has none. */
			workspace: WorkspaceContext | null;
			sessionToken: string | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
