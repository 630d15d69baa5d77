// Every test runs three silo processes on a two-core machine: one test at a time, or membership timeouts flake.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
