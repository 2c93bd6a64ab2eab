/**
 * Records the commands an AWS SDK v3 client sends, through the SDK's own middleware stack:
 * each command's name and input are kept, and the answer comes from `respond` instead of the
 * network (an Error is thrown as the service would).
 */
export interface RecordedCommand {
  command: string;
  input: Record<string, unknown>;
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (next: unknown, context: { commandName?: string }) => (args: { input: unknown }) => Promise<unknown>,
      options: { step: "initialize"; name: string; priority: "high" },
    ): void;
  };
}

export function recordCommands(client: unknown, respond: (command: string, input: Record<string, unknown>) => object | Error = () => ({})): RecordedCommand[] {
  const calls: RecordedCommand[] = [];
  (client as MiddlewareClient).middlewareStack.add(
    (_next, context) => async (args) => {
      const command = context.commandName ?? "unknown";
      const input = args.input as Record<string, unknown>;
      calls.push({ command, input });
      const answer = respond(command, input);
      if (answer instanceof Error) throw answer;
      return { output: { $metadata: { httpStatusCode: 200 }, ...answer }, response: {} };
    },
    { step: "initialize", name: "recordCommands", priority: "high" },
  );
  return calls;
}
