// The bench's first reference: a handler that imports nothing, bundled like the product functions.
export const handler = async () => ({ statusCode: 200, body: "hello" });
