// Routes the Temporal SDK's own logs (worker state, activity failures) into our structured logger.
import { Runtime, type LogLevel as SdkLevel } from '@temporalio/worker';
import type { Logger } from './logger';

export function installTemporalLogging(log: Logger): void {
  const forward = (level: SdkLevel, message: string, meta?: Record<string, unknown>) => {
    const fields = { ...(meta ?? {}), component: 'temporal-sdk' };
    if (level === 'ERROR') log.error(message, fields);
    else if (level === 'WARN') log.warn(message, fields);
    else if (level === 'INFO') log.info(message, fields);
    else log.debug(message, fields);
  };
  Runtime.install({
    logger: {
      log: forward,
      trace: (m, meta) => forward('TRACE', m, meta),
      debug: (m, meta) => forward('DEBUG', m, meta),
      info: (m, meta) => forward('INFO', m, meta),
      warn: (m, meta) => forward('WARN', m, meta),
      error: (m, meta) => forward('ERROR', m, meta),
    },
  });
}
