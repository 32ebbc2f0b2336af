// The part of better-sqlite3's API the SQLite baseline uses (the package ships no types,
// and the baseline is the only user, so @types/better-sqlite3 is not worth a dependency).
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
  }
  interface Database {
    prepare(sql: string): Statement;
    exec(sql: string): Database;
    pragma(source: string, options?: { simple?: boolean }): unknown;
    transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
    close(): void;
  }
  const Database: new (path: string) => Database;
  export default Database;
}
