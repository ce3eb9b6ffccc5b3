// Who is logged in, as far as the screens need it: whether to offer what only an administrator may do. The
// service checks every permission anyway; this only keeps the window from offering a button that will be refused.
import { writable } from 'svelte/store';

export const isAdmin = writable(false);
