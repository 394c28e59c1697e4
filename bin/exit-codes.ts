/** Process exit codes of `flowc`, the same for every command. */
export const EXIT_OK = 0;
/** Errors in the input (diagnostics of severity error, a failing trace). */
export const EXIT_FAILED = 1;
/** Bad usage: unknown option, missing argument, unreadable path. */
export const EXIT_USAGE = 2;
/** What read the output stopped reading (`flowc simulate --json | head`): 128 + SIGPIPE, as a shell reports a tool the pipe ended. */
export const EXIT_BROKEN_PIPE = 141;
