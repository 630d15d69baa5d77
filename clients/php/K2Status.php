<?php
/*
 * Client for the K2Orleans status socket (docs: contracts.md section 3).
 *
 *   $k2 = new K2Status();                              // 127.0.0.1:7070
 *   $k2 = new K2Status('/run/k2orleans/status.sock');  // Unix socket
 *   $status = $k2->status();                           // ['ok' => true, 'running' => ..., 'jobs' => [...]]
 *   $poller = K2Status::wordpress($status);            // ['enabled' => .., 'last_poll_at' => .., 'last_error' => ..] or null
 *
 * Every call opens a connection, sends one request line, reads one answer line and closes, all
 * within the timeout, so a stuck or missing daemon never hangs a page for longer than that.
 */

declare(strict_types=1);

/** The daemon could not be reached in time, or it answered something that is not the status protocol. */
class K2StatusException extends RuntimeException
{
}

final class K2Status
{
    /** Answers are one short JSON line; anything far longer is not the status protocol. */
    private const MAX_ANSWER_BYTES = 1048576;

    private string $address;
    private float $timeout;

    /**
     * @param string $hostOrSocket IP address or host name, or a Unix socket path (starting with '/' or 'unix://')
     * @param int    $port         TCP port; ignored for a Unix socket
     * @param float  $timeout      seconds for the whole call: connecting, asking and reading the answer
     */
    public function __construct(string $hostOrSocket = '127.0.0.1', int $port = 7070, float $timeout = 2.0)
    {
        if (!($timeout > 0)) {
            throw new InvalidArgumentException("K2Status: timeout must be more than 0 seconds, got $timeout");
        }
        $this->timeout = $timeout;

        if (str_starts_with($hostOrSocket, 'unix://')) {
            $this->address = $hostOrSocket;
        } elseif (str_starts_with($hostOrSocket, '/')) {
            $this->address = 'unix://' . $hostOrSocket;
        } else {
            if ($hostOrSocket === '' || $port < 1 || $port > 65535) {
                throw new InvalidArgumentException("K2Status: need a host and a port 1..65535, got '$hostOrSocket' and $port");
            }
            $host = str_contains($hostOrSocket, ':') && !str_starts_with($hostOrSocket, '[')
                ? '[' . $hostOrSocket . ']'
                : $hostOrSocket;
            $this->address = "tcp://$host:$port";
        }
    }

    /** @return array{ok: bool, pong?: bool, running?: bool} 'running' tells whether the cluster is up. */
    public function ping(): array
    {
        return $this->request('PING');
    }

    /** @return array the STATUS answer: ok, running, degraded (when present), uptime_s, silos, jobs, wordpress (or ok false with error and message) */
    public function status(): array
    {
        return $this->request('STATUS');
    }

    /**
     * The STATUS answer's "wordpress" field (contracts.md section 3): whether the daemon polls the WordPress database,
     * when its last poll ended, and why that poll failed.
     *
     * @param array $status a status() answer
     * @return array{enabled: bool, last_poll_at: ?string, last_error: ?string}|null null when the answer has no usable
     *               field: a daemon older than the field says nothing about its poller, and that is not the same as
     *               "healthy" or "not polling"
     */
    public static function wordpress(array $status): ?array
    {
        $field = $status['wordpress'] ?? null;
        if (!is_array($field) || !is_bool($field['enabled'] ?? null)) {
            return null;
        }
        $text = static fn(mixed $value): ?string => is_string($value) && $value !== '' ? $value : null;
        return [
            'enabled' => $field['enabled'],
            'last_poll_at' => $text($field['last_poll_at'] ?? null),
            'last_error' => $text($field['last_error'] ?? null),
        ];
    }

    /**
     * The STATUS answer's "degraded" field (contracts.md section 3): why part of the answer is the last one known
     * (e.g. "the membership database is unreachable") while the cluster runs and renders. Show the page as running
     * with this warning, not as down.
     *
     * @param array $status a status() answer
     * @return string|null null when the answer is fresh, or comes from a daemon older than the field
     */
    public static function degraded(array $status): ?string
    {
        $reason = $status['degraded'] ?? null;
        return is_string($reason) && $reason !== '' ? $reason : null;
    }

    /**
     * @return array ['ok' => true, 'job' => [...]]; an unknown id gives ['ok' => false, 'error' => 'not_found', ...]
     *               and a cluster that does not answer in time ['ok' => false, 'error' => 'unavailable', ...]
     */
    public function job(string $id): array
    {
        if (preg_match('/\A[A-Za-z0-9._-]{1,200}\z/D', $id) !== 1) {
            throw new InvalidArgumentException(
                "K2Status: '$id' is not a job id (letters, digits, '-', '_' and '.', at most 200)");
        }
        return $this->request('JOB ' . $id);
    }

    /** Sends one request line and returns the decoded answer line. */
    private function request(string $line): array
    {
        $deadline = microtime(true) + $this->timeout;
        $errno = 0;
        $errstr = '';
        $stream = @stream_socket_client($this->address, $errno, $errstr, $this->timeout);
        if ($stream === false) {
            throw new K2StatusException(
                "K2 status daemon not reachable at {$this->address}: " . ($errstr !== '' ? $errstr : "error $errno"));
        }

        try {
            $this->armTimeout($stream, $deadline, $line);
            if (@fwrite($stream, $line . "\n") === false) {
                throw new K2StatusException("K2 status daemon at {$this->address} closed the connection before '$line' was sent");
            }

            $answer = '';
            while (!str_contains($answer, "\n")) {
                $this->armTimeout($stream, $deadline, $line);
                $chunk = @fread($stream, 8192);
                if ($chunk === false || $chunk === '') {
                    if (stream_get_meta_data($stream)['timed_out']) {
                        throw $this->noAnswer($line);
                    }
                    if (feof($stream)) {
                        throw new K2StatusException(
                            "K2 status daemon at {$this->address} closed the connection without answering '$line'");
                    }
                    continue;
                }
                $answer .= $chunk;
                if (strlen($answer) > self::MAX_ANSWER_BYTES) {
                    throw new K2StatusException(
                        "K2 status daemon at {$this->address} answered garbage: more than 1 MiB without a line end");
                }
            }
        } finally {
            fclose($stream);
        }

        return $this->decode(substr($answer, 0, strpos($answer, "\n")));
    }

    /** Gives the next read only the time left of the whole call. */
    private function armTimeout($stream, float $deadline, string $line): void
    {
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            throw $this->noAnswer($line);
        }
        $seconds = (int) floor($left);
        stream_set_timeout($stream, $seconds, (int) (($left - $seconds) * 1000000));
    }

    private function noAnswer(string $line): K2StatusException
    {
        return new K2StatusException(
            "K2 status daemon at {$this->address} did not answer '$line' within {$this->timeout} s");
    }

    private function decode(string $json): array
    {
        $answer = json_decode(rtrim($json, "\r"), true, 64);
        if (!is_array($answer) || !isset($answer['ok']) || !is_bool($answer['ok'])) {
            $shown = substr($json, 0, 80);
            throw new K2StatusException(
                "K2 status daemon at {$this->address} answered garbage: '" . addcslashes($shown, "\0..\37\177..\377") . "'");
        }
        return $answer;
    }
}
