/** Process exit codes of `flowc`, the same for every command. */
export const EXIT_OK = 0;
/** Errors in the input (diagnostics of severity error, a failing trace). */
export const EXIT_FAILED = 1;
/** Bad usage: unknown option, missing argument, unreadable path. */
export const EXIT_USAGE = 2;
