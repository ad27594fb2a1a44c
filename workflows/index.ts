// Every workflow the worker runs. The worker bundles this file.
export { systemCheck } from './system-check';
export { candidateJourney } from './journey';
export { blockJourney } from './block';
export { bulkOperation } from './bulk-operation';
export { juryDigests } from './digest';
export { cpfDeclarationDeadline } from './cpf-declaration';
export { retentionRun } from './retention';
