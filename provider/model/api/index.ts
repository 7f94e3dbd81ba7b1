export * from "./common";
export * from "./domain";
export * from "./integration";
export * from "./member";
export * from "./organization";
export * from "./routes";
export * from "./workspace";
