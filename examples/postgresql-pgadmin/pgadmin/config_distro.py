# What pgAdmin's entrypoint writes into /pgadmin4/config_distro.py on its first start, given here instead: the
# file is mounted read-only and is not empty, so the entrypoint leaves it alone (PGADMIN_CONFIG_* variables are
# then ignored: put such settings here, one `NAME = value` line each).
CA_FILE = '/etc/ssl/certs/ca-certificates.crt'
LOG_FILE = '/dev/null'
HELP_PATH = '../../docs'
DEFAULT_BINARY_PATHS = {
    'pg': '/usr/local/pgsql-16',
    'pg-16': '/usr/local/pgsql-16',
}
