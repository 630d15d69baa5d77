// Each test class starts its own silos; run them one at a time so two-core machines do not
// turn Orleans' membership timeouts into flaky failures.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
