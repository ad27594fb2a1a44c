// The format of the recorded histories: the History proto, binary, in base64, inside a small JSON file
// that also lists the event types for a reader. Not the proto3 JSON of `historyToJSON`/`historyFromJSON`:
// in the installed SDK those fail ("type must be a Type": @temporalio/common and @temporalio/proto each
// carry their own protobufjs copy), while binary encoding goes through one copy only.
import { temporal } from '@temporalio/proto';

const History = temporal.api.history.v1.History;

interface HistoryFile {
  format: 'temporal-history-proto-base64';
  name: string;
  /** The original workflow id: child ids derive from it, so replay must use it. */
  workflowId: string;
  workflowType: string;
  eventTypes: string[];
  proto: string;
}

export function encodeHistoryFile(name: string, workflowId: string, history: temporal.api.history.v1.IHistory): string {
  const message = History.fromObject(History.toObject(history as temporal.api.history.v1.History, { longs: String }));
  const events = message.events ?? [];
  const file: HistoryFile = {
    format: 'temporal-history-proto-base64',
    name,
    workflowId,
    workflowType: events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown',
    eventTypes: events.map((e) => temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)),
    proto: Buffer.from(History.encode(message).finish()).toString('base64'),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

export function decodeHistoryFile(text: string): { workflowId: string; history: temporal.api.history.v1.History } {
  const file = JSON.parse(text) as HistoryFile;
  if (file.format !== 'temporal-history-proto-base64') throw new Error(`${file.name}: unknown history format ${String(file.format)}`);
  return { workflowId: file.workflowId, history: History.decode(Buffer.from(file.proto, 'base64')) };
}
