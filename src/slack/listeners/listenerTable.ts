/**
 * Several listeners of one kind (the buttons on the app's messages, the modals' submissions, the
 * events) behind one Bolt listener. Bolt runs every registered listener's middleware on every
 * request to test its constraints, so each listener registered costs every Slack request a few
 * microseconds, a slash command included (docs/decisions/slack-listener-tables.md). Registered with
 * `ids`, a RegExp that matches exactly the ids in the table (Bolt's documented constraint), Bolt
 * lets through only the requests one of them would have taken, and `listener` hands each to its
 * own listener by id. Each listener still lives in its own file.
 */
export function listenerTable<Args>(
  listeners: Readonly<Record<string, (args: Args) => Promise<void>>>,
  idOf: (args: Args) => string,
): { ids: RegExp; listener: (args: Args) => Promise<void> } {
  const byId = new Map(Object.entries(listeners));
  return {
    ids: new RegExp(`^(?:${[...byId.keys()].map(escapeForRegExp).join('|')})$`),
    listener: async (args) => {
      await byId.get(idOf(args))?.(args);
    },
  };
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
