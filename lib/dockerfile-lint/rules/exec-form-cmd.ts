import { DockerfileRule, tiers } from '../rule';
import { isExecForm, lineage, lineOf } from '../stages';
import { builtStages } from '../users';

export const execFormCmd: DockerfileRule = {
  id: 'exec-form-cmd',
  summary: '`CMD` and `ENTRYPOINT` of the stages a service runs are in exec form (a JSON array)',
  rationale: 'The shell form runs `/bin/sh -c "<command>"`: the shell is PID 1 and does not pass SIGTERM on, so `docker compose down` and a Kubernetes rollout wait out the grace period and kill the process instead of letting it shut down cleanly. It also needs a shell in the image.',
  fix: 'write it as a JSON array: `CMD ["node", "server.js"]` (a real shell pipeline: `CMD ["sh", "-c", "exec …"]`)',
  severity: tiers('warning', 'warning', 'error'),
  check(subject) {
    const stages = new Set(builtStages(subject).flatMap(({ stage }) => lineage(stage)));
    return [...stages].sort((a, b) => a.index - b.index).flatMap(stage => stage.instructions
      .filter(i => (i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT') && !isExecForm(i) && (i.getArgumentsContent() ?? '') !== '')
      .map(instruction => ({
        line: lineOf(instruction),
        message: `${instruction.getKeyword()} ${instruction.getArgumentsContent()} is in shell form: /bin/sh -c is PID 1 and does not pass SIGTERM on, so the container is killed at the stop timeout instead of shutting down`,
        fix: `${instruction.getKeyword()} ${JSON.stringify(instruction.getArguments().map(a => a.getValue())).replace(/","/g, '", "')}`,
      })));
  },
};
