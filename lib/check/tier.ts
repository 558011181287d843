import { Tier, TIERS } from './policies/check';

const ALIASES: Readonly<Record<string, Tier>> = {
  development: 'dev', local: 'dev', test: 'dev',
  stage: 'staging', stg: 'staging', qa: 'staging', preprod: 'staging', uat: 'staging',
  production: 'prod', prd: 'prod', live: 'prod',
};

/**
 * The tier of an environment from its folder name in dist/: a tier's name or a common alias (`production`), alone
 * or as a dash-separated part (`prod-eu`, `eu-staging`); any other name is checked as prod, the strictest tier,
 * so that nothing is waved through by a name. `--tier <env>=<tier>` says otherwise.
 */
export function tierOf(environment: string): Tier {
  const parts = [environment, ...environment.split('-')];
  for (const part of parts) {
    if ((TIERS as readonly string[]).includes(part)) return part as Tier;
    if (ALIASES[part]) return ALIASES[part]!;
  }
  return 'prod';
}
