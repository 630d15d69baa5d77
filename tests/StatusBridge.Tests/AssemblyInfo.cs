// The server tests measure answer times and hold up to 200 sockets; on a small shared machine they
// stay meaningful only when they do not compete with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
