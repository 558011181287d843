/** What an environment renders. */
export enum Target {
  COMPOSE = 'compose',
  KUBERNETES = 'kubernetes',
}

/** Policy tier of an environment: decides which problems are errors and which are warnings. */
export type Tier = 'dev' | 'staging' | 'prod';
