import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

/*
 * Bolt runs the filters of every registered listener on every request, and builds a fresh set of
 * arguments for each: with a listener per button, modal and event (17), that was a quarter of a
 * slash command's time in the benchmark's profile. So each kind of request has one Bolt listener,
 * which hands it to its own listener (one per file, as before) by id.
 */

export type ButtonListener = (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => Promise<void>;
export type ModalSubmissionListener = (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => Promise<void>;
type EventListener<Name extends string> = (args: SlackEventMiddlewareArgs<Name> & AllMiddlewareArgs) => Promise<void>;

function ownEntry<Value>(table: Readonly<Record<string, Value>>, key: string): Value | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Every button of the app's messages, views and Home tab, by `action_id`; anything else is acknowledged and left. */
export function routeButtons(listeners: Readonly<Record<string, ButtonListener>>) {
  return async (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    const listener = ownEntry(listeners, args.action.action_id);
    // The app's messages and views hold buttons only; their clicks are what these listeners read.
    if (listener) return listener(args as SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs);
    await args.ack();
  };
}

/** Every modal's submission, by `callback_id`; an unknown one is acknowledged, which closes it. */
export function routeModalSubmissions(listeners: Readonly<Record<string, ModalSubmissionListener>>) {
  return async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const listener = ownEntry(listeners, args.view.callback_id);
    if (listener) return listener(args);
    await args.ack();
  };
}

/**
 * The Events API callbacks the app subscribes to, by type. Bolt has already acknowledged each; a
 * retry of one (Slack resends when the acknowledgement was late) was handled the first time.
 */
export function routeEvents<Names extends string>(listeners: { [Name in Names]: EventListener<Name> }) {
  const pattern = new RegExp(`^(?:${Object.keys(listeners).join('|')})$`);
  const listener = async (args: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (args.context.retryNum !== undefined) return;
    // The pattern lets through only the types in the table, each to the listener written for it.
    const handle = ownEntry(listeners as unknown as Record<string, (eventArgs: typeof args) => Promise<void>>, args.event.type);
    if (handle) await handle(args);
  };
  return { pattern, listener };
}
