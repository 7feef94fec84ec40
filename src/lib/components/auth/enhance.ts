/**
 * Progressive enhancement for the sign-in and sign-up forms: while a request is out the form is
 * busy; on an answer the typed fields stay (so a typo in the email is not lost), but the password
 * field is always emptied.
 */
import type { SubmitFunction } from '@sveltejs/kit';

export function keepFieldsClearPassword(setBusy: (busy: boolean) => void): SubmitFunction {
	return ({ formElement }) => {
		setBusy(true);
		return async ({ update }) => {
			await update({ reset: false });
			const password = formElement.elements.namedItem('password');
			if (password instanceof HTMLInputElement) password.value = '';
			setBusy(false);
		};
	};
}
