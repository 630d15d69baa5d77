// Each class runs an Orleans cluster, php-cli and renders images; on a small shared machine the timing checks
// (cancel within 10 s) stay meaningful only when classes do not compete with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
