// `node services/projector/src/rebuild.ts`: rebuilds the journey read models
// from the event store (see rebuild-command.ts for the variables). The
// rebuild itself is the projection kit's rebuildProjections.
// No top-level await: rebuild-command imports modules that must finish evaluating first.
if (import.meta.main) {
  import('./rebuild-command.ts')
    .then(({ runRebuildCommand }) => runRebuildCommand(process.env))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error('rebuild failed:', error);
        process.exitCode = 1;
      },
    );
}
