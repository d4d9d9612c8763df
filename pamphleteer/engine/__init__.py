"""The build engine: the recipe (pipeline), what is stale (incremental, quick), the checks and the runner."""
