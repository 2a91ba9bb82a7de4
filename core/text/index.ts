// The one dictionary of screen text, one section per app (each app's section in its own file,
// so work on one app does not collide with another). Error texts live in core/i18n.ts.
import { common } from './common.ts';

export const ui = { common } as const;
