// A minimal leveled logger; the seam where structured logging (pino) plugs in when the server grows.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(`warn: ${message}`),
  error: (message, err) => console.error(`error: ${message}`, err ?? ''),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
