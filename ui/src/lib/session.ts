// Who is logged in, as far as the screens need it: what the user's role allows. The service checks every
// permission anyway; this only keeps the window from offering a button that will be refused.
import { derived, writable } from 'svelte/store';
import type { Permission } from './bindings/Permission';

export const permissions = writable<ReadonlySet<Permission>>(new Set());

/** `$can('exchange')`: whether the logged-in user may do it. */
export const can = derived(permissions, (granted) => (what: Permission) => granted.has(what));

export function grant(list: readonly Permission[]): void {
  permissions.set(new Set(list));
}

/** A tab another part of the window asks the main screen to open (the header's "Tài khoản & an toàn"). */
export const requestedTab = writable<string | null>(null);

/** The screen the main window shows (a tab, or the accounts or statistics page) and its name, for the header's help. */
export const shownScreen = writable<{ id: string; title: string } | null>(null);

/** True when the office has no backup or the last is over a week old; cleared by a backup made in the window. */
export const backupDue = writable(false);

/** True when an administrator could print the office's recovery sheet and none is in force. */
export const recoverySheetDue = writable(false);

/** True while the open office is demo data: the header says so and offers to leave it for a real office. */
export const isDemo = writable(false);
