import { ExampleChecks } from './built-example';
import { aspnetMssql } from './aspnet-mssql';
import { flaskRedis } from './flask-redis';
import { minecraft } from './minecraft';
import { nextcloudPostgres } from './nextcloud-postgres';
import { nginxFlaskMongo } from './nginx-flask-mongo';
import { nginxFlaskMysql } from './nginx-flask-mysql';
import { nginxGolangPostgres } from './nginx-golang-postgres';
import { nginxNodejsRedis } from './nginx-nodejs-redis';
import { postgresqlPgadmin } from './postgresql-pgadmin';
import { springPostgres } from './spring-postgres';

/** Per folder of examples/: its exact warnings and the exact fragments of its output test/examples.test.ts checks. */
export const exampleFragments: Record<string, ExampleChecks> = {
  'aspnet-mssql': aspnetMssql,
  'flask-redis': flaskRedis,
  minecraft,
  'nextcloud-postgres': nextcloudPostgres,
  'nginx-flask-mongo': nginxFlaskMongo,
  'nginx-flask-mysql': nginxFlaskMysql,
  'nginx-golang-postgres': nginxGolangPostgres,
  'nginx-nodejs-redis': nginxNodejsRedis,
  'postgresql-pgadmin': postgresqlPgadmin,
  'spring-postgres': springPostgres,
};
