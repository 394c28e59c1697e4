/**
 * `flowc simulate --json | head`: once `head` has its lines it closes the
 * pipe, and the next write fails with EPIPE, which Node reports as an
 * unhandled 'error' event: a stack trace after output the user asked to
 * cut short. Stop quietly instead, as command-line tools do; other write
 * errors stay errors.
 */
import { EXIT_BROKEN_PIPE } from './exit-codes.js';

export function exitQuietlyOnBrokenPipe(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(EXIT_BROKEN_PIPE);
    });
  }
}
