<?php
// Test driver for K2Status: php k2-ask.php <K2Status.php> <host or socket path> <port> <timeout s> <ping|status|job> [job id]
// Prints one JSON line: {"answer": ...} or {"exception": ..., "message": ...}, plus "seconds" the call took.

declare(strict_types=1);

require $argv[1];

[, , $where, $port, $timeout, $command] = $argv;
$client = new K2Status($where, (int) $port, (float) $timeout);
$started = microtime(true);
try {
    $result = ['answer' => match ($command) {
        'ping' => $client->ping(),
        'status' => $client->status(),
        'job' => $client->job($argv[6]),
    }];
} catch (K2StatusException $e) {
    $result = ['exception' => get_class($e), 'message' => $e->getMessage()];
}
$result['seconds'] = microtime(true) - $started;
echo json_encode($result), "\n";
